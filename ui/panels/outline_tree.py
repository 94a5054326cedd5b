"""The outline's tree widget and which keys the outline claims from the window's shortcuts."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QWidget

from .outline_editor import ENTER_KEYS

MOVE_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
MOVE_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down)
PLAIN_KEYS = (*ENTER_KEYS, Qt.Key.Key_Delete, Qt.Key.Key_Insert, Qt.Key.Key_F2)


def claims(event: QKeyEvent) -> bool:
    """Enter, Insert, Delete and F2 alone, or Ctrl/Alt with Up or Down."""
    key = event.key()
    moves = bool(event.modifiers() & MOVE_MODIFIERS) and key in MOVE_KEYS
    plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return moves or (plain and key in PLAIN_KEYS)


class KeyHandler(Protocol):
    def key_pressed(self, event: QKeyEvent) -> bool:
        """True when the key was the outline's and is done with."""


class OutlineTree(QTreeWidget):
    """The outline itself; keys the view acts on are handed to it."""

    def __init__(self, parent: QWidget, handler: KeyHandler) -> None:
        super().__init__(parent)
        self.handler = handler
        self.setObjectName("outlineTree")
        self.setAccessibleName(self.tr("Outline: objectives and their key results"))
        self.setHeaderLabels([self.tr("Outline"), self.tr("Reads as")])
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(1, 170)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                           | QAbstractItemView.EditTrigger.DoubleClicked)
        self.setUniformRowHeights(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)

    def event(self, event: QEvent) -> bool:
        """Keys of the outline win over the window's shortcuts for the same keys (F2, Delete,
        Insert, Alt+Up/Down act on the canvas selection there)."""
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and claims(event)):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.handler.key_pressed(event):
            super().keyPressEvent(event)
