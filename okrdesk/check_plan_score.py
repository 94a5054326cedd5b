"""The plan score in `okrdesk check`: the plan's score and each owner's, with every point's
reason (docs/ANALYTICS.md, "Plan score")."""

from __future__ import annotations

from typing import Any

from okrdesk.analytics.findings import Finding
from okrdesk.analytics.plan_score import PlanScore, plan_score
from okrdesk.snapshot import Snapshot

NAMED_AT_FULL = 20  # owners with nothing taken off are named up to this many, else counted


def plan_score_entry(snapshot: Snapshot, cycle_id: str,
                     findings: list[Finding]) -> dict[str, Any]:
    """The plan score for the JSON document of `okrdesk check` (the cycle's findings given)."""
    score = plan_score(snapshot, cycle_id, findings=findings)
    entry = score.to_dict()
    entry["points"] = [rule.rule for rule in score.points]
    return entry


def lost_text(lost: float) -> str:
    return f"-{lost:.1f}"


def plan_score_lines(snapshot: Snapshot, cycle_id: str, findings: list[Finding]) -> list[str]:
    """The plan score for the text of `okrdesk check` (the cycle's findings given)."""
    return score_lines(plan_score(snapshot, cycle_id, findings=findings))


def score_lines(score: PlanScore) -> list[str]:
    if score.score is None:
        return ["", "Plan score: none (no objectives in this cycle)"]
    owners = len(score.owners)
    lines = ["", f"Plan score: {score.score}/100 ({score.objectives} objective"
                 f"{'s' if score.objectives != 1 else ''}, {owners} owner"
                 f"{'s' if owners != 1 else ''})"]
    lines += [f"  {lost_text(rule.lost):>6}  {rule.name}: {rule.reason}"
              for rule in score.points]
    if not score.points:
        lines.append("  Nothing taken off: the plan follows every rule.")
    short = [owner for owner in score.owners if owner.points]
    full = [owner.name for owner in score.owners if not owner.points]
    lines += ["", f"Owners' scores, lowest first: {len(short)} below 100"]
    for owner in short:
        lines.append(f"  {owner.name}: {owner.score}/100")
        lines += [f"    {lost_text(point.lost):>6}  {point.reason}" for point in owner.points]
    if full:
        named = f": {', '.join(full)}" if len(full) <= NAMED_AT_FULL else ""
        lines.append(f"  {len(full)} owner{'s' if len(full) != 1 else ''} at 100/100{named}")
    return lines
