"""Shared steps of the command tests: right-clicks on the canvas and the list, menus and pickers
driven with keys, as a planner would."""

from __future__ import annotations

from okrdesk_ui.canvas.items import CardItem
from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.pickers import Picker
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from okrdesk.snapshot import Snapshot
from tests.ui.dialog_driving import type_text

__all__ = ["choose", "modal", "right_click", "right_click_card", "snapshot_of"]


def snapshot_of(window: MainWindow) -> Snapshot:
    assert window.document is not None
    return window.document.snapshot


def right_click(qtbot: QtBot, widget: QWidget, pos: QPoint) -> QMenu:
    """A right-click as the platform delivers it: the button, then the context-menu event.
    Returns the menu that popped up."""
    QTest.mouseClick(widget, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, pos)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, widget.mapToGlobal(pos))
    QApplication.sendEvent(widget, event)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=2000)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu) and menu.isVisible()
    return menu


def canvas_point(window: MainWindow, scene_point: QPointF) -> QPoint:
    """Where a scene point is in the canvas's viewport, brought into view first."""
    assert window.canvas is not None
    window.tabs.setCurrentIndex(0)
    window.canvas.centerOn(scene_point)
    return window.canvas.mapFromScene(scene_point)


def right_click_card(qtbot: QtBot, window: MainWindow, objective_id: str,
                     row: int | None = None) -> QMenu:
    """Right-click a card's title, or one of its key-result rows."""
    assert window.canvas is not None
    card = window.canvas.canvas_scene.cards[objective_id]
    point = card_point(card, row)
    return right_click(qtbot, window.canvas.viewport(), canvas_point(window, point))


def card_point(card: CardItem, row: int | None = None) -> QPointF:
    if row is None:
        return card.mapToScene(QPointF(card.card_rect().width() / 2, 18))
    kr_id = card.face.rows[row].kr_id
    item = card.row_for(kr_id)
    assert item is not None
    return item.mapToScene(item.boundingRect().center())


def choose(menu: QMenu, key: str) -> None:
    """Walk down the menu with the arrow keys to the command `key`, then press Enter."""
    enabled = [a for a in menu.actions() if not a.isSeparator() and a.isEnabled()]
    keys = [a.objectName() for a in enabled]
    assert key in keys, f"{key} is not in the menu: {keys}"
    for _ in range(keys.index(key) + 1):
        QTest.keyClick(menu, Qt.Key.Key_Down)
    assert menu.activeAction() is enabled[keys.index(key)]
    QTest.keyClick(menu, Qt.Key.Key_Return)


def modal(qtbot: QtBot, kind: type[QWidget]) -> QWidget:
    """The window-modal dialog (a picker, a question) that is open now."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind), timeout=2000)
    widget = QApplication.activeModalWidget()
    assert isinstance(widget, kind)
    return widget


def pick(qtbot: QtBot, typed: str) -> Picker:
    """Type into the open picker's filter and press Enter."""
    picker = modal(qtbot, Picker)
    assert isinstance(picker, Picker)
    type_text(picker.filter, typed)  # names like "Tomás": QTest.keyClicks takes ASCII only
    QTest.keyClick(picker.filter, Qt.Key.Key_Return)
    return picker


def answer_delete(qtbot: QtBot) -> str:
    """Press Enter in the question before a deletion; returns what it said."""
    box = modal(qtbot, QMessageBox)
    assert isinstance(box, QMessageBox)
    said = f"{box.text()} {box.informativeText()}"
    QTest.keyClick(box, Qt.Key.Key_Return)
    return said


def undo(window: MainWindow) -> None:
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
