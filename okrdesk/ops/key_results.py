"""Key results: add, edit, delete, reorder."""

from __future__ import annotations

from typing import Any

from okrdesk.errors import OperationRefused
from okrdesk.model import KrKind, Origin
from okrdesk.ops import checks
from okrdesk.ops.checks import choice, field, known_fields, quoted
from okrdesk.ops.positions import move_to, next_position
from okrdesk.ops.removal import drop_key_result
from okrdesk.storage import ChangeSet, Plan

KR_FIELDS = ("title", "kind", "origin", "unit", "start_value", "target_value", "current_value",
             "weight", "confidence")
METRIC_FIELDS = ("start_value", "target_value", "current_value")


def add_key_result(
    plan: Plan, objective_id: str, title: str, *, kind: str = "increase", unit: str = "",
    start_value: float | None = None, target_value: float | None = None,
    current_value: float | None = None, weight: float = 1.0, confidence: float | None = None,
    origin: str = "own",
) -> ChangeSet:
    """A new key result, last of its objective's. Kind `objective` comes only from align_up."""
    values = checked_values({
        "title": title, "kind": kind, "origin": origin, "unit": unit, "start_value": start_value,
        "target_value": target_value, "current_value": current_value, "weight": weight,
        "confidence": confidence,
    })
    if values["kind"] == KrKind.OBJECTIVE:
        raise OperationRefused("A key result that stands for an objective is made by aligning "
                               "that objective up, not added by hand.")
    with plan.change(f"New key result {quoted(values['title'])}") as tx:
        tx.require("objectives", objective_id, "objective")
        tx.insert("key_results", objective_id=objective_id,
                  position=next_position(tx, "key_results", objective_id=objective_id), **values)
    return tx.changeset()


def edit_key_result(plan: Plan, kr_id: str, **fields: Any) -> ChangeSet:
    """Change a key result's text, metric, weight or confidence."""
    known_fields(fields, KR_FIELDS, "key result")
    with plan.change("Edit key result") as tx:
        before = tx.require("key_results", kr_id, "key result")
        values = checked_values({**{k: before[k] for k in KR_FIELDS}, **fields})
        stands_for = before["kind"] == KrKind.OBJECTIVE
        if (values["kind"] == KrKind.OBJECTIVE) != stands_for:
            raise OperationRefused(
                f"{quoted(before['title'])} cannot change kind to or from “objective”: that "
                "kind is made by aligning an objective up and undone by unlinking it."
            )
        if stands_for and any(values[k] != before[k] for k in (*METRIC_FIELDS, "unit")):
            raise OperationRefused(
                f"{quoted(before['title'])} stands for an objective; its progress comes from "
                "that objective, so it has no metric of its own."
            )
        tx.update("key_results", kr_id, **values)
    return tx.changeset()


def delete_key_result(plan: Plan, kr_id: str) -> ChangeSet:
    """Delete a key result and its check-ins; objectives aligned to it become unaligned."""
    with plan.change("Delete key result") as tx:
        drop_key_result(tx, kr_id)
    return tx.changeset()


def reorder_key_result(plan: Plan, kr_id: str, position: int) -> ChangeSet:
    """Put a key result at `position` (0 first) among its objective's key results."""
    where = checks.position(position)
    with plan.change("Reorder key result") as tx:
        row = tx.require("key_results", kr_id, "key result")
        move_to(tx, "key_results", kr_id, where, objective_id=row["objective_id"])
    return tx.changeset()


def checked_values(values: dict[str, Any]) -> dict[str, Any]:
    values["title"] = field("key_results", "title", values["title"], "key result's title")
    values["kind"] = choice(values["kind"], KrKind, "kind of key result")
    values["origin"] = choice(values["origin"], Origin, "origin")
    for name in ("unit", *METRIC_FIELDS, "weight", "confidence"):
        values[name] = field("key_results", name, values[name], name.replace("_", " "))
    if values["kind"] == KrKind.MILESTONE:
        for name in METRIC_FIELDS:
            if values[name] not in (None, 0.0, 1.0):
                raise OperationRefused(
                    f"A milestone is done (1) or not (0); its {name.replace('_', ' ')} "
                    f"cannot be {values[name]:g}."
                )
    return values
