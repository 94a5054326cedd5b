"""The progress and health figures a map prints, in one place.

The map reads figures only through this module, so where they come from can change here without
touching the drawing.
"""

from __future__ import annotations

from dataclasses import dataclass

from okrdesk.analytics import ProgressCalculator, health, score_band
from okrdesk.snapshot import Snapshot

__all__ = ["Figures", "Headline", "score_band"]


@dataclass(frozen=True)
class Headline:
    bottom_up_share: float
    bottom_up_target: float
    orphans: frozenset[str]


class Figures:
    """Progress of the objectives and key results of one snapshot, each computed once."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self._progress = ProgressCalculator(snapshot)

    def objective(self, objective_id: str) -> float:
        return self._progress.objective(objective_id)

    def key_result(self, kr_id: str) -> float:
        return self._progress.key_result(kr_id)

    def headline(self, cycle_id: str | None) -> Headline:
        """Bottom-up share of the cycle's alignments against the target, and its orphans."""
        report = health(self.snapshot, cycle_id)
        return Headline(report.bottom_up_share, report.bottom_up_target,
                        frozenset(report.orphans))
