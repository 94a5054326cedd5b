"""Small helpers to build test plans through the operations, shared by the core and UI tests.

    with small_org(tmp_path / "plan.okr") as org:
        win = org.objective("Alex Chen", "Win Europe")
        grow = org.objective("Sam Lee", "Grow EU sales")
        kr = org.align_up(grow, win)          # the new key result of "Win Europe"
        org.snapshot()                        # a fresh Snapshot of the file
        table_dump(org.plan)                  # every row of every table, for comparisons
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from okrdesk import ops
from okrdesk.errors import OperationRefused
from okrdesk.model import TABLES
from okrdesk.snapshot import Snapshot
from okrdesk.storage import ChangeSet, Plan

# name -> (level, function, manager, role)
PEOPLE: dict[str, tuple[str, str | None, str | None, str]] = {
    "Alex Chen": ("C-suite", None, None, "Chief Executive"),
    "Sam Lee": ("Vice Presidents", "Sales", "Alex Chen", "VP Sales"),
    "Dana Ross": ("Vice Presidents", "Marketing", "Alex Chen", "VP Marketing"),
    "Kim Park": ("Directors", "Sales", "Sam Lee", "Director EU Sales"),
    "Noor Haddad": ("Directors", "Marketing", "Dana Ross", "Director Brand"),
    "Lee Moss": ("Managers", "Sales", "Kim Park", "Service Manager"),
    "Ivy Tran": ("Team members", "Sales", "Lee Moss", "Service Technician"),
}
FUNCTIONS = ("Sales", "Marketing", "Service")


@dataclass
class Org:
    """A plan with levels, cycles, functions and people, addressed by name."""

    plan: Plan
    levels: dict[str, str] = field(default_factory=dict)
    cycles: dict[str, str] = field(default_factory=dict)
    functions: dict[str, str] = field(default_factory=dict)
    people: dict[str, str] = field(default_factory=dict)

    def __enter__(self) -> Org:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.plan.close()

    def close(self) -> None:
        self.plan.close()

    def person(self, name: str, level: str, *, function: str | None = None,
               manager: str | None = None, kind: str = "person", role: str = "") -> str:
        changes = ops.add_unit(
            self.plan, name, self.levels[level],
            function_id=self.functions[function] if function else None,
            manager_id=self.people[manager] if manager else None, kind=kind, role=role,
        )
        self.people[name] = changes.new_id("units")
        return self.people[name]

    def objective(self, owner: str, title: str, *, cycle: str = "2027", **fields: Any) -> str:
        changes = ops.create_objective(self.plan, self.people[owner], self.cycles[cycle],
                                       title, **fields)
        return changes.new_id("objectives")

    def key_result(self, objective_id: str, title: str, **fields: Any) -> str:
        return ops.add_key_result(self.plan, objective_id, title, **fields).new_id("key_results")

    def align_up(self, child_id: str, parent_id: str, *, under_kr_id: str | None = None) -> str:
        """Align and return the key result the child now sits under."""
        ops.align_up(self.plan, child_id, parent_id, under_kr_id=under_kr_id)
        kr_id = self.row("objectives", child_id)["parent_kr_id"]
        assert isinstance(kr_id, str)
        return kr_id

    def delegate(self, kr_id: str, owner: str, **fields: Any) -> str:
        """Delegate a key result down and return the new objective's id."""
        changes = ops.delegate_down(self.plan, kr_id, self.people[owner], **fields)
        return changes.new_id("objectives")

    def row(self, table: str, row_id: str) -> dict[str, Any]:
        t = TABLES[table].__table__
        with self.plan.read() as connection:
            found = connection.execute(select(t).where(t.c.id == row_id)).mappings().first()
        assert found is not None, f"no {table} row {row_id}"
        return dict(found)

    def snapshot(self) -> Snapshot:
        with self.plan.read() as connection:
            return Snapshot.load(connection)


def ids_by(plan: Plan, table: str, column: str = "name") -> dict[str, str]:
    """Map a table's `column` values to row ids (levels, cycles, functions, units)."""
    t = TABLES[table].__table__
    with plan.read() as connection:
        return {row[0]: row[1] for row in connection.execute(select(t.c[column], t.c.id))}


def empty_org(path: Path, *, name: str = "Test plan", year: int = 2027) -> Org:
    """A new plan with the default levels, cycles and settings, and no people yet."""
    plan = ops.new_plan(path, name=name, year=year)
    org = Org(plan, levels=ids_by(plan, "levels"), cycles=ids_by(plan, "cycles"))
    for function in FUNCTIONS:
        org.functions[function] = ops.add_function(plan, function).new_id("functions")
    return org


def small_org(path: Path, *, name: str = "Test plan", year: int = 2027) -> Org:
    """`empty_org` plus the people of `PEOPLE`: one at each level, two VPs and two directors."""
    org = empty_org(path, name=name, year=year)
    for person, (level, function, manager, role) in PEOPLE.items():
        org.person(person, level, function=function, manager=manager, role=role)
    return org


def table_dump(plan: Plan) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, all columns (the id first), sorted: equal dumps mean
    identical plans. The change history is left out: it records changes (an undo adds an
    entry) rather than being part of the plan."""
    dump: dict[str, list[tuple[Any, ...]]] = {}
    with plan.read() as connection:
        for name, model in sorted(TABLES.items()):
            if name == "history":
                continue
            t = model.__table__
            columns = [t.c.id, *(c for c in t.columns if c.name != "id")]
            rows = connection.execute(select(*columns)).all()
            dump[name] = sorted((tuple(row) for row in rows), key=repr)
    return dump


def assert_refused(plan: Plan, match: str, operation: Callable[..., Any], *args: Any,
                   **kwargs: Any) -> OperationRefused:
    """Run an operation that must be refused with a reason matching `match` (a regex) and
    must leave every table as it was."""
    before = table_dump(plan)
    with pytest.raises(OperationRefused, match=match) as refusal:
        operation(plan, *args, **kwargs)
    assert table_dump(plan) == before
    return refusal.value


def assert_undo_redo(plan: Plan, changes: ChangeSet, before: dict[str, Any]) -> None:
    """Undo gives back the `before` dump exactly; redo gives back the state after `changes`."""
    after = table_dump(plan)
    plan.apply(changes.inverse())
    assert table_dump(plan) == before
    plan.apply(changes)
    assert table_dump(plan) == after
