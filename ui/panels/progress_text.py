"""Progress figures as the inspector words them, from the core's analytics."""

from __future__ import annotations

from okrdesk.analytics.progress import (
    ProgressCalculator,
    explain_progress,
    kr_progress,
    score_band,
)
from okrdesk.snapshot import Snapshot

BAND_NAMES = {"green": "on track (green)", "yellow": "needs attention (yellow)",
              "red": "behind (red)"}


def percent(snapshot: Snapshot, kr_id: str) -> str:
    return f"{kr_progress(snapshot, kr_id):.0%}"


def objective_explanation(snapshot: Snapshot, objective_id: str) -> str:
    """How the objective's progress rolls up from its key results, line by line."""
    total = ProgressCalculator(snapshot).objective(objective_id)
    parts = explain_progress(snapshot, objective_id)
    if not parts:
        return "No key results yet, so no progress: add one, or align an objective up to it."
    lines = [f"{total:.0%}: {BAND_NAMES[score_band(total)]}, the weighted mean of its key results:"]
    for part in parts:
        lines.append(f"• {part.title}: {part.progress:.0%} × weight {part.weight:g} "
                     f"({part.share:.0%} of the whole) adds {part.progress * part.share:.0%}")
    if sum(part.weight for part in parts) == 0:
        lines.append("Every weight is 0, so nothing counts: give a key result some weight.")
    return "\n".join(lines)
