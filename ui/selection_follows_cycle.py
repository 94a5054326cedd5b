"""After the cycle shown changes, the selection (and so the inspector) stays on what the new view
holds: the objective itself if the view holds it, else its copy carried over into the view (or
the objective it was copied from), else nothing. A key result stays selected while the view
holds its objective."""

from __future__ import annotations

from collections import deque
from collections.abc import Container

from okrdesk.rulebook import view_objectives
from okrdesk.snapshot import Snapshot

from .document import PlanDocument


def counterpart(snapshot: Snapshot, objective_id: str, shown: Container[str]) -> str | None:
    """The objective in `shown` nearest to `objective_id` along copies and originals (the
    objective itself first); None if no copy of it is shown."""
    copies: dict[str, list[str]] = {}
    for objective in snapshot.objectives.values():
        if objective.copied_from_id is not None:
            copies.setdefault(objective.copied_from_id, []).append(objective.id)
    seen = {objective_id}
    waiting = deque([objective_id])
    while waiting:
        current = waiting.popleft()
        if current in shown:
            return current
        row = snapshot.objectives.get(current)
        related = [*copies.get(current, ()), *([row.copied_from_id] if row and
                                               row.copied_from_id else [])]
        for other in related:
            if other not in seen and other in snapshot.objectives:
                seen.add(other)
                waiting.append(other)
    return None


def follow_cycle(document: PlanDocument) -> None:
    """Move or clear the document's selection to suit the cycle now shown."""
    table, row_id = document.selected
    snapshot = document.snapshot
    if table == "key_results" and row_id in snapshot.key_results:
        objective_id = snapshot.key_results[row_id].objective_id
    elif table == "objectives":
        objective_id = row_id
    else:
        return  # people, levels and functions belong to every cycle
    cycle_id = document.cycle_id
    shown = set(view_objectives(snapshot, cycle_id)) if cycle_id in snapshot.cycles else set()
    if objective_id in shown:
        return
    found = counterpart(snapshot, objective_id, shown)
    if found is None:
        document.select("", "")
    else:
        document.select("objectives", found)
