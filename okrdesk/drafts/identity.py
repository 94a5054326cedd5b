"""A plan's own id: what a draft names the plan it was taken from by."""

from __future__ import annotations

from okrdesk.drafts.reads import Source, query


def plan_id(plan: Source) -> str | None:
    """The plan's id from its `plan_identity` row; None for a file without one (a hand edit
    removed it)."""
    rows = query(plan, "SELECT id FROM plan_identity ORDER BY created_at, id LIMIT 1")
    return str(rows[0][0]) if rows else None
