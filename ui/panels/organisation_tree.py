"""The organisation tree widget: names typed in place, the panel's keys, and drops (a key result
onto a person or team delegates it; a person onto another changes their manager)."""

from __future__ import annotations

import json
from typing import Protocol

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QEvent,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QDrag, QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QWidget,
)

KEY_RESULT_MIME = "application/x-okrdesk-key-result"  # what the canvas puts on a dragged row
UNIT_MIME = "application/x-okrdesk-unit"  # a person or team dragged in the tree

UNIT_ROLE = Qt.ItemDataRole.UserRole  # the row's key, "unit:ID" ...
NAME_ROLE = Qt.ItemDataRole.UserRole + 1  # the name alone, as typed in place
PANEL_KEYS = {Qt.Key.Key_F2, Qt.Key.Key_Delete, Qt.Key.Key_Insert, Qt.Key.Key_Return,
              Qt.Key.Key_Enter}


class TreeOwner(Protocol):
    """What the tree asks of its panel."""

    hint: SignalInstance

    def delegation_hint(self, kr_id: str, unit_id: str) -> str | None: ...

    def delegate(self, kr_id: str, unit_id: str) -> bool: ...

    def move_hint(self, unit_id: str, target_key: str) -> tuple[str, bool]: ...

    def drop_unit(self, unit_id: str, target_key: str) -> bool: ...

    def rename_chosen(self) -> None: ...

    def remove_chosen(self) -> bool: ...

    def edit_chosen(self) -> bool: ...

    def add_unit(self) -> bool: ...

    def move_chosen_level(self, step: int) -> bool: ...


class OrganisationTree(QTreeWidget):
    renamed = Signal(str, str)  # row key, the name typed
    editing_closed = Signal()

    def __init__(self, owner: TreeOwner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.owner = owner
        self.setAcceptDrops(True)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDropIndicatorShown(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # F2 is ours
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        delegate = _NameDelegate(self)
        delegate.closeEditor.connect(lambda *_args: self.editing_closed.emit())
        self.setItemDelegate(delegate)

    # -- keys ---------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # The panel's keys act here even where the window has a shortcut on the same key.
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and self._panel_key(event)):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() == QAbstractItemView.State.EditingState or not self._panel_key(event):
            super().keyPressEvent(event)
            return
        key = event.key()
        if key == Qt.Key.Key_F2:
            self.owner.rename_chosen()
        elif key == Qt.Key.Key_Delete:
            self.owner.remove_chosen()
        elif key == Qt.Key.Key_Insert:
            self.owner.add_unit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.owner.edit_chosen()
        else:
            self.owner.move_chosen_level(-1 if key == Qt.Key.Key_Up else 1)

    def _panel_key(self, event: QKeyEvent) -> bool:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers == Qt.KeyboardModifier.AltModifier:
            return event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        return modifiers == Qt.KeyboardModifier.NoModifier and event.key() in PANEL_KEYS

    # -- dragging a person --------------------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [UNIT_MIME, KEY_RESULT_MIME]

    def unit_mime(self, unit_id: str) -> QMimeData:
        """What a dragged person or team carries."""
        mime = QMimeData()
        mime.setData(UNIT_MIME, QByteArray(json.dumps({"id": unit_id}).encode()))
        return mime

    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        item = self.currentItem()
        key = str(item.data(0, UNIT_ROLE) or "") if item is not None else ""
        if not key.startswith("unit:"):
            return
        drag = QDrag(self)
        drag.setMimeData(self.unit_mime(key.removeprefix("unit:")))
        drag.exec(Qt.DropAction.MoveAction)  # the plan changes in the drop; no rows move here

    # -- drops --------------------------------------------------------------------------------

    def _target_key(self, event: QDragMoveEvent | QDropEvent) -> str:
        item = self.itemAt(event.position().toPoint())
        return str(item.data(0, UNIT_ROLE) or "") if item is not None else ""

    def _delegation(self, event: QDragMoveEvent | QDropEvent) -> tuple[str, str] | None:
        kr_id = dragged_key_result(event.mimeData())
        key = self._target_key(event)
        if kr_id is None or not key.startswith("unit:"):
            return None
        return kr_id, key.removeprefix("unit:")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if dragged_key_result(mime) is not None or dragged_unit(mime) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        unit_id = dragged_unit(event.mimeData())
        if unit_id is not None:
            text, allowed = self.owner.move_hint(unit_id, self._target_key(event))
        else:
            target = self._delegation(event)
            refusal = (self.owner.delegation_hint(*target) if target
                       else self.tr("Drop onto a person or team."))
            allowed = refusal is None
            text = refusal or self.tr("Drop to delegate this key result as a new objective.")
        if allowed:
            event.acceptProposedAction()
        else:
            event.ignore()
        self.owner.hint.emit(text)

    def dropEvent(self, event: QDropEvent) -> None:
        unit_id = dragged_unit(event.mimeData())
        if unit_id is not None:
            done = self.owner.drop_unit(unit_id, self._target_key(event))
        else:
            target = self._delegation(event)
            done = target is not None and self.owner.delegate(*target)
        if done:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()


class _NameDelegate(QStyledItemDelegate):
    """Edits a row's name alone (not its decorations); the name typed goes to the panel,
    which changes the plan, and the tree is rebuilt from it."""

    def __init__(self, tree: OrganisationTree) -> None:
        super().__init__(tree)
        self.tree = tree

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = super().createEditor(parent, option, index)
        editor.installEventFilter(self)
        return editor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # While a name is typed, plain keys (Enter, Delete, F2, Insert ...) are the editor's,
        # not the shortcuts of the panel's commands.
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            event.accept()
        return super().eventFilter(watched, event)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QLineEdit):
            editor.setText(str(index.data(NAME_ROLE) or ""))
            editor.selectAll()
            editor.setAccessibleName(self.tr("New name"))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QLineEdit):
            self.tree.renamed.emit(str(index.data(UNIT_ROLE) or ""), editor.text())


def _payload_id(mime: QMimeData, kind: str) -> str | None:
    if not mime.hasFormat(kind):
        return None
    try:
        return str(json.loads(bytes(mime.data(kind).data()).decode())["id"])
    except (ValueError, KeyError, TypeError):
        return None


def dragged_key_result(mime: QMimeData) -> str | None:
    return _payload_id(mime, KEY_RESULT_MIME)


def dragged_unit(mime: QMimeData) -> str | None:
    return _payload_id(mime, UNIT_MIME)
