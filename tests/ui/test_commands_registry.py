"""The command registry: one action per key, enabled when it applies, menus built from it; the
window's own commands kept their texts and shortcuts."""

from __future__ import annotations

import pytest
from okrdesk_ui.commands import Commands
from okrdesk_ui.main_window import MainWindow
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures


def test_add_action_refresh_and_menu(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    commands = Commands(host)
    state = {"on": False, "ran": 0}
    action = commands.add("thing.do", "&Do it", lambda: state.update(ran=state["ran"] + 1),
                          shortcut="Ctrl+Shift+J", tip="Does it",
                          applies=lambda: bool(state["on"]))
    commands.add("thing.always", "Always", lambda: None)
    assert commands.action("thing.do") is action and action in host.actions()
    assert action.shortcut() == QKeySequence("Ctrl+Shift+J") and action.toolTip() == "Does it"
    assert not action.isEnabled()
    state["on"] = True
    commands.refresh()
    assert action.isEnabled()
    action.trigger()
    assert state["ran"] == 1
    state["on"] = False  # stale enabled state: the command asks again before it runs
    action.trigger()
    assert state["ran"] == 1
    menu = commands.menu([None, "thing.do", None, None, "thing.always", "not.registered"], host)
    assert [a.objectName() for a in menu.actions() if not a.isSeparator()] == ["thing.always"]
    assert not any(a.isSeparator() for a in menu.actions())
    with pytest.raises(KeyError, match=r"nothing\.here"):
        commands.action("nothing.here")
    with pytest.raises(ValueError, match="twice"):
        commands.add("thing.do", "Again", lambda: None)


def test_window_commands_keep_their_texts_and_shortcuts(window: MainWindow) -> None:
    commands = window.commands
    for key, attribute, shortcut in (
        ("file.new", "new", QKeySequence.StandardKey.New),
        ("file.open", "open", QKeySequence.StandardKey.Open),
        ("edit.undo", "undo", QKeySequence.StandardKey.Undo),
        ("edit.find", "find", QKeySequence.StandardKey.Find),
        ("view.fit", "fit", "Ctrl+0"),
        ("view.arrange", "arrange", "Ctrl+Shift+A"),
        ("view.map", "show_map", "Ctrl+M"),
        ("view.offsite", "offsite", "F11"),
    ):
        action = commands.action(key)
        assert action is getattr(window.actions_, attribute)
        assert action.shortcut() == QKeySequence(shortcut)
    assert commands.action("help.about").text() == "&About OKR Desk"
    assert commands.action("view.theme.dark") is window.actions_.theme_actions["dark"]


def test_commands_follow_the_selection(window: MainWindow) -> None:
    assert window.document is not None
    duplicate = window.commands.action("objective.duplicate")
    delete_kr = window.commands.action("kr.delete")
    window.document.select("", "")
    assert not duplicate.isEnabled() and not delete_kr.isEnabled()
    objective_id = next(iter(window.document.snapshot.objectives))
    window.document.select("objectives", objective_id)
    assert duplicate.isEnabled() and not delete_kr.isEnabled()
    kr_id = window.document.snapshot.krs_of[objective_id][0]
    window.document.select("key_results", kr_id)
    assert delete_kr.isEnabled() and not duplicate.isEnabled()
