"""Undo and redo from the keyboard: Ctrl+Z undoes, Ctrl+Y and Ctrl+Shift+Z both redo; a step
the plan refuses (it changed meanwhile) leaves the plan and the undo stack where they were."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from okrdesk_ui.main_window import MainWindow
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures
from tests.ui.test_window_support import objective_titled, read_one

LEADING = "Become the leading electric car dealership in the region"
TITLE_SQL = "SELECT title FROM objectives WHERE id = :i"
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def rename(window: MainWindow, objective_id: str, title: str) -> None:
    window.focus_objective(objective_id)
    field = window.inspector.objective_form.title
    field.setFocus()
    field.selectAll()
    QTest.keyClicks(field, title)
    QTest.keyClick(field, Qt.Key.Key_Return)


def press(window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    assert window.canvas is not None
    window.canvas.setFocus()  # not a text field, which keeps Ctrl+Z for itself
    QTest.keyClick(window, key, modifiers)


def change_behind_the_app(plan: Path, objective_id: str, title: str) -> None:
    """Another program writes to the plan file (the app's snapshot does not hear of it)."""
    connection = sqlite3.connect(plan)
    try:
        connection.execute("UPDATE objectives SET title = ?, updated_at = ? WHERE id = ?",
                           (title, "2031-01-01T00:00:00.000000+00:00", objective_id))
        connection.commit()
    finally:
        connection.close()


def test_ctrl_y_and_ctrl_shift_z_both_redo(window: MainWindow, demo_plan: Path) -> None:
    objective_id = objective_titled(window, LEADING)
    rename(window, objective_id, "Lead EV sales")
    assert read_one(demo_plan, TITLE_SQL, i=objective_id) == "Lead EV sales"
    press(window, Qt.Key.Key_Z, CTRL)
    assert read_one(demo_plan, TITLE_SQL, i=objective_id) == LEADING
    press(window, Qt.Key.Key_Y, CTRL)
    assert read_one(demo_plan, TITLE_SQL, i=objective_id) == "Lead EV sales"
    press(window, Qt.Key.Key_Z, CTRL)
    assert read_one(demo_plan, TITLE_SQL, i=objective_id) == LEADING
    press(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert read_one(demo_plan, TITLE_SQL, i=objective_id) == "Lead EV sales"
    assert window.document is not None
    assert window.document.undo_stack.index() == 1


def test_a_refused_undo_leaves_the_stack_where_it_was(
    window: MainWindow, demo_plan: Path, qtbot: QtBot,
) -> None:
    assert window.document is not None
    stack = window.document.undo_stack
    objective_id = objective_titled(window, LEADING)
    rename(window, objective_id, "Lead EV sales")
    assert (stack.count(), stack.index()) == (1, 1)
    change_behind_the_app(demo_plan, objective_id, "Renamed elsewhere")
    press(window, Qt.Key.Key_Z, CTRL)
    assert (stack.count(), stack.index()) == (1, 1)
    assert read_one(demo_plan, TITLE_SQL, i=objective_id) == "Renamed elsewhere"
    assert "Undo Rename objective" in window.statusBar().currentMessage()
    assert window.actions_.undo.isEnabled() and not window.actions_.redo.isEnabled()


def test_a_refused_redo_leaves_the_stack_where_it_was(
    window: MainWindow, demo_plan: Path,
) -> None:
    assert window.document is not None
    stack = window.document.undo_stack
    objective_id = objective_titled(window, LEADING)
    rename(window, objective_id, "Lead EV sales")
    press(window, Qt.Key.Key_Z, CTRL)
    assert (stack.count(), stack.index()) == (1, 0)
    change_behind_the_app(demo_plan, objective_id, "Renamed elsewhere")
    press(window, Qt.Key.Key_Y, CTRL)
    assert (stack.count(), stack.index()) == (1, 0)
    assert read_one(demo_plan, TITLE_SQL, i=objective_id) == "Renamed elsewhere"
    assert "Redo Rename objective" in window.statusBar().currentMessage()


def test_going_back_in_history_stops_at_a_refused_step(
    window: MainWindow, demo_plan: Path,
) -> None:
    """Choosing an early entry in History undoes step after step; a stale one stops it there."""
    assert window.document is not None
    stack = window.document.undo_stack
    leading = objective_titled(window, LEADING)
    rename(window, leading, "Lead EV sales")
    other = next(o.id for o in window.document.snapshot.objectives.values() if o.id != leading)
    other_title = window.document.snapshot.objectives[other].title
    rename(window, other, "Another title")
    assert stack.index() == 2
    change_behind_the_app(demo_plan, leading, "Renamed elsewhere")
    stack.setIndex(0)  # what a click on "Plan opened" in the History panel does
    assert stack.index() == 1  # the second rename was undone, the stale first one was not
    assert read_one(demo_plan, TITLE_SQL, i=other) == other_title
    assert read_one(demo_plan, TITLE_SQL, i=leading) == "Renamed elsewhere"
