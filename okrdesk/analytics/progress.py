"""Progress of key results and objectives, 0.0 to 1.0, and the bands scores fall in.

An objective's progress is the weighted mean of its key results. A key result of kind `objective`
stands for the lower objective aligned to it; a `no_metric` key result takes the mean of the
objectives aligned under it. Contributes-to links never count.
"""

from __future__ import annotations

from typing import NamedTuple

from okrdesk.errors import NotFoundError
from okrdesk.snapshot import KeyResultRow, Snapshot

GREEN_FROM = 0.7
YELLOW_FROM = 0.4


class ProgressPart(NamedTuple):
    """One key result's part in an objective's roll-up; `share` is its weight's share."""

    title: str
    progress: float
    weight: float
    share: float


def score_band(score: float) -> str:
    """"green" from 0.7, "yellow" from 0.4, else "red"."""
    if score >= GREEN_FROM:
        return "green"
    if score >= YELLOW_FROM:
        return "yellow"
    return "red"


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))


def metric_progress(kr: KeyResultRow) -> float:
    """Progress of a key result from its own values (kinds that measure something)."""
    current, target = kr.current_value, kr.target_value
    if kr.kind == "milestone":
        return 1.0 if current is not None and current >= 1 else 0.0
    if target is None or current is None:
        return 0.0
    if kr.kind == "stay_above":
        return 1.0 if current >= target else 0.0
    if kr.kind == "stay_below":
        return 1.0 if current <= target else 0.0
    start = kr.start_value if kr.start_value is not None else 0.0
    if kr.kind == "increase":
        if target == start:
            return 1.0 if current >= target else 0.0
        return _clamp((current - start) / (target - start))
    if kr.kind == "decrease":
        if target == start:
            return 1.0 if current <= target else 0.0
        return _clamp((start - current) / (start - target))
    return 0.0


class ProgressCalculator:
    """Progress of many objectives and key results of one snapshot, each computed once."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self._objectives: dict[str, float] = {}
        self._visiting: set[str] = set()

    def key_result(self, kr_id: str) -> float:
        kr = self.snapshot.key_results.get(kr_id)
        if kr is None:
            raise NotFoundError(f"There is no key result with id {kr_id}.")
        return self._kr(kr)

    def objective(self, objective_id: str) -> float:
        if objective_id not in self.snapshot.objectives:
            raise NotFoundError(f"There is no objective with id {objective_id}.")
        return self._objective(objective_id)

    def parts(self, objective_id: str) -> list[ProgressPart]:
        if objective_id not in self.snapshot.objectives:
            raise NotFoundError(f"There is no objective with id {objective_id}.")
        krs = self.snapshot.key_results_of(objective_id)
        total = sum(kr.weight for kr in krs)
        return [ProgressPart(kr.title, self._kr(kr), kr.weight,
                             kr.weight / total if total > 0 else 0.0) for kr in krs]

    def _kr(self, kr: KeyResultRow) -> float:
        if kr.kind in ("objective", "no_metric"):
            below = [o for o in self.snapshot.aligned_to_kr.get(kr.id, ())
                     if o in self.snapshot.objectives]
            if not below:
                return 0.0
            return sum(self._objective(o) for o in below) / len(below)
        return metric_progress(kr)

    def _objective(self, objective_id: str) -> float:
        known = self._objectives.get(objective_id)
        if known is not None:
            return known
        if objective_id in self._visiting:
            return 0.0  # an alignment loop in a hand-edited file; the quality checks report it
        self._visiting.add(objective_id)
        try:
            krs = self.snapshot.key_results_of(objective_id)
            total = sum(kr.weight for kr in krs)
            value = (sum(kr.weight * self._kr(kr) for kr in krs) / total) if total > 0 else 0.0
        finally:
            self._visiting.discard(objective_id)
        self._objectives[objective_id] = value
        return value


def kr_progress(snapshot: Snapshot, kr_id: str) -> float:
    return ProgressCalculator(snapshot).key_result(kr_id)


def objective_progress(snapshot: Snapshot, objective_id: str) -> float:
    return ProgressCalculator(snapshot).objective(objective_id)


def explain_progress(snapshot: Snapshot, objective_id: str) -> list[ProgressPart]:
    """The roll-up of an objective: each key result's title, progress, weight and share."""
    return ProgressCalculator(snapshot).parts(objective_id)
