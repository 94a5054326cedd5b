"""The visible undo history: every change of this session, newest last; choosing one goes back."""

from __future__ import annotations

from PySide6.QtWidgets import QUndoView, QWidget

from ..document import PlanDocument


class HistoryPanel(QUndoView):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(document.undo_stack, parent)
        self.setObjectName("historyView")
        self.setAccessibleName(self.tr("History of changes"))
        self.setEmptyLabel(self.tr("Plan opened"))
        self.setAlternatingRowColors(True)
