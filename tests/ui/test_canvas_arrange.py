"""Arrange on a plan of a few hundred objectives: off the GUI thread, cancellable, one undo step."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from okrdesk_ui.canvas import CanvasView
from okrdesk_ui.canvas.arrange import (
    AT_ONCE_UP_TO,
    ArrangeFailed,
    ArrangeProgress,
    lay_out_in_worker,
    layout_input,
)
from okrdesk_ui.document import PlanDocument
from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

from okrdesk import ops
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from okrdesk.synthetic import generate_plan

PEOPLE = 100  # about 300 objectives, all in the shown year
RESULT_WAIT_MS = 60_000


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_plan(tmp_path_factory.mktemp("arrange") / "template.okr", PEOPLE)


@dataclass
class Arranging:
    path: Path
    document: PlanDocument
    view: CanvasView
    messages: list[str]


@pytest.fixture
def arranging(template: Path, tmp_path: Path, qtbot: QtBot) -> Iterator[Arranging]:
    path = tmp_path / "plan.okr"
    shutil.copy(template, path)
    document = PlanDocument(Plan.open(path))
    view = CanvasView(document)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    messages: list[str] = []
    view.status_message.connect(messages.append)
    assert len(view.canvas_scene.cards) > AT_ONCE_UP_TO  # this plan is laid out in the background
    yield Arranging(path, document, view, messages)
    if view.arranger.job is not None:
        job = view.arranger.job
        view.arranger.cancel()
        job.wait(10)
    view.close()
    document.close()


def stored_positions(path: Path) -> dict[str, tuple[float, float]]:
    """The card positions in the plan file, read through a fresh read-only opening."""
    with Plan.open(path, read_only=True) as plan, plan.read() as connection:
        snapshot = Snapshot.load(connection)
    return {i: (p.x, p.y) for i, p in snapshot.canvas_positions.items()}


def test_the_window_stays_responsive_and_the_result_is_one_undo_step(
        arranging: Arranging, qtbot: QtBot) -> None:
    view, stack = arranging.view, arranging.document.undo_stack
    assert stored_positions(arranging.path) == {}
    ticks = [0]
    ticks_when_stored: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    view.arranger.arranged.connect(lambda: ticks_when_stored.append(ticks[0]))
    timer.start()
    view.arrange()
    assert view.arranger.busy and stack.count() == 0  # arrange() returned before the layout
    assert "Arranging" in arranging.messages[-1]
    qtbot.waitUntil(lambda: stack.count() == 1, timeout=RESULT_WAIT_MS)
    timer.stop()
    assert ticks_when_stored and ticks_when_stored[0] >= 3  # the event loop ran meanwhile
    assert not view.arranger.busy
    assert stack.undoText() == "Arrange"
    cards = view.canvas_scene.cards
    stored = stored_positions(arranging.path)
    assert set(stored) == set(cards)
    assert all(cards[i].spot == spot for i, spot in stored.items())
    assert len({spot[0] for spot in stored.values()}) >= view.canvas_scene.lanes.columns // 2
    places = {(cards[i].level_id, spot) for i, spot in stored.items()}
    assert len(places) == len(stored)  # spread across, no two cards of a lane on one spot
    stack.undo()
    assert stored_positions(arranging.path) == {}
    stack.redo()
    assert stored_positions(arranging.path) == stored


def test_escape_cancels_before_the_result_lands_and_nothing_changes(
        arranging: Arranging, qtbot: QtBot) -> None:
    view = arranging.view
    view.arrange()
    job = view.arranger.job
    assert job is not None
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not view.arranger.busy
    assert job.cancelled and job.wait(10)  # the worker process was stopped
    qtbot.wait(100)  # anything still queued for the window is delivered
    assert arranging.document.undo_stack.count() == 0
    assert stored_positions(arranging.path) == {}
    assert "cancelled" in arranging.messages[-1]


def test_the_status_bar_shows_a_busy_bar_whose_cancel_button_stops_arrange(
        arranging: Arranging, qtbot: QtBot) -> None:
    view = arranging.view
    progress = ArrangeProgress()
    qtbot.addWidget(progress)
    progress.follow(view.arranger)
    assert progress.isHidden()
    view.arrange()
    assert not progress.isHidden()
    job = view.arranger.job
    assert job is not None
    qtbot.mouseClick(progress.cancel_button, Qt.MouseButton.LeftButton)
    assert progress.isHidden() and not view.arranger.busy
    assert job.wait(10)
    qtbot.wait(100)
    assert stored_positions(arranging.path) == {}


def test_a_layout_for_a_plan_that_changed_meanwhile_is_dropped(
        arranging: Arranging, qtbot: QtBot) -> None:
    view = arranging.view
    moved = next(iter(view.canvas_scene.cards))
    view.arrange()
    ops.place_card(arranging.document.plan, moved, 40.0, 40.0)  # a change while laying out
    qtbot.waitUntil(lambda: not view.arranger.busy, timeout=RESULT_WAIT_MS)
    assert arranging.document.undo_stack.count() == 0
    assert stored_positions(arranging.path) == {moved: (40.0, 40.0)}
    assert "changed while Arrange was working" in arranging.messages[-1]


def test_a_read_only_plan_is_not_arranged(template: Path, tmp_path: Path, qtbot: QtBot) -> None:
    path = tmp_path / "plan.okr"
    shutil.copy(template, path)
    document = PlanDocument(Plan.open(path, read_only=True))
    view = CanvasView(document)
    qtbot.addWidget(view)
    messages: list[str] = []
    view.status_message.connect(messages.append)
    view.arrange()
    assert not view.arranger.busy and "read-only" in messages[-1]
    document.close()


def test_a_layout_past_its_time_limit_is_stopped_with_a_clear_error(
        arranging: Arranging) -> None:
    data = layout_input(arranging.view.canvas_scene)
    with pytest.raises(ArrangeFailed, match="took too long"):
        lay_out_in_worker(data, threading.Event(), time_limit_s=0.0)
