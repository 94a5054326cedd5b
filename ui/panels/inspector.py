"""The inspector: edits whatever is selected, an objective or a key result."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QStackedWidget, QWidget

from okrdesk.storage import ChangeSet

from ..commands import Commands
from ..document import PlanDocument
from ..selection_follows_cycle import follow_cycle
from ..translation import QT_TR_NOOP, tr
from .key_result_form import KeyResultForm
from .objective_form import ObjectiveForm

EMPTY_TEXT = QT_TR_NOOP("Choose an objective on the canvas or in the list to see and edit it "
                        "here: its fields, its key results, check-ins and how its progress rolls "
                        "up.")


class Inspector(QStackedWidget):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None, *,
                 commands: Commands | None = None) -> None:
        """`commands`: the window's registry, whose objective commands the inspector offers as
        buttons."""
        super().__init__(parent)
        self.setObjectName("inspector")
        self.setAccessibleName(self.tr("Inspector"))
        self.document = document
        self.empty = QLabel(tr(EMPTY_TEXT), self, wordWrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setMargin(12)
        self.objective_form = ObjectiveForm(document, commands=commands)
        self.key_result_form = KeyResultForm(document)
        self.addWidget(self.empty)
        self.addWidget(_scrolling(self.objective_form, self))
        self.addWidget(_scrolling(self.key_result_form, self))
        document.selection_changed.connect(self.show_selection)
        document.changed.connect(self._plan_changed)
        document.day_changed.connect(self._new_day)  # the expected status and check-in dates
        # the selection moves to what the new cycle's view holds, and the page follows it
        document.cycle_changed.connect(lambda _cycle: follow_cycle(document))
        self.show_selection(*document.selected)

    def show_selection(self, table: str, row_id: str) -> None:
        snapshot = self.document.snapshot
        if table == "objectives" and row_id in snapshot.objectives:
            self.objective_form.show_objective(row_id)
            self.setCurrentIndex(1)
        elif table == "key_results" and row_id in snapshot.key_results:
            self.key_result_form.show_key_result(row_id)
            self.setCurrentIndex(2)
        else:
            self.setCurrentIndex(0)

    def _plan_changed(self, _changes: ChangeSet) -> None:
        self.show_selection(*self.document.selected)

    def _new_day(self, _day: object) -> None:
        self.show_selection(*self.document.selected)


def _scrolling(page: QWidget, parent: QWidget) -> QScrollArea:
    area = QScrollArea(parent)
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area
