"""Analytics kept current while a plan is edited: apply each change set, read the figures."""

from __future__ import annotations

from collections.abc import Mapping

from okrdesk.analytics.health import HealthReport, report
from okrdesk.analytics.index import AlignmentIndex
from okrdesk.analytics.quality import Finding
from okrdesk.analytics.quality_live import QualityTracker
from okrdesk.rulebook import (
    CycleView,
    cycle_view,
    line_of_sight,
    orphaned,
    parent_of,
    unit_positions,
)
from okrdesk.rulebook import view_objectives as objectives_in_view
from okrdesk.snapshot import Snapshot
from okrdesk.storage.changes import ChangeSet


class LiveAnalytics:
    """The figures of one snapshot, updated per change set rather than recomputed.

    Call `apply(changes)` after `snapshot.apply(changes)`. Health figures are adjusted per changed
    row (lines of sight are recomputed only for the moved subtree); the quality findings are
    built on first use and then kept current, counted per changed row.

    `index_later`: the alignment index is built when first read rather than now (a window
    draws its canvas first: on a large plan the index takes a quarter of a second). Until then
    orphans are told by the rule itself and `view_objectives` by the rulebook, with the same
    answers.
    """

    def __init__(self, snapshot: Snapshot, *, index_later: bool = False) -> None:
        self.snapshot = snapshot
        self._index = None if index_later else AlignmentIndex(snapshot)
        self._orphan_inputs: tuple[dict[str, int | None], set[str]] | None = None
        self._reports: dict[str | None, HealthReport] = {}
        self._quality: QualityTracker | None = None
        self._findings: dict[str | None, list[Finding]] = {}

    @property
    def index(self) -> AlignmentIndex:
        """The alignment index, built now if it was left for later."""
        if self._index is None:
            self._index = AlignmentIndex(self.snapshot)
            self._orphan_inputs = None
        return self._index

    @property
    def index_built(self) -> bool:
        return self._index is not None

    def apply(self, changes: ChangeSet) -> None:
        if not changes:
            return
        self._orphan_inputs = None
        if self._index is not None:  # one built later reads the snapshot as it is then
            self._index.apply(changes)
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
        if self._index is None:
            return self._orphan_by_rule(objective_id)
        facts = self._index.facts.get(objective_id)
        return facts is not None and facts.orphan

    def _orphan_by_rule(self, objective_id: str) -> bool:
        """`is_orphan` without the index: the facts the index would hold for this objective."""
        snapshot = self.snapshot
        objective = snapshot.objectives.get(objective_id)
        if objective is None:
            return False
        if self._orphan_inputs is None:
            self._orphan_inputs = (unit_positions(snapshot),
                                   {link.source_id for link in snapshot.contributions.values()})
        unit_level, sources = self._orphan_inputs
        parent = parent_of(snapshot, objective_id)
        # The index's line of sight: empty for one aligned to itself, as for one aligned to none.
        aligned = parent is not None and parent != objective_id
        return orphaned(unit_level.get(objective.owner_id), aligned, objective_id in sources)

    def in_view(self, view: CycleView, objective_id: str) -> bool:
        """Whether the view holds the objective, answered from the kept-current lines of sight
        (equal to okrdesk.rulebook.view_objectives, without walking the plan)."""
        objective = self.snapshot.objectives.get(objective_id)
        if objective is None:
            return False
        lines: Mapping[str, int] = self.index.refs.get(view.cycle_id or "", {})
        return view.holds(objective, lambda above: lines.get(above, 0) > 0)

    def view_objectives(self, cycle_id: str | None) -> list[str]:
        """okrdesk.rulebook.view_objectives, from the kept-current lines of sight (from the
        rulebook itself while the index is not built)."""
        if self._index is None:
            return objectives_in_view(self.snapshot, cycle_id)
        view = cycle_view(self.snapshot, cycle_id)
        lines: Mapping[str, int] = self.index.refs.get(view.cycle_id or "", {})
        return [o.id for o in self.snapshot.objectives.values()
                if view.holds(o, lambda above: lines.get(above, 0) > 0)]

    def line_of_sight(self, objective_id: str) -> list[str]:
        facts = self.index.facts.get(objective_id)
        if facts is None:
            return line_of_sight(self.snapshot, objective_id)
        return [objective_id, *facts.above]
