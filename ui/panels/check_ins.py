"""Check-ins of a key result: its values over time beside the heading, a compact form to record
a new one (dated today or back-dated within the cycle; confidence 0 to 10), and the history,
newest first, taking the height left."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okrdesk import clock, ops
from okrdesk.check_ins import CheckInEntry, check_in_history
from okrdesk.errors import OkrDeskError
from okrdesk.rulebook.rhythm import is_low_confidence

from ..document import PlanDocument
from ..rhythm_words import confidence_text
from .fields import ConfidenceBox, NumberEdit, format_number, label, parse_number
from .sparkline import Sparkline

NOTE_COLUMN = 3
EARLIEST = QDate(1900, 1, 1)  # a cycle without dates (the backlog) takes any past day


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class CheckInPanel(QWidget):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.kr_id = ""
        self.sparkline = Sparkline(self)
        self.history = QTableWidget(0, 4, self)
        self.history.setObjectName("checkInHistory")
        self.history.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Value"), self.tr("Confidence"), self.tr("Note")])
        self.history.horizontalHeader().setSectionResizeMode(  # a long note is cut, never
            NOTE_COLUMN, QHeaderView.ResizeMode.Stretch)       # scrolled to: its tooltip has it
        self.history.verticalHeader().setVisible(False)
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.history.setAlternatingRowColors(True)
        self.history.setWordWrap(False)
        self.history.setTextElideMode(Qt.TextElideMode.ElideRight)
        row_height = self.history.fontMetrics().height() + 8
        self.history.verticalHeader().setDefaultSectionSize(row_height)
        self.history.setMinimumHeight(  # its heading and the latest two, however short the page
            self.history.horizontalHeader().sizeHint().height() + 2 * row_height + 4)
        self.when = QDateEdit(self)
        self.when.setObjectName("checkInDate")
        self.when.setDisplayFormat("yyyy-MM-dd")
        self.when.setCalendarPopup(True)
        self.when.setToolTip(self.tr("Back-date a check-in within its cycle; never later than "
                                     "today."))
        self.value = NumberEdit(self.tr("new value"), self)
        self.confidence = ConfidenceBox(self)
        self.note = QLineEdit(self, placeholderText=self.tr("What changed, what is in the way"))
        self.hint = label("", self, "checkInHint", wrap=True)  # what the plan asks, or refused
        self.hint.hide()
        self.record = QPushButton(self.tr("Check in"), self)
        self.record.setAccessibleName(self.tr("Record check-in"))
        self.record.setToolTip(self.tr("Record the check-in: its value, confidence and note, "
                                       "dated as chosen."))
        self.value.setMinimumWidth(40)
        heading = QHBoxLayout()
        heading.addWidget(label(self.tr("Check-ins"), self, "panelHeading"), 0,
                          Qt.AlignmentFlag.AlignTop)
        heading.addWidget(self.sparkline, 1)
        form = QGridLayout()  # date and value, the note, then confidence and the button
        self.labels: list[QLabel] = []
        for text, field, row, column, span in (
                (self.tr("Date"), self.when, 0, 0, 1), (self.tr("Value"), self.value, 0, 2, 1),
                (self.tr("Note"), self.note, 1, 0, 3),
                (self.tr("Confidence"), self.confidence, 2, 0, 1)):
            named = QLabel(text, self)
            named.setBuddy(field)
            form.addWidget(named, row, column)
            form.addWidget(field, row, column + 1, 1, span)
            field.setAccessibleName(text)
            if column == 0:
                self.labels.append(named)  # lined up with the page's other labels
        form.addWidget(self.record, 2, 2, 1, 2)
        form.setColumnStretch(1, 3)
        form.setColumnStretch(3, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heading)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.history, 1)
        self.record.clicked.connect(self.record_check_in)
        self.confidence.valueChanged.connect(lambda _value: self._show_hint())
        self.note.textChanged.connect(lambda _text: self._show_hint())

    def show_key_result(self, kr_id: str) -> None:
        if kr_id != self.kr_id:
            self._clear_form()
        self.kr_id = kr_id
        kr = self.document.snapshot.key_results[kr_id]
        takes_value = kr.kind != "objective"
        for widget in (self.when, self.value, self.confidence, self.note, self.record):
            widget.setEnabled(not self.document.read_only and (takes_value or widget is not
                                                                self.value))
        self._limit_dates()
        entries = check_in_history(self.document.plan, kr_id)
        self.sparkline.set_values([(e.at, e.value) for e in entries if e.value is not None],
                                  kr.target_value)
        self.sparkline.setVisible(takes_value)
        self._fill_history(entries)
        self._show_hint()

    def _fill_history(self, entries: list[CheckInEntry]) -> None:
        self.history.setRowCount(len(entries))
        for index, entry in enumerate(entries):
            cells = (entry.at[:10], format_number(entry.value),
                     confidence_text(entry.confidence), entry.note)
            tips = (entry.at[:16].replace("T", " "), "", "", entry.note)
            for column, (text, tip) in enumerate(zip(cells, tips, strict=True)):
                item = QTableWidgetItem(text)
                item.setToolTip(tip)
                self.history.setItem(index, column, item)
        for column in range(NOTE_COLUMN):
            self.history.resizeColumnToContents(column)

    def _limit_dates(self) -> None:
        """From the cycle's first day (any past day without one) to today; today only while
        the cycle has not begun. A form left at today moves to a new today."""
        snapshot = self.document.snapshot
        kr = snapshot.key_results[self.kr_id]
        objective = snapshot.objectives.get(kr.objective_id)
        cycle = snapshot.cycles.get(objective.cycle_id) if objective is not None else None
        today = qdate(clock.today())
        first = (QDate.fromString(cycle.starts_on, "yyyy-MM-dd")
                 if cycle is not None and cycle.starts_on else EARLIEST)
        if not first.isValid() or first > today:
            first = today if first.isValid() else EARLIEST
        kept = self.when.date()
        on_last_day = kept == self.when.maximumDate()  # today, as it was: it follows a new day
        self.when.setDateRange(first, today)
        self.when.setDate(kept if first <= kept <= today and not on_last_day else today)

    def _clear_form(self) -> None:
        self.value.show_value(None)
        self.confidence.show_fraction(None)
        self.note.clear()
        self.when.setDate(qdate(clock.today()))
        self.hint.hide()

    def _show_hint(self, refusal: str = "") -> None:
        needs_note = is_low_confidence(self.confidence.fraction()) and not self.note.text().strip()
        text = refusal or (self.tr("A confidence of 3/10 or less needs a note: say what is in "
                                   "the way.") if needs_note else "")
        self.hint.setText(text)
        self.hint.setProperty("refused", bool(refusal))
        self.hint.setVisible(bool(text))

    def chosen_day(self) -> date:
        chosen = self.when.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def record_check_in(self) -> None:
        kr_id = self.kr_id
        try:
            value = (parse_number(self.value.text(), self.tr("value"))
                     if self.value.isEnabled() else None)
        except OkrDeskError as error:
            self.document.refused.emit(str(error))
            self._show_hint(str(error))
            return
        confidence, note = self.confidence.fraction(), self.note.text()
        day = self.chosen_day()
        at = None if day == clock.today() else day.isoformat()  # today: the time it is now
        done, reason = self.document.attempt(self.tr("Check in"), lambda: ops.record_check_in(
            self.document.plan, kr_id, value=value, confidence=confidence, note=note, at=at))
        if done:
            self._clear_form()
            self.show_key_result(kr_id)
        elif reason:
            self._show_hint(reason)
