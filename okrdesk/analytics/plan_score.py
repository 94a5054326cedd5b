"""The plan score: how well a plan is written, 0 to 100, for the plan and for each owner, with
every point taken off and its reason (docs/ANALYTICS.md, "Plan score").

Each rule of okrdesk.analytics.plan_score_rules weighs some points (100 in all); the plan, or an
owner, loses of a rule's points the share of the items it looks at (key results, objectives,
company objectives, owners' cycles) that the rule finds fault with. The faults are the quality
findings and the coaches' rules of okrdesk.analytics.quality. The same plan always gives the
same score, the same points and the same reasons in the same order.

The score is added up per owner (okrdesk.analytics.plan_score_book): worked out here in one
pass, and kept current per change in the app (okrdesk.analytics.plan_score_live).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from okrdesk import clock
from okrdesk.analytics.findings import Finding
from okrdesk.analytics.plan_score_book import ScoreBook
from okrdesk.analytics.plan_score_parts import OwnerScore, PlanScore, RuleScore, ScorePoint
from okrdesk.analytics.quality import quality_findings
from okrdesk.rulebook import view_objectives
from okrdesk.snapshot import Snapshot, gc_paused

__all__ = ["OwnerScore", "PlanScore", "RuleScore", "ScorePoint", "plan_score"]


def plan_score(snapshot: Snapshot, cycle_id: str | None = None, *,
               findings: Sequence[Finding] | None = None,
               objective_ids: Sequence[str] | None = None,
               today: date | None = None) -> PlanScore:
    """The score of a cycle's view (None: the whole plan). `findings` and `objective_ids` are
    quality_findings and view_objectives of that view when the caller holds them already (the
    app's kept-current ones); `today` decides computed statuses (default: okrdesk.clock)."""
    ids = list(objective_ids) if objective_ids is not None else \
        view_objectives(snapshot, cycle_id)
    found = list(findings) if findings is not None else quality_findings(snapshot, cycle_id)
    with gc_paused():  # the parts live on: collecting meanwhile would scan the plan for nothing
        book = ScoreBook(snapshot, today or clock.today())
        book.update(ids, found, None)
        return book.score(cycle_id)
