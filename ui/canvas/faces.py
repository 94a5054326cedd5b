"""What a card shows, read from the snapshot: items draw these faces, they hold no plan data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from okrdesk.analytics.progress import ProgressCalculator, score_band
from okrdesk.rulebook import Direction, descendants, direction_of, line_of_sight
from okrdesk.snapshot import Snapshot

from ..translation import QT_TR_NOOP, tr

STATUS_TEXT = {"on_track": QT_TR_NOOP("On track"), "at_risk": QT_TR_NOOP("At risk"),
               "off_track": QT_TR_NOOP("Off track")}


@dataclass(frozen=True, slots=True)
class RowFace:
    kr_id: str
    title: str
    progress: float | None
    band: str
    stands_for_objective: bool
    stale_days: int | None = None  # days without a check-in, when more than the cadence


@dataclass(frozen=True, slots=True)
class CardFace:
    objective_id: str
    title: str
    owner: str
    status: str
    progress: float | None
    band: str
    rows: tuple[RowFace, ...]
    orphan: bool
    delegated: bool
    aspirational: bool
    cycle_name: str
    final_score: float | None = None  # scored when its cycle was closed
    stale: int = 0  # key results without a check-in within the cadence


def card_face(progress: ProgressCalculator, objective_id: str, *, orphan: bool,
              shown_cycle: str, stale: Mapping[str, int] | None = None) -> CardFace:
    """The face of one card (naming its cycle when it is not the one shown); one
    calculator serves many cards of the same snapshot. `stale`: the days without a check-in
    of the plan's stale key results."""
    stale = stale or {}
    snapshot = progress.snapshot
    objective = snapshot.objectives[objective_id]
    owner = snapshot.units.get(objective.owner_id)
    rows = []
    for kr in snapshot.key_results_of(objective_id):
        value = progress.key_result(kr.id)
        rows.append(RowFace(kr.id, kr.title, value, score_band(value), kr.kind == "objective",
                            stale.get(kr.id)))
    score = progress.objective(objective_id)
    cycle = snapshot.cycles.get(objective.cycle_id)
    return CardFace(
        objective_id=objective_id,
        title=objective.title,
        owner=owner.name if owner is not None else "",
        status=tr(STATUS_TEXT[objective.status]) if objective.status in STATUS_TEXT else "",
        progress=score,
        band=score_band(score),
        rows=tuple(rows),
        orphan=orphan,
        delegated=direction_of(objective) is Direction.TOP_DOWN,
        aspirational=objective.commitment == "aspirational",
        cycle_name=cycle.name if (cycle is not None and cycle.id != shown_cycle) else "",
        final_score=final.value if (final := snapshot.objective_scores.get(objective_id))
        else None,
        stale=sum(row.stale_days is not None for row in rows),
    )


def tree_of(snapshot: Snapshot, objective_id: str) -> set[str]:
    """One objective's tree: itself, the chain above it, everything below it, its links."""
    tree = {*line_of_sight(snapshot, objective_id), *descendants(snapshot, objective_id)}
    for link in snapshot.contributions.values():
        if link.source_id == objective_id:
            tree.add(link.target_id)
        elif link.target_id == objective_id:
            tree.add(link.source_id)
    return tree
