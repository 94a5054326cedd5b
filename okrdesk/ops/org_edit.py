"""Editing the organisation one thing at a time: a person's or team's name, level, function,
manager and e-mail, and renaming or removing a function.

Each edit of a person or team is `edit_unit` under its own label, so an undo list reads
"Change manager" rather than "Edit person or team"; the checks are those of `edit_unit`.
"""

from __future__ import annotations

from typing import Any

from okrdesk.ops.naming import rename
from okrdesk.ops.org import edit_unit
from okrdesk.storage import ChangeSet, Plan


def rename_unit(plan: Plan, unit_id: str, name: str) -> ChangeSet:
    return _edit(plan, "Rename person or team", unit_id, name=name)


def set_unit_level(plan: Plan, unit_id: str, level_id: str) -> ChangeSet:
    """Move a person or team to another level; refused if one of their alignments breaks."""
    return _edit(plan, "Change level", unit_id, level_id=level_id)


def set_unit_function(plan: Plan, unit_id: str, function_id: str | None) -> ChangeSet:
    """Put a person or team in a function, or in none (None)."""
    return _edit(plan, "Change function", unit_id, function_id=function_id)


def set_manager(plan: Plan, unit_id: str, manager_id: str | None) -> ChangeSet:
    """Whom a person or team reports to (None: nobody); a reporting loop is refused."""
    return _edit(plan, "Change manager", unit_id, manager_id=manager_id)


def set_unit_email(plan: Plan, unit_id: str, email: str) -> ChangeSet:
    """Set or clear ("") an e-mail address; refused if it is not one or another unit has it."""
    return _edit(plan, "Change e-mail address", unit_id, email=email)


def _edit(plan: Plan, label: str, unit_id: str, **fields: Any) -> ChangeSet:
    with plan.change(label) as tx:
        edit_unit(plan, unit_id, **fields)  # joins this transaction
    return tx.changeset()


def rename_function(plan: Plan, function_id: str, name: str) -> ChangeSet:
    return rename(plan, "functions", function_id, name, "function")


def remove_function(plan: Plan, function_id: str) -> ChangeSet:
    """Remove a function; the people and teams in it are left in no function (undo puts them
    back), since a function only groups people and holds nothing of its own."""
    with plan.change("Remove function") as tx:
        tx.require("functions", function_id, "function")
        for unit in tx.rows("units", function_id=function_id):
            tx.update("units", unit["id"], known=unit, function_id=None)
        tx.delete("functions", function_id)
    return tx.changeset()
