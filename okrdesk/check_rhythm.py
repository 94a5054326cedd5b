"""The part of `okrdesk check` about the rhythm of check-ins: stale key results and the status
expected of each objective by date, beside the status its owner set."""

from __future__ import annotations

from okrdesk.analytics.rhythm import RhythmReport
from okrdesk.check_report import objective_facts
from okrdesk.snapshot import Snapshot

STATUS_WORDS = {"on_track": "on track", "at_risk": "at risk", "off_track": "off track"}


def rhythm_lines(snapshot: Snapshot, report: RhythmReport) -> list[str]:
    lines = ["", f"Stale key results (no check-in within the {report.cadence} cadence, "
                 f"today {report.today.isoformat()}): {len(report.stale)}"]
    for stale in report.stale:
        lines.append(f"  \u201c{stale.title}\u201d of {_quote(snapshot, stale.objective_id)}: "
                     f"{stale.days} days without a check-in")
    counts = report.counts()
    lines += ["", "Expected status by date: " + ", ".join(
        f"{counts[status]} {words}" for status, words in STATUS_WORDS.items())]
    for entry in report.expected:
        if entry.expected == "on_track":
            continue
        cycle = snapshot.cycles[snapshot.objectives[entry.objective_id].cycle_id].name
        by_hand = (f"; set by hand: {STATUS_WORDS.get(entry.set_by_hand, entry.set_by_hand)}"
                   if entry.set_by_hand else "")
        lines.append(f"  {STATUS_WORDS[entry.expected]:<9} "
                     f"{_quote(snapshot, entry.objective_id)}: {round(entry.progress * 100)}% "
                     f"done, {round(entry.elapsed * 100)}% of {cycle} gone{by_hand}")
    return lines


def _quote(snapshot: Snapshot, objective_id: str) -> str:
    facts = objective_facts(snapshot, objective_id)
    return f"\u201c{facts['title']}\u201d ({facts['owner']}, {facts['level']})"
