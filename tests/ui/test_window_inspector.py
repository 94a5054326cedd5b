"""The inspector edits the plan file itself; undo and redo put it back and forth."""

from __future__ import annotations

from pathlib import Path

import pytest
from okrdesk_ui.main_window import MainWindow
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures
from tests.ui.test_window_support import objective_titled, read_one

LEADING = "Become the leading electric car dealership in the region"
TITLE_SQL = "SELECT title FROM objectives WHERE id = :i"


def type_into(qtbot: QtBot, widget: object, text: str) -> None:
    """Replace a field's text as a planner would: select all, type, press Enter."""
    widget.setFocus()  # type: ignore[attr-defined]
    widget.selectAll()  # type: ignore[attr-defined]
    QTest.keyClicks(widget, text)  # type: ignore[arg-type]
    QTest.keyClick(widget, Qt.Key.Key_Return)  # type: ignore[arg-type]


def test_renaming_in_the_inspector_changes_the_file_and_undoes(
    window: MainWindow, qtbot: QtBot, demo_plan: Path,
) -> None:
    objective_id = objective_titled(window, LEADING)
    window.focus_objective(objective_id)
    assert window.inspector.currentWidget().widget() is window.inspector.objective_form
    form = window.inspector.objective_form
    assert form.title.text() == LEADING
    type_into(qtbot, form.title, "Lead EV sales in the region")
    assert read_one(demo_plan, TITLE_SQL, i=objective_id) == "Lead EV sales in the region"
    assert window.actions_.undo.isEnabled()
    assert window.history.model().rowCount() == 2  # "Plan opened" and the rename
    window.actions_.undo.trigger()
    assert read_one(demo_plan, TITLE_SQL, i=objective_id) == LEADING
    assert form.title.text() == LEADING
    window.actions_.redo.trigger()
    assert read_one(demo_plan, TITLE_SQL, i=objective_id) == "Lead EV sales in the region"
    assert form.title.text() == "Lead EV sales in the region"


def test_status_and_owner_choices_are_saved(window: MainWindow, demo_plan: Path) -> None:
    objective_id = objective_titled(window, LEADING)
    window.focus_objective(objective_id)
    form = window.inspector.objective_form
    form.status.choose("off_track")
    assert read_one(demo_plan, "SELECT status FROM objectives WHERE id = :i",
                    i=objective_id) == "off_track"
    form.commitment.choose("aspirational")
    assert read_one(demo_plan, "SELECT commitment FROM objectives WHERE id = :i",
                    i=objective_id) == "aspirational"
    assert window.document is not None
    assert window.document.undo_stack.count() == 2


def test_an_empty_title_is_refused_and_the_field_shows_the_plan(
    window: MainWindow, qtbot: QtBot, demo_plan: Path,
) -> None:
    objective_id = objective_titled(window, LEADING)
    window.focus_objective(objective_id)
    form = window.inspector.objective_form
    assert window.document is not None
    with qtbot.waitSignal(window.document.refused) as refused:
        type_into(qtbot, form.title, "   ")
    assert "cannot be empty" in refused.args[0]
    assert "cannot be empty" in window.statusBar().currentMessage()
    assert form.title.text() == LEADING
    assert read_one(demo_plan, TITLE_SQL, i=objective_id) == LEADING


def first_metric_kr(window: MainWindow) -> str:
    assert window.document is not None
    snapshot = window.document.snapshot
    return next(kr.id for kr in snapshot.key_results.values() if kr.kind == "increase")


def test_key_result_values_and_a_check_in_reach_the_file(
    window: MainWindow, qtbot: QtBot, demo_plan: Path,
) -> None:
    kr_id = first_metric_kr(window)
    assert window.document is not None
    window.document.select("key_results", kr_id)
    form = window.inspector.key_result_form
    assert window.inspector.currentWidget().widget() is form
    type_into(qtbot, form.target, "1 250")
    assert read_one(demo_plan, "SELECT target_value FROM key_results WHERE id = :i",
                    i=kr_id) == 1250.0
    form.confidence.setValue(4)  # 4/10
    assert read_one(demo_plan, "SELECT confidence FROM key_results WHERE id = :i",
                    i=kr_id) == pytest.approx(0.4)
    before = form.check_ins.history.rowCount()
    form.check_ins.value.setText("700")
    form.check_ins.note.setText("Spring campaign landed")
    form.check_ins.record.click()
    assert read_one(demo_plan, "SELECT current_value FROM key_results WHERE id = :i",
                    i=kr_id) == 700.0
    assert read_one(demo_plan, "SELECT count(*) FROM check_ins WHERE key_result_id = :i",
                    i=kr_id) == before + 1
    assert form.check_ins.history.rowCount() == before + 1
    notes = [form.check_ins.history.item(row, 3).text() for row in range(before + 1)]
    assert "Spring campaign landed" in notes
    assert form.current.text() == "700"


def test_a_word_for_a_number_is_refused(window: MainWindow, qtbot: QtBot,
                                        demo_plan: Path) -> None:
    kr_id = first_metric_kr(window)
    assert window.document is not None
    target = window.document.snapshot.key_results[kr_id].target_value
    window.document.select("key_results", kr_id)
    with qtbot.waitSignal(window.document.refused) as refused:
        type_into(qtbot, window.inspector.key_result_form.target, "lots")
    assert "must be a number" in refused.args[0]
    assert read_one(demo_plan, "SELECT target_value FROM key_results WHERE id = :i",
                    i=kr_id) == target


def test_adding_a_key_result_opens_it_and_the_roll_up_is_explained(
    window: MainWindow, demo_plan: Path,
) -> None:
    objective_id = objective_titled(window, LEADING)
    window.focus_objective(objective_id)
    form = window.inspector.objective_form
    count = form.key_results.count()
    assert "weighted mean" in form.progress.text()
    assert form.progress.text().count("•") == count
    form.add_kr.click()
    assert window.document is not None
    table, kr_id = window.document.selected
    assert table == "key_results"
    assert read_one(demo_plan, "SELECT objective_id FROM key_results WHERE id = :i",
                    i=kr_id) == objective_id
    window.inspector.key_result_form.back.click()
    assert form.key_results.count() == count + 1
    assert form.progress.text().count("•") == count + 1
