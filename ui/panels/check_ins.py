"""Check-ins of a key result: the history, newest first, and a form to record a new one."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okrdesk import ops
from okrdesk.check_ins import check_in_history
from okrdesk.errors import OkrDeskError

from ..document import PlanDocument
from .fields import NumberEdit, PercentBox, format_number, label, parse_number


class CheckInPanel(QWidget):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.kr_id = ""
        self.history = QTableWidget(0, 4, self)
        self.history.setObjectName("checkInHistory")
        self.history.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Value"), self.tr("Confidence"), self.tr("Note")])
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.verticalHeader().setVisible(False)
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.history.setAlternatingRowColors(True)
        self.value = NumberEdit(self.tr("new value"), self)
        self.confidence = PercentBox(self)
        self.note = QLineEdit(self, placeholderText=self.tr("What changed, what is in the way"))
        self.record = QPushButton(self.tr("Record check-in"), self)
        form = QFormLayout()
        form.addRow(self.tr("Value"), self.value)
        form.addRow(self.tr("Confidence"), self.confidence)
        form.addRow(self.tr("Note"), self.note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label(self.tr("Check-ins"), self, "panelHeading"))
        layout.addLayout(form)
        layout.addWidget(self.record)
        layout.addWidget(self.history, 1)
        self.record.clicked.connect(self.record_check_in)

    def show_key_result(self, kr_id: str) -> None:
        if kr_id != self.kr_id:
            self.value.show_value(None)
            self.confidence.show_fraction(None)
            self.note.clear()
        self.kr_id = kr_id
        kr = self.document.snapshot.key_results[kr_id]
        takes_value = kr.kind != "objective"
        self.value.setEnabled(takes_value)
        for widget in (self.value, self.confidence, self.note, self.record):
            widget.setEnabled(not self.document.read_only and (takes_value or widget is not
                                                                self.value))
        entries = check_in_history(self.document.plan, kr_id)
        self.history.setRowCount(len(entries))
        for index, entry in enumerate(entries):
            cells = (entry.at[:16].replace("T", " "), format_number(entry.value),
                     "" if entry.confidence is None else f"{entry.confidence:.0%}", entry.note)
            for column, text in enumerate(cells):
                self.history.setItem(index, column, QTableWidgetItem(text))
        self.history.resizeColumnsToContents()

    def record_check_in(self) -> None:
        kr_id = self.kr_id
        try:
            value = (parse_number(self.value.text(), self.tr("value"))
                     if self.value.isEnabled() else None)
        except OkrDeskError as error:
            self.document.refused.emit(str(error))
            return
        confidence, note = self.confidence.fraction(), self.note.text()
        done = self.document.run(self.tr("Check in"), lambda: ops.record_check_in(
            self.document.plan, kr_id, value=value, confidence=confidence, note=note))
        if done:
            self.value.show_value(None)
            self.confidence.show_fraction(None)
            self.note.clear()
            self.show_key_result(kr_id)
