"""Toolbar widgets: the cycle switcher and the search field that finds cards."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from okrdesk.snapshot import CycleRow
from okrdesk.storage import ChangeSet

from ..document import PlanDocument


class CycleSwitcher(QComboBox):
    """The plan's cycles (years, their quarters, the backlog); a pick sets the document's cycle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cycleSwitcher")
        self.setToolTip("The cycle shown on the canvas, the map and the health panel")
        self.setMinimumContentsLength(10)
        self.document: PlanDocument | None = None
        self.activated.connect(self._picked)

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
        for cycle in _ordered_cycles(self.document):
            label = f"    {cycle.name}" if cycle.kind == "quarter" else cycle.name
            self.addItem(label, cycle.id)
        self.blockSignals(False)
        self._show_cycle(self.document.cycle_id)

    def _show_cycle(self, cycle_id: str) -> None:
        self.blockSignals(True)
        self.setCurrentIndex(max(self.findData(cycle_id), 0))
        self.blockSignals(False)

    def _picked(self, index: int) -> None:
        if self.document is not None and index >= 0:
            self.document.set_cycle(str(self.itemData(index)))

    def _plan_changed(self, changes: ChangeSet) -> None:
        if changes.ids("cycles"):
            self._fill()


def _ordered_cycles(document: PlanDocument) -> list[CycleRow]:
    cycles = document.snapshot.cycles
    years = sorted((c for c in cycles.values() if c.kind == "year"), key=lambda c: c.name)
    ordered: list[CycleRow] = []
    for year in years:
        ordered.append(year)
        quarters = [c for c in cycles.values() if c.parent_id == year.id]
        ordered.extend(sorted(quarters, key=lambda c: c.name))
    ordered.extend(sorted((c for c in cycles.values() if c not in ordered), key=lambda c: c.name))
    return ordered


class SearchField(QLineEdit):
    """Ctrl+F lands here; Enter asks for the next card whose text matches."""

    search_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchField")
        self.setPlaceholderText("Find a card (Ctrl+F)")
        self.setClearButtonEnabled(True)
        self.setMaximumWidth(260)
        self.returnPressed.connect(lambda: self.search_requested.emit(self.text().strip()))
