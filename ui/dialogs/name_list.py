"""A small list editor of names (a new plan's levels or functions): add, rename in place,
remove, move up and down. Each row remembers the starter's name it stands for, so a renamed
level keeps its people."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from okrdesk.starters import Named

WAS_ROLE = Qt.ItemDataRole.UserRole
EDITABLE = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEditable)


class NameList(QWidget):
    """Names in order. `keeps(name)` says why a starter's row cannot be removed, or ''."""

    problem = Signal(str)  # why a removal was refused; '' clears

    def __init__(self, noun: str, plural: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.noun = noun
        self.keeps: Callable[[str], str] = lambda _was: ""
        self.names = _Names(self)
        self.names.setObjectName(f"{plural.lower()}List")
        self.names.setAccessibleName(plural)
        self.names.setEditTriggers(QListWidget.EditTrigger.DoubleClicked
                                   | QListWidget.EditTrigger.EditKeyPressed
                                   | QListWidget.EditTrigger.AnyKeyPressed)
        self.add_button = self._button(self.tr("Add"), self.add,
                                       self.tr("Add a {noun}").format(noun=noun))
        self.remove_button = self._button(self.tr("Remove"), self.remove,
                                          self.tr("Remove the chosen {noun}").format(noun=noun))
        self.up_button = self._button(self.tr("Up"), lambda: self.shift(-1),
                                      self.tr("Move the chosen {noun} up").format(noun=noun))
        self.down_button = self._button(self.tr("Down"), lambda: self.shift(1),
                                        self.tr("Move the chosen {noun} down").format(noun=noun))
        buttons = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.names, 1)
        layout.addLayout(buttons)
        self.names.currentRowChanged.connect(lambda _row: self._enable())
        self._enable()

    def set_names(self, names: Sequence[str]) -> None:
        """Start again from a starter's names (each standing for itself)."""
        self.names.clear()
        for name in names:
            self._append(name, name)
        self._enable()

    def chosen(self) -> tuple[Named, ...]:
        rows = (self.names.item(i) for i in range(self.names.count()))
        return tuple(Named(item.text().strip(), item.data(WAS_ROLE)) for item in rows if item)

    def add(self) -> None:
        base = self.tr("New %1").replace("%1", self.noun)
        taken = {named.name for named in self.chosen()}
        name, number = base, 2
        while name in taken:
            name, number = f"{base} {number}", number + 1
        item = self._append(name, None)
        self.names.setCurrentItem(item)
        self.names.editItem(item)

    def remove(self) -> None:
        item = self.names.currentItem()
        if item is None:
            return
        was = item.data(WAS_ROLE)
        reason = self.keeps(was) if was is not None else ""
        if reason:
            self.problem.emit(reason)
            return
        self.names.takeItem(self.names.row(item))
        self.problem.emit("")
        self._enable()

    def shift(self, step: int) -> None:
        row = self.names.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.names.count():
            return
        item = self.names.takeItem(row)
        self.names.insertItem(target, item)
        self.names.setCurrentRow(target)

    def _append(self, name: str, was: str | None) -> QListWidgetItem:
        item = QListWidgetItem(name, self.names)
        item.setFlags(EDITABLE)
        item.setData(WAS_ROLE, was)
        return item

    def _button(self, text: str, slot: Callable[[], object], tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _enable(self) -> None:
        row, count = self.names.currentRow(), self.names.count()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)


class _Names(QListWidget):
    """Delete removes, Ctrl+Up and Ctrl+Down move, Insert adds."""

    def __init__(self, editor: NameList) -> None:
        super().__init__(editor)
        self.editor = editor

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, ctrl = event.key(), event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if key == Qt.Key.Key_Delete:
            self.editor.remove()
        elif key == Qt.Key.Key_Insert:
            self.editor.add()
        elif ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.editor.shift(-1 if key == Qt.Key.Key_Up else 1)
        else:
            super().keyPressEvent(event)
