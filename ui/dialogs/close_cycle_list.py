"""The closing dialog's list of objectives, made for cycles of thousands: a scroll area whose
content is as high as every block the filter shows, but which holds widgets only for the blocks
near the view. The others are gaps of their height (measured once built, estimated before), so
the scroll bar, the wheel and the keys behave as over a list of real widgets. What is typed
lives in the entries, so a block dropped out of view is built again as it was."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QStyle, QWidget

from okrdesk.analytics.closing import ProposedKeyResult, ProposedObjective

from ..translation import tr
from .close_cycle_blocks import ObjectiveBlock
from .close_cycle_entries import ObjectiveEntry

SPACING = 6  # between blocks
KEPT_VIEWS = 2  # blocks further than this many views away are dropped


class ClosingList(QScrollArea):
    def __init__(self, entries: Sequence[ObjectiveEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closeCycleList")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard goes to the fields
        self.entries = list(entries)
        self._key_results = [len(entry.objective.key_results) for entry in self.entries]
        self.shown: list[int] = list(range(len(self.entries)))  # entry indices, in order
        self._position = {index: position for position, index in enumerate(self.shown)}
        self._blocks: dict[int, ObjectiveBlock] = {}
        self._measured: dict[int, int] = {}  # entry index -> height at self._width
        self._tops: list[int] = []  # per shown position
        self._width = -1
        self._per_key_results: tuple[int, int] = (0, 0)  # estimate: first + each key result
        self._placing = False
        self._dirty: set[ObjectiveBlock] = set()  # blocks whose layout changed
        self._remeasure = QTimer(self)  # resized, or a block grew or shrank: measure, place
        self._remeasure.setSingleShot(True)
        self._remeasure.setInterval(0)
        self._remeasure.timeout.connect(self._measure_again)
        self.content = QWidget(self)
        self.content.setObjectName("closeCycleContent")
        style = self.content.style()
        metric = QStyle.PixelMetric
        self._margins = tuple(style.pixelMetric(m, None, self.content) for m in (
            metric.PM_LayoutLeftMargin, metric.PM_LayoutTopMargin,
            metric.PM_LayoutRightMargin, metric.PM_LayoutBottomMargin))
        self._samples = [ObjectiveBlock(_sample(count), self.content) for count in (0, 2)]
        for sample in self._samples:
            sample.hide()
        self.empty = QLabel(tr("This cycle holds no objectives: closing it only marks it "
                               "closed."), self.content)
        self.empty.setVisible(not self.entries)
        self.setWidget(self.content)
        self.verticalScrollBar().valueChanged.connect(lambda _value: self.place())

    # -- what is shown ----------------------------------------------------------------------

    def set_filter(self, words: str, owner: str) -> int:
        """Show the entries the filter matches (see ObjectiveEntry.matches), from the top;
        how many."""
        self.shown = [i for i, entry in enumerate(self.entries) if entry.matches(words, owner)]
        self._position = {index: position for position, index in enumerate(self.shown)}
        self._placing = True  # a block dropped with the keyboard in it moves the keyboard
        try:
            for index in [i for i in self._blocks if i not in self._position]:
                self._drop(index)
        finally:
            self._placing = False
        self._lay_out()
        self.verticalScrollBar().setValue(0)
        self.place()
        return len(self.shown)

    def blocks(self) -> list[ObjectiveBlock]:
        """The blocks built now (near the view), in the order shown."""
        return [self._blocks[i] for i in sorted(self._blocks, key=self._position.__getitem__)]

    def block(self, index: int) -> ObjectiveBlock:
        """The block of entry `index`, which the filter must show: built and brought into
        view if it was not near it."""
        if index not in self._blocks:
            self.verticalScrollBar().setValue(self._tops[self._position[index]])
            self.place(hidden_too=True)
        return self._blocks[index]

    def index_of(self, widget: QWidget | None) -> int | None:
        """The entry whose block holds `widget`, if any."""
        return next((i for i, block in self._blocks.items()
                     if widget is not None and (block is widget or block.isAncestorOf(widget))),
                    None)

    # -- Tab --------------------------------------------------------------------------------

    def next_field(self, widget: QWidget, forward: bool) -> QWidget | None:
        """The field Tab (or Shift+Tab) goes to from `widget`, a field of a block: the next one
        of its block, else the first (last) of the next (previous) block shown; None past the
        ends of the list."""
        index = self.index_of(widget)
        if index is None:
            return None
        fields = self._blocks[index].fields()
        at = next((i for i, field in enumerate(fields)
                   if field is widget or field.isAncestorOf(widget)), None)
        if at is None:
            return None
        step = 1 if forward else -1
        if 0 <= at + step < len(fields):
            return fields[at + step]
        position = self._position[index] + step
        if not 0 <= position < len(self.shown):
            return None
        return self.block(self.shown[position]).fields()[0 if forward else -1]

    def end_field(self, first: bool) -> QWidget | None:
        """The first field of the first block shown, or the last of the last."""
        if not self.shown:
            return None
        return self.block(self.shown[0 if first else -1]).fields()[0 if first else -1]

    # -- placing ----------------------------------------------------------------------------

    def place(self, *, hidden_too: bool = False) -> None:
        """Build the blocks near the view, measure them, drop those far from it. Measuring may
        change heights above the view: the first block in view keeps its place on screen.
        Nothing is built while the list is hidden (its width is not known), unless asked."""
        if self._placing or not (hidden_too or self.isVisible()):
            return
        self._placing = True
        try:
            width = self.content.width() - self._margins[0] - self._margins[2]
            if width != self._width:
                self._width = width
                self._measured = {i: self._height_of(b) for i, b in self._blocks.items()}
                heights = [sample.heightForWidth(width) for sample in self._samples]
                self._per_key_results = (heights[0], max(0, (heights[1] - heights[0]) // 2))
                self._lay_out(keep_view=True)
            for _ in range(4):  # built blocks may differ from the estimate: settle
                if not self._build_near_view():
                    break
            self._show_near_view()
        finally:
            self._placing = False

    def _view(self, views: float) -> tuple[int, int]:
        top, height = self.verticalScrollBar().value(), self.viewport().height()
        return int(top - views * height), int(top + height + views * height)

    def _near(self, views: float) -> range:
        """Shown positions whose blocks lie within `views` heights of the view."""
        low, high = self._view(views)
        first = max(0, bisect_right(self._tops, low) - 1)
        return range(first, bisect_right(self._tops, high))

    def _build_near_view(self) -> bool:
        """Build the missing blocks near the view; whether heights changed (laid out again)."""
        changed = False
        for position in self._near(0.5):
            index = self.shown[position]
            if index in self._blocks:
                continue  # measured when built, and again when its layout changes
            block = self._blocks[index] = ObjectiveBlock(self.entries[index], self.content)
            block.installEventFilter(self)
            height = self._height_of(block)
            if height != self._height(index):
                changed = True
            self._measured[index] = height
        if changed:
            self._lay_out(keep_view=True)
        return changed

    def _show_near_view(self) -> None:
        left, kept = self._margins[0], self._near(KEPT_VIEWS)
        holder = self.window().focusWidget()
        for index in list(self._blocks):
            position = self._position.get(index, -1)
            block = self._blocks[index]
            if position < 0 or (position not in kept and not block.isAncestorOf(holder)):
                self._drop(index)
                continue
            block.setGeometry(left, self._tops[position], self._width, self._height(index))
            if block.isHidden():
                block.show()

    def _drop(self, index: int) -> None:
        block = self._blocks.pop(index)
        self._dirty.discard(block)
        block.removeEventFilter(self)
        block.hide()
        block.deleteLater()

    def _height_of(self, block: ObjectiveBlock) -> int:
        height = block.heightForWidth(self._width)
        return height if height > 0 else block.sizeHint().height()

    def _estimate(self, index: int) -> int:
        first, each = self._per_key_results
        return first + each * self._key_results[index]

    def _height(self, index: int) -> int:
        measured = self._measured.get(index)
        return measured if measured is not None else self._estimate(index)

    def _lay_out(self, *, keep_view: bool = False) -> None:
        """Work out every shown block's top and the content's height; with `keep_view`, the
        first block in view stays where it is on screen."""
        bar = self.verticalScrollBar()
        anchor = max(0, bisect_right(self._tops, bar.value()) - 1)
        offset = bar.value() - self._tops[anchor] if keep_view and self._tops else 0
        top, bottom = self._margins[1], self._margins[3]
        first, each = self._per_key_results
        measured, counts = self._measured, self._key_results  # tens of thousands: no calls
        heights = [measured.get(i, first + each * counts[i]) + SPACING for i in self.shown]
        self._tops = [top, *(top + end for end in accumulate(heights))][:len(self.shown)]
        total = top + sum(heights) - (SPACING if heights else 0) + bottom
        if not self.shown:
            total = top + self.empty.sizeHint().height() + bottom if not self.empty.isHidden() \
                else 0
        self.content.setFixedHeight(total)
        hint = self.empty.sizeHint()
        self.empty.setGeometry(self._margins[0], top, max(self._width, hint.width()),
                               hint.height())
        if keep_view and self._tops:
            bar.setValue(self._tops[min(anchor, len(self._tops) - 1)] + offset)

    def _measure_again(self) -> None:
        if self._placing:
            self._remeasure.start()
            return
        changed = False
        dirty, self._dirty = self._dirty, set()
        for index, block in self._blocks.items():
            if block not in dirty:
                continue
            height = self._height_of(block)
            if self._measured.get(index) != height:
                self._measured[index] = height
                changed = True
        if changed:
            self._lay_out(keep_view=True)
        self.place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # a line appeared, a title re-wrapped
            if isinstance(watched, ObjectiveBlock):
                self._dirty.add(watched)
            self._remeasure.start()
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.place()  # what the list shows is there as soon as the dialog is
        self._remeasure.start()  # and again once every size has settled

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._remeasure.start()  # once the content has taken the new width


def _sample(key_results: int) -> ObjectiveEntry:
    """An entry to measure an unbuilt block by: one line per title, no reason line."""
    krs = tuple(ProposedKeyResult(f"kr{n}", "Key result", 0.0, 0.0) for n in range(key_results))
    objective = ProposedObjective("objective", "Objective", "Owner", "committed", 0.0, 0.0, krs)
    progress = dict.fromkeys([objective.id, *(kr.id for kr in krs)], 0.0)
    return ObjectiveEntry(objective, dict.fromkeys(progress, 0.0), dict.fromkeys(progress, ""),
                          {}, progress)
