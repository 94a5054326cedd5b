"""The History panel across sessions: edits made with real events are listed under "All
sessions" (who, what, how many rows, the rows on demand), stay listed after the plan is closed
and opened again, load page by page, and File > Compact history… drops the oldest."""

from __future__ import annotations

from pathlib import Path

import pytest
from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.panels.history_tabs import HistoryTabs
from okrdesk_ui.settings import AppSettings
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from okrdesk import ops
from okrdesk.storage import Plan
from okrdesk.storage.history import history_count, read_history
from tests.ui.dialog_driving import in_next_dialog
from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures
from tests.ui.test_window_support import objective_titled

LEADING = "Become the leading electric car dealership in the region"
EARLIER_CHANGES = 250  # more than the list's first page of 200


@pytest.fixture
def plan_with_past(demo_plan: Path) -> Path:
    """The demo with a past: the demo itself starts with no history."""
    with Plan.open(demo_plan) as plan:
        for number in range(EARLIER_CHANGES):
            ops.add_function(plan, f"Function {number}")
    return demo_plan


def rename(window: MainWindow, objective_id: str, title: str) -> None:
    window.focus_objective(objective_id)
    field = window.inspector.objective_form.title
    field.setFocus()
    field.selectAll()
    QTest.keyClicks(field, title)
    QTest.keyClick(field, Qt.Key.Key_Return)


def show_all_sessions(window: MainWindow) -> HistoryTabs:
    window.docks["history"].show()
    window.docks["history"].raise_()
    tabs = window.history_tabs
    bar = tabs.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    assert tabs.currentIndex() == 1
    QApplication.processEvents()
    return tabs


def labels(tabs: HistoryTabs, count: int) -> list[str]:
    model = tabs.file_history.model
    return [str(model.index(row, 2).data()) for row in range(count)]


def click_row(tabs: HistoryTabs, row: int) -> None:
    table = tabs.file_history.table
    table.scrollTo(table.model().index(row, 2))
    rect = table.visualRect(table.model().index(row, 2))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def open_window(qtbot: QtBot, path: Path) -> MainWindow:
    shown = MainWindow(AppSettings())  # closed by the test: it opens the plan again after
    assert shown.open_path(path)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def close_window(shown: MainWindow) -> None:
    shown.close()
    shown.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_edits_are_listed_and_stay_listed_after_reopening(
        plan_with_past: Path, data_home: Path, qtbot: QtBot) -> None:
    window = open_window(qtbot, plan_with_past)
    try:
        edit_label, undo_label = make_edits(window, plan_with_past, qtbot)
    finally:
        close_window(window)
    again = open_window(qtbot, plan_with_past)
    try:
        assert again.history.model().rowCount() == 1  # this session: "Plan opened" only
        tabs = show_all_sessions(again)
        assert labels(tabs, 2) == [undo_label, edit_label]
        assert tabs.file_history.model.index(0, 1).data() == read_history_author(plan_with_past)
    finally:
        close_window(again)


def make_edits(window: MainWindow, plan_path: Path, qtbot: QtBot) -> tuple[str, str]:
    """Rename an objective and undo it; check the list follows and shows the rows."""
    tabs = show_all_sessions(window)
    model = tabs.file_history.model
    with Plan.open(plan_path, read_only=True) as plan:
        in_file = history_count(plan)
    assert in_file > 200 and model.rowCount() == 200  # the newest page first
    table = tabs.file_history.table
    table.scrollToBottom()
    QApplication.processEvents()
    qtbot.waitUntil(lambda: model.rowCount() == in_file)

    objective_id = objective_titled(window, LEADING)
    rename(window, objective_id, "Lead EV sales")
    assert window.canvas is not None
    window.canvas.setFocus()
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert model.rowCount() == in_file + 2  # followed as they were made
    undo_label, edit_label = labels(tabs, 2)
    assert undo_label == f"Undo {edit_label}"
    assert model.index(0, 3).data() == "1"

    click_row(tabs, 1)
    details = tabs.file_history.details
    qtbot.waitUntil(lambda: details.topLevelItemCount() == 1)
    row = details.topLevelItem(0)
    assert row.text(0) == "Objective “Lead EV sales”"  # named as it became
    fields = {row.child(n).text(1): (row.child(n).text(2), row.child(n).text(3))
              for n in range(row.childCount())}
    assert fields["title"] == (LEADING, "Lead EV sales")
    return edit_label, undo_label


def read_history_author(path: Path) -> str:
    with Plan.open(path, read_only=True) as plan:
        return read_history(plan, 1)[0].author


def test_compact_history_from_the_file_menu(plan_with_past: Path, window: MainWindow) -> None:
    tabs = show_all_sessions(window)
    assert window.document is not None
    total = history_count(window.document.plan)
    file_menu = window.actions_.menus["file"]
    action = window.commands.action("file.compact_history")
    assert action in file_menu.actions() and action.isEnabled()
    window.history_commands.keep = 10
    seen: list[str] = []

    def answer_yes(dialog: QDialog) -> None:
        assert isinstance(dialog, QMessageBox)
        seen.append(dialog.text())
        button = dialog.button(QMessageBox.StandardButton.Yes)
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    errors = in_next_dialog(answer_yes)
    window.canvas.setFocus() if window.canvas is not None else None
    QTest.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    assert errors == []
    assert len(seen) == 1 and f"{total - 10:,}" in seen[0] and f"{total:,}" in seen[0]
    assert history_count(window.document.plan) == 10
    assert tabs.file_history.model.rowCount() == 10
    assert window.history.model().rowCount() == 1  # nothing went on the undo stack
