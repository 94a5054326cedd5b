"""Driving modal dialogs and tree rows with real events, for the organisation and new-plan
tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan

__all__ = ["choose", "click", "drag_onto", "in_next_dialog", "reopened", "row_centre", "type_into",
           "type_text"]


def in_next_dialog(work: Callable[[QDialog], object]) -> list[str]:
    """Run `work` on the next modal dialog once it shows; a dialog `work` leaves open is
    cancelled, so a failing step cannot hang the test. The list gets any error raised."""
    errors: list[str] = []

    def attempt(tries: int = 0) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            if tries < 200:
                QTimer.singleShot(10, lambda: attempt(tries + 1))
            return
        try:
            QTest.qWaitForWindowExposed(dialog)
            layout = dialog.layout()
            if layout is not None:
                layout.activate()
            work(dialog)
        except BaseException as error:  # reported by the test, after exec() returns
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            if dialog.isVisible() and errors:
                dialog.reject()

    QTimer.singleShot(0, attempt)
    return errors


def type_into(field: QWidget, text: str, *, clear: bool = True) -> None:
    field.setFocus()
    if clear:
        QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(field, Qt.Key.Key_Delete)
    type_text(field, text)


def type_text(field: QWidget, text: str) -> None:
    """Type any text, one key event per character (QTest.keyClicks takes ASCII only)."""
    for character in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier,
                              character)
            QApplication.sendEvent(field, event)


def choose(combo: QComboBox, text: str) -> None:
    """Pick an entry by typing its first letters, as a keyboard user does."""
    combo.setFocus()
    QTest.keyClicks(combo, text)
    assert combo.currentText().startswith(text), (combo.currentText(), text)


def click(button: QAbstractButton | QWidget | None) -> None:
    assert button is not None
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def row_centre(tree: QTreeWidget, item: QTreeWidgetItem) -> QPoint:
    tree.scrollToItem(item)
    return tree.visualItemRect(item).center()


def drag_onto(tree: QTreeWidget, mime: QMimeData, item: QTreeWidgetItem) -> bool:
    """Enter, move over and drop onto a row of the tree: the events a real drag sends."""
    point = row_centre(tree, item)
    viewport = tree.viewport()
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    buttons, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point, actions, mime, buttons, none)
    QApplication.sendEvent(viewport, enter)
    move = QDragMoveEvent(point, actions, mime, buttons, none)
    QApplication.sendEvent(viewport, move)
    if not move.isAccepted():
        return False
    drop = QDropEvent(QPointF(point), actions, mime, buttons, none)
    QApplication.sendEvent(viewport, drop)
    return drop.isAccepted()


def reopened(path: Path) -> Snapshot:
    """The plan as its file holds it, read through a fresh read-only opening."""
    plan = Plan.open(path, read_only=True)
    try:
        with plan.read() as connection:
            return Snapshot.load(connection)
    finally:
        plan.close()
