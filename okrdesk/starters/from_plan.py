"""Another plan as the start of a new one: its levels, functions and people as a starter, and
its cycles, one of which can be carried over."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from okrdesk.errors import OkrDeskError, PlanFileError
from okrdesk.model import CycleKind
from okrdesk.snapshot import CycleRow, Snapshot
from okrdesk.starters.starter import Starter, StarterPerson
from okrdesk.storage import Plan

CARRIED_SETTINGS = ("bottom_up_target", "max_objectives_per_owner", "max_key_results")


@dataclass(frozen=True)
class CycleChoice:
    id: str
    name: str
    kind: str
    objectives: int  # the cycle's own objectives, those a carry-over copies


@dataclass(frozen=True)
class PlanSource:
    """Another plan, read whole: what a new plan takes from it."""

    path: Path
    snapshot: Snapshot
    starter: Starter  # levels, functions and people; a person's key is their id
    cycles: tuple[CycleChoice, ...]  # years each followed by their quarters, then the rest

    def cycle(self, cycle_id: str) -> CycleRow:
        return self.snapshot.cycles[cycle_id]

    def settings(self) -> dict[str, str]:
        return {key: self.snapshot.setting(key) for key in CARRIED_SETTINGS
                if self.snapshot.setting(key)}


def read_plan_source(path: Path | str) -> PlanSource:
    """Read a plan (opened read-only: the file and its folder are left as they are)."""
    path = Path(path)
    try:
        plan = Plan.open(path, read_only=True)
    except OkrDeskError:
        raise
    except OSError as error:
        raise PlanFileError(path, f"cannot be read ({error.strerror or error})") from None
    try:
        with plan.read() as connection:
            snapshot = Snapshot.load(connection)
    finally:
        plan.close()
    return PlanSource(path, snapshot, starter_of(snapshot, path.stem), cycles_of(snapshot))


def starter_of(snapshot: Snapshot, fallback_title: str) -> Starter:
    levels = {level.id: level.name for level in snapshot.ordered_levels()}
    functions = {row.id: row.name
                 for row in sorted(snapshot.functions.values(), key=lambda f: f.name.lower())}
    people = tuple(
        StarterPerson(unit.id, unit.name, levels[unit.level_id], unit.kind, unit.role,
                      functions.get(unit.function_id) if unit.function_id else None,
                      unit.manager_id, unit.email)
        for unit in sorted(snapshot.units.values(), key=lambda u: (u.name.lower(), u.id)))
    title = snapshot.setting("plan_name", fallback_title)
    return Starter(title, tuple(levels.values()), tuple(functions.values()), people)


def cycles_of(snapshot: Snapshot) -> tuple[CycleChoice, ...]:
    counts: dict[str, int] = {}
    for objective in snapshot.objectives.values():
        counts[objective.cycle_id] = counts.get(objective.cycle_id, 0) + 1
    ordered: list[CycleRow] = []
    cycles = sorted(snapshot.cycles.values(), key=lambda c: (c.starts_on or "~", c.name))
    for cycle in cycles:
        if cycle.kind == CycleKind.YEAR:
            ordered.append(cycle)
            ordered.extend(c for c in cycles if c.parent_id == cycle.id)
    ordered.extend(c for c in cycles if c not in ordered)
    return tuple(CycleChoice(c.id, c.name, c.kind, counts.get(c.id, 0)) for c in ordered)


def quarter_number(snapshot: Snapshot, quarter: CycleRow) -> int:
    """1 to 4: the quarter's place among its year's quarters (by start date, then name)."""
    siblings = sorted((c for c in snapshot.cycles.values() if c.parent_id == quarter.parent_id),
                      key=lambda c: (c.starts_on or "~", c.name))
    return min(siblings.index(quarter) + 1, 4) if quarter in siblings else 1
