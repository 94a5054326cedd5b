"""Rows and values in words: people by name, parents and objectives by title, levels, functions
and cycles by name, codes such as "on_track" as "on track", numbers without trailing zeros."""

from __future__ import annotations

from okrdesk.rulebook.alignment import level_positions
from okrdesk.snapshot import ObjectiveRow, Snapshot

NOTHING = "—"
UNKNOWN = "(unknown)"

OBJECTIVE_FIELDS = {
    "title": "Title", "description": "Description", "owner_id": "Owner", "cycle_id": "Cycle",
    "origin": "Origin", "commitment": "Commitment", "visibility": "Visibility",
    "status": "Status",
}
KEY_RESULT_FIELDS = {
    "title": "Title", "kind": "Kind", "origin": "Origin", "unit": "Unit",
    "start_value": "Start", "target_value": "Target", "current_value": "Current",
    "weight": "Weight", "confidence": "Confidence",
}
UNIT_FIELDS = {"name": "Name", "kind": "Kind", "role": "Role", "level_id": "Level",
               "function_id": "Function", "manager_id": "Manager", "email": "Email"}
LEVEL_FIELDS = {"name": "Name", "rank": "Place from the top"}
FUNCTION_FIELDS = {"name": "Name"}
CYCLE_FIELDS = {"name": "Name", "kind": "Kind", "parent_id": "Within", "starts_on": "Starts",
                "ends_on": "Ends", "closed_at": "Closed"}
FINAL_SCORE, CONTRIBUTES, PARENT, MOVED = "final_score", "contributes_to", "parent", "objective_id"
DERIVED_NAMES = {FINAL_SCORE: "Final score", CONTRIBUTES: "Contributes to",
                 PARENT: "Aligned to", MOVED: "Objective"}


def number(value: float | None) -> str:
    return NOTHING if value is None else f"{value:g}"


def code(value: str | None) -> str:
    """A stored code ("on_track", "aspirational") as words."""
    return value.replace("_", " ") if value else NOTHING


def quoted(title: str) -> str:
    return f"“{title}”"


def objective_title(snapshot: Snapshot, objective_id: str | None) -> str:
    if objective_id is None:
        return NOTHING
    objective = snapshot.objectives.get(objective_id)
    return quoted(objective.title) if objective is not None else UNKNOWN


def unit_name(snapshot: Snapshot, unit_id: str | None) -> str:
    if unit_id is None:
        return NOTHING
    unit = snapshot.units.get(unit_id)
    return unit.name if unit is not None else UNKNOWN


def owner_context(snapshot: Snapshot, objective: ObjectiveRow) -> str:
    """ "Owner name, Level" of an objective."""
    owner = snapshot.units.get(objective.owner_id)
    level = snapshot.levels.get(owner.level_id) if owner is not None else None
    return f"{owner.name if owner else UNKNOWN}, {level.name if level else UNKNOWN}"


def field_value(snapshot: Snapshot, table: str, column: str, value: object) -> str:
    """A stored value of a column in words, reading names from `snapshot` (its own side)."""
    if column == "closed_at":
        return "open" if value is None else "closed"
    if value is None:
        return NOTHING
    if column in ("owner_id", "manager_id"):
        return unit_name(snapshot, str(value))
    if column == "cycle_id" or (table == "cycles" and column == "parent_id"):
        cycle = snapshot.cycles.get(str(value))
        return cycle.name if cycle is not None else UNKNOWN
    if column == "level_id":
        level = snapshot.levels.get(str(value))
        return level.name if level is not None else UNKNOWN
    if column == "function_id":
        function = snapshot.functions.get(str(value))
        return function.name if function is not None else UNKNOWN
    if isinstance(value, float | int) and not isinstance(value, bool):
        return number(float(value))
    if column in ("origin", "commitment", "visibility", "status", "kind"):
        return code(str(value))
    return str(value) if value != "" else NOTHING


def level_place(snapshot: Snapshot, level_id: str) -> str:
    """A level's place from the top (1 is the top): ranks may have gaps, places do not."""
    place = level_positions(snapshot).get(level_id)
    return NOTHING if place is None else str(place + 1)
