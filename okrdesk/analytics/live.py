"""Analytics kept current while a plan is edited: apply each change set, read the figures."""

from __future__ import annotations

from collections.abc import Mapping

from okrdesk.analytics.health import HealthReport, report
from okrdesk.analytics.index import AlignmentIndex
from okrdesk.analytics.quality import Finding
from okrdesk.analytics.quality_live import QualityTracker
from okrdesk.rulebook import CycleView, cycle_view, line_of_sight
from okrdesk.snapshot import Snapshot
from okrdesk.storage.changes import ChangeSet


class LiveAnalytics:
    """The figures of one snapshot, updated per change set rather than recomputed.

    Call `apply(changes)` after `snapshot.apply(changes)`. Health figures are adjusted per changed
    row (lines of sight are recomputed only for the moved subtree); the quality findings are
    built on first use and then kept current, counted per changed row.
    """

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.index = AlignmentIndex(snapshot)
        self._reports: dict[str | None, HealthReport] = {}
        self._quality: QualityTracker | None = None
        self._findings: dict[str | None, list[Finding]] = {}

    def apply(self, changes: ChangeSet) -> None:
        if not changes:
            return
        self.index.apply(changes)
        if self._quality is not None:
            self._quality.apply(changes)
        self._reports.clear()
        self._findings.clear()

    def health(self, cycle_id: str | None) -> HealthReport:
        known = self._reports.get(cycle_id)
        if known is None:
            known = self._reports[cycle_id] = report(self.index, cycle_id)
        return known

    @property
    def findings_counted(self) -> bool:
        """Whether the quality findings have been worked out yet (a window counts them once
        it is drawn: on a large plan that takes a second)."""
        return self._quality is not None

    def findings(self, cycle_id: str | None) -> list[Finding]:
        known = self._findings.get(cycle_id)
        if known is None:
            if self._quality is None:  # built on first use, then kept current
                self._quality = QualityTracker(self.snapshot)
            known = self._findings[cycle_id] = self._quality.findings(cycle_id)
        return list(known)

    def is_orphan(self, objective_id: str) -> bool:
        """The rulebook's orphan: below the top level and aligned to nothing, neither up nor by
        a contribution."""
        facts = self.index.facts.get(objective_id)
        return facts is not None and facts.orphan

    def in_view(self, view: CycleView, objective_id: str) -> bool:
        """Whether the view holds the objective, answered from the kept-current lines of sight
        (equal to okrdesk.rulebook.view_objectives, without walking the plan)."""
        objective = self.snapshot.objectives.get(objective_id)
        if objective is None:
            return False
        lines: Mapping[str, int] = self.index.refs.get(view.cycle_id or "", {})
        return view.holds(objective, lambda above: lines.get(above, 0) > 0)

    def view_objectives(self, cycle_id: str | None) -> list[str]:
        """okrdesk.rulebook.view_objectives, from the kept-current lines of sight."""
        view = cycle_view(self.snapshot, cycle_id)
        lines: Mapping[str, int] = self.index.refs.get(view.cycle_id or "", {})
        return [o.id for o in self.snapshot.objectives.values()
                if view.holds(o, lambda above: lines.get(above, 0) > 0)]

    def line_of_sight(self, objective_id: str) -> list[str]:
        facts = self.index.facts.get(objective_id)
        if facts is None:
            return line_of_sight(self.snapshot, objective_id)
        return [objective_id, *facts.above]
