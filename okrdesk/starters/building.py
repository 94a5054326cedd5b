"""Building a new plan file from a starter, or from another plan and one of its cycles.

The file is written whole or not at all (`write_plan_file`: built aside, then renamed into
place). Levels and functions may be renamed, added, removed and reordered on the way; each
keeps the starter's name it stands for in `Named.was`, so people follow their level through a
rename. From another plan, people keep their ids (the two plans name them alike) and one
cycle's objectives are carried over into the matching cycle of the new year: progress reset,
alignments and contributes-to links inside the cycle kept, each remembering its original.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from okrdesk import ops
from okrdesk.clock import new_id
from okrdesk.errors import OperationRefused
from okrdesk.interchange.placing import write_plan_file
from okrdesk.model import CycleKind
from okrdesk.ops.checks import field, quoted
from okrdesk.ops.copy_plan import plan_copy
from okrdesk.ops.copy_sources import SnapshotSource
from okrdesk.ops.copying import write_copies
from okrdesk.ops.facts import TransactionFacts
from okrdesk.ops.rules import level_clause
from okrdesk.ops.setup import BACKLOG
from okrdesk.snapshot import CycleRow, Snapshot
from okrdesk.starters.from_plan import PlanSource, quarter_number
from okrdesk.starters.starter import Starter, StarterPerson
from okrdesk.storage.transaction import Transaction


@dataclass(frozen=True)
class Named:
    """A level or function of the new plan; `was`: the starter's one it stands for (None: new)."""

    name: str
    was: str | None = None


@dataclass(frozen=True)
class NewPlan:
    """What a new plan is made of."""

    name: str
    year: int
    starter: Starter
    levels: tuple[Named, ...]
    functions: tuple[Named, ...]
    with_people: bool = True
    source: PlanSource | None = None  # another plan the starter was read from
    carry_cycle_id: str | None = None  # a cycle of `source` whose objectives are carried over


@dataclass(frozen=True)
class BuiltPlan:
    path: Path
    people: int
    carried: int  # objectives carried over
    left_behind: tuple[str, ...]  # links to objectives outside the carried cycle, in words


def as_is(names: Sequence[str]) -> tuple[Named, ...]:
    """The starter's levels or functions, unchanged."""
    return tuple(Named(name, name) for name in names)


def build_plan(path: Path | str, request: NewPlan, *, overwrite: bool = False) -> BuiltPlan:
    """Write the new plan to `path`; refused, with nothing written, if the request does not
    make a plan."""
    people = _people(request)
    _check(request, people)
    outcome: dict[str, Any] = {}

    def build(temporary: Path) -> None:
        plan = ops.new_plan(temporary, name=request.name, year=request.year,
                            levels=[level.name for level in request.levels])
        try:
            with plan.change("Start the plan") as tx:
                _organisation(tx, request, people)
                if request.source is not None and request.carry_cycle_id is not None:
                    outcome.update(_carry_over(tx, request.source, request.carry_cycle_id,
                                               request.year))
        finally:
            plan.close()

    sources = (request.source.path,) if request.source is not None else ()
    written = write_plan_file(Path(path), build, overwrite=overwrite, sources=sources)
    return BuiltPlan(written, len(people), outcome.get("carried", 0),
                     outcome.get("left_behind", ()))


def _people(request: NewPlan) -> tuple[StarterPerson, ...]:
    return request.starter.people if request.with_people or request.source else ()


def _check(request: NewPlan, people: Sequence[StarterPerson]) -> None:
    starter = request.starter
    if not request.levels:
        raise OperationRefused("A plan needs at least one level.")
    for what, chosen, known in (("level", request.levels, starter.levels),
                                ("function", request.functions, starter.functions)):
        names = [field(f"{what}s", "name", item.name, f"{what} name") for item in chosen]
        for name in names:
            if names.count(name) > 1:
                raise OperationRefused(f"Each {what} needs its own name; {name} is there twice.")
        was = [item.was for item in chosen if item.was is not None]
        for old in was:
            if old not in known or was.count(old) > 1:
                raise OperationRefused(f"The {what} {old} is not one of the starter's.")
    kept = {level.was for level in request.levels}
    for level in starter.levels:
        at_level = [person.name for person in people if person.level == level]
        if level not in kept and at_level:
            shown = _listed(at_level)
            raise OperationRefused(
                f"The level {level} cannot be left out: {shown} "
                f"{'is' if len(at_level) == 1 else 'are'} at it. Keep it (rename it if you "
                "like)" + ("." if request.source else ", or leave out the example people."))
    if request.carry_cycle_id is not None and (
            request.source is None or request.carry_cycle_id not in request.source.snapshot.cycles):
        raise OperationRefused("The cycle to carry over is not one of the other plan's.")


def _listed(names: Sequence[str]) -> str:
    if len(names) > 5:
        return ", ".join(names[:5]) + f" and {len(names) - 5} more"
    return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]


def _organisation(tx: Transaction, request: NewPlan, people: Sequence[StarterPerson]) -> None:
    levels = {row["name"]: row["id"] for row in tx.rows("levels")}
    level_ids = {item.was: levels[item.name] for item in request.levels if item.was}
    function_ids: dict[str, str] = {}
    for item in request.functions:
        row = tx.insert("functions", name=item.name.strip())
        if item.was is not None:
            function_ids[item.was] = row["id"]
    keep_ids = request.source is not None
    unit_ids = {person.key: person.key if keep_ids else new_id() for person in people}
    for person in people:
        tx.insert("units", id=unit_ids[person.key], name=person.name, kind=person.kind,
                  role=person.role, level_id=level_ids[person.level],
                  function_id=function_ids.get(person.function) if person.function else None,
                  manager_id=unit_ids.get(person.manager) if person.manager else None,
                  email=person.email)
    settings = request.source.settings() if request.source is not None else {}
    for key, value in settings.items():
        for row in tx.rows("settings", key=key):
            tx.update("settings", row["id"], value=value)


class _IntoNewPlan(SnapshotSource):
    """The other plan, read from its snapshot, with the new plan's cycle as the copy target."""

    def __init__(self, snapshot: Snapshot, target: CycleRow) -> None:
        super().__init__(snapshot)
        self.target = target

    def cycle(self, cycle_id: str) -> CycleRow | None:
        return self.target if cycle_id == self.target.id else super().cycle(cycle_id)


def _carry_over(tx: Transaction, source: PlanSource, cycle_id: str,
                year: int) -> dict[str, Any]:
    target = CycleRow(**_matching_cycle(tx, source, cycle_id, year))
    reader = _IntoNewPlan(source.snapshot, target)
    ids = [row.id for row in reader.objectives_in(cycle_id)]
    if not ids:
        return {"carried": 0, "left_behind": ()}
    copy = plan_copy(reader, ids, target.id)
    write_copies(tx, reader, replace(copy, kept_contributions=()))
    copies = {row["copied_from_id"]: row["id"] for row in tx.rows("objectives")}
    for link_id in copy.kept_contributions:  # write_copies reads links from its own plan
        link = source.snapshot.contributions[link_id]
        tx.insert("contributions", source_id=copies[link.source_id],
                  target_id=copies[link.target_id], note=link.note)
    _check_levels(tx, source, copy.kept_alignments)
    return {"carried": len(ids), "left_behind": tuple(d.text for d in copy.dropped_links)}


def _matching_cycle(tx: Transaction, source: PlanSource, cycle_id: str,
                    year: int) -> dict[str, Any]:
    """The new plan's cycle for one of the other plan's: a year's, a quarter's (same number),
    the backlog's."""
    cycle = source.cycle(cycle_id)
    name = {CycleKind.YEAR: str(year), CycleKind.BACKLOG: BACKLOG}.get(
        CycleKind(cycle.kind), f"{year}-Q{quarter_number(source.snapshot, cycle)}")
    return tx.rows("cycles", name=name)[0]


def _check_levels(tx: Transaction, source: PlanSource,
                  alignments: Sequence[tuple[str, str]]) -> None:
    facts = TransactionFacts(tx)
    objectives = source.snapshot.objectives
    broken = [clause for child, parent in alignments
              if (clause := level_clause(facts, objectives[child].owner_id,
                                         objectives[parent].owner_id))]
    if broken:
        count = "1 alignment" if len(broken) == 1 else f"{len(broken)} alignments"
        raise OperationRefused(
            f"The new order of the levels would break {count} carried over from "
            f"{quoted(source.starter.title)}: {broken[0]} Keep its levels in their order.")
