"""The stale key results of an open plan, kept current as it changes (what the canvas cards
and the health panel show). Worked out in full when first asked, on a new day, and after a
change to cycles or settings (dates, closing, the cadence); a check-in or an edit of key
results or objectives updates only the key results it touches."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from okrdesk import clock
from okrdesk.check_ins import last_check_in_time, last_check_in_times
from okrdesk.rulebook.rhythm import stale_among
from okrdesk.snapshot import Snapshot
from okrdesk.storage import ChangeSet, Plan

WHOLE_PLAN = frozenset({"cycles", "settings"})


class LiveRhythm:
    def __init__(self, plan: Plan, snapshot: Snapshot) -> None:
        self.plan = plan
        self.snapshot = snapshot
        self.wanted = False  # a view has asked for it to be worked out (the app sets it)
        self._last: dict[str, str] | None = None
        self._stale: dict[str, int] | None = None
        self._day: date | None = None

    def known(self) -> bool:
        """Whether the stale key results are worked out for today (reading them is free)."""
        return self._stale is not None and self._day == clock.today()

    def apply(self, changes: ChangeSet) -> None:
        """Follow a change set (after the snapshot has)."""
        touched: set[str] = set()
        for change in changes:
            if change.table in WHOLE_PLAN:
                self._stale = None
            elif change.table == "key_results":
                touched.add(change.row_id)
            elif change.table == "objectives":
                touched.update(self.snapshot.krs_of.get(change.row_id, ()))
            elif change.table == "check_ins":
                touched.add(self._follow_check_in(change.before, change.after))
        if self._stale is not None and touched:
            self._restate(touched)

    def _follow_check_in(self, before: Mapping[str, object] | None,
                         after: Mapping[str, object] | None) -> str:
        row = after if after is not None else before
        assert row is not None
        kr_id = str(row["key_result_id"])
        if self._last is not None:
            if before is None and after is not None:
                if str(after["at"]) >= self._last.get(kr_id, ""):
                    self._last[kr_id] = str(after["at"])
            else:  # undone or changed: read that key result's newest again
                newest = last_check_in_time(self.plan, kr_id)
                if newest is None:
                    self._last.pop(kr_id, None)
                else:
                    self._last[kr_id] = newest
        return kr_id

    def _restate(self, kr_ids: set[str]) -> None:
        assert self._stale is not None
        today = self._day or clock.today()
        key_results = self.snapshot.key_results
        by_objective: dict[str, list[str]] = {}
        for kr_id in kr_ids:
            self._stale.pop(kr_id, None)
            kr = key_results.get(kr_id)
            if kr is not None:
                by_objective.setdefault(kr.objective_id, []).append(kr_id)
        self._stale.update(stale_among(self.snapshot, by_objective.items(),
                                       self.last_check_ins(), today))

    def last_check_ins(self) -> Mapping[str, str]:
        """When each key result with a check-in last had one."""
        if self._last is None:
            self._last = last_check_in_times(self.plan)
        return self._last

    def stale_days(self) -> Mapping[str, int]:
        """The stale key results, each with the days since it last had news."""
        today = clock.today()
        if self._stale is None or self._day != today:
            self._stale = stale_among(self.snapshot, self.snapshot.krs_of.items(),
                                      self.last_check_ins(), today)
            self._day = today
        return self._stale
