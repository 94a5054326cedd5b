"""Names that must be unique in a plan (levels, functions, cycles), and renaming them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from okrdesk.errors import OperationRefused
from okrdesk.ops.checks import field
from okrdesk.storage import ChangeSet, Plan

if TYPE_CHECKING:
    from okrdesk.storage.transaction import Transaction


def refuse_taken_name(tx: Transaction, table: str, name: str, what: str,
                      *, except_id: str | None = None) -> None:
    """Refuse `name` if another row of `table` has it already."""
    if any(row["id"] != except_id for row in tx.rows(table, name=name)):
        raise OperationRefused(f"There is already a {what} named {name}.")


def rename(plan: Plan, table: str, row_id: str, name: str, what: str) -> ChangeSet:
    """Rename a level, a function or a cycle: one undo step; a name in use is refused."""
    name = field(table, "name", name, f"{what} name")
    with plan.change(f"Rename {what} to {name}") as tx:
        tx.require(table, row_id, what)
        refuse_taken_name(tx, table, name, what, except_id=row_id)
        tx.update(table, row_id, name=name)
    return tx.changeset()
