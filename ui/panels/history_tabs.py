"""The History panel: "This session" (the undo history, HistoryPanel) beside "All sessions",
the change history kept in the plan file: when, who, what and how many rows, newest first,
with the rows of the chosen change below."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSplitter,
    QTableView,
    QTabWidget,
    QWidget,
)

from okrdesk.errors import OkrDeskError
from okrdesk.storage.history import history_entry

from ..document import PlanDocument
from .history import HistoryPanel
from .history_details import HistoryDetails
from .history_model import FileHistoryModel

NARROW = 480  # pixels: narrower, the list shows when and what only


class FileHistoryView(QSplitter):
    """The entries kept in the file above, the rows of the chosen one below."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.document = document
        self.setObjectName("fileHistory")
        self.model = FileHistoryModel(document, self)
        self.table = QTableView(self)
        self.table.setObjectName("fileHistoryTable")
        self.table.setAccessibleName(self.tr("Changes kept in the plan file"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, self.fontMetrics().horizontalAdvance("2027-12-31 23:59") + 16)
        header.resizeSection(1, self.fontMetrics().horizontalAdvance("M" * 8) + 8)
        header.resizeSection(3, self.fontMetrics().horizontalAdvance("100,000") + 16)
        self.details = HistoryDetails(self)
        self.addWidget(self.table)
        self.addWidget(self.details)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 2)
        self.setChildrenCollapsible(False)
        self.table.selectionModel().selectionChanged.connect(self._chosen)
        self._read = False

    def showEvent(self, event: object) -> None:  # read when first shown, not at start-up
        if not self._read:
            self._read = True
            self.model.reload()
        super().showEvent(event)  # type: ignore[arg-type]

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A narrow panel (docked beside the canvas) shows when and what; who and how many
        rows stay in each entry's tooltip."""
        narrow = event.size().width() < NARROW
        for column in (1, 3):
            self.table.setColumnHidden(column, narrow)
        super().resizeEvent(event)

    def reload(self) -> None:
        self._read = True
        self.model.reload()
        self.details.show_entry(None)

    def _chosen(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = selected.indexes()
        item = self.model.item(rows[0].row()) if rows else None
        if item is not None and item.readable and item.kept:
            with contextlib.suppress(OkrDeskError):  # else shown without its rows
                item = history_entry(self.document.plan, item.sequence) or item
        self.details.show_entry(item)


class HistoryTabs(QTabWidget):
    """What goes in the History dock: this session's steps and the file's history."""

    def __init__(self, session: HistoryPanel, document: PlanDocument,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyTabs")
        self.setDocumentMode(True)
        self.session = session
        self.file_history = FileHistoryView(document, self)
        self.addTab(session, self.tr("This session"))
        self.addTab(self.file_history, self.tr("All sessions"))
        self.setTabToolTip(0, self.tr("Every change made since the plan was opened; choose "
                                      "one to go back to it"))
        self.setTabToolTip(1, self.tr("The changes kept in the plan file, from every session: "
                                      "when, who, what and how many rows"))
