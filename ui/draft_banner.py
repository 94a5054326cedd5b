"""The line above the canvas that says the plan open is a draft: whose part, of which plan,
taken when. Edits outside the part are refused by the plan itself, whose reason the status
bar shows as for any refusal."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from okrdesk.drafts.part import DraftPart, draft_part
from okrdesk.storage import ChangeSet

from .document import PlanDocument
from .translation import tr

STYLE = ("QFrame#draftBanner { background: rgba(40, 120, 220, 40);"
         " border-bottom: 1px solid rgba(40, 120, 220, 140); }"
         " QLabel#draftBannerText { font-weight: 600; }")


class DraftBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draftBanner")
        self.setStyleSheet(STYLE)
        self.document: PlanDocument | None = None
        self.part: DraftPart | None = None
        self.text = QLabel(self)
        self.text.setObjectName("draftBannerText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.addWidget(self.text, 1)
        self.hide()

    def set_document(self, document: PlanDocument) -> None:
        if self.document is not None:
            self.document.changed.disconnect(self._plan_changed)
        self.document = document
        self.part = draft_part(document.plan)
        document.changed.connect(self._plan_changed)
        self.show_state()

    def _plan_changed(self, changes: ChangeSet) -> None:
        if self.part is not None and self.part.part_unit_id in changes.ids("units"):
            self.show_state()  # the part's person or team renamed

    def show_state(self) -> None:
        part, document = self.part, self.document
        if part is None or document is None:
            self.hide()
            return
        snapshot = document.snapshot
        unit = snapshot.units.get(part.part_unit_id)
        cycle = snapshot.cycles.get(part.cycle_id or "")
        whose = unit.name if unit is not None else tr("an unknown person or team")
        text = (tr("Draft of {plan} — {whose}'s part in {cycle}, taken {day}") if cycle
                else tr("Draft of {plan} — {whose}'s part, taken {day}"))
        self.text.setText(text.format(plan=part.plan_name or tr("a plan"), whose=whose,
                                      cycle=cycle.name if cycle else "",
                                      day=part.taken_at[:10]))
        self.setToolTip(tr("Only this part can change here; its context (the objectives it "
                           "aligns to) is read-only. Bring the work back into the plan with "
                           "File > Merge a draft…"))
        self.show()
