"""What a drop onto the organisation tree means: a person moved to another manager, level or
function, or a key result delegated down to a person or team."""

from __future__ import annotations

from okrdesk import ops
from okrdesk.ops.rules import SnapshotFacts, delegation_refusal
from okrdesk.snapshot import Snapshot, UnitRow

from ..document import PlanDocument
from ..translation import tr

TABLE_OF = {"unit": "units", "level": "levels", "function": "functions"}  # row kind: its table
KIND_OF = {table: kind for kind, table in TABLE_OF.items()}


def exists(snapshot: Snapshot, kind: str, row_id: str) -> bool:
    """Whether the plan has the level, person or team, or function a row of `kind` names."""
    if kind == "unit":
        return row_id in snapshot.units
    if kind == "level":
        return row_id in snapshot.levels
    return kind == "function" and row_id in snapshot.functions


def reports_to(units: dict[str, UnitRow], unit_id: str, manager_id: str) -> bool:
    """Whether `unit_id` reports to `manager_id`, directly or through others."""
    seen: set[str] = set()
    current = units.get(unit_id)
    while current is not None and current.manager_id and current.id not in seen:
        if current.manager_id == manager_id:
            return True
        seen.add(current.id)
        current = units.get(current.manager_id)
    return False


def move_hint(snapshot: Snapshot, unit_id: str, target_key: str) -> tuple[str, bool]:
    """What dropping a person onto the row `target_key` would do, and whether it may."""
    unit = snapshot.units.get(unit_id)
    kind, _, target = target_key.partition(":")
    if unit is None or kind not in TABLE_OF or not exists(snapshot, kind, target):
        return tr("Drop onto a person, a level or a function."), False
    if kind == "unit":
        manager = snapshot.units[target]
        if target == unit_id or reports_to(snapshot.units, target, unit_id):
            return (f"{unit.name} cannot report to {manager.name}: {manager.name} "
                    f"reports to {unit.name}, directly or through others.", False)
        if unit.manager_id == target:
            return f"{unit.name} already reports to {manager.name}.", False
        return f"Drop: {unit.name} will report to {manager.name}.", True
    if kind == "level":
        level = snapshot.levels[target]
        if unit.level_id == target:
            return f"{unit.name} is already at {level.name}.", False
        return f"Drop: {unit.name} moves to the level {level.name}.", True
    function = snapshot.functions[target]
    if unit.function_id == target:
        return f"{unit.name} is already in {function.name}.", False
    return f"Drop: {unit.name} moves to the function {function.name}.", True


def delegation_hint(document: PlanDocument, kr_id: str, unit_id: str) -> str | None:
    """Why the key result cannot go to this person or team, or None if it can."""
    return delegation_refusal(SnapshotFacts(document.snapshot), kr_id, unit_id)


def delegate(document: PlanDocument, kr_id: str, unit_id: str) -> bool:
    """Delegate a key result down to a person or team: a new objective, opened at once."""
    refusal = delegation_hint(document, kr_id, unit_id)
    if refusal is not None:
        document.refused.emit(refusal)
        return False
    changes = document.run("Delegate down", lambda: ops.delegate_down(
        document.plan, kr_id, unit_id))
    if not changes:
        return False
    document.select("objectives", changes.new_id("objectives"))
    return True
