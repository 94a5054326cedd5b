"""After closing a cycle: how it scored (how many scored, the average, which committed objectives
fell short of 1.0 and which aspirational ones of 0.7), and the offer to carry the unfinished
objectives over to the next cycle with the plan's own copy (one undo step). Without a next cycle
it says so and offers nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from okrdesk import ops
from okrdesk.analytics.closing import ClosingSummary, ShortFall, closing_summary, next_cycle

from ..document import PlanDocument
from ..translation import tr
from .carry_over import RESET_TEXT
from .running import run_for_reason
from .widgets import counted, named, problem_label

ID_ROLE = Qt.ItemDataRole.UserRole


class ClosingSummaryDialog(QDialog):
    carried = Signal(str)  # the first copy made in the next cycle

    def __init__(self, document: PlanDocument, cycle_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closingSummaryDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.document = document
        snapshot = document.snapshot
        self.summary: ClosingSummary = closing_summary(snapshot, cycle_id)
        following = next_cycle(snapshot, cycle_id)
        self.next_cycle_id = following.id if following is not None else ""
        self.setWindowTitle(tr("{cycle} is closed").format(cycle=self.summary.cycle_name))
        self.figures = self._text_label("closingFigures", self._figures())
        self.short = named(QListWidget(self), "closingShortFalls",
                           tr("Objectives that fell short of what was expected"))
        self.short.setWordWrap(True)
        self.short.addItems([short_fall_text(short) for short in self.summary.short])
        self.short.setVisible(bool(self.summary.short))
        self.offer = self._text_label("closingCarryOverOffer", "")
        self.unfinished = named(QListWidget(self), "closingUnfinished",
                                tr("Unfinished objectives to carry over"))
        self.carry = QPushButton(self)
        self.carry.setObjectName("closingCarryOver")
        self.problem = problem_label(self, "closingProblem")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.done_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.figures)
        layout.addWidget(self.short, 10)
        layout.addWidget(self.offer)
        layout.addWidget(self.unfinished, 10)
        layout.addWidget(self.carry, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.problem)
        layout.addStretch(1)  # the words stay together when there is no list to show
        layout.addWidget(buttons)
        self._offer_carrying_over(following.name if following is not None else "")
        self.carry.clicked.connect(self.carry_over)
        lists = not (self.short.isHidden() and self.unfinished.isHidden())
        self.resize(640, 520 if lists else 240)

    def _text_label(self, name: str, text: str) -> QLabel:
        result = QLabel(text, self)
        result.setObjectName(name)
        result.setWordWrap(True)
        result.setTextFormat(Qt.TextFormat.PlainText)
        return result

    def _figures(self) -> str:
        summary = self.summary
        if summary.average is None:
            scored = tr("{cycle} is closed; nothing in it was scored.").format(
                cycle=summary.cycle_name)
        else:
            scored = tr("{cycle} is closed: {scored} scored, on average {average}.").format(
                cycle=summary.cycle_name,
                scored=counted(summary.scored, tr("objective"), tr("objectives")),
                average=f"{summary.average:.2f}")
        if summary.short:
            return scored + " " + tr("Fell short of what was expected:")
        return scored + " " + tr("Every committed objective reached 1.0 and every aspirational "
                                 "one 0.7.")

    def _offer_carrying_over(self, next_name: str) -> None:
        ids = [i for i in self.summary.unfinished if i in self.document.snapshot.objectives]
        can_carry = bool(ids and self.next_cycle_id) and not self.document.read_only
        if not ids:
            self.offer.setText(tr("Nothing is unfinished: there is nothing to carry over."))
        elif not self.next_cycle_id:
            self.offer.setText(tr("There is no cycle after {cycle}, so nothing is carried over. "
                                  "Add one (Cycle > Add a year…), then copy what is unfinished "
                                  "with Copy to cycle….").format(cycle=self.summary.cycle_name))
        else:
            self.offer.setText(tr("Carry the unfinished objectives over to {next}? Untick those "
                                  "that stop here. {reset}").format(next=next_name,
                                                                    reset=tr(RESET_TEXT)))
            self.carry.setText(tr("Carry over to {next}").format(next=next_name))
            snapshot = self.document.snapshot
            for objective_id in ids:
                item = QListWidgetItem(snapshot.objectives[objective_id].title)
                item.setData(ID_ROLE, objective_id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
                self.unfinished.addItem(item)
        self.unfinished.setVisible(can_carry)
        self.carry.setVisible(can_carry)
        if can_carry:
            self.carry.setDefault(True)
        else:
            self.done_button.setDefault(True)

    def chosen(self) -> list[str]:
        items = (self.unfinished.item(i) for i in range(self.unfinished.count()))
        return [str(item.data(ID_ROLE)) for item in items
                if item.checkState() == Qt.CheckState.Checked]

    def carry_over(self) -> None:
        ids, target = self.chosen(), self.next_cycle_id
        if not ids or not target:
            self.problem.setText(tr("Tick at least one objective to carry over."))
            return
        label = tr("Carry over unfinished objectives")
        copies: list[str] = []
        reason = run_for_reason(
            self.document, label,
            lambda: ops.copy_objectives(self.document.plan, ids, target,
                                        label="Carry over unfinished objectives"),
            lambda changes: copies.extend(changes.ids("objectives")))
        if reason is not None:
            self.problem.setText(reason)
            return
        self.accept()
        snapshot = self.document.snapshot
        made = [snapshot.objectives[i] for i in copies if i in snapshot.objectives]
        first = next((o.id for o in made if o.copied_from_id == ids[0]),
                     made[0].id if made else "")
        if first:
            self.carried.emit(first)


def short_fall_text(short: ShortFall) -> str:
    kind = tr("Committed") if short.commitment == "committed" else tr("Aspirational")
    return tr("{kind}: “{title}” scored {score}, expected {expected}").format(
        kind=kind, title=short.title, score=f"{short.score:.2f}",
        expected=f"{short.expected:.1f}")
