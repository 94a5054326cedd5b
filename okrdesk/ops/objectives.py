"""Objectives: create, edit, delete, move to another owner or cycle, reorder."""

from __future__ import annotations

from typing import Any

from okrdesk.model import Commitment, KrKind, Origin, Status, Visibility
from okrdesk.ops import checks
from okrdesk.ops.checks import choice, field, known_fields, quoted
from okrdesk.ops.guard import recheck_alignments
from okrdesk.ops.positions import move_to, next_position
from okrdesk.ops.removal import drop_objective
from okrdesk.storage import ChangeSet, Plan

OBJECTIVE_FIELDS = ("title", "description", "commitment", "visibility", "status", "origin")


def create_objective(
    plan: Plan, owner_id: str, cycle_id: str, title: str, *, description: str = "",
    origin: str = "own", commitment: str = "committed", visibility: str = "published",
    status: str | None = None,
) -> ChangeSet:
    """A new objective of `owner_id` in `cycle_id`, last in the owner's list for that cycle."""
    values = _checked({"title": title, "description": description, "origin": origin,
                       "commitment": commitment, "visibility": visibility, "status": status})
    with plan.change(f"New objective {quoted(values['title'])}") as tx:
        tx.require("units", owner_id, "person or team")
        tx.require("cycles", cycle_id, "cycle")
        tx.insert("objectives", owner_id=owner_id, cycle_id=cycle_id,
                  position=next_position(tx, "objectives", owner_id=owner_id, cycle_id=cycle_id),
                  **values)
    return tx.changeset()


def edit_objective(plan: Plan, objective_id: str, **fields: Any) -> ChangeSet:
    """Change an objective's text or flags; a key result standing for it keeps its title."""
    known_fields(fields, OBJECTIVE_FIELDS, "objective")
    with plan.change("Edit objective") as tx:
        before = tx.require("objectives", objective_id, "objective")
        values = _checked({**{k: before[k] for k in OBJECTIVE_FIELDS}, **fields})
        tx.update("objectives", objective_id, **values)
        stand_in = tx.get("key_results", before["parent_kr_id"] or "")
        if (stand_in is not None and stand_in["kind"] == KrKind.OBJECTIVE
                and stand_in["title"] == before["title"]):
            tx.update("key_results", stand_in["id"], title=values["title"])
    return tx.changeset()


def delete_objective(plan: Plan, objective_id: str) -> ChangeSet:
    """Delete an objective, its key results and their check-ins, its links and its card.

    Objectives aligned under its key results stay, unaligned; a key result that stood for it
    in a higher objective goes.
    """
    with plan.change("Delete objective") as tx:
        drop_objective(tx, objective_id)
    return tx.changeset()


def move_objective(
    plan: Plan, objective_id: str, *, owner_id: str | None = None, cycle_id: str | None = None
) -> ChangeSet:
    """Give an objective another owner or cycle; refused if an alignment would break."""
    with plan.change("Move objective") as tx:
        before = tx.require("objectives", objective_id, "objective")
        owner = owner_id or before["owner_id"]
        cycle = cycle_id or before["cycle_id"]
        tx.require("units", owner, "person or team")
        tx.require("cycles", cycle, "cycle")
        if (owner, cycle) != (before["owner_id"], before["cycle_id"]):
            tx.update("objectives", objective_id, owner_id=owner, cycle_id=cycle,
                      position=next_position(tx, "objectives", owner_id=owner, cycle_id=cycle))
            recheck_alignments(tx, objective_id)
    return tx.changeset()


def reorder_objective(plan: Plan, objective_id: str, position: int) -> ChangeSet:
    """Put an objective at `position` (0 first) among its owner's objectives in its cycle."""
    where = checks.position(position)
    with plan.change("Reorder objective") as tx:
        row = tx.require("objectives", objective_id, "objective")
        move_to(tx, "objectives", objective_id, where,
                owner_id=row["owner_id"], cycle_id=row["cycle_id"])
    return tx.changeset()


def _checked(values: dict[str, Any]) -> dict[str, Any]:
    values["title"] = field("objectives", "title", values["title"], "objective's title")
    values["description"] = field("objectives", "description", values["description"],
                                  "description")
    values["origin"] = choice(values["origin"], Origin, "origin")
    values["commitment"] = choice(values["commitment"], Commitment, "commitment")
    values["visibility"] = choice(values["visibility"], Visibility, "visibility")
    if values["status"] is not None:
        values["status"] = choice(values["status"], Status, "status")
    return values
