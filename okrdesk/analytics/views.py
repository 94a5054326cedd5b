"""Which objectives a cycle's figures cover, and the line of sight of an objective.

The view of a year holds the year's objectives and those of its quarters. The view of a quarter
holds the quarter's objectives and the objectives of its year on their lines of sight (the year
objectives they align to, directly or through others). Any other cycle holds its own objectives;
no cycle (None) means the whole plan.
"""

from __future__ import annotations

from okrdesk.errors import NotFoundError
from okrdesk.snapshot import CycleRow, Snapshot


def parent_of(snapshot: Snapshot, objective_id: str) -> str | None:
    """The objective this one is aligned to, through an existing key result."""
    objective = snapshot.objectives.get(objective_id)
    if objective is None or objective.parent_kr_id is None:
        return None
    kr = snapshot.key_results.get(objective.parent_kr_id)
    if kr is None or kr.objective_id not in snapshot.objectives:
        return None
    return kr.objective_id


def children_of(snapshot: Snapshot, objective_id: str) -> list[str]:
    """Objectives aligned to one of this objective's key results."""
    return [child for kr_id in snapshot.krs_of.get(objective_id, ())
            for child in snapshot.aligned_to_kr.get(kr_id, ()) if child in snapshot.objectives]


def line_of_sight(snapshot: Snapshot, objective_id: str) -> list[str]:
    """Objective ids from this objective up to the top, following alignment (a loop stops it)."""
    if objective_id not in snapshot.objectives:
        raise NotFoundError(f"There is no objective with id {objective_id}.")
    line = [objective_id]
    seen = {objective_id}
    parent = parent_of(snapshot, objective_id)
    while parent is not None and parent not in seen:
        line.append(parent)
        seen.add(parent)
        parent = parent_of(snapshot, parent)
    return line


def require_cycle(snapshot: Snapshot, cycle_id: str | None) -> CycleRow | None:
    if cycle_id is None:
        return None
    cycle = snapshot.cycles.get(cycle_id)
    if cycle is None:
        raise NotFoundError(f"There is no cycle with id {cycle_id}.")
    return cycle


def view_objectives(snapshot: Snapshot, cycle_id: str | None) -> list[str]:
    """Ids of the objectives a cycle's figures cover, in the snapshot's order."""
    cycle = require_cycle(snapshot, cycle_id)
    if cycle is None:
        return list(snapshot.objectives)
    if cycle.kind == "year":
        cycles = {cycle.id} | {c.id for c in snapshot.cycles.values() if c.parent_id == cycle.id}
        return [o.id for o in snapshot.objectives.values() if o.cycle_id in cycles]
    own = [o.id for o in snapshot.objectives.values() if o.cycle_id == cycle.id]
    if cycle.kind != "quarter" or cycle.parent_id is None:
        return own
    above: set[str] = set()
    for objective_id in own:
        for ancestor in line_of_sight(snapshot, objective_id)[1:]:
            if snapshot.objectives[ancestor].cycle_id == cycle.parent_id:
                above.add(ancestor)
    return own + [o for o in snapshot.objectives if o in above]
