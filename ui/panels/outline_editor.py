"""The line editor of the outline view: a one-line field whose Enter, Tab, Shift+Tab, Esc and
leaving are handed to the view, which writes through the operations (never into the items)."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from okrdesk.limits import TITLE_LENGTH

AnyIndex = QModelIndex | QPersistentModelIndex
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
LINE_KEYS = (*ENTER_KEYS, Qt.Key.Key_Escape, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
# Focus that leaves for another window or a menu comes back: the line stays open.
KEEP_OPEN = (Qt.FocusReason.ActiveWindowFocusReason, Qt.FocusReason.PopupFocusReason)


class LineOwner(Protocol):
    def line_opened(self, index: AnyIndex) -> None: ...

    def line_finished(self, text: str, advance: bool) -> None:
        """Enter (advance: open the next line) or focus gone elsewhere (not advance)."""

    def line_cancelled(self) -> None: ...

    def line_indented(self, text: str, outdent: bool) -> None:
        """Tab or Shift+Tab: the line (its editor already closed) moves in or out."""


class LineDelegate(QStyledItemDelegate):
    def __init__(self, owner: LineOwner, parent: QObject) -> None:
        super().__init__(parent)
        self.owner = owner
        self._closing = False

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: AnyIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setObjectName("outlineLineEditor")
        editor.setAccessibleName(self.tr("Outline line"))
        editor.setMaxLength(TITLE_LENGTH * 2)  # longer is refused with a reason, not cut off
        editor.setFrame(False)
        self.owner.line_opened(index)
        return editor

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        """Nothing: a line reaches the plan through the view's operations."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, QLineEdit) or self._closing:
            return super().eventFilter(watched, event)
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            return self._key(watched, event)
        if (isinstance(event, QKeyEvent) and event.type() == QEvent.Type.ShortcutOverride
                and event.key() in LINE_KEYS):
            event.accept()  # the line's own keys win over the window's shortcuts
            return True
        if isinstance(event, QFocusEvent) and event.type() == QEvent.Type.FocusOut:
            if event.reason() in KEEP_OPEN:
                return False
            text = watched.text()
            self._close(watched)
            self.owner.line_finished(text, False)
            return False
        return super().eventFilter(watched, event)

    def _key(self, editor: QLineEdit, event: QKeyEvent) -> bool:
        key = event.key()
        text = editor.text()
        if key in ENTER_KEYS:
            self._close(editor)
            self.owner.line_finished(text, True)
        elif key == Qt.Key.Key_Escape:
            self._close(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
            self.owner.line_cancelled()
        elif key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            outdent = key == Qt.Key.Key_Backtab or bool(
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self._close(editor)
            self.owner.line_indented(text, outdent)
        else:
            return super().eventFilter(editor, event)
        return True

    def _close(self, editor: QLineEdit,
               hint: QAbstractItemDelegate.EndEditHint = QAbstractItemDelegate.EndEditHint.NoHint
               ) -> None:
        self._closing = True
        try:
            self.closeEditor.emit(editor, hint)
        finally:
            self._closing = False
