"""Toolbar widgets: the cycle switcher and the search field that finds cards."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from okrdesk.rulebook import default_cycle, ordered_cycles
from okrdesk.storage import ChangeSet

from ..commands import Commands
from ..document import PlanDocument

COMMAND_PREFIX = "command:"  # the data of an entry that runs a command instead of showing a cycle


class CycleSwitcher(QComboBox):
    """The plan's cycles (years, their quarters, the backlog); a pick sets the document's cycle.

    The cycle commands (add a year, copy, rename, remove this cycle) follow the cycles at the
    end of the list. They run only when picked from the open list, never when the arrow keys or
    the wheel step through a closed one.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cycleSwitcher")
        self.setAccessibleName(self.tr("Cycle shown"))
        self.setToolTip(self.tr("The cycle shown on the canvas, the map and the health panel"))
        self.setMinimumContentsLength(10)
        self.document: PlanDocument | None = None
        self.commands: Commands | None = None
        self.command_keys: tuple[str, ...] = ()
        self._picked_in_list = -1
        self.activated.connect(self._picked)

    def set_commands(self, commands: Commands, keys: Sequence[str]) -> None:
        """Offer these commands at the end of the list."""
        self.commands = commands
        self.command_keys = tuple(keys)
        self._fill()

    def set_document(self, document: PlanDocument) -> None:
        self.document = document
        document.cycle_changed.connect(self._show_cycle)
        document.changed.connect(self._plan_changed)
        self._fill()

    def choose(self, cycle_id: str) -> None:
        index = self.findData(cycle_id)
        if index >= 0:
            self.setCurrentIndex(index)
            self._picked(index)

    def _fill(self) -> None:
        if self.document is None:
            return
        self.blockSignals(True)
        self.clear()
        for cycle in ordered_cycles(self.document.snapshot):
            label = f"    {cycle.name}" if cycle.kind == "quarter" else cycle.name
            if cycle.closed_at is not None:  # read-only until reopened (Cycle > Reopen cycle)
                label += self.tr(" (closed)")
            self.addItem(label, cycle.id)
        if self.commands is not None and self.command_keys:
            self.insertSeparator(self.count())
            for key in self.command_keys:
                if key in self.commands:
                    action = self.commands.action(key)
                    self.addItem(action.text().replace("&", ""), COMMAND_PREFIX + key)
                    self.setItemData(self.count() - 1, action.toolTip(),
                                     Qt.ItemDataRole.ToolTipRole)
        self.blockSignals(False)
        self._show_cycle(self.document.cycle_id)

    def showPopup(self) -> None:
        """Commands that cannot act now are shown greyed."""
        self._picked_in_list = -1
        model = self.model()
        if self.commands is not None and isinstance(model, QStandardItemModel):
            for index in range(self.count()):
                key = self.command_key(index)
                item = model.item(index)
                if key and item is not None:
                    item.setEnabled(key in self.commands and self.commands.applies(key))
        super().showPopup()

    def hidePopup(self) -> None:
        # A pick from the list is reported right after this; the mark does not outlive it.
        self._picked_in_list = self.view().currentIndex().row()
        super().hidePopup()
        QTimer.singleShot(0, self._forget_pick)

    def _forget_pick(self) -> None:
        self._picked_in_list = -1

    def command_key(self, index: int) -> str:
        """The command of the entry at `index`; "" for a cycle."""
        data = self.itemData(index)
        if isinstance(data, str) and data.startswith(COMMAND_PREFIX):
            return data.removeprefix(COMMAND_PREFIX)
        return ""

    def _show_cycle(self, cycle_id: str) -> None:
        self.blockSignals(True)
        self.setCurrentIndex(max(self.findData(cycle_id), 0))
        self.blockSignals(False)

    def _picked(self, index: int) -> None:
        if self.document is None or index < 0:
            return
        key = self.command_key(index)
        if not key:
            self.document.set_cycle(str(self.itemData(index)))
            return
        from_list, self._picked_in_list = self._picked_in_list == index, -1
        self._show_cycle(self.document.cycle_id)  # the shown cycle stays shown
        if from_list and self.commands is not None and key in self.commands:
            self.commands.action(key).trigger()

    def _plan_changed(self, changes: ChangeSet) -> None:
        if not changes.ids("cycles") or self.document is None:
            return
        document = self.document
        if document.cycle_id not in document.snapshot.cycles:  # the cycle shown was removed
            cycle = default_cycle(document.snapshot)
            document.set_cycle(cycle.id if cycle is not None else "")
        self._fill()


class SearchField(QLineEdit):
    """Ctrl+F lands here; Enter asks for the next card whose text matches."""

    search_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchField")
        self.setAccessibleName(self.tr("Find a card"))
        self.setPlaceholderText(self.tr("Find a card (Ctrl+F)"))
        self.setClearButtonEnabled(True)
        self.setMaximumWidth(260)
        self.returnPressed.connect(lambda: self.search_requested.emit(self.text().strip()))
