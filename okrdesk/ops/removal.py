"""Writes shared by the operations that take rows away, so no link is left dangling."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from okrdesk.model import KrKind

if TYPE_CHECKING:
    from okrdesk.storage.transaction import Transaction


def drop_key_result(tx: Transaction, kr_id: str) -> None:
    """Delete a key result, its check-ins and score, and unalign the objectives under it."""
    for objective in tx.rows("objectives", parent_kr_id=kr_id):
        tx.update("objectives", objective["id"], parent_kr_id=None)
    for check_in in tx.rows("check_ins", key_result_id=kr_id):
        tx.delete("check_ins", check_in["id"])
    if tx.get("key_result_scores", kr_id) is not None:
        tx.delete("key_result_scores", kr_id)
    tx.delete("key_results", kr_id)


def detach(tx: Transaction, objective: dict[str, Any]) -> None:
    """Unalign an objective; a key result that only stood for it goes too."""
    kr_id = objective["parent_kr_id"]
    if kr_id is None:
        return
    tx.update("objectives", objective["id"], parent_kr_id=None)
    kr = tx.get("key_results", kr_id)
    if kr is not None and kr["kind"] == KrKind.OBJECTIVE:
        drop_key_result(tx, kr_id)


def drop_objective(tx: Transaction, objective_id: str) -> None:
    """Delete an objective with everything that belongs to it or points at it."""
    objective = tx.require("objectives", objective_id, "objective")
    detach(tx, objective)
    for kr in tx.rows("key_results", objective_id=objective_id):
        drop_key_result(tx, kr["id"])
    for column in ("source_id", "target_id"):
        for link in tx.rows("contributions", **{column: objective_id}):
            tx.delete("contributions", link["id"])
    if tx.get("canvas_positions", objective_id) is not None:
        tx.delete("canvas_positions", objective_id)
    if tx.get("objective_scores", objective_id) is not None:
        tx.delete("objective_scores", objective_id)
    tx.delete("objectives", objective_id)
