"""Arrange: lay the cards out with Graphviz `dot` over the alignment graph, one rank per lane.

Graphviz keeps Python's interpreter lock for the whole layout, so a thread alone would still
freeze the window: a large layout runs in a worker process (okrdesk/processes.py, as maps do),
watched from a background job that can be cancelled. The window only extracts plain data
before, and stores the result after, as one undo step, if the plan has not changed meanwhile.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

import pygraphviz
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from okrdesk import ops
from okrdesk.errors import OkrDeskError, OperationRefused
from okrdesk.processes import (
    WorkerCancelled,
    WorkerDied,
    WorkerNotStarted,
    WorkerTimedOut,
    call_in_worker,
)
from okrdesk.storage import ChangeSet, Plan

from ..workers import Job
from .lanes import LANE_LABEL_WIDTH
from .scene import CanvasScene
from .theme import CARD_GAP_X, LANE_PAD_TOP

POINTS_PER_INCH = 72.0
AT_ONCE_UP_TO = 80  # cards `dot` lays out in a few milliseconds: no worker, no busy bar
TIME_LIMIT_S = 600.0
WORKER_NAME = "okrdesk-arrange-worker"

Centres = dict[str, float]
Spots = dict[str, tuple[float, float]]


class ArrangeFailed(OkrDeskError):
    """Graphviz could not lay the canvas out; the plan is unchanged."""


class ArrangeCancelled(ArrangeFailed):
    """The layout was cancelled before it arrived."""


@dataclass(frozen=True)
class LayoutInput:
    """What `dot` needs, as plain data: safe to hand to another thread or process."""

    cards: tuple[tuple[str, float, float], ...]  # (objective id, width, height) in points
    lanes: tuple[tuple[str, ...], ...]  # objective ids per lane, the top lane first
    aligned: tuple[tuple[str, str], ...]  # (parent objective, aligned objective)
    contributes: tuple[tuple[str, str], ...]  # (target objective, contributing objective)


def layout_input(scene: CanvasScene) -> LayoutInput:
    """Read the scene once, on the GUI thread."""
    cards = scene.cards
    sizes = tuple((i, card.card_rect().width(), card.card_rect().height())
                  for i, card in cards.items())
    by_level: dict[str, list[str]] = {}
    for objective_id, card in cards.items():
        by_level.setdefault(card.level_id, []).append(objective_id)
    lanes = tuple(tuple(by_level.get(lane.level_id, ())) for lane in scene.lanes.lanes)
    snapshot = scene.snapshot
    aligned = []
    for objective_id in cards:
        parent = snapshot.parent_objective_id(objective_id)
        if parent is not None and parent in cards:
            aligned.append((parent, objective_id))
    contributes = tuple((link.target_id, link.source_id)
                        for link in snapshot.contributions.values()
                        if link.source_id in cards and link.target_id in cards)
    return LayoutInput(sizes, lanes, tuple(aligned), contributes)


def lay_out(data: LayoutInput) -> Centres:
    """The x of each card's centre as `dot` places it (runs in any thread or process)."""
    graph = pygraphviz.AGraph(directed=True, strict=False, rankdir="TB", newrank="true",
                              nodesep=str(CARD_GAP_X / POINTS_PER_INCH), ranksep="1.0")
    graph.node_attr.update(shape="box", fixedsize="true", label="")
    for index in range(len(data.lanes)):
        graph.add_node(f"lane:{index}", style="invis", width="0.01", height="0.01")
        if index:
            graph.add_edge(f"lane:{index - 1}", f"lane:{index}", style="invis", weight="0")
    for objective_id, width, height in data.cards:
        graph.add_node(objective_id, width=str(width / POINTS_PER_INCH),
                       height=str(height / POINTS_PER_INCH))
    for index, members in enumerate(data.lanes):
        graph.add_subgraph([f"lane:{index}", *members], name=f"lane_{index}", rank="same")
    for parent, child in data.aligned:
        graph.add_edge(parent, child, weight="4")
    for target, source in data.contributes:
        graph.add_edge(target, source, weight="1", constraint="false")
    graph.layout(prog="dot")
    return {objective_id: float(str(graph.get_node(objective_id).attr["pos"]).split(",")[0])
            for objective_id, _, _ in data.cards}


def spots_from(data: LayoutInput, centres: Centres) -> Spots:
    """Card positions (left x, y within the lane), shifted to start right of the lane labels."""
    placed = {i: centres[i] - width / 2 for i, width, _ in data.cards if i in centres}
    shift = LANE_LABEL_WIDTH + CARD_GAP_X - min(placed.values(), default=0.0)
    return {i: (round(x + shift, 1), LANE_PAD_TOP) for i, x in placed.items()}


def graphviz_positions(scene: CanvasScene) -> Spots:
    """Where `dot` puts each card, laid out here and now: for small plans and tests."""
    data = layout_input(scene)
    return spots_from(data, lay_out(data))


def lay_out_in_worker(data: LayoutInput, cancel: threading.Event,
                      time_limit_s: float = TIME_LIMIT_S) -> Centres:
    """`lay_out` in a process of its own; stopped soon after `cancel` is set."""
    try:
        reply: dict[str, Any] = call_in_worker(_serve, data, timeout_s=time_limit_s,
                                               name=WORKER_NAME, cancel=cancel)
    except WorkerCancelled:
        raise ArrangeCancelled("Arrange was cancelled; nothing was moved.") from None
    except WorkerTimedOut:
        raise ArrangeFailed("Graphviz took too long to arrange the canvas and was "
                            "stopped; nothing was moved.") from None
    except WorkerNotStarted as error:
        raise ArrangeFailed(f"Arrange could not start its worker ({error}); "
                            "nothing was moved.") from None
    except WorkerDied as error:
        raise ArrangeFailed(f"Graphviz stopped while arranging the canvas ({error}); "
                            "nothing was moved.") from None
    if "error" in reply:
        raise ArrangeFailed(f"Graphviz could not arrange the canvas ({reply['error']}); "
                            "nothing was moved.")
    centres: Centres = reply["centres"]
    return centres


def _serve(connection: Connection, data: LayoutInput) -> None:
    """Worker process entry: lay out and send the centres back, or what went wrong."""
    try:
        reply: dict[str, Any] = {"centres": lay_out(data)}
    except Exception as error:  # anything Graphviz raises goes back as a message
        reply = {"error": str(error) or type(error).__name__}
    connection.send(reply)
    connection.close()


def arrange_operation(scene: CanvasScene, spots: Spots | None = None) -> Callable[[], ChangeSet]:
    """One operation storing the position of every card that moves or has no stored position
    yet (a default place may change when the plan does); `spots` default to a layout made now."""
    positions = graphviz_positions(scene) if spots is None else spots
    stored = scene.snapshot.canvas_positions
    moved = {i: spot for i, spot in positions.items()
             if i in scene.cards and (i not in stored or scene.cards[i].spot != spot)}
    plan: Plan = scene.document.plan

    def arrange() -> ChangeSet:
        if not moved:
            raise OperationRefused("The cards are already arranged.")
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
            self.message.emit("Arrange is already working; Esc or Cancel stops it.")
            return
        if document.read_only:
            self.message.emit("The plan is open read-only, so the cards cannot be arranged.")
            return
        if not self.scene.cards:
            return
        data = layout_input(self.scene)
        if len(data.cards) <= AT_ONCE_UP_TO:
            try:
                centres = lay_out(data)
            except Exception as error:  # a Graphviz failure must not reach the event loop
                self.message.emit(f"Graphviz could not arrange the canvas ({error}); "
                                  "nothing was moved.")
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
        self.message.emit(f"Arranging {len(data.cards):,} cards with Graphviz… "
                          "Esc or Cancel stops it.")

    def cancel(self) -> None:
        if self.job is None:
            return
        self.job.cancel()  # the worker process is stopped; a late result is dropped
        self._finish()
        self.message.emit("Arrange was cancelled; nothing was moved.")

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
            self.message.emit("The plan changed while Arrange was working, so nothing was "
                              "moved. Arrange again to lay out the plan as it is now.")
            return
        self._store(data, centres)

    def _store(self, data: LayoutInput, centres: Centres) -> None:
        document = self.scene.document
        if document.run("Arrange", arrange_operation(self.scene, spots_from(data, centres))):
            self.message.emit(f"Arranged {len(data.cards):,} cards; Undo puts them back.")
            self.arranged.emit()


class ArrangeProgress(QWidget):
    """For the status bar: a busy bar and a Cancel button, shown while Arrange works."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("arrangeProgress")
        self.label = QLabel("Arranging…", self)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # Graphviz reports no progress: a busy bar
        self.bar.setMaximumWidth(120)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setToolTip("Stop Arrange; nothing is moved (Esc on the canvas)")
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
