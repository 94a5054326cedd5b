"""Switching cycles moves the inspector along: it never stays on an item the new view lacks."""

from __future__ import annotations

from okrdesk_ui.main_window import MainWindow
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from okrdesk import ops
from okrdesk.rulebook import view_objectives
from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures
from tests.ui.test_window_support import objective_titled

NOT_IN_Q1 = "Build a company people are proud to work for"  # a 2027 objective off Q1's lines
ON_Q1_LINE = "Become the leading electric car dealership in the region"
COPIED = "Launch a certified pre-owned EV programme"


def cycle_named(window: MainWindow, name: str) -> str:
    assert window.document is not None
    return next(c.id for c in window.document.snapshot.cycles.values() if c.name == name)


def next_cycle_by_keyboard(window: MainWindow) -> None:
    """The arrow key on the toolbar's cycle switcher, as a planner steps from 2027 to 2027-Q1."""
    window.cycle_switcher.setFocus()
    QTest.keyClick(window.cycle_switcher, Qt.Key.Key_Down)


def card_marked(window: MainWindow) -> list[str]:
    assert window.canvas is not None
    return [i for i, card in window.canvas.canvas_scene.cards.items() if card.marks.selected]


def test_an_objective_the_new_cycle_lacks_leaves_the_inspector(window: MainWindow) -> None:
    assert window.document is not None
    objective_id = objective_titled(window, NOT_IN_Q1)
    window.focus_objective(objective_id)
    assert window.inspector.objective_form.objective_id == objective_id
    assert window.inspector.currentIndex() == 1
    next_cycle_by_keyboard(window)
    assert window.document.cycle_id == cycle_named(window, "2027-Q1")
    assert objective_id not in view_objectives(window.document.snapshot,
                                               window.document.cycle_id)
    assert window.document.selected == ("", "")
    assert window.inspector.currentWidget() is window.inspector.empty
    assert card_marked(window) == []


def test_a_key_result_of_an_objective_the_new_cycle_lacks_is_let_go(window: MainWindow) -> None:
    assert window.document is not None
    objective_id = objective_titled(window, NOT_IN_Q1)
    kr = window.document.snapshot.key_results_of(objective_id)[0]
    window.document.select("key_results", kr.id)
    assert window.inspector.currentIndex() == 2
    next_cycle_by_keyboard(window)
    assert window.document.selected == ("", "")
    assert window.inspector.currentWidget() is window.inspector.empty


def test_an_objective_the_new_cycle_shows_stays_in_the_inspector(window: MainWindow) -> None:
    assert window.document is not None
    objective_id = objective_titled(window, ON_Q1_LINE)
    window.focus_objective(objective_id)
    next_cycle_by_keyboard(window)
    assert window.document.cycle_id == cycle_named(window, "2027-Q1")
    assert window.document.selected == ("objectives", objective_id)
    assert window.inspector.objective_form.title.text() == ON_Q1_LINE
    assert card_marked(window) == [objective_id]


def test_the_inspector_moves_to_the_copy_carried_into_the_new_cycle(window: MainWindow) -> None:
    document = window.document
    assert document is not None
    original = objective_titled(window, COPIED)
    q3 = cycle_named(window, "2027-Q3")
    changes = document.run("Copy to cycle",
                           lambda: ops.copy_objectives(document.plan, [original], q3))
    assert changes is not None
    copy = changes.new_id("objectives")
    window.focus_objective(original)
    window.cycle_switcher.choose(q3)
    assert document.cycle_id == q3
    assert document.selected == ("objectives", copy)
    assert window.inspector.objective_form.objective_id == copy
    assert window.inspector.objective_form.cycle.currentData() == q3
    assert card_marked(window) == [copy]
    window.cycle_switcher.choose(cycle_named(window, "Backlog"))
    assert document.selected == ("", "")  # nothing of it in the backlog
    assert window.inspector.currentWidget() is window.inspector.empty
