"""One objective in the closing dialog: its score and its key results' scores, each with a note,
and the three reflection notes (what we achieved, what we learned, what we decide). Built from
the objective's entry, and writing what is typed back into it, so a block can be dropped when it
leaves the view and built again when it comes back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..translation import QT_TR_NOOP, tr
from .close_cycle_entries import ObjectiveEntry
from .close_cycle_fields import ScoreLine
from .widgets import named

REFLECTIONS = (("achieved", QT_TR_NOOP("What we achieved")),
               ("learned", QT_TR_NOOP("What we learned")),
               ("decided", QT_TR_NOOP("What we decide")))
HINTS = {"achieved": QT_TR_NOOP("The outcomes that count"),
         "learned": QT_TR_NOOP("What surprised us, what we would do again"),
         "decided": QT_TR_NOOP("Keep, change or stop, and what carries over")}
EXPECTED = {"committed": QT_TR_NOOP("Committed: expected at 1.0"),
            "aspirational": QT_TR_NOOP("Aspirational: expected around 0.7")}
REFLECTION_LINES = 3


class ObjectiveBlock(QFrame):
    """One objective's fields; `fields()` lists them in the order Tab walks them."""

    def __init__(self, entry: ObjectiveEntry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closingObjective")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.entry = entry
        self.objective = objective = entry.objective
        heading = QLabel(tr("{owner} · {expected}").format(
            owner=objective.owner or tr("no owner"),
            expected=tr(EXPECTED.get(objective.commitment, EXPECTED["committed"]))), self)
        heading.setObjectName("closingObjectiveOwner")
        grid = QGridLayout()
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(3, 2)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        self.lines = [ScoreLine(entry, objective.id, objective.title, key_result=False,
                                grid=grid, row=0, parent=self)]
        for index, kr in enumerate(objective.key_results, start=1):
            self.lines.append(ScoreLine(entry, kr.id, kr.title, key_result=True, grid=grid,
                                        row=2 * index, parent=self))
        self.reflections = {key: self._reflection(key, tr(text)) for key, text in REFLECTIONS}
        notes = QHBoxLayout()
        for key, text in REFLECTIONS:
            column = QVBoxLayout()
            column.setSpacing(1)
            column.addWidget(QLabel(tr(text), self))
            column.addWidget(self.reflections[key])
            notes.addLayout(column)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addWidget(heading)
        layout.addLayout(grid)
        layout.addLayout(notes)

    def _reflection(self, key: str, text: str) -> QPlainTextEdit:
        field = named(QPlainTextEdit(self), f"closingReflection_{key}",
                      tr("{what} with “{title}”").format(what=text, title=self.objective.title))
        field.setTabChangesFocus(True)  # Tab goes on to the next field, as everywhere else
        field.setPlaceholderText(tr(HINTS[key]))
        lines = field.fontMetrics().lineSpacing() * REFLECTION_LINES
        field.setFixedHeight(lines + 2 * field.frameWidth() + 8)
        field.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        field.setPlainText(self.entry.reflections.get(key, ""))
        reflections = self.entry.reflections

        def typed() -> None:
            reflections[key] = field.toPlainText()

        field.textChanged.connect(typed)
        return field

    def fields(self) -> list[QWidget]:
        """Its fields in reading order: the order Tab walks them."""
        scores: list[QWidget] = [field for line in self.lines for field in (line.score, line.note)]
        return scores + list(self.reflections.values())

    def line(self, row_id: str) -> ScoreLine | None:
        return next((line for line in self.lines if line.row_id == row_id), None)

    def missing_notes(self) -> list[ScoreLine]:
        return [line for line in self.lines if line.note_missing()]
