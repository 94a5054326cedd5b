"""Progress figures as the inspector words them, from the core's analytics."""

from __future__ import annotations

from okrdesk.analytics.progress import (
    ProgressCalculator,
    explain_progress,
    kr_progress,
    score_band,
)
from okrdesk.snapshot import Snapshot

from ..translation import QT_TR_NOOP, tr

BAND_NAMES = {"green": QT_TR_NOOP("on track (green)"),
              "yellow": QT_TR_NOOP("needs attention (yellow)"), "red": QT_TR_NOOP("behind (red)")}


def percent(snapshot: Snapshot, kr_id: str) -> str:
    return f"{kr_progress(snapshot, kr_id):.0%}"


def objective_explanation(snapshot: Snapshot, objective_id: str) -> str:
    """How the objective's progress rolls up from its key results, line by line."""
    total = ProgressCalculator(snapshot).objective(objective_id)
    parts = explain_progress(snapshot, objective_id)
    if not parts:
        return tr("No key results yet, so no progress: add one, or align an objective up to it.")
    lines = [tr("{total}: {band}, the weighted mean of its key results:").format(
        total=f"{total:.0%}", band=tr(BAND_NAMES[score_band(total)]))]
    for part in parts:
        lines.append(tr("• {title}: {progress} × weight {weight} ({share} of the whole) adds "
                        "{adds}").format(title=part.title, progress=f"{part.progress:.0%}",
                                         weight=f"{part.weight:g}", share=f"{part.share:.0%}",
                                         adds=f"{part.progress * part.share:.0%}"))
    if sum(part.weight for part in parts) == 0:
        lines.append(tr("Every weight is 0, so nothing counts: give a key result some weight."))
    return "\n".join(lines)
