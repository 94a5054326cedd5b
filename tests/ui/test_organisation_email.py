"""Setting one person's e-mail address from the organisation panel: the row's context menu and
Ctrl+Alt+E, one undo step; a bad address is refused with the plan's reason and changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.settings import AppSettings
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu
from pytestqt.qtbot import QtBot

from okrdesk.storage import Plan
from tests.core.builders import small_org
from tests.ui.test_window_support import data_home  # noqa: F401 - the fixture


@pytest.fixture
def people(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "plan.okr"
    with small_org(path) as org:
        return path, org.people["Sam Lee"]


@pytest.fixture
def window(qtbot: QtBot, people: tuple[Path, str], data_home: Path  # noqa: F811
           ) -> Iterator[MainWindow]:
    shown = MainWindow(AppSettings())
    qtbot.addWidget(shown)
    assert shown.open_path(people[0])
    shown.resize(1280, 720)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.close()
    shown.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def stored_email(path: Path, unit_id: str) -> str:
    with Plan.open(path, read_only=True) as plan, plan.read() as connection:
        return str(connection.exec_driver_sql("SELECT email FROM units WHERE id = ?",
                                              (unit_id,)).scalar_one())


def email_dialog(window: MainWindow) -> QInputDialog:
    dialog = window.findChild(QInputDialog, "unitEmailDialog")
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_set_an_email_from_the_rows_menu_then_undo(window: MainWindow,
                                                   people: tuple[Path, str]) -> None:
    path, sam = people
    panel = window.organisation
    item = panel.item_for(f"unit:{sam}")
    assert item is not None
    panel.tree.setCurrentItem(item)
    menu = panel.context_menu_for(item)
    assert isinstance(menu, QMenu)
    action = next(a for a in menu.actions() if a.text() == "Set &e-mail address…")
    menu.popup(panel.tree.mapToGlobal(panel.tree.rect().center()))
    QTest.mouseClick(menu, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     menu.actionGeometry(action).center())
    dialog = email_dialog(window)
    dialog.setTextValue("sam.lee@example.com")
    dialog.accept()
    assert stored_email(path, sam) == "sam.lee@example.com"
    window.commands.action("edit.undo").trigger()
    assert stored_email(path, sam) == ""


def test_a_bad_address_by_keyboard_is_refused_and_changes_nothing(
        window: MainWindow, people: tuple[Path, str]) -> None:
    path, sam = people
    panel = window.organisation
    item = panel.item_for(f"unit:{sam}")
    assert item is not None
    panel.tree.setFocus()
    panel.tree.setCurrentItem(item)
    QTest.keyClick(panel.tree, Qt.Key.Key_E,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    dialog = email_dialog(window)
    dialog.setTextValue("not an address")
    dialog.accept()
    assert stored_email(path, sam) == ""
    assert "e-mail" in window.statusBar().currentMessage().lower()
