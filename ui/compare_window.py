"""The Compare window (View > Compare with…): what was added, removed, changed and re-aligned
between the open plan and another plan file, or between the shown cycle and another one.
Choosing a difference selects its objective on the canvas; the map can highlight them all.

Not modal. The comparison runs off the GUI thread (seconds on a large plan) with a busy bar
and Cancel; the window fills when it is done, all at once. It is of the plan as it stood when
it started; Compare again fills the window anew.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okrdesk.compare import GROUPS, Difference, PlanDiff

from .compare_chooser import CompareChoice
from .compare_work import compare_work
from .document import PlanDocument
from .translation import tr
from .workers import Job

ID_ROLE = Qt.ItemDataRole.UserRole  # the objective of this plan a row leads to
GROUP_ROLE = Qt.ItemDataRole.UserRole + 1


def group_title(group: str) -> str:
    return {"added": tr("Added"), "removed": tr("Removed"), "changed": tr("Changed"),
            "realigned": tr("Re-aligned"),
            "organisation": tr("People, levels, functions and cycles")}[group]


class CompareWindow(QDialog):
    """`focus(objective_id)` brings an objective into view; `highlight(on)` turns the map's
    highlighting of these differences on or off. `filled(diff)` comes when a comparison is
    shown, `failed(message)` when one could not be made (the caller shows why)."""

    filled = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QWidget, document: PlanDocument, choice: CompareChoice,
                 focus: Callable[[str], None], highlight: Callable[[bool], None]) -> None:
        super().__init__(parent)
        self.setObjectName("compareWindow")
        self.setWindowTitle(self.tr("Compare"))
        self.document = document
        self.choice = choice
        self.focus = focus
        self.diff: PlanDiff | None = None
        self.job: Job | None = None
        self._shown_before = ""  # the heading to go back to when comparing again stops
        self.heading = QLabel(self, wordWrap=True)
        self.heading.setObjectName("compareHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("compareTree")
        self.tree.setAccessibleName(self.tr("Differences"))
        self.tree.setHeaderLabels([self.tr("Difference"), self.tr("Where")])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.tree.itemClicked.connect(self._chosen)
        self.tree.itemActivated.connect(self._chosen)
        self.note = QLabel(self, wordWrap=True)
        self.note.setObjectName("compareNote")
        self.map_button = QPushButton(self.tr("Highlight on the &map"), self)
        self.map_button.setCheckable(True)
        self.map_button.toggled.connect(highlight)
        self.again_button = QPushButton(self.tr("Compare &again"), self)
        self.again_button.clicked.connect(self.refresh)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.map_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.again_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self._busy_row())
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(min(980, max(640, parent.width() * 3 // 4)),
                    min(640, max(420, parent.height() * 3 // 4)))
        self.tree.setColumnWidth(1, self.width() // 3)

    def _busy_row(self) -> QWidget:
        row = QWidget(self)
        row.setObjectName("compareBusy")
        self.busy = QProgressBar(row)
        self.busy.setRange(0, 0)  # how far reading a plan has come is not known
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName(self.tr("Comparing"))
        self.cancel_button = QPushButton(self.tr("Cancel"), row)
        self.cancel_button.setObjectName("compareCancel")
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.busy, 1)
        layout.addWidget(self.cancel_button)
        row.hide()
        self.busy_row = row
        return row

    @property
    def running(self) -> bool:
        return self.job is not None

    def refresh(self) -> Job:
        """Compare (again) off the GUI thread: the window fills when it is done. What is shown
        stays as it is until then."""
        self._stop()
        job = self.job = Job.stoppable(compare_work(self.document, self.choice), self)
        job.succeeded.connect(self._compared)
        job.failed.connect(self._failed)
        self._shown_before = self.heading.text()
        other = self.choice.path.name if self.choice.path is not None else self.tr(
            "another cycle")
        self.heading.setText(self.tr("Comparing this plan with {other}…").format(other=other))
        self._set_busy(True)
        job.start()
        return job

    def cancel(self) -> None:
        """Stop comparing: the comparison shown before stays whole; with none, the window
        closes."""
        if self.job is None:
            return
        self._stop()
        self._set_busy(False)
        if self.diff is None:
            self.close()
        else:
            self.heading.setText(self._shown_before)

    def done(self, result: int) -> None:  # closing the window stops the comparison
        self._stop()
        super().done(result)

    def _stop(self) -> None:
        if self.job is not None:
            self.job.cancel()  # its result, when it comes, is dropped
            self.job = None

    def _set_busy(self, busy: bool) -> None:
        self.busy_row.setVisible(busy)
        self.again_button.setEnabled(not busy)
        self.map_button.setEnabled(not busy)
        if busy:
            self.cancel_button.setFocus()

    def _compared(self, diff: object) -> None:
        assert isinstance(diff, PlanDiff)  # a cancelled job's result never arrives
        self.job = None
        self._set_busy(False)
        self.diff = diff
        if diff:
            self.heading.setText(self.tr(
                "{b} compared with {a}: {added} added, {removed} removed, {changed} changed, "
                "{realigned} re-aligned; {org} in people, levels, functions and cycles").format(
                a=diff.label_a, b=diff.label_b, added=len(diff.added),
                removed=len(diff.removed), changed=len(diff.changed),
                realigned=len(diff.realigned), org=len(diff.organisation)))
        else:
            self.heading.setText(self.tr("{b} compared with {a}: no differences.").format(
                a=diff.label_a, b=diff.label_b))
        self.note.setText(self.tr("Choose a difference to select its objective on the "
                                  "canvas. Objectives only the other side has cannot be "
                                  "selected here."))
        self._fill(diff)
        self.tree.setFocus()
        self.filled.emit(diff)

    def _failed(self, message: str) -> None:
        self.job = None
        self._set_busy(False)
        self.heading.setText(self._shown_before)
        self.failed.emit(message)

    def _fill(self, diff: PlanDiff) -> None:
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        groups = [(g, diff.group(g)) for g in GROUPS] + [("organisation", diff.organisation)]
        for group, found in groups:
            if not found:
                continue
            top = QTreeWidgetItem(self.tree, [f"{group_title(group)} ({len(found)})", ""])
            top.setData(0, GROUP_ROLE, group)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for difference in found:
                self._add(top, difference)
            top.setExpanded(True)
        self.tree.setUpdatesEnabled(True)

    def _add(self, parent: QTreeWidgetItem, difference: Difference) -> None:
        title = difference.title
        if difference.table in ("objectives", "key_results"):
            title = f"“{title}”"
        item = QTreeWidgetItem(parent, [f"{tr(difference.what)} {title}",
                                        difference.context])
        item.setToolTip(0, difference.title)
        item.setToolTip(1, difference.context)
        target = self._objective(difference)
        if target is not None:
            item.setData(0, ID_ROLE, target)
        for field in difference.fields:
            line = QTreeWidgetItem(item, [f"{tr(field.name)}: {field.before} → {field.after}", ""])
            line.setToolTip(0, f"{field.before}\n→\n{field.after}")
            if target is not None:
                line.setData(0, ID_ROLE, target)
        item.setExpanded(len(difference.fields) <= 3)

    def _objective(self, difference: Difference) -> str | None:
        """The objective of the open plan a difference leads to: side B's, else (two cycles
        of one plan) side A's."""
        objectives = self.document.snapshot.objectives
        for candidate in (difference.objective_b, difference.objective_a):
            if candidate is not None and candidate in objectives:
                return candidate
        return None

    def _chosen(self, item: QTreeWidgetItem, _column: int) -> None:
        target = item.data(0, ID_ROLE)
        if isinstance(target, str) and target in self.document.snapshot.objectives:
            self.focus(target)
