"""An overview of a large canvas in a corner of the view: lanes, cards as coloured blocks and
the visible part as a frame; a click or drag there moves the view. It stays see-through until
the mouse is over it, so the cards under it can still be read.

The blocks are drawn from the cards' plain places (card_place.py) and the colours of
minimap_colours.py, not from card items and their faces: on a large plan the first drawing would
otherwise make every item and every face."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QEnterEvent, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsView, QWidget

from .minimap_colours import ORPHAN, MiniMapColours
from .scene import CanvasScene
from .theme import CARD_WIDTH

LARGEST = (220, 150)  # pixels, and never more than these shares of the view:
WIDTH_SHARE, HEIGHT_SHARE = 0.2, 0.25
SMALLEST = (90, 50)
SHOW_ABOVE = 40  # cards
RESTING, HOVERED = 0.45, 0.95  # opacity
MARGIN = 10  # from the corner of the view


class MiniMap(QWidget):
    """Sits in the bottom right corner of `view`, which shows `scene`."""

    view_moved = Signal()  # a click or drag here moved the view

    def __init__(self, view: QGraphicsView, scene: CanvasScene) -> None:
        super().__init__(view)
        self.view = view
        self.canvas_scene = scene
        self.setFixedSize(*LARGEST)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("Overview: click or drag to move the canvas"))
        self._picture = QPixmap()
        self._redraw = QTimer(self, singleShot=True, interval=300)
        self._redraw.timeout.connect(self.redraw)
        self.colours = MiniMapColours(scene.document, self)
        self.hovered = False
        self.needed = False  # the canvas is large enough to need an overview
        self.wanted = True  # the planner has not hidden it (View > Mini-map)

    def set_needed(self, needed: bool) -> None:
        self.needed = needed
        self._show_or_hide()

    def set_wanted(self, wanted: bool) -> None:
        self.wanted = wanted
        self._show_or_hide()

    def _show_or_hide(self) -> None:
        shown = self.needed and self.wanted
        self.setVisible(shown)
        if shown:
            self.schedule()

    @property
    def blank(self) -> bool:
        return self._picture.isNull()

    def schedule(self) -> None:
        self._redraw.start()

    def _scale(self) -> tuple[float, QPointF]:
        rect = self.view.sceneRect()
        if rect.width() <= 0 or rect.height() <= 0:
            return 1.0, QPointF()
        scale = min((self.width() - 8) / rect.width(), (self.height() - 8) / rect.height())
        offset = QPointF((self.width() - rect.width() * scale) / 2,
                         (self.height() - rect.height() * scale) / 2)
        return scale, offset

    def redraw(self) -> None:
        """Draw lanes and cards as blocks, once the cards' colours are known (on a large plan,
        a batch at a time between events: the picture before stays until then)."""
        self.colours.fill(list(self.canvas_scene.cards.places), self._draw)

    def _draw(self) -> None:
        scene = self.canvas_scene
        self.place()
        picture = QPixmap(self.size())
        picture.fill(QColor(scene.theme.background))
        scale, offset = self._scale()
        painter = QPainter(picture)
        for item in scene.lane_items.values():
            lane = item.lane
            painter.fillRect(QRectF(offset.x(), offset.y() + lane.top * scale,
                                    scene.lanes.width * scale, lane.height * scale),
                             scene.theme.lane_even if item.index % 2 == 0
                             else scene.theme.lane_odd)
        colours = {band: scene.theme.band(band) for band in ("green", "yellow", "red")}
        colours[ORPHAN] = scene.theme.orphan
        band_of = self.colours.band_of
        width = max(CARD_WIDTH * scale, 1.5)
        for objective_id, place in scene.cards.places.items():
            band = band_of.get(objective_id)
            if band is None:
                continue  # changed while its colour was worked out: drawn next time
            painter.fillRect(QRectF(offset.x() + place.x * scale, offset.y() + place.y * scale,
                                    width, max(place.height * scale, 1.5)), colours[band])
        painter.end()
        self._picture = picture
        self.update()

    def _fit_shape(self) -> bool:
        """Take the canvas's shape, so no corner of the view is covered for nothing, and stay
        small beside the view; True if the size changed."""
        rect = self.view.sceneRect()
        if rect.width() <= 0 or rect.height() <= 0:
            return False
        area = self.view.viewport().size()
        largest = (max(SMALLEST[0], min(LARGEST[0], round(area.width() * WIDTH_SHARE))) - 8,
                   max(SMALLEST[1], min(LARGEST[1], round(area.height() * HEIGHT_SHARE))) - 8)
        width, height = float(largest[0]), largest[0] * rect.height() / rect.width()
        if height > largest[1]:
            width, height = largest[1] * rect.width() / rect.height(), largest[1]
        size = (max(SMALLEST[0], round(width) + 8), max(SMALLEST[1], round(height) + 8))
        if size == (self.width(), self.height()):
            return False
        self.setFixedSize(*size)
        return True

    def place(self) -> None:
        """Keep to the bottom right corner of the view's visible area, at a size that suits it
        (a new size is drawn again shortly)."""
        if self._fit_shape() and not self._redraw.isActive() and not self.blank:
            self.schedule()
        area = self.view.viewport().geometry()
        self.move(area.right() - self.width() - MARGIN, area.bottom() - self.height() - MARGIN)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setOpacity(HOVERED if self.hovered else RESTING)
        painter.drawPixmap(0, 0, self._picture)
        painter.setOpacity(1.0)
        scale, offset = self._scale()
        seen = self.view.mapToScene(self.view.viewport().rect()).boundingRect()
        frame = QRectF(offset.x() + seen.x() * scale, offset.y() + seen.y() * scale,
                       seen.width() * scale, seen.height() * scale)
        painter.setPen(QPen(self.canvas_scene.theme.selected, 1.5))
        painter.drawRect(frame.intersected(QRectF(self.rect()).adjusted(1, 1, -1, -1)))
        painter.setPen(QPen(self.canvas_scene.theme.card_border, 1))
        painter.drawRect(QRectF(self.rect()).adjusted(0, 0, -1, -1))

    def enterEvent(self, event: QEnterEvent) -> None:
        self.hovered = True
        self.update()

    def leaveEvent(self, event: QEvent) -> None:
        self.hovered = False
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.view_moved.emit()
        self._jump(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._jump(event.position())

    def _jump(self, point: QPointF) -> None:
        scale, offset = self._scale()
        self.view.centerOn((point - offset) / scale)
