"""Add one cycle: a year, a quarter of a year, or a backlog, with its name and dates. (A year
with its four quarters at once is Cycle > Add a year….) The dialog stays open with the plan's
reason when it refuses, such as a name already taken or an end before the start."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from okrdesk.model import CycleKind
from okrdesk.snapshot import Snapshot

from ..translation import QT_TR_NOOP, tr
from .widgets import named, problem_label

# (name, kind, parent year id or None, start day or None, end day or None) -> why refused
Submit = Callable[[str, str, "str | None", "str | None", "str | None"], "str | None"]
KINDS = ((CycleKind.YEAR, QT_TR_NOOP("Year")),
         (CycleKind.QUARTER, QT_TR_NOOP("Quarter of a year")),
         (CycleKind.BACKLOG, QT_TR_NOOP("Backlog (ideas for no period yet)")))


class AddCycleDialog(QDialog):
    def __init__(self, snapshot: Snapshot, submit: Submit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addCycleDialog")
        self.setWindowTitle(tr("Add a cycle"))
        self.submit = submit
        self.name = named(QLineEdit(self), "cycleName", tr("Name"))
        self.kind = named(QComboBox(self), "cycleKind", tr("Kind"))
        for kind, text in KINDS:
            self.kind.addItem(tr(text), kind.value)
        self.year = named(QComboBox(self), "cycleYear", tr("Year"))
        for cycle in sorted(snapshot.cycles.values(), key=lambda c: c.name):
            if cycle.kind == CycleKind.YEAR:
                self.year.addItem(cycle.name, cycle.id)
        self.starts = named(QLineEdit(self), "cycleStarts", tr("Starts on"))
        self.ends = named(QLineEdit(self), "cycleEnds", tr("Ends on"))
        for day in (self.starts, self.ends):
            day.setPlaceholderText(tr("YYYY-MM-DD, or empty"))
        form = QFormLayout()
        form.addRow(tr("&Name"), self.name)
        form.addRow(tr("&Kind"), self.kind)
        form.addRow(tr("Quarter of &year"), self.year)
        form.addRow(tr("&Starts on"), self.starts)
        form.addRow(tr("&Ends on"), self.ends)
        self.problem = problem_label(self, "addCycleProblem")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        self._kind_chosen()

    def _kind_chosen(self) -> None:
        self.year.setEnabled(self.kind.currentData() == CycleKind.QUARTER.value)

    def accept(self) -> None:
        kind = str(self.kind.currentData())
        parent = self.year.currentData() if kind == CycleKind.QUARTER.value else None
        reason = self.submit(self.name.text(), kind, parent, self.starts.text().strip() or None,
                             self.ends.text().strip() or None)
        if reason:
            self.problem.setText(reason)
            return
        super().accept()
