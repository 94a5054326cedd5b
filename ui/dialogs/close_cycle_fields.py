"""The fields of one score in the closing dialog: the score itself (0.0 to 1.0, pre-filled from the
proposal) and its note, which becomes required, highlighted and with its reason, once the score
moves away from the proposal. What is typed goes straight into the objective's entry, which outlives
the widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QDoubleSpinBox, QGridLayout, QLabel, QLineEdit, QWidget

from okrdesk.analytics.closing import NOTE_FROM, needs_note, score_from_progress

from ..translation import tr
from .close_cycle_entries import ObjectiveEntry
from .widgets import REFUSAL_COLOUR, named

REQUIRED_STYLE = f"QLineEdit {{ border: 2px solid {REFUSAL_COLOUR}; border-radius: 3px; }}"


class ScoreBox(QDoubleSpinBox):
    """0.00 to 1.00 in steps of 0.1; any value in between may be typed. The wheel changes it
    only while it has the keyboard, so scrolling the list never changes a score by accident."""

    def __init__(self, value: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0.0, 1.0)
        self.setDecimals(2)
        self.setSingleStep(0.1)
        self.setValue(value)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class ScoreLine:
    """One objective's or key result's score: what it is, its progress and proposal, the score,
    the note, and (once the note is needed) why. Its widgets sit in the objective's grid."""

    def __init__(self, entry: ObjectiveEntry, row_id: str, title: str, *, key_result: bool,
                 grid: QGridLayout, row: int, parent: QWidget) -> None:
        self.entry = entry
        self.row_id = row_id
        self.progress = progress = entry.progress[row_id]
        self.proposed = proposed = score_from_progress(progress)
        self.title = QLabel(("    • " if key_result else "") + title, parent)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.title.setObjectName("closingKeyResultTitle" if key_result else "closingObjectiveTitle")
        if not key_result:
            font = self.title.font()
            font.setBold(True)
            self.title.setFont(font)
        self.proposal = QLabel(tr("progress {progress} · proposed {score}").format(
            progress=f"{round(progress * 100)}%", score=f"{proposed:.1f}"), parent)
        self.proposal.setObjectName("closingProposal")
        what = tr("Final score of “{title}”").format(title=title)
        self.score = named(ScoreBox(entry.scores[row_id], parent), "closingScore", what)
        self.note = named(QLineEdit(parent), "closingNote",
                          tr("Note on the score of “{title}”").format(title=title))
        self.note.setPlaceholderText(tr("Why this score?"))
        self.note.setToolTip(tr("A note is needed when the score differs from the proposal "
                                "by more than {beyond}.").format(beyond=f"{NOTE_FROM:.2f}"))
        self.note.setText(entry.notes[row_id])  # typed, or kept from an earlier closing
        self.reason: QLabel | None = None  # made when first needed: most scores never need it
        self._grid, self._row, self._parent = grid, row, parent
        grid.addWidget(self.title, row, 0)
        grid.addWidget(self.proposal, row, 1)
        grid.addWidget(self.score, row, 2)
        grid.addWidget(self.note, row, 3)
        self._missing = False
        self.show_need()
        self.score.valueChanged.connect(self._score_typed)
        self.note.textChanged.connect(self._note_typed)

    def _score_typed(self, value: float) -> None:
        self.entry.scores[self.row_id] = value
        self.show_need()

    def _note_typed(self, text: str) -> None:
        self.entry.notes[self.row_id] = text
        self.show_need()

    def value(self) -> float:
        return self.entry.value(self.row_id)

    def note_text(self) -> str:
        return self.entry.note(self.row_id)

    def note_needed(self) -> bool:
        return needs_note(self.value(), self.progress)

    def note_missing(self) -> bool:
        return self.note_needed() and not self.note_text()

    def show_need(self) -> None:
        needed = self.note_needed()
        missing = needed and not self.note_text()
        self.note.setProperty("required", needed)
        if needed and self.reason is None:
            self.reason = QLabel(self._parent)
            self.reason.setObjectName("closingNoteReason")
            self.reason.setWordWrap(True)
            self._grid.addWidget(self.reason, self._row + 1, 3)
        if self.reason is None:
            return
        if missing != self._missing:  # style sheets are costly: set only on a change
            self._missing = missing
            self.note.setStyleSheet(REQUIRED_STYLE if missing else "")
            self.reason.setStyleSheet(f"color: {REFUSAL_COLOUR};" if missing else "")
        self.reason.setVisible(needed)
        if needed:
            self.reason.setText(tr("A note is needed: {score} differs from the proposed {proposed} "
                                   "by more than {beyond}.").format(
                score=f"{self.value():.2f}", proposed=f"{self.proposed:.1f}",
                beyond=f"{NOTE_FROM:.2f}"))
