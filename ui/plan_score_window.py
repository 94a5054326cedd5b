"""The Plan score window (View > Plan score…): the plan's score and each owner's, with every
point taken off and its reason. Choosing a reason brings its objective into view on the canvas.

Not modal: the planner edits the plan with it open, and it follows each change (the score is
kept current per change; the window is filled again once per burst of changes, and only while
it is shown)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okrdesk.analytics.plan_score import OwnerScore, PlanScore
from okrdesk.storage import ChangeSet

from .document import PlanDocument
from .panels.health_plan_score import QUIET_MS, SCORED_AT_ONCE
from .plan_score_source import score_source

ID_ROLE = Qt.ItemDataRole.UserRole  # the objective a row leads to
KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # "plan" or an owner id: which rows stay expanded
NAMED_AT_FULL = 30  # owners with nothing taken off are named up to this many


class PlanScoreWindow(QDialog):
    def __init__(self, parent: QWidget, document: PlanDocument,
                 focus: Callable[[str], None]) -> None:
        super().__init__(parent)
        self.setObjectName("planScoreWindow")
        self.setWindowTitle(self.tr("Plan score"))
        self.document = document
        self.focus = focus
        self.score: PlanScore | None = None
        self.heading = QLabel(self, wordWrap=True)
        self.heading.setObjectName("planScoreHeading")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("planScoreTree")
        self.tree.setAccessibleName(self.tr("Plan score by owner"))
        self.tree.setHeaderLabels([self.tr("Owner or reason"), self.tr("Score")])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemClicked.connect(self._chosen)
        self.tree.itemActivated.connect(self._chosen)
        self.tree.currentItemChanged.connect(self._show_whole)
        self.detail = QLabel(self, wordWrap=True)
        self.detail.setObjectName("planScoreDetail")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        note = QLabel(self.tr("Each rule weighs some of the 100 points; an owner, or the plan, "
                              "loses the share of its key results or objectives that fall "
                              "short. Choose a reason to read it whole and see its objective."),
                      self, wordWrap=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.detail)
        layout.addWidget(note)
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._refresh_if_shown)
        document.changed.connect(self._plan_changed)
        document.cycle_changed.connect(self._plan_changed)
        self.resize(min(960, max(640, parent.width() * 3 // 4)), 560)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._timer.start()

    def _plan_changed(self, _what: ChangeSet | str) -> None:
        large = len(self.document.snapshot.objectives) > SCORED_AT_ONCE and \
            not score_source(self.document).known()
        self._timer.setInterval(QUIET_MS if large else 0)  # a full count: when changes pause
        self._timer.start()  # one refresh for a burst of changes

    def _refresh_if_shown(self) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        score = self.score = score_source(self.document).score()
        cycle = self.document.snapshot.cycles.get(self.document.cycle_id)
        where = cycle.name if cycle is not None else self.tr("the whole plan")
        if score.score is None:
            self.heading.setText(self.tr("<b>{cycle}</b>: no objectives to score yet.").format(
                cycle=where))
        else:
            self.heading.setText(self.tr(
                "<b>Plan score of {cycle}: {score}/100</b> ({objectives} objectives, "
                "{owners} owners)").format(cycle=where, score=score.score,
                                           objectives=score.objectives,
                                           owners=len(score.owners)))
        expanded = self._expanded()
        self.tree.clear()
        self._fill_plan(score, expanded)
        short = [owner for owner in score.owners if owner.points]
        for owner in short:
            self._fill_owner(owner, expanded)
        self._fill_full([owner for owner in score.owners if not owner.points])

    def _expanded(self) -> set[str]:
        """The rows open now (both the plan and the lowest owner, the first time)."""
        if self.tree.topLevelItemCount() == 0:
            return {"plan", "first"}
        return {str(item.data(0, KEY_ROLE)) for item in
                (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
                if item is not None and item.isExpanded()}

    def _fill_plan(self, score: PlanScore, expanded: set[str]) -> None:
        plan = QTreeWidgetItem(self.tree, [self.tr("Whole plan"),
                                           f"{score.score}/100" if score.score is not None
                                           else "—"])
        plan.setData(0, KEY_ROLE, "plan")
        for rule in score.points:
            row = QTreeWidgetItem(plan, [self.tr("{name}: {reason}").format(
                name=rule.name, reason=rule.reason), f"−{rule.lost:.1f}"])
            row.setToolTip(0, row.text(0))
            row.setData(0, ID_ROLE, rule.objective_ids[0] if rule.objective_ids else "")
        if not score.points and score.score is not None:
            QTreeWidgetItem(plan, [self.tr("Nothing taken off: the plan follows every rule.")])
        plan.setExpanded("plan" in expanded)

    def _fill_owner(self, owner: OwnerScore, expanded: set[str]) -> None:
        item = QTreeWidgetItem(self.tree, [owner.name, f"{owner.score}/100"])
        item.setData(0, KEY_ROLE, owner.owner_id)
        item.setData(0, ID_ROLE, owner.points[0].objective_ids[0]
                     if owner.points[0].objective_ids else "")
        for point in owner.points:
            row = QTreeWidgetItem(item, [point.reason, f"−{point.lost:.1f}"])
            row.setToolTip(0, point.reason)
            row.setData(0, ID_ROLE, point.objective_ids[0] if point.objective_ids else "")
        first = self.tree.topLevelItemCount() == 2  # the lowest owner, after the plan
        item.setExpanded(owner.owner_id in expanded or (first and "first" in expanded))

    def _fill_full(self, owners: list[OwnerScore]) -> None:
        if not owners:
            return
        names = ", ".join(owner.name for owner in owners[:NAMED_AT_FULL])
        more = len(owners) - NAMED_AT_FULL
        text = self.tr("{n} owners with nothing taken off").format(n=len(owners))
        item = QTreeWidgetItem(self.tree, [text, "100/100"])
        item.setData(0, KEY_ROLE, "full")
        QTreeWidgetItem(item, [names + (self.tr(" … and {n} more").format(n=more)
                                        if more > 0 else "")])

    def _show_whole(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        """The chosen row's reason in full (a long one is cut short in its row)."""
        self.detail.setText(item.text(0) if item is not None and item.parent() is not None
                            else "")

    def _chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        objective_id = str(item.data(0, ID_ROLE) or "")
        if objective_id:
            self.focus(objective_id)

    def reason_rows(self) -> list[QTreeWidgetItem]:
        """Every row that names a reason (the plan's and the owners'), top to bottom."""
        rows = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is None:
                continue
            rows += [child for j in range(top.childCount())
                     if (child := top.child(j)) is not None and child.data(0, ID_ROLE)]
        return rows
