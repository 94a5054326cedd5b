"""Copying objectives into another cycle: one objective, a subtree, or a whole cycle.

The dialog previews what the copy will do (through `ops.plan_copy`, the same function the
copy runs, so preview and result agree): how many objectives and key results are copied,
which links to objectives outside the copied set are dropped, each named, and that progress
and check-ins start afresh. OK runs the copy as one undo step.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from okrdesk import ops
from okrdesk.errors import OkrDeskError
from okrdesk.rulebook import following_cycle, next_year, ordered_cycles, within_year
from okrdesk.storage import ChangeSet

from ..document import Operation, PlanDocument
from ..translation import QT_TR_NOOP, tr
from .running import run_for_reason
from .widgets import choose, named, problem_label

RESET_TEXT = QT_TR_NOOP("The copies start afresh: each key result goes back to its start value, "
                        "with no confidence, no check-ins and no status. The originals stay as "
                        "they are.")


class CopyWhat(StrEnum):
    OBJECTIVE = "objective"  # one objective
    SUBTREE = "subtree"  # an objective and everything aligned under it
    CYCLE = "cycle"  # every objective of a cycle


@dataclass(frozen=True)
class CopyChoice:
    what: CopyWhat
    source_id: str  # an objective, or a cycle for CopyWhat.CYCLE


class CarryOverDialog(QDialog):
    """Choose a target cycle (or add the next year), read the preview, copy."""

    copied = Signal(str)  # the copy of the chosen objective (the first copy for a cycle)

    def __init__(self, document: PlanDocument, choice: CopyChoice,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("carryOverDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.document = document
        self.choice = choice
        self.source_cycle_id = self._source_cycle_id()
        self.setWindowTitle(_title(choice.what))
        self.heading = QLabel(self)
        self.heading.setObjectName("carryOverHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.target = named(QComboBox(self), "carryOverTarget", self.tr("Copy into cycle"))
        self.add_year = named(QPushButton(self), "carryOverAddYear", self.tr("Add the next year"))
        self.summary = named(QLabel(self), "carryOverSummary", self.tr("What will be copied"))
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.dropped_heading = QLabel(self)
        self.dropped_heading.setObjectName("carryOverDroppedHeading")
        self.dropped = named(QListWidget(self), "carryOverDropped",
                             self.tr("Links to objectives outside the copy, which are dropped"))
        self.dropped.setWordWrap(True)
        self.dropped.setAlternatingRowColors(True)
        self.reset = QLabel(tr(RESET_TEXT), self)
        self.reset.setObjectName("carryOverReset")
        self.reset.setWordWrap(True)
        self.problem = problem_label(self, "carryOverProblem")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(tr("Copy"))
        self.ok.setObjectName("carryOverCopy")
        self._lay_out()
        self.target.currentIndexChanged.connect(lambda _index: self.show_preview())
        self.add_year.clicked.connect(self._add_next_year)
        self.buttons.accepted.connect(self.copy)
        self.buttons.rejected.connect(self.reject)
        self.heading.setText(self._heading())
        self._fill_targets(following_cycle_id(document, self.source_cycle_id))
        self.resize(620, 520)

    def _lay_out(self) -> None:
        target_row = QHBoxLayout()
        target_row.addWidget(self.target, 1)
        target_row.addWidget(self.add_year)
        form = QFormLayout()
        form.addRow(tr("Copy into"), target_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.dropped_heading)
        layout.addWidget(self.dropped, 1)
        layout.addWidget(self.reset)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    # -- what is copied ---------------------------------------------------------------------

    def _source_cycle_id(self) -> str:
        if self.choice.what == CopyWhat.CYCLE:
            return self.choice.source_id
        return self.document.snapshot.objectives[self.choice.source_id].cycle_id

    def source_ids(self) -> list[str]:
        snapshot = self.document.snapshot
        if self.choice.what == CopyWhat.OBJECTIVE:
            return [self.choice.source_id]
        if self.choice.what == CopyWhat.SUBTREE:
            return ops.subtree_ids(snapshot, self.choice.source_id)
        return ops.cycle_ids(snapshot, self.choice.source_id)

    def _heading(self) -> str:
        snapshot = self.document.snapshot
        if self.choice.what == CopyWhat.CYCLE:
            cycle = snapshot.cycles[self.choice.source_id]
            return tr("Copy every objective of {cycle} into another cycle.").format(
                cycle=cycle.name)
        objective = snapshot.objectives[self.choice.source_id]
        name = snapshot.cycles[objective.cycle_id].name
        if self.choice.what == CopyWhat.SUBTREE:
            under = len(self.source_ids()) - 1
            return tr("Carry over “{title}” ({cycle}) and {under} aligned under it.").format(
                title=objective.title, cycle=name,
                under=_count(under, tr("objective"), tr("objectives")) if under else tr("nothing"))
        return tr("Copy “{title}” ({cycle}) into another cycle.").format(
            title=objective.title, cycle=name)

    # -- the target cycle -------------------------------------------------------------------

    def _fill_targets(self, preferred: str | None) -> None:
        self.target.blockSignals(True)
        self.target.clear()
        for cycle in ordered_cycles(self.document.snapshot):
            if self.choice.what == CopyWhat.CYCLE and cycle.id == self.source_cycle_id:
                continue  # a cycle is not copied into itself
            label = f"    {cycle.name}" if cycle.kind == "quarter" else cycle.name
            if cycle.id == self.source_cycle_id:
                label += tr("  (the same cycle: copies are titled “… (copy)”)")
            self.target.addItem(label, cycle.id)
        self.target.setCurrentIndex(0)
        if preferred is not None:
            choose(self.target, preferred)
        self.target.blockSignals(False)
        year = next_year(self.document.snapshot)
        self.add_year.setText(tr("Add {year}").format(year=year))
        self.add_year.setToolTip(tr("Add the year {year} with its four quarters, and copy into "
                                    "it").format(year=year))
        self.show_preview()

    def target_cycle_id(self) -> str:
        data = self.target.currentData()
        return str(data) if data is not None else ""

    def _add_next_year(self) -> None:
        year = next_year(self.document.snapshot)
        reason = run_for_reason(self.document, tr("Add year {year}").format(year=year),
                                lambda: ops.add_year(self.document.plan, year))
        if reason is not None:
            self.problem.setText(reason)
            return
        self._fill_targets(self._in_new_year(str(year)))

    def _in_new_year(self, name: str) -> str | None:
        """Where a copy goes in a year just added: its first quarter when a quarter is copied,
        else the year itself."""
        snapshot = self.document.snapshot
        year = snapshot.cycle_named(name)
        if year is None:
            return None
        if snapshot.cycles[self.source_cycle_id].kind == "quarter":
            quarters = [c for c in ordered_cycles(snapshot) if within_year(c, year)]
            if quarters:
                return quarters[0].id
        return year.id

    # -- the preview ------------------------------------------------------------------------

    def show_preview(self) -> None:
        self.dropped.clear()
        self.problem.clear()
        target = self.target_cycle_id()
        try:
            if not target:
                raise OkrDeskError(tr("Add a year first: the plan has no other cycle to copy "
                                      "into."))
            copy = ops.plan_copy(self.document.snapshot, self.source_ids(), target)
        except OkrDeskError as error:
            self.summary.setText(str(error))
            self.dropped_heading.clear()
            self.ok.setEnabled(False)
            return
        objectives = len(copy.objective_ids)
        key_results = sum(len(ids) for ids in copy.key_result_ids.values())
        kept = len(copy.kept_alignments) + len(copy.kept_contributions)
        cycle = self.document.snapshot.cycles[target].name
        text = tr("{objectives} and {key_results} will be copied into {cycle}.").format(
            objectives=_count(objectives, tr("objective"), tr("objectives")),
            key_results=_count(key_results, tr("key result"), tr("key results")), cycle=cycle)
        if kept:
            text += " " + tr("{links} among them will join the copies.").format(
                links=_count(kept, tr("link"), tr("links")))
        self.summary.setText(text)
        if copy.dropped_links:
            self.dropped_heading.setText(tr("Not carried over ({count}): links to objectives "
                                            "outside the copy").format(
                                                count=len(copy.dropped_links)))
            self.dropped.addItems([link.text for link in copy.dropped_links])
        else:
            self.dropped_heading.setText(tr("No link to an objective outside the copy is "
                                            "dropped."))
        self.ok.setEnabled(not self.document.read_only)

    # -- copying ----------------------------------------------------------------------------

    def copy(self) -> None:
        target = self.target_cycle_id()
        if not target or not self.ok.isEnabled():
            return
        label, operation = self._operation(target)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.ok.setEnabled(False)
        self.summary.setText(tr("Copying…"))
        self.summary.repaint()  # seen before a copy of thousands of objectives starts
        try:
            changes: list[ChangeSet] = []

            def run() -> ChangeSet:
                changes.append(operation())
                return changes[-1]

            reason = run_for_reason(self.document, label, run)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if reason is not None:
            self.show_preview()
            self.problem.setText(reason)
            return
        first = self._copy_of_choice(changes[-1]) if changes else ""
        self.accept()
        if first:
            self.copied.emit(first)

    def _operation(self, target: str) -> tuple[str, Operation]:
        plan = self.document.plan
        source = self.choice.source_id
        if self.choice.what == CopyWhat.OBJECTIVE:
            return tr("Copy objective to cycle"), lambda: ops.copy_objectives(
                plan, [source], target, label="Copy objective to cycle")
        if self.choice.what == CopyWhat.SUBTREE:
            return tr("Carry over objective and those under it"), lambda: ops.copy_subtree(
                plan, source, target)
        return tr("Copy cycle"), lambda: ops.copy_cycle(plan, source, target)

    def _copy_of_choice(self, changes: ChangeSet) -> str:
        snapshot = self.document.snapshot
        copies = [snapshot.objectives[i] for i in changes.ids("objectives")
                  if i in snapshot.objectives]
        for copy in copies:
            if copy.copied_from_id == self.choice.source_id:
                return copy.id
        return copies[0].id if copies else ""


def following_cycle_id(document: PlanDocument, cycle_id: str) -> str | None:
    cycle = following_cycle(document.snapshot, cycle_id)
    return cycle.id if cycle is not None else None


def _count(number: int, one: str, many: str) -> str:
    return f"{number:,} {one if number == 1 else many}"


def _title(what: CopyWhat) -> str:
    return {CopyWhat.OBJECTIVE: tr("Copy objective to cycle"),
            CopyWhat.SUBTREE: tr("Carry over objective and those under it"),
            CopyWhat.CYCLE: tr("Copy cycle")}[what]
