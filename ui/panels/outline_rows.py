"""What the outline view shows: which objectives a choice holds, and in which order. No widgets
here."""

from __future__ import annotations

from dataclasses import dataclass

from okrdesk.rulebook import level_positions
from okrdesk.snapshot import ObjectiveRow, Snapshot

BY_OWNER = "owner"
BY_CYCLE = "cycle"


@dataclass(frozen=True)
class OutlineChoice:
    """`mode` BY_OWNER shows `owner_id`'s objectives in the view of `cycle_id`; BY_CYCLE shows
    every objective of that view. New objectives go to `owner_id` in `cycle_id` unless typed
    below another owner's objective."""

    mode: str
    owner_id: str
    cycle_id: str


def shown_objectives(snapshot: Snapshot, in_view: list[str],
                     choice: OutlineChoice) -> list[ObjectiveRow]:
    """The objectives of the choice in outline order: by owner (top level first, then name)
    and each owner's own order."""
    objectives = snapshot.objectives
    rows = [objectives[i] for i in in_view if i in objectives]
    if choice.mode == BY_OWNER:
        rows = [o for o in rows if o.owner_id == choice.owner_id]
        return sorted(rows, key=lambda o: (o.position, o.created_at, o.id))
    levels = level_positions(snapshot)
    units = snapshot.units

    def order(objective: ObjectiveRow) -> tuple[int, str, str, int, str, str]:
        unit = units.get(objective.owner_id)
        level = levels.get(unit.level_id, 99) if unit is not None else 99
        name = unit.name.casefold() if unit is not None else ""
        return (level, name, objective.owner_id, objective.position, objective.created_at,
                objective.id)

    return sorted(rows, key=order)


def siblings(snapshot: Snapshot, objective: ObjectiveRow) -> list[str]:
    """Ids of the owner's objectives in the objective's cycle, in the plan's order (the order
    `ops.reorder_objective` counts positions in)."""
    rows = [o for o in snapshot.objectives.values()
            if o.owner_id == objective.owner_id and o.cycle_id == objective.cycle_id]
    return [o.id for o in sorted(rows, key=lambda o: (o.position, o.created_at, o.id))]


def first_owner(snapshot: Snapshot, selected: tuple[str, str]) -> str:
    """The owner the outline opens on: the selected objective's, else the highest unit's."""
    table, row_id = selected
    objective = snapshot.objectives.get(row_id)
    if table == "objectives" and objective is not None:
        return objective.owner_id
    levels = {level.id: level.rank for level in snapshot.levels.values()}
    first = min(snapshot.units.values(), default=None,
                key=lambda u: (levels.get(u.level_id, 99), u.name.casefold()))
    return first.id if first is not None else ""
