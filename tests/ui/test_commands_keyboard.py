"""A plan built and aligned with the keyboard alone: a card selected, Ctrl+D, Delete, Alt+Up,
Ctrl+L and the picker; each step undone with Ctrl+Z. The Objective menu lists every command
with its shortcut."""

from __future__ import annotations

from pathlib import Path

import pytest
from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.plan_menus import BAR_KEYS
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from okrdesk.rulebook import parent_of
from tests.ui.test_commands_support import (
    answer_delete,
    canvas_point,
    card_point,
    pick,
    snapshot_of,
    undo,
)
from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures
from tests.ui.test_window_support import objective_titled, read_one

LEADING = "Become the leading electric car dealership in the region"
COUNT_SQL = "SELECT COUNT(*) FROM objectives"
Ctrl = Qt.KeyboardModifier.ControlModifier
Alt = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def shown(window: MainWindow) -> MainWindow:
    window.resize(1920, 1080)
    window.activateWindow()
    QApplication.processEvents()
    return window


def click_card(window: MainWindow, objective_id: str) -> None:
    """Select a card with the mouse, the canvas keeping the keyboard focus."""
    assert window.canvas is not None
    card = window.canvas.canvas_scene.cards[objective_id]
    QTest.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, canvas_point(window, card_point(card)))
    assert window.document is not None
    assert window.document.selected == ("objectives", objective_id)


def press(window: MainWindow, key: Qt.Key,
          modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    target = QApplication.focusWidget() or window
    QTest.keyClick(target, key, modifier)


def test_duplicate_move_up_and_delete_with_keys_each_undone(
    shown: MainWindow, demo_plan: Path, qtbot: QtBot,
) -> None:
    leading = objective_titled(shown, LEADING)
    before = read_one(demo_plan, COUNT_SQL)
    click_card(shown, leading)
    press(shown, Qt.Key.Key_D, Ctrl)
    assert shown.document is not None
    copy = shown.document.selected[1]
    assert copy != leading and read_one(demo_plan, COUNT_SQL) == before + 1  # type: ignore[operator]
    snapshot = snapshot_of(shown)
    owner = snapshot.objectives[leading].owner_id
    siblings = sorted((o for o in snapshot.objectives.values()
                       if o.owner_id == owner and o.cycle_id == snapshot.objectives[copy].cycle_id),
                      key=lambda o: o.position)
    assert siblings[-1].id == copy  # the copy comes last in its owner's list
    press(shown, Qt.Key.Key_Up, Alt)
    moved = sorted((o for o in snapshot_of(shown).objectives.values()
                    if o.owner_id == owner and o.cycle_id == siblings[0].cycle_id),
                   key=lambda o: o.position)
    assert [o.id for o in moved][-2:] == [copy, siblings[-2].id]
    undo(shown)
    assert snapshot_of(shown).objectives[copy].position == siblings[-1].position
    press(shown, Qt.Key.Key_Delete)
    said = answer_delete(qtbot)  # the copy has key results: it asks first
    assert "key result" in said
    assert copy not in snapshot_of(shown).objectives
    assert read_one(demo_plan, COUNT_SQL) == before
    undo(shown)
    assert copy in snapshot_of(shown).objectives
    undo(shown)
    assert copy not in snapshot_of(shown).objectives
    assert read_one(demo_plan, COUNT_SQL) == before


def test_key_results_move_with_alt_arrows(shown: MainWindow) -> None:
    leading = objective_titled(shown, LEADING)
    order = list(snapshot_of(shown).krs_of[leading])
    assert shown.document is not None
    click_card(shown, leading)
    shown.document.select("key_results", order[0])
    press(shown, Qt.Key.Key_Down, Alt)
    assert snapshot_of(shown).krs_of[leading][:2] == [order[1], order[0]]
    assert not shown.commands.action("objective.move_up").isEnabled()  # a row is selected
    undo(shown)
    assert list(snapshot_of(shown).krs_of[leading]) == order


def test_align_with_the_keyboard_alone(shown: MainWindow, qtbot: QtBot) -> None:
    assert shown.canvas is not None
    scene = shown.canvas.canvas_scene
    snapshot = snapshot_of(shown)
    child = next(c for c in sorted(scene.align_edges) if parent_of(snapshot, c) in scene.cards)
    parent = parent_of(snapshot, child)
    assert parent is not None
    click_card(shown, child)
    assert shown.commands.action("objective.unlink").isEnabled()
    shown.commands.action("objective.unlink").trigger()  # no shortcut: the Objective menu has it
    assert snapshot_of(shown).objectives[child].parent_kr_id is None
    press(shown, Qt.Key.Key_L, Ctrl)
    picker = pick(qtbot, snapshot.objectives[parent].title)
    assert not picker.isVisible()
    assert parent_of(snapshot_of(shown), child) == parent
    undo(shown)
    assert snapshot_of(shown).objectives[child].parent_kr_id is None


def test_the_objective_menu_lists_every_command_with_its_shortcut(shown: MainWindow) -> None:
    menu = shown.plan_menus.bar_menu
    assert menu.menuAction() in shown.menuBar().actions()
    menu.aboutToShow.emit()
    listed = {a.objectName(): a for a in menu.actions() if not a.isSeparator()}
    assert set(listed) == {key for key in BAR_KEYS if key is not None and key in shown.commands}
    assert listed["objective.duplicate"].shortcut() == QKeySequence("Ctrl+D")
    assert listed["objective.delete"].shortcut() == QKeySequence(QKeySequence.StandardKey.Delete)
    assert listed["objective.move_up"].shortcut() == QKeySequence("Alt+Up")
    assert listed["kr.move_down"].shortcut() == QKeySequence("Alt+Down")
    assert listed["objective.align_up"].shortcut() == QKeySequence("Ctrl+L")
    edit = next(a.menu() for a in shown.menuBar().actions() if a.text() == "&Edit")
    assert [a.objectName() for a in edit.actions() if not a.isSeparator()][:3] == [
        "edit.undo", "edit.redo", "edit.find"]


def test_delete_in_another_panel_leaves_the_selected_card(
    shown: MainWindow, demo_plan: Path,
) -> None:
    leading = objective_titled(shown, LEADING)
    before = read_one(demo_plan, COUNT_SQL)
    click_card(shown, leading)
    tree = shown.organisation.tree
    tree.setFocus()
    QTest.keyClick(tree, Qt.Key.Key_Delete)
    QTest.keyClick(tree, Qt.Key.Key_D, Ctrl)
    assert leading in snapshot_of(shown).objectives
    assert read_one(demo_plan, COUNT_SQL) == before
