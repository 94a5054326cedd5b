"""What a card shows, read from the snapshot: items draw these faces, they hold no plan data."""

from __future__ import annotations

from dataclasses import dataclass

from okrdesk.analytics.progress import ProgressCalculator, score_band
from okrdesk.snapshot import Snapshot

STATUS_TEXT = {"on_track": "On track", "at_risk": "At risk", "off_track": "Off track"}


@dataclass(frozen=True, slots=True)
class RowFace:
    kr_id: str
    title: str
    progress: float | None
    band: str
    stands_for_objective: bool


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


def shown_cycles(snapshot: Snapshot, cycle_id: str) -> set[str]:
    """The cycle itself and, for a year, its quarters."""
    shown = {cycle_id}
    cycle = snapshot.cycles.get(cycle_id)
    if cycle is not None and cycle.kind == "year":
        shown.update(c.id for c in snapshot.cycles.values() if c.parent_id == cycle_id)
    return shown


def shown_objectives(snapshot: Snapshot, cycle_id: str) -> list[str]:
    cycles = shown_cycles(snapshot, cycle_id)
    return [o.id for o in snapshot.objectives.values() if o.cycle_id in cycles]


def card_face(progress: ProgressCalculator, objective_id: str, *, orphan: bool,
              shown_cycle: str) -> CardFace:
    """The face of one card (naming its cycle when it is not the one shown); one
    calculator serves many cards of the same snapshot."""
    snapshot = progress.snapshot
    objective = snapshot.objectives[objective_id]
    owner = snapshot.units.get(objective.owner_id)
    rows = []
    for kr in snapshot.key_results_of(objective_id):
        value = progress.key_result(kr.id)
        rows.append(RowFace(kr.id, kr.title, value, score_band(value), kr.kind == "objective"))
    score = progress.objective(objective_id)
    cycle = snapshot.cycles.get(objective.cycle_id)
    return CardFace(
        objective_id=objective_id,
        title=objective.title,
        owner=owner.name if owner is not None else "",
        status=STATUS_TEXT.get(objective.status or "", ""),
        progress=score,
        band=score_band(score),
        rows=tuple(rows),
        orphan=orphan,
        delegated=objective.origin == "delegated",
        aspirational=objective.commitment == "aspirational",
        cycle_name=cycle.name if (cycle is not None and cycle.id != shown_cycle) else "",
    )


def lane_rank(snapshot: Snapshot, objective_id: str) -> int:
    return snapshot.level_of(objective_id).rank


def ancestors(snapshot: Snapshot, objective_id: str) -> list[str]:
    """The chain of objectives above one, nearest first (stops at a loop)."""
    chain: list[str] = []
    current: str | None = snapshot.parent_objective_id(objective_id)
    while current is not None and current not in chain and current != objective_id:
        chain.append(current)
        current = snapshot.parent_objective_id(current)
    return chain


def descendants(snapshot: Snapshot, objective_id: str) -> set[str]:
    found: set[str] = set()
    todo = [objective_id]
    while todo:
        current = todo.pop()
        for kr_id in snapshot.krs_of.get(current, ()):
            for child in snapshot.aligned_to_kr.get(kr_id, ()):
                if child not in found and child != objective_id:
                    found.add(child)
                    todo.append(child)
    return found


def tree_of(snapshot: Snapshot, objective_id: str) -> set[str]:
    """One objective's tree: itself, the chain above it, everything below it, its links."""
    tree = {objective_id, *ancestors(snapshot, objective_id)}
    tree |= descendants(snapshot, objective_id)
    for link in snapshot.contributions.values():
        if link.source_id == objective_id:
            tree.add(link.target_id)
        elif link.target_id == objective_id:
            tree.add(link.source_id)
    return tree
