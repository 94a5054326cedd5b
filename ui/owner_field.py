"""A chooser of a person or team with type-ahead: typing part of a name and Enter picks the
first match, and Enter is not passed on (so it does not close a dialog)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from okrdesk.snapshot import Snapshot


class OwnerField(QComboBox):
    def __init__(self, parent: QWidget, name: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumContentsLength(12)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        line = self.lineEdit()
        if line is not None:
            line.installEventFilter(self)

    def fill(self, snapshot: Snapshot, current: str = "") -> None:
        """Every person and team by name; `current` (an id) stays chosen when it still exists."""
        self.blockSignals(True)
        self.clear()
        for unit in sorted(snapshot.units.values(), key=lambda u: u.name.casefold()):
            self.addItem(unit.name, unit.id)
        self.setCurrentIndex(max(0, self.findData(current)))
        self.blockSignals(False)

    def chosen_id(self) -> str:
        """The chosen unit's id, or "" when the text names none."""
        index = self.currentIndex()
        if index < 0 or self.currentText() != self.itemText(index):
            return ""
        return str(self.itemData(index) or "")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.choose_typed()
            return True
        return super().eventFilter(watched, event)

    def choose_typed(self) -> None:
        """Pick the item the text names: exactly, else the first whose name holds the text."""
        text = self.currentText().strip().casefold()
        names = [self.itemText(i).casefold() for i in range(self.count())]
        match = next((i for i, n in enumerate(names) if n == text), None)
        if match is None:
            match = next((i for i, n in enumerate(names) if text and text in n), None)
        completer = self.completer()
        popup = completer.popup() if completer is not None else None
        if popup is not None:
            popup.hide()
        if match is not None:
            self.setCurrentIndex(match)
            self.setEditText(self.itemText(match))
