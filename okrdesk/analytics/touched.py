"""Which objectives a change set touches, and which of them moved to another place in the
alignment (their whole aligned subtree then has new lines of sight)."""

from __future__ import annotations

from collections import Counter

from okrdesk.snapshot import Snapshot
from okrdesk.storage.changes import ChangeSet, Values

STRUCTURE_TABLES = frozenset({"units", "levels", "functions"})


def restructures(changes: ChangeSet) -> bool:
    """Whether the change set touches the organisation, which every objective's facts rest on."""
    return any(change.table in STRUCTURE_TABLES for change in changes)


def touched_and_moved(changes: ChangeSet, snapshot: Snapshot,
                      sources: Counter[str]) -> tuple[set[str], set[str]]:
    """The objectives the change set touches, and those whose alignment moved; `sources`
    (contributions per source objective) is brought up to date on the way."""
    touched: set[str] = set()
    moved: set[str] = set()
    for change in changes:
        rows = [row for row in (change.before, change.after) if row is not None]
        if change.table == "objectives":
            touched.add(change.row_id)
            if _differs(change.before, change.after, ("parent_kr_id", "owner_id")):
                moved.add(change.row_id)
        elif change.table == "key_results":
            touched.update(row["objective_id"] for row in rows)
            if _differs(change.before, change.after, ("objective_id",)):
                moved.update(snapshot.aligned_to_kr.get(change.row_id, ()))
        elif change.table == "contributions":
            for row, sign in ((change.before, -1), (change.after, 1)):
                if row is not None:
                    sources[row["source_id"]] += sign
                    touched.add(row["source_id"])
    return touched, moved


def _differs(before: Values | None, after: Values | None, columns: tuple[str, ...]) -> bool:
    if before is None or after is None:
        return True
    return any(before.get(c) != after.get(c) for c in columns)
