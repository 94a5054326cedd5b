"""The plan score of an open plan, kept current as it changes (what the health panel and the
Plan score window show): a change re-scores only the owners whose objectives it touches.

Worked out in full when first asked, for another cycle, on a new day, and after a change to the
settings, levels or cycles (limits, dates, closing). Otherwise each change set marks the
objectives whose coaches' rules may read otherwise: those it touches and every objective above
them (their progress, and so their expected status, rolls up). The quality findings come kept
current from okrdesk.analytics.LiveAnalytics and are compared objective by objective.
"""

from __future__ import annotations

from datetime import date

from okrdesk import clock
from okrdesk.analytics.live import LiveAnalytics
from okrdesk.analytics.plan_score_book import ScoreBook
from okrdesk.analytics.plan_score_parts import PlanScore
from okrdesk.rulebook import parent_of, parent_through
from okrdesk.snapshot import Snapshot, gc_paused
from okrdesk.storage import ChangeSet

WHOLE_PLAN = frozenset({"settings", "levels", "cycles"})


class LivePlanScore:
    """Call `apply(changes)` after the snapshot and the analytics have followed them."""

    def __init__(self, snapshot: Snapshot, analytics: LiveAnalytics) -> None:
        self.snapshot = snapshot
        self.analytics = analytics
        self._book: ScoreBook | None = None
        self._cycle_id: str | None = None
        self._dirty: set[str] = set()
        self._score: PlanScore | None = None

    def apply(self, changes: ChangeSet) -> None:
        if not changes or self._book is None:
            return
        self._score = None
        snapshot = self.snapshot
        touched: set[str] = set()
        for change in changes:
            rows = [row for row in (change.before, change.after) if row is not None]
            if change.table in WHOLE_PLAN:
                self._book = None
                return
            if change.table == "objectives":
                touched.add(change.row_id)
                touched.update(parent for row in rows if (parent := parent_through(
                    row["parent_kr_id"], snapshot.key_results.get,
                    snapshot.objectives.__contains__)) is not None)
            elif change.table == "key_results":
                touched.update(str(row["objective_id"]) for row in rows)
            elif change.table == "check_ins":
                kr = snapshot.key_results.get(str(rows[0]["key_result_id"]))
                if kr is not None:
                    touched.add(kr.objective_id)
            elif change.table == "units":  # owners' names and levels
                self._book.refresh_owners()
                touched.update(o.id for o in snapshot.objectives.values()
                               if o.owner_id == change.row_id)
        self._dirty |= self._with_those_above(touched)

    def _with_those_above(self, objective_ids: set[str]) -> set[str]:
        """The objectives and every one above them (progress rolls up)."""
        found: set[str] = set()
        for objective_id in objective_ids:
            current: str | None = objective_id
            while current is not None and current not in found:
                found.add(current)
                current = parent_of(self.snapshot, current) \
                    if current in self.snapshot.objectives else None
        return found

    def kept(self, cycle_id: str | None) -> bool:
        """Whether the parts of this cycle's score are kept for today: reading the score then
        costs in proportion to the changes since, not a full count."""
        book = self._book
        return book is not None and self._cycle_id == cycle_id and book.today == clock.today()

    def score(self, cycle_id: str | None, today: date | None = None) -> PlanScore:
        """The score of a cycle's view (None: the whole plan), equal to plan_score's."""
        today = today or clock.today()
        book = self._book
        fresh = book is None or self._cycle_id != cycle_id or book.today != today
        if not fresh and self._score is not None:
            return self._score
        analytics = self.analytics
        with gc_paused():  # the parts live on
            if fresh:
                book = self._book = ScoreBook(self.snapshot, today)
                self._cycle_id = cycle_id
            assert book is not None
            book.update(analytics.view_objectives(cycle_id), analytics.findings(cycle_id),
                        None if fresh else self._dirty)
            self._dirty = set()
            self._score = book.score(cycle_id)
        return self._score
