"""How a refusal names a changed row: "the objective “Grow revenue”", "a check-in"."""

from __future__ import annotations

from okrdesk.storage.changes import RowChange

KINDS = {
    "objectives": "the objective", "key_results": "the key result", "cycles": "the cycle",
    "check_ins": "a check-in", "contributions": "a contributes-to link",
    "objective_scores": "a final score", "key_result_scores": "a final score",
    "units": "the person or team", "levels": "the level", "functions": "the function",
    "settings": "a plan setting", "canvas_positions": "a card's place on the canvas",
}


def what_changes(change: RowChange) -> str:
    """The changed row in words, named by its title or name as it was (as it is, for a new
    row)."""
    row = change.before if change.before is not None else change.after
    assert row is not None
    title = row.get("title") or row.get("name")
    kind = KINDS.get(change.table, f"a row of {change.table}")
    return f"{kind} \u201c{title}\u201d" if title else kind
