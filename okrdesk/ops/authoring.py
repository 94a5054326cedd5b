"""Writing on the canvas: an objective created where its card is to sit, as one change."""

from __future__ import annotations

from okrdesk.ops.checks import field, quoted
from okrdesk.ops.objectives import create_objective
from okrdesk.ops.progress import place_card
from okrdesk.storage import ChangeSet, Plan


def create_objective_at(
    plan: Plan, owner_id: str, cycle_id: str, title: str, x: float, y: float, *,
    description: str = "", commitment: str = "committed", visibility: str = "published",
) -> ChangeSet:
    """A new objective of `owner_id` in `cycle_id` with its card at (x, y): y measured from
    the top of the owner's level lane. Both writes are one transaction, so one undo step."""
    checked = field("objectives", "title", title, "objective's title")
    with plan.change(f"New objective {quoted(checked)}") as tx:
        created = create_objective(plan, owner_id, cycle_id, title, description=description,
                                   commitment=commitment, visibility=visibility)
        place_card(plan, created.new_id("objectives"), x, y)  # joins this transaction
    return tx.changeset()
