"""The rhythm of one view of a plan: its stale key results and each objective's expected
status beside the one set by hand (the rules are those of okrdesk/rulebook/rhythm.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from okrdesk.analytics.progress import ProgressCalculator
from okrdesk.rulebook import view_objectives
from okrdesk.rulebook.rhythm import (
    cadence_of,
    elapsed_share,
    stale_among,
    status_for,
)
from okrdesk.snapshot import Snapshot


@dataclass(frozen=True, slots=True)
class StaleKeyResult:
    kr_id: str
    objective_id: str
    title: str
    days: int  # since its newest check-in (or its cycle's start, or its creation)


@dataclass(frozen=True, slots=True)
class ExpectedStatus:
    objective_id: str
    progress: float
    elapsed: float  # share of the objective's cycle gone
    expected: str  # a Status value
    set_by_hand: str | None

    @property
    def differs(self) -> bool:
        return self.set_by_hand is not None and self.set_by_hand != self.expected


@dataclass(frozen=True, slots=True)
class RhythmReport:
    today: date
    cadence: str
    stale: tuple[StaleKeyResult, ...]  # the longest without news first
    expected: tuple[ExpectedStatus, ...]  # objectives of dated cycles, in the view's order

    def counts(self) -> dict[str, int]:
        """How many objectives are expected on track, at risk and off track."""
        tally = {"on_track": 0, "at_risk": 0, "off_track": 0}
        for entry in self.expected:
            tally[entry.expected] += 1
        return tally

    def to_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "cadence": self.cadence,
            "stale_key_results": [
                {"id": s.kr_id, "title": s.title, "objective_id": s.objective_id,
                 "days_without_check_in": s.days} for s in self.stale],
            "expected_status": {
                "counts": self.counts(),
                "objectives": [
                    {"id": e.objective_id, "progress": round(e.progress, 4),
                     "cycle_elapsed": round(e.elapsed, 4), "expected": e.expected,
                     "set_by_hand": e.set_by_hand} for e in self.expected],
            },
        }


def rhythm_report(snapshot: Snapshot, cycle_id: str | None,
                  last_check_ins: Mapping[str, str], today: date) -> RhythmReport:
    """Stale key results and expected statuses of the objectives in the view of `cycle_id`."""
    objective_ids = view_objectives(snapshot, cycle_id)
    found = stale_among(snapshot, ((o, snapshot.krs_of.get(o, ())) for o in objective_ids),
                        last_check_ins, today)
    key_results = snapshot.key_results
    stale = [StaleKeyResult(kr_id, key_results[kr_id].objective_id, key_results[kr_id].title,
                            days) for kr_id, days in found.items()]
    stale.sort(key=lambda s: (-s.days, s.title, s.kr_id))
    progress = ProgressCalculator(snapshot)
    expected = []
    for objective_id in objective_ids:
        objective = snapshot.objectives[objective_id]
        cycle = snapshot.cycles.get(objective.cycle_id)
        elapsed = elapsed_share(cycle, today) if cycle is not None else None
        if elapsed is None:
            continue
        value = progress.objective(objective_id)
        expected.append(ExpectedStatus(objective_id, value, elapsed,
                                       status_for(value, elapsed).value, objective.status))
    return RhythmReport(today, cadence_of(snapshot), tuple(stale), tuple(expected))
