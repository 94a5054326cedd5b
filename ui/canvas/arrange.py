"""Arrange on the canvas: read the cards as plain data, lay them out with Graphviz (the core's
okrdesk/arrange.py), and store the result as one undo step if the plan has not changed meanwhile.

A large layout runs in a worker process, watched from a background job that can be cancelled;
the status bar shows a busy bar with a Cancel button meanwhile.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from okrdesk import ops
from okrdesk.arrange import (
    ArrangeCancelled,
    ArrangeFailed,
    Centres,
    LayoutInput,
    fold,
    lay_out,
    lay_out_in_worker,
)
from okrdesk.errors import OperationRefused
from okrdesk.rulebook import parent_of
from okrdesk.storage import ChangeSet, Plan

from ..translation import tr
from ..workers import Job
from .lanes import SLOT_WIDTH
from .scene import CanvasScene
from .theme import CARD_GAP_X, CARD_GAP_Y, CARD_WIDTH, LANE_LABEL_WIDTH, LANE_PAD_TOP

__all__ = ["ArrangeCancelled", "ArrangeFailed", "ArrangeProgress", "Arranger", "LayoutInput",
           "arrange_operation", "graphviz_positions", "lay_out_in_worker", "layout_input"]

AT_ONCE_UP_TO = 80  # cards `dot` lays out in a few milliseconds: no worker, no busy bar
FOLD_ABOVE = 2.0  # `dot` wider than this many canvases (of the default layout): lanes fold

Spots = dict[str, tuple[float, float]]


def layout_input(scene: CanvasScene) -> LayoutInput:
    """Read the scene once, on the GUI thread."""
    cards = scene.cards.places
    sizes = tuple((i, CARD_WIDTH, card.height) for i, card in cards.items())
    by_level: dict[str, list[str]] = {}
    for objective_id, card in cards.items():
        by_level.setdefault(card.level_id, []).append(objective_id)
    lanes = tuple(tuple(by_level.get(lane.level_id, ())) for lane in scene.lanes.lanes)
    snapshot = scene.snapshot
    aligned = []
    for objective_id in cards:
        parent = parent_of(snapshot, objective_id)
        if parent is not None and parent in cards:
            aligned.append((parent, objective_id))
    contributes = tuple((link.target_id, link.source_id)
                        for link in snapshot.contributions.values()
                        if link.source_id in cards and link.target_id in cards)
    return LayoutInput(sizes, lanes, tuple(aligned), contributes, CARD_GAP_X)


def spots_from(data: LayoutInput, centres: Centres, columns: int = 0) -> Spots:
    """Card positions (left x, y within the lane), shifted to start right of the lane labels.

    A layout wider than FOLD_ABOVE canvases of `columns` columns (a lane of thousands of cards
    is one row thousands of cards wide) is folded into that many columns (okrdesk/arrange.py)."""
    placed = {i: centres[i] - width / 2 for i, width, _ in data.cards if i in centres}
    left = LANE_LABEL_WIDTH + CARD_GAP_X
    extent = max(placed.values(), default=0.0) - min(placed.values(), default=0.0)
    if columns > 0 and extent > FOLD_ABOVE * columns * SLOT_WIDTH:
        return _folded(data, centres, columns)
    shift = left - min(placed.values(), default=0.0)
    return {i: (round(x + shift, 1), LANE_PAD_TOP) for i, x in placed.items()}


def _folded(data: LayoutInput, centres: Centres, columns: int) -> Spots:
    heights = {i: height for i, _, height in data.cards}
    row_height: dict[str, float] = {}
    for members in data.lanes:  # each lane's rows as tall as its tallest card
        tallest = max((heights[i] for i in members), default=0.0) + CARD_GAP_Y
        row_height.update((i, tallest) for i in members)
    left = LANE_LABEL_WIDTH + CARD_GAP_X
    return {i: (round(left + column * SLOT_WIDTH, 1), round(LANE_PAD_TOP + row * row_height[i], 1))
            for i, (column, row) in fold(data.lanes, centres, columns).items()}


def graphviz_positions(scene: CanvasScene) -> Spots:
    """Where `dot` puts each card, laid out here and now: for small plans and tests."""
    data = layout_input(scene)
    return spots_from(data, lay_out(data), scene.lanes.columns)


def arrange_operation(scene: CanvasScene, spots: Spots | None = None) -> Callable[[], ChangeSet]:
    """One operation storing the position of every card that moves or has no stored position
    yet (a default place may change when the plan does); `spots` default to a layout made now."""
    positions = graphviz_positions(scene) if spots is None else spots
    stored = scene.snapshot.canvas_positions
    moved = {i: spot for i, spot in positions.items()
             if i in scene.cards and (i not in stored or scene.cards.places[i].spot != spot)}
    plan: Plan = scene.document.plan

    def arrange() -> ChangeSet:
        if not moved:
            raise OperationRefused(tr("The cards are already arranged."))
        return ops.place_cards(plan, moved)

    return arrange


class Arranger(QObject):
    """Runs Arrange for one canvas: at once for a small plan, else in the background.

    The result is stored only if the plan and the cycle shown are as they were when Arrange
    began; otherwise it is dropped and `message` says so.
    """

    busy_changed = Signal(bool)
    message = Signal(str)  # for the status bar
    arranged = Signal()  # positions were stored

    def __init__(self, scene: CanvasScene, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scene = scene
        self.job: Job | None = None
        self.revision = 0  # counts changes of the plan and switches of cycle
        scene.document.changed.connect(self._plan_changed)
        scene.document.cycle_changed.connect(self._plan_changed)

    @property
    def busy(self) -> bool:
        return self.job is not None

    def start(self) -> None:
        document = self.scene.document
        if self.busy:
            self.message.emit(self.tr("Arrange is already working; Esc or Cancel stops it."))
            return
        if document.read_only:
            self.message.emit(
                self.tr("The plan is open read-only, so the cards cannot be arranged."))
            return
        if not self.scene.cards:
            return
        data = layout_input(self.scene)
        if len(data.cards) <= AT_ONCE_UP_TO:
            try:
                centres = lay_out(data)
            except Exception as error:  # a Graphviz failure must not reach the event loop
                self.message.emit(self.tr("Graphviz could not arrange the canvas ({error}); "
                                          "nothing was moved.").format(error=error))
                return
            self._store(data, centres)
            return
        revision = self.revision
        job = Job.stoppable(lambda cancel: lay_out_in_worker(data, cancel), self)
        job.succeeded.connect(lambda centres: self._arrived(data, revision, centres))
        job.failed.connect(self._failed)
        self.job = job
        job.start()
        self.busy_changed.emit(True)
        self.message.emit(self.tr("Arranging {n} cards with Graphviz… Esc or Cancel stops it.")
                          .format(n=f"{len(data.cards):,}"))

    def cancel(self) -> None:
        if self.job is None:
            return
        self.job.cancel()  # the worker process is stopped; a late result is dropped
        self._finish()
        self.message.emit(self.tr("Arrange was cancelled; nothing was moved."))

    def _finish(self) -> None:
        self.job = None
        self.busy_changed.emit(False)

    def _plan_changed(self, *_args: object) -> None:
        self.revision += 1

    def _failed(self, text: str) -> None:
        self._finish()
        self.message.emit(text)

    def _arrived(self, data: LayoutInput, revision: int, centres: Centres) -> None:
        self._finish()
        if revision != self.revision:
            self.message.emit(self.tr("The plan changed while Arrange was working, so nothing "
                                      "was moved. Arrange again to lay out the plan as it is "
                                      "now."))
            return
        self._store(data, centres)

    def _store(self, data: LayoutInput, centres: Centres) -> None:
        document = self.scene.document
        spots = spots_from(data, centres, self.scene.lanes.columns)
        if document.run(self.tr("Arrange"), arrange_operation(self.scene, spots)):
            self.message.emit(self.tr("Arranged {n} cards; Undo puts them back.")
                              .format(n=f"{len(data.cards):,}"))
            self.arranged.emit()


class ArrangeProgress(QWidget):
    """For the status bar: a busy bar and a Cancel button, shown while Arrange works."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("arrangeProgress")
        self.label = QLabel(self.tr("Arranging…"), self)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # Graphviz reports no progress: a busy bar
        self.bar.setMaximumWidth(120)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setToolTip(
            self.tr("Stop Arrange; nothing is moved (Esc on the canvas)"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.label, self.bar, self.cancel_button):
            layout.addWidget(widget)
        self.arranger: Arranger | None = None
        self.cancel_button.clicked.connect(self._cancel)
        self.hide()

    def follow(self, arranger: Arranger | None) -> None:
        """Show the work of this arranger (the canvas of the plan now open)."""
        previous, self.arranger = self.arranger, arranger
        if previous is not None and previous is not arranger:
            with contextlib.suppress(RuntimeError, TypeError):  # its canvas may be gone
                previous.busy_changed.disconnect(self.setVisible)
                previous.cancel()
        if arranger is not None:
            arranger.busy_changed.connect(self.setVisible)
        self.setVisible(arranger is not None and arranger.busy)

    def _cancel(self) -> None:
        if self.arranger is not None:
            self.arranger.cancel()
