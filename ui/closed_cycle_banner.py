"""The line above the canvas that says the cycle shown is closed, and so read-only, with the
Reopen command beside it. Edits still tried on it are refused by the plan, whose reason the
status bar shows as for any refusal."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from okrdesk.rulebook.cycles import is_closed
from okrdesk.storage import ChangeSet

from .document import PlanDocument
from .translation import tr

STYLE = ("QFrame#closedCycleBanner { background: rgba(224, 160, 0, 48);"
         " border-bottom: 1px solid rgba(224, 160, 0, 150); }"
         " QLabel#closedCycleText { font-weight: 600; }")


class ClosedCycleBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closedCycleBanner")
        self.setStyleSheet(STYLE)
        self.document: PlanDocument | None = None
        self.text = QLabel(self)
        self.text.setObjectName("closedCycleText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.reopen = QToolButton(self)
        self.reopen.setObjectName("closedCycleReopen")
        self.reopen.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.reopen)
        self.hide()

    def set_reopen(self, action: QAction) -> None:
        self.reopen.setDefaultAction(action)

    def set_document(self, document: PlanDocument) -> None:
        if self.document is not None:
            self.document.cycle_changed.disconnect(self._cycle_shown)
            self.document.changed.disconnect(self._plan_changed)
        self.document = document
        document.cycle_changed.connect(self._cycle_shown)
        document.changed.connect(self._plan_changed)
        self.show_state()

    def _cycle_shown(self, _cycle_id: str) -> None:
        self.show_state()

    def _plan_changed(self, changes: ChangeSet) -> None:
        if changes.ids("cycles"):
            self.show_state()

    def show_state(self) -> None:
        document = self.document
        cycle = document.snapshot.cycles.get(document.cycle_id) if document else None
        closed = document is not None and cycle is not None and is_closed(document.snapshot,
                                                                           cycle.id)
        if closed and cycle is not None:
            self.text.setText(tr("{cycle} is closed — reopen it to change it. Its final scores "
                                 "are on the cards and in the inspector.").format(
                cycle=cycle.name))
            self.setToolTip(tr("A closed cycle is read-only: the plan refuses every change to "
                               "its objectives and key results until it is reopened."))
        self.setVisible(closed)
