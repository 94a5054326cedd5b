"""File > Take out a draft…: Ctrl+Alt+D opens the dialog, typing finds the person, Return
takes the draft out off the GUI thread and offers to open it; the draft opens with its banner,
an edit outside the part is refused with the reason in the status bar and the file unchanged,
an edit inside the part is saved."""

from __future__ import annotations

import re
from pathlib import Path

from okrdesk_ui.dialogs.take_out_draft import TakeOutDraftDialog
from okrdesk_ui.main_window import MainWindow
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures
from tests.ui.test_window_support import objective_titled, read_one


def open_dialog(window: MainWindow, qtbot: QtBot) -> TakeOutDraftDialog:
    window.activateWindow()
    QApplication.processEvents()
    QTest.keySequence(window, QKeySequence("Ctrl+Alt+D"))
    qtbot.waitUntil(lambda: bool(window.findChildren(TakeOutDraftDialog)))
    dialog: TakeOutDraftDialog = window.findChildren(TakeOutDraftDialog)[0]
    qtbot.waitExposed(dialog)
    return dialog


def edit_title(window: MainWindow, objective_id: str, title: str) -> None:
    window.focus_objective(objective_id)
    form = window.inspector.objective_form
    form.title.setFocus()
    form.title.selectAll()
    QTest.keyClicks(form.title, title)
    QTest.keyClick(form.title, Qt.Key.Key_Return)


def test_take_out_a_draft_open_it_and_edit_only_the_part(
        window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    file_menu = [a.text() for a in window.actions_.menus["file"].actions()]
    assert "Take out a &draft…" in file_menu
    dialog = open_dialog(window, qtbot)
    assert not dialog.take_button.isEnabled()  # nobody chosen yet
    QTest.keyClicks(dialog.search, "olivia")
    chosen = dialog.people.currentItem()
    assert chosen is not None and chosen.text().startswith("Olivia Chen")
    assert sum(not dialog.people.item(r).isHidden() for r in range(dialog.people.count())) == 1
    dialog.cycle.setFocus()
    QTest.keyClick(dialog.cycle, Qt.Key.Key_Home)  # "Every cycle"
    assert dialog.cycle.currentData() is None
    assert re.search(r"Olivia Chen's part: \d+ objectives of 4 people", dialog.summary.text())
    target = tmp_path / "olivia draft"
    dialog.path.setFocus()
    dialog.path.selectAll()
    QTest.keyClicks(dialog.path, str(target))
    assert dialog.take_button.isEnabled()
    QTest.keyClick(dialog.path, Qt.Key.Key_Return)  # the default button: Take out

    written = target.with_suffix(".okr")
    qtbot.waitUntil(lambda: isinstance(window.draft_commands.offer, QMessageBox),
                    timeout=30_000)
    assert written.exists()
    offer = window.draft_commands.offer
    assert offer is not None
    qtbot.waitExposed(offer)
    QTest.keyClick(offer, Qt.Key.Key_Return)  # Open
    qtbot.waitUntil(lambda: window.document is not None
                    and window.document.plan.path == written)

    banner = window.draft_banner
    assert banner.isVisible()
    assert re.fullmatch(r"Draft of Voltline Motors 2027 — Olivia Chen's part, taken "
                        r"\d{4}-\d{2}-\d{2}", banner.text.text())

    top = objective_titled(window, "Become the leading electric car dealership in the region")
    before = written.read_bytes()
    edit_title(window, top, "Lead the region")
    message = window.statusBar().currentMessage()
    assert "This draft holds Olivia Chen's part of Voltline Motors 2027" in message
    assert "which is outside it" in message
    title_sql = "SELECT title FROM objectives WHERE id = :id"
    assert read_one(written, title_sql, id=top) == (
        "Become the leading electric car dealership in the region")
    assert written.read_bytes() == before

    own = objective_titled(window, "Turn more test drives into sales in the North region")
    edit_title(window, own, "Turn more test drives into sales, North")
    qtbot.waitUntil(lambda: read_one(written, title_sql, id=own)
                    == "Turn more test drives into sales, North")


def test_a_plan_that_is_not_a_draft_has_no_banner(window: MainWindow) -> None:
    assert not window.draft_banner.isVisible()
