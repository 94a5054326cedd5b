"""Naming a merged row for a reader: the objective it is grouped under and a short title."""

from __future__ import annotations

from okrdesk.drafts.merge_work import MergeWork

KINDS = {"check_ins": "a check-in", "contributions": "a contributes-to link",
         "canvas_positions": "a card's place", "objective_scores": "a final score",
         "key_result_scores": "a final score"}


def known_row(work: MergeWork, table: str, row_id: str) -> dict[str, object] | None:
    """The row on any side: the draft's, else the plan's, else the base's."""
    for rows in (work.draft, work.plan, work.base):
        found = rows.get(table, {}).get(row_id)
        if found is not None:
            return found
    return None


def objective_of(work: MergeWork, table: str, row_id: str) -> str | None:
    """The objective a row belongs to (None for a person or team)."""
    row = known_row(work, table, row_id)
    if table in ("objectives", "canvas_positions", "objective_scores"):
        return row_id
    if row is None:
        return None
    if table == "key_results":
        return str(row["objective_id"])
    if table == "check_ins":
        return objective_of(work, "key_results", str(row["key_result_id"]))
    if table == "key_result_scores":
        return objective_of(work, "key_results", row_id)
    if table == "contributions":
        return str(row["source_id"])
    return None


def title_of(work: MergeWork, table: str, row_id: str) -> str:
    row = known_row(work, table, row_id) or {}
    named = row.get("title") or row.get("name")
    if named:
        return str(named)
    return KINDS.get(table, f"a row of {table}")
