"""What `okrdesk check` says of the closed cycles it looks at: each one's final scores, and
the committed objectives (expected at 1.0) and aspirational ones (at 0.7) that fell short."""

from __future__ import annotations

from typing import Any

from okrdesk.analytics.closing import ClosingSummary, closing_summary
from okrdesk.rulebook.cycles import cycle_view, ordered_cycles
from okrdesk.snapshot import Snapshot


def closed_summaries(snapshot: Snapshot, cycle_id: str) -> list[ClosingSummary]:
    """The summaries of the closed cycles the view of `cycle_id` holds (a year: its
    quarters too), in the order cycles are listed."""
    view = cycle_view(snapshot, cycle_id)
    return [closing_summary(snapshot, cycle.id) for cycle in ordered_cycles(snapshot)
            if cycle.closed_at is not None and view.holds_cycle(cycle.id)]


def closing_lines(snapshot: Snapshot, cycle_id: str) -> list[str]:
    lines: list[str] = []
    for summary in closed_summaries(snapshot, cycle_id):
        average = f"{summary.average:.2f}" if summary.average is not None else "none"
        lines += ["", f"{summary.cycle_name} is closed: {summary.scored} objectives scored, "
                      f"average {average}; fell short: {len(summary.short)}"]
        for short in summary.short:
            lines.append(f"  \u201c{short.title}\u201d ({short.commitment}): {short.score:.1f} "
                         f"of {short.expected:.1f} expected")
    return lines


def closing_entries(snapshot: Snapshot, cycle_id: str) -> list[dict[str, Any]]:
    return [{"cycle": {"id": s.cycle_id, "name": s.cycle_name}, "scored": s.scored,
             "average": s.average,
             "short": [{"objective_id": f.objective_id, "title": f.title,
                        "commitment": f.commitment, "score": f.score, "expected": f.expected}
                       for f in s.short],
             "unfinished": list(s.unfinished)}
            for s in closed_summaries(snapshot, cycle_id)]
