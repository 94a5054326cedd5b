"""The organisation: levels, functions, people and teams, and cycles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from okrdesk.errors import OperationRefused
from okrdesk.model import CycleKind, UnitKind
from okrdesk.ops.checks import choice, day, field, known_fields
from okrdesk.ops.emails import email_address, refuse_taken_email
from okrdesk.ops.guard import recheck_alignments
from okrdesk.ops.naming import refuse_taken_name, rename
from okrdesk.storage import ChangeSet, Plan

if TYPE_CHECKING:
    from okrdesk.storage.transaction import Transaction

UNIT_FIELDS = ("name", "kind", "role", "level_id", "function_id", "manager_id", "email")


def add_level(plan: Plan, name: str, rank: int) -> ChangeSet:
    name = field("levels", "name", name, "level name")
    rank = field("levels", "rank", rank, "level's rank")
    with plan.change(f"Add level {name}") as tx:
        for level in tx.rows("levels"):
            if level["rank"] == rank:
                raise OperationRefused(f"Rank {rank} is already the level {level['name']}.")
            if level["name"] == name:
                raise OperationRefused(f"There is already a level named {name}.")
        tx.insert("levels", name=name, rank=rank)
    return tx.changeset()


def rename_level(plan: Plan, level_id: str, name: str) -> ChangeSet:
    return rename(plan, "levels", level_id, name, "level")


def add_function(plan: Plan, name: str) -> ChangeSet:
    name = field("functions", "name", name, "function name")
    with plan.change(f"Add function {name}") as tx:
        refuse_taken_name(tx, "functions", name, "function")
        tx.insert("functions", name=name)
    return tx.changeset()


def add_unit(
    plan: Plan, name: str, level_id: str, *, function_id: str | None = None,
    manager_id: str | None = None, kind: str = "person", role: str = "", email: str = "",
) -> ChangeSet:
    """Add a person or a team at a level, optionally in a function and under a manager."""
    values = _unit_values({"name": name, "kind": kind, "role": role, "level_id": level_id,
                           "function_id": function_id, "manager_id": manager_id,
                           "email": email})
    with plan.change(f"Add {values['name']}") as tx:
        _check_references(tx, values)
        refuse_taken_email(tx, None, values["email"])
        tx.insert("units", **values)
    return tx.changeset()


def edit_unit(plan: Plan, unit_id: str, **fields: Any) -> ChangeSet:
    """Change a person or team; a new level is refused if it breaks an alignment."""
    known_fields(fields, UNIT_FIELDS, "person or team")
    with plan.change("Edit person or team") as tx:
        before = tx.require("units", unit_id, "person or team")
        values = _unit_values({**{k: before[k] for k in UNIT_FIELDS}, **fields})
        _check_references(tx, values)
        check_reporting_line(tx, unit_id, values["manager_id"])
        if values["email"] != before["email"]:
            refuse_taken_email(tx, unit_id, values["email"])
        after = tx.update("units", unit_id, **values)
        if after["level_id"] != before["level_id"]:
            for objective in tx.rows("objectives", owner_id=unit_id):
                recheck_alignments(tx, objective["id"])
    return tx.changeset()


def add_cycle(
    plan: Plan, name: str, kind: str, *, parent_id: str | None = None,
    starts_on: str | None = None, ends_on: str | None = None,
) -> ChangeSet:
    """Add a year, a quarter (whose parent is a year) or a backlog."""
    name = field("cycles", "name", name, "cycle name")
    kind = choice(kind, CycleKind, "kind of cycle")
    starts, ends = day(starts_on, "start date"), day(ends_on, "end date")
    if starts and ends and starts > ends:
        raise OperationRefused(f"The cycle {name} would end ({ends}) before it starts ({starts}).")
    with plan.change(f"Add cycle {name}") as tx:
        refuse_taken_name(tx, "cycles", name, "cycle")
        if kind == CycleKind.QUARTER:
            parent = tx.get("cycles", parent_id) if parent_id else None
            if parent is None or parent["kind"] != CycleKind.YEAR:
                raise OperationRefused(f"The quarter {name} needs a year as its parent.")
        elif parent_id is not None:
            raise OperationRefused(f"Only a quarter has a parent cycle; {name} is a {kind}.")
        tx.insert("cycles", name=name, kind=kind, parent_id=parent_id,
                  starts_on=starts, ends_on=ends)
    return tx.changeset()


def _unit_values(values: dict[str, Any]) -> dict[str, Any]:
    values["name"] = field("units", "name", values["name"], "name")
    values["kind"] = choice(values["kind"], UnitKind, "kind of owner (person or team)")
    values["role"] = field("units", "role", values["role"], "role")
    if values["email"] is not None:
        field("units", "email", values["email"], "e-mail address")
    values["email"] = email_address(values["email"])
    return values


def _check_references(tx: Transaction, values: dict[str, Any]) -> None:
    tx.require("levels", values["level_id"], "level")
    if values["function_id"] is not None:
        tx.require("functions", values["function_id"], "function")
    if values["manager_id"] is not None:
        tx.require("units", values["manager_id"], "manager")


def check_reporting_line(tx: Transaction, unit_id: str, manager_id: str | None) -> None:
    seen: set[str] = set()
    while manager_id is not None and manager_id not in seen:
        if manager_id == unit_id:
            raise OperationRefused("A person cannot report to themselves, directly or through "
                                   "the people they manage.")
        seen.add(manager_id)
        manager = tx.get("units", manager_id)
        manager_id = manager["manager_id"] if manager else None
