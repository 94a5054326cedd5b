"""A full disk refuses a change: nothing goes on the undo stack, the planner is told that
nothing was lost, and once there is room the same gesture works."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from okrdesk_ui.main_window import MainWindow
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures
from tests.ui.test_window_support import objective_titled, read_one

LEADING = "Become the leading electric car dealership in the region"
TITLE_SQL = "SELECT title FROM objectives WHERE id = :i"
DESCRIPTION_SQL = "SELECT description FROM objectives WHERE id = :i"
LONG_TEXT = "Why this matters to every dealer and every buyer. " * 120  # needs new pages


class PageLimit:
    """SQLite's `max_page_count` on every connection the plan uses: at the limit, a write that
    needs another page fails with "database or disk is full", as on a full disk."""

    def __init__(self, window: MainWindow) -> None:
        assert window.document is not None
        self.engine = window.document.plan.engine
        self.pages = 0
        event.listen(self.engine, "checkout", self._on_checkout)

    def _on_checkout(self, connection: object, *_args: object) -> None:
        if self.pages:
            connection.execute(f"PRAGMA max_page_count = {self.pages}")  # type: ignore[attr-defined]

    def fill_up(self) -> None:
        with self.engine.connect() as connection:
            self.pages = int(connection.exec_driver_sql("PRAGMA page_count").scalar_one())
            connection.exec_driver_sql(f"PRAGMA max_page_count = {self.pages}")

    def make_room(self) -> None:
        self.pages = 1_000_000

    def shrink_file(self) -> None:
        """Give the free pages back, so the next growth needs pages past the limit."""
        connection = self.engine.raw_connection()  # no transaction around it: VACUUM needs that
        try:
            connection.driver_connection.execute("VACUUM")  # type: ignore[union-attr]
        finally:
            connection.close()

    def remove(self) -> None:
        event.remove(self.engine, "checkout", self._on_checkout)


@pytest.fixture
def page_limit(window: MainWindow) -> Iterator[PageLimit]:
    limit = PageLimit(window)
    yield limit
    limit.remove()


def error_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == "errorBox" and w.isVisible()]


def describe(window: MainWindow, text: str) -> None:
    """Paste a description and leave the field, as a planner would."""
    form = window.inspector.objective_form
    QApplication.clipboard().setText(text)
    form.description.setFocus()
    form.description.selectAll()
    QTest.keyClick(form.description, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    form.title.setFocus()  # leaving the description saves it


def test_a_full_disk_refuses_the_change_and_the_plan_goes_on(
    window: MainWindow, demo_plan: Path, qtbot: QtBot, page_limit: PageLimit,
) -> None:
    assert window.document is not None
    stack = window.document.undo_stack
    objective_id = objective_titled(window, LEADING)
    window.focus_objective(objective_id)
    before = read_one(demo_plan, DESCRIPTION_SQL, i=objective_id)
    page_limit.shrink_file()  # no free page left inside the file either
    page_limit.fill_up()

    describe(window, LONG_TEXT)
    assert stack.count() == 0
    assert read_one(demo_plan, DESCRIPTION_SQL, i=objective_id) == before
    assert window.inspector.objective_form.description.toPlainText() == before
    assert "Nothing was lost" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: bool(error_boxes()))
    box = error_boxes()[0]
    assert "“Edit description” could not be saved" in box.text()
    assert "disk is full" in box.text()
    box.accept()

    page_limit.make_room()
    describe(window, LONG_TEXT)
    assert stack.count() == 1
    assert read_one(demo_plan, DESCRIPTION_SQL, i=objective_id) == LONG_TEXT


def test_a_full_disk_refuses_a_redo_without_moving_the_stack(
    window: MainWindow, demo_plan: Path, qtbot: QtBot, page_limit: PageLimit,
) -> None:
    assert window.document is not None
    stack = window.document.undo_stack
    objective_id = objective_titled(window, LEADING)
    window.focus_objective(objective_id)
    before = read_one(demo_plan, DESCRIPTION_SQL, i=objective_id)
    describe(window, LONG_TEXT)
    window.actions_.undo.trigger()
    assert (stack.count(), stack.index()) == (1, 0)
    page_limit.shrink_file()
    page_limit.fill_up()

    window.actions_.redo.trigger()
    assert (stack.count(), stack.index()) == (1, 0)
    assert read_one(demo_plan, DESCRIPTION_SQL, i=objective_id) == before
    assert "“Redo Edit description” could not be saved" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: bool(error_boxes()))
    error_boxes()[0].accept()

    page_limit.make_room()
    window.actions_.redo.trigger()
    assert stack.index() == 1
    assert read_one(demo_plan, DESCRIPTION_SQL, i=objective_id) == LONG_TEXT
