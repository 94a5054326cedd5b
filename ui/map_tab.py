"""The Map tab: the Graphviz alignment map of the shown cycle, zoomable, and its export.

Rendering runs off the GUI thread (the core runs Graphviz in a worker process with a time limit);
the tab shows a busy bar with Cancel, and a failure as a message, never a frozen window.
"""

from __future__ import annotations

import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBitmap,
    QColor,
    QImage,
    QPainter,
    QPen,
    QRegion,
    QResizeEvent,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtSvgWidgets import QGraphicsSvgItem
from PySide6.QtWidgets import (
    QCheckBox,
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from okrdesk.storage import ChangeSet

from .document import PlanDocument
from .panels.fields import label
from .workers import Job

if TYPE_CHECKING:
    from okrdesk.maps import MapRequest, MapResult

    from .panels.export_dialog import ExportChoice

RENDER_TIMEOUT_S = 120.0
PAGE_GAP = 40.0
PROBE_PIXELS = 1200.0
CROP_MARGIN = 24.0


def render_map(plan_path: Path, request: MapRequest, out_path: Path, *, timeout_s: float,
               cancel: threading.Event) -> MapResult:
    """The core's `render_map`, whose modules load when a map is first made."""
    from okrdesk.maps import render_map as render_in_core

    return render_in_core(plan_path, request, out_path, timeout_s=timeout_s, cancel=cancel)


def render(plan_path: Path, request: MapRequest, out_path: Path, timeout_s: float,
           cancel: threading.Event) -> MapResult:
    return render_map(plan_path, request, out_path, timeout_s=timeout_s, cancel=cancel)


def detail_pages(pages: list[Path]) -> list[Path]:
    """The SVG pages that hold cards: on screen the overview and index pages of a printed map
    (lists of titles and page numbers) would only stand beside the cards they list."""
    return [page for page in pages
            if page.suffix == ".svg" and '<g id="obj' in page.read_text("utf-8", "replace")]


def drawing_bounds(renderer: QSvgRenderer, page: QRectF) -> QRectF:
    """The part of a page that holds the drawing, found on a small white-background raster."""
    scale = min(1.0, PROBE_PIXELS / max(page.width(), page.height(), 1.0))
    image = QImage(max(1, int(page.width() * scale)), max(1, int(page.height() * scale)),
                   QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    mask = image.createMaskFromColor(QColor("white").rgb(), Qt.MaskMode.MaskInColor)
    found = QRegion(QBitmap.fromImage(mask)).boundingRect()
    if found.isEmpty():
        return page
    margin = CROP_MARGIN * scale
    box = QRectF(found).adjusted(-margin, -margin, margin, margin)
    box = QRectF(box.left() / scale, box.top() / scale, box.width() / scale, box.height() / scale)
    return box.intersected(page)


class MapView(QGraphicsView):
    """The map's pages, each cropped to its drawing, in the grid that shows them largest.

    Until the planner zooms, the view keeps the whole map fitted to its size, also when it is
    resized. The pages stay vector drawings, so they are sharp at any zoom. Ctrl+wheel zooms,
    dragging pans.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.frames: list[QGraphicsRectItem] = []
        self.fitted = True

    def show_pages(self, pages: list[Path]) -> int:
        """Show the pages (SVG files), fitted to the view."""
        self.scene().clear()
        self.frames = []
        for page in pages:
            item = QGraphicsSvgItem(str(page))
            drawn = drawing_bounds(item.renderer(), item.boundingRect())
            frame = QGraphicsRectItem(QRectF(0, 0, drawn.width(), drawn.height()))
            frame.setFlag(QGraphicsItem.GraphicsItemFlag.ItemClipsChildrenToShape)
            frame.setBrush(QColor("white"))
            frame.setPen(QPen(Qt.PenStyle.NoPen))
            item.setParentItem(frame)
            item.setPos(-drawn.left(), -drawn.top())
            self.scene().addItem(frame)
            self.frames.append(frame)
        self.fit()
        return len(pages)

    def fit(self) -> None:
        """Arrange the pages for the view's shape and show all of them as large as they fit."""
        self.fitted = True
        if not self.frames:
            return
        self.scene().setSceneRect(self._arrange())
        self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def zoom(self, factor: float) -> None:
        self.fitted = False
        self.scale(factor, factor)

    def _arrange(self) -> QRectF:
        """Place the pages row by row in the number of columns that shows them largest; the
        scene's rectangle is then exactly the pages (not the parts of them cropped away)."""
        sizes = [frame.rect().size() for frame in self.frames]
        view = self.viewport().size()
        best: tuple[float, list[QPointF], QRectF] | None = None
        for columns in range(1, len(sizes) + 1):
            places, box = grid([(s.width(), s.height()) for s in sizes], columns)
            scale = min(view.width() / box.width(), view.height() / box.height())
            if best is None or scale > best[0] * 1.01:
                best = (scale, places, box)
        assert best is not None
        for frame, place in zip(self.frames, best[1], strict=True):
            frame.setPos(place)
        return best[2]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fitted:
            self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
            event.accept()
        else:
            super().wheelEvent(event)


def grid(sizes: list[tuple[float, float]], columns: int) -> tuple[list[QPointF], QRectF]:
    """Top-left corners of boxes of `sizes` set row by row, `columns` to a row, and the box
    around them all."""
    widths = [max(w for w, _ in sizes[c::columns]) for c in range(min(columns, len(sizes)))]
    heights = [max(h for _, h in sizes[r:r + columns]) for r in range(0, len(sizes), columns)]
    lefts = [sum(widths[:c]) + PAGE_GAP * c for c in range(len(widths))]
    tops = [sum(heights[:r]) + PAGE_GAP * r for r in range(len(heights))]
    places = [QPointF(lefts[n % columns], tops[n // columns]) for n in range(len(sizes))]
    return places, QRectF(0, 0, lefts[-1] + widths[-1], tops[-1] + heights[-1])


class MapTab(QWidget):
    """`preview_ready(page_count)`, `exported(files)` and `failed(message)` report each render."""

    preview_ready = Signal(int)
    exported = Signal(list)
    failed = Signal(str)

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.job: Job | None = None
        self.timeout_s = RENDER_TIMEOUT_S
        self._stale = True
        self._started = 0.0
        self._folder = tempfile.TemporaryDirectory(prefix="okrdesk-map-")
        self._renders = 0
        # What the map highlights the differences from: a plan file, or a cycle of this plan.
        self.compare_file: Path | None = None
        self.compare_cycle: str | None = None
        self.refresh_button = QPushButton(self.tr("Refresh map"), self)
        self.focus_box = QCheckBox(self.tr("Only the selected objective's tree"), self)
        self.titles_box = QCheckBox(self.tr("Titles only"), self)
        self.fit_button = QPushButton(self.tr("Fit"), self)
        self.zoom_in_button = QPushButton("+", self)
        self.zoom_out_button = QPushButton("−", self)
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(160)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.status = label("", self, "mapStatus", wrap=True)
        self.view = MapView(self)
        bar = QHBoxLayout()
        left: list[QWidget] = [self.refresh_button, self.focus_box, self.titles_box]
        right: list[QWidget] = [self.busy, self.cancel_button, self.zoom_out_button,
                                self.zoom_in_button, self.fit_button, self.export_button]
        for widget in left:
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in right:
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        self._set_busy(False)
        self._ticker = QTimer(self, interval=250)
        self._ticker.timeout.connect(self._tick)
        self.refresh_button.clicked.connect(self.render_preview)
        self.focus_box.toggled.connect(lambda _on: self.render_preview())
        self.titles_box.toggled.connect(lambda _on: self.render_preview())
        self.fit_button.clicked.connect(self.view.fit)
        self.zoom_in_button.clicked.connect(lambda: self.view.zoom(1.25))
        self.zoom_out_button.clicked.connect(lambda: self.view.zoom(0.8))
        self.export_button.clicked.connect(self.ask_export)
        self.cancel_button.clicked.connect(self.cancel)
        document.changed.connect(self._plan_changed)
        document.cycle_changed.connect(lambda _cycle: self._went_stale())

    # -- requests ---------------------------------------------------------------------------

    def request(self, *, page: str = "poster", landscape: bool = True, detail: str = "full",
                fmt: str = "svg", focus_selected: bool = False,
                pages: bool = True) -> MapRequest:
        from okrdesk.maps import MapRequest  # as `render_map`: loaded when first asked for

        table, row_id = self.document.selected
        focus = None
        if focus_selected and table == "objectives" and row_id in self.document.snapshot.objectives:
            focus = row_id
        return MapRequest(cycle=self.document.cycle_id or None, focus=focus, page=page,
                          landscape=landscape, detail=detail, format=fmt, pages=pages,
                          compare=str(self.compare_file) if self.compare_file else None,
                          compare_cycle=self.compare_cycle)

    def compare_with(self, path: Path | None, cycle_id: str | None) -> None:
        """Highlight what differs from the plan at `path` or the cycle `cycle_id` of this
        plan (both None: nothing), from the next map drawn on."""
        self.compare_file, self.compare_cycle = path, cycle_id
        self._went_stale()

    def render_preview(self) -> Job:
        self._renders += 1
        out = Path(self._folder.name) / f"map-{self._renders}.svg"
        request = self.request(detail="titles" if self.titles_box.isChecked() else "full",
                               focus_selected=self.focus_box.isChecked())
        self._stale = False
        return self._start(request, out, self._preview_done, self.tr("Drawing the map…"))

    def ask_export(self) -> None:
        from .panels.export_dialog import ExportDialog  # on first use, as `render_map`

        table, _ = self.document.selected
        name = self.document.snapshot.setting("plan_name", self.document.plan.path.stem)
        suggestion = self.tr("{plan} map.pdf").format(plan=name)
        dialog = ExportDialog(self.document.plan.path.with_name(suggestion),
                              has_selection=table == "objectives", parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.export(dialog.choice()))
        dialog.open()

    def export(self, choice: ExportChoice) -> Job:
        request = self.request(page=choice.page, landscape=choice.landscape,
                               detail=choice.detail, fmt=choice.format,
                               focus_selected=choice.focus_selected, pages=False)
        return self._start(request, choice.path, self._export_done,
                           self.tr("Exporting the map to {name}…").format(name=choice.path.name))

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.job = None
        self._set_busy(False)
        self.status.setText(
            self.tr("Cancelled. The map shown may be out of date; Refresh draws it again."))
        self._stale = True

    # -- internals --------------------------------------------------------------------------

    def _start(self, request: MapRequest, out: Path, done: Callable[[MapResult], None],
               text: str) -> Job:
        if self.job is not None:
            self.job.cancel()
        plan_path, timeout_s = self.document.plan.path, self.timeout_s
        job = Job.stoppable(lambda cancel: render(plan_path, request, out, timeout_s, cancel),
                            self)
        job.succeeded.connect(done)
        job.failed.connect(self._failed)
        self.job = job
        self._started = time.monotonic()
        self._busy_text = text
        self.status.setObjectName("mapStatus")
        self.status.setText(text)
        self._set_busy(True)
        job.start()
        return job

    def _preview_done(self, result: MapResult) -> None:
        self._finish()
        pages = detail_pages(list(result.files))
        self.view.show_pages(pages)
        note = f" {'; '.join(result.warnings)}" if result.warnings else ""
        shown = (self.tr("Map of the shown cycle: {n} poster page.{note}")
                 if len(pages) == 1 else
                 self.tr("Map of the shown cycle: {n} poster pages.{note}"))
        text = shown.format(n=len(pages), note=note)
        if self.compare_file is not None or self.compare_cycle is not None:
            text += " " + self.tr("Coloured: what was added, re-aligned or changed since the "
                                  "plan or cycle compared with; the title lists the removed.")
        self.status.setText(text)
        self.preview_ready.emit(result.page_count)

    def _export_done(self, result: MapResult) -> None:
        self._finish()
        names = ", ".join(path.name for path in result.files)
        exported = (self.tr("Exported {n} page: {names}") if result.page_count == 1 else
                    self.tr("Exported {n} pages: {names}"))
        if result.files[0].suffix != ".pdf":
            exported = self.tr("Exported the whole map as one picture: {names}")
        self.status.setText(exported.format(n=result.page_count, names=names))
        self.exported.emit([str(path) for path in result.files])

    def _failed(self, message: str) -> None:
        self._finish()
        self.status.setText(self.tr("The map could not be drawn: {reason}").format(
            reason=message))
        self.failed.emit(message)

    def _finish(self) -> None:
        self.job = None
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.refresh_button.setEnabled(not busy)
        self.export_button.setEnabled(not busy)
        if busy:
            self._ticker.start() if hasattr(self, "_ticker") else None
        elif hasattr(self, "_ticker"):
            self._ticker.stop()

    def _tick(self) -> None:
        seconds = time.monotonic() - self._started
        self.status.setText(self.tr("{doing} {seconds} s").format(
            doing=self._busy_text, seconds=f"{seconds:.0f}"))

    def _went_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.render_preview()

    def _plan_changed(self, _changes: ChangeSet) -> None:
        self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and self.job is None:
            self.render_preview()

    def close_files(self) -> None:
        self.cancel()
        self._folder.cleanup()
