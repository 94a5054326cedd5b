"""Cycles: a whole year in one step, renaming, and removing a cycle that holds nothing."""

from __future__ import annotations

from okrdesk.errors import OperationRefused
from okrdesk.model import CycleKind
from okrdesk.ops.checks import quoted
from okrdesk.ops.naming import refuse_taken_name, rename
from okrdesk.ops.setup import BACKLOG, insert_year
from okrdesk.storage import ChangeSet, Plan

SHOWN = 5


def add_year(plan: Plan, year: int) -> ChangeSet:
    """Add a year with its four quarters (dated), and the backlog if the plan has none.

    One backlog serves every year: it holds what is not planned into a cycle yet.
    """
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2999:
        raise OperationRefused(f"The year must be a whole number like 2028, not {year!r}.")
    with plan.change(f"Add year {year}") as tx:
        for name in (str(year), *(f"{year}-Q{quarter}" for quarter in range(1, 5))):
            refuse_taken_name(tx, "cycles", name, "cycle")
        insert_year(tx, year)
        if not tx.rows("cycles", kind=CycleKind.BACKLOG.value):
            if tx.rows("cycles", name=BACKLOG):
                raise OperationRefused(f"A cycle named {BACKLOG} is in the way of the backlog.")
            tx.insert("cycles", name=BACKLOG, kind=CycleKind.BACKLOG.value)
    return tx.changeset()


def rename_cycle(plan: Plan, cycle_id: str, name: str) -> ChangeSet:
    return rename(plan, "cycles", cycle_id, name, "cycle")


def remove_cycle(plan: Plan, cycle_id: str) -> ChangeSet:
    """Remove a cycle that holds no objectives; a year goes with its quarters, which must
    hold none either."""
    with plan.change("Remove cycle") as tx:
        cycle = tx.require("cycles", cycle_id, "cycle")
        quarters = tx.rows("cycles", parent_id=cycle_id)
        for each in (cycle, *quarters):
            held = tx.rows("objectives", cycle_id=each["id"])
            if held:
                titles = ", ".join(quoted(row["title"]) for row in held[:SHOWN])
                if len(held) > SHOWN:
                    titles += f" and {len(held) - SHOWN} more"
                count = "1 objective" if len(held) == 1 else f"{len(held)} objectives"
                within = "" if each is cycle else f" (a quarter of {cycle['name']})"
                raise OperationRefused(
                    f"{cycle['name']} cannot be removed: {each['name']}{within} holds "
                    f"{count}: {titles}. Move or delete them first."
                )
        for quarter in quarters:
            tx.delete("cycles", quarter["id"])
        tx.delete("cycles", cycle_id)
    return tx.changeset()
