"""Removing levels and changing their order.

Ranks stay 0, 1, 2, ... from the top after either, so "one level below" keeps meaning the next
level that exists (the skip-level count depends on it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from okrdesk.errors import OperationRefused
from okrdesk.ops.facts import TransactionFacts
from okrdesk.ops.rules import alignment_refusal
from okrdesk.storage import ChangeSet, Plan

if TYPE_CHECKING:
    from okrdesk.storage.transaction import Transaction

SHOWN = 5


def remove_level(plan: Plan, level_id: str) -> ChangeSet:
    """Remove a level nobody is at; the levels below move up one rank."""
    with plan.change("Remove level") as tx:
        level = tx.require("levels", level_id, "level")
        units = tx.rows("units", level_id=level_id)
        if units:
            names = sorted(unit["name"] for unit in units)
            shown = ", ".join(names[:SHOWN])
            if len(names) > SHOWN:
                shown += f" and {len(names) - SHOWN} more"
            who = "1 person is" if len(units) == 1 else f"{len(units)} people are"
            raise OperationRefused(f"{who} at level {level['name']}: {shown}. Move them to "
                                   "another level before removing it.")
        levels = _ordered(tx)
        if len(levels) == 1:
            raise OperationRefused(f"{level['name']} is the only level; a plan needs one.")
        tx.delete("levels", level_id)
        _renumber(tx, [row for row in levels if row["id"] != level_id])
    return tx.changeset()


def move_level(plan: Plan, level_id: str, rank: int) -> ChangeSet:
    """Put a level at `rank` (0 the top) and the others in their order around it.

    Refused, naming the first one, if an alignment that holds now would no longer go from a
    lower level to a higher one.
    """
    if isinstance(rank, bool) or not isinstance(rank, int) or rank < 0:
        raise OperationRefused(f"A level's rank must be a whole number of 0 or more, not {rank!r}.")
    with plan.change("Move level") as tx:
        _move(tx, level_id, rank=rank)
    return tx.changeset()


def move_level_up(plan: Plan, level_id: str) -> ChangeSet:
    with plan.change("Move level up") as tx:
        _move(tx, level_id, step=-1)
    return tx.changeset()


def move_level_down(plan: Plan, level_id: str) -> ChangeSet:
    with plan.change("Move level down") as tx:
        _move(tx, level_id, step=1)
    return tx.changeset()


def _move(tx: Transaction, level_id: str, *, rank: int | None = None, step: int = 0) -> None:
    """Move a level to `rank`, or `step` places up (-1) or down (1)."""
    level = tx.require("levels", level_id, "level")
    ordered = _ordered(tx)
    index = next(i for i, row in enumerate(ordered) if row["id"] == level_id)
    levels = ordered[:index] + ordered[index + 1:]
    target = index + step if rank is None else rank
    if target < 0:
        raise OperationRefused(f"{level['name']} is already the top level.")
    if target > len(levels):
        raise OperationRefused(f"{level['name']} is already the bottom level." if rank is None
                               else f"Rank {target} is past the bottom level; the lowest rank "
                               f"is {len(levels)}.")
    before = set(_upward_violations(tx))
    levels.insert(target, level)
    _renumber(tx, levels)
    broken = [pair for pair in _upward_violations(tx) if pair not in before]
    if broken:
        reason = alignment_refusal(TransactionFacts(tx), *broken[0])
        count = "1 alignment" if len(broken) == 1 else f"{len(broken)} alignments"
        raise OperationRefused(f"Moving {level['name']} there would break {count}; the first: "
                               f"{reason}")


def _ordered(tx: Transaction) -> list[dict[str, Any]]:
    return sorted(tx.rows("levels"), key=lambda row: row["rank"])


def _renumber(tx: Transaction, levels: list[dict[str, Any]]) -> None:
    """Give `levels` the ranks 0, 1, 2, ... in their order. Ranks are unique at every step,
    so the levels that move pass through free negative ranks first."""
    moving = [(index, row) for index, row in enumerate(levels) if row["rank"] != index]
    for index, row in moving:
        tx.update("levels", row["id"], known=row, rank=-1 - index)
    for index, row in moving:
        tx.update("levels", row["id"], rank=index)


def _upward_violations(tx: Transaction) -> list[tuple[str, str]]:
    """(child, parent) of every alignment whose child is not at a lower level than its
    parent, oldest child first: one query, however large the plan."""
    from sqlalchemy import select  # the write path's modules load with the first change
    from sqlalchemy.orm import aliased

    from okrdesk.model import KeyResult, Level, Objective, Unit

    child, parent = aliased(Objective), aliased(Objective)
    child_owner, parent_owner = aliased(Unit), aliased(Unit)
    child_level, parent_level = aliased(Level), aliased(Level)
    query = (
        select(child.id, parent.id)
        .join(KeyResult, child.parent_kr_id == KeyResult.id)
        .join(parent, KeyResult.objective_id == parent.id)
        .join(child_owner, child.owner_id == child_owner.id)
        .join(parent_owner, parent.owner_id == parent_owner.id)
        .join(child_level, child_owner.level_id == child_level.id)
        .join(parent_level, parent_owner.level_id == parent_level.id)
        .where(child_level.rank <= parent_level.rank)
        .order_by(child.created_at, child.id)
    )
    return [(row[0], row[1]) for row in tx.connection.execute(query)]
