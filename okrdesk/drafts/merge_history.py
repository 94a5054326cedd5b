"""Who changed the plan's side of a merge, and when: found in the plan's change history.

For each field asked about (table, row id, field; field None for the row as a whole) the
newest history entry since the draft was taken out that changed it gives its author, time and
label. The history is read once, newest first, and no further back than the take-out: SQLite
lists the rows each entry names (its JSON is not decoded in Python), and only the entries
naming a row asked about are read whole, through the history's own careful reader.

Nothing is guessed. An entry that keeps its label only (a change set too large to keep whole)
or whose changes are not JSON might have changed any row, so the reading stops there: what was
found in newer entries stands, anything older is left unnamed; an entry naming a row asked
about that cannot be read stops it too. Entries compacted away or never written (a plan
changed by an older version) leave their fields unnamed, and a draft whose time of taking out
is unknown names nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from okrdesk.drafts.merge import Conflict, MergeReview
from okrdesk.drafts.reads import Source, query
from okrdesk.storage.history import HistoryChange, HistoryItem, history_entry
from okrdesk.storage.history_reading import Readable

FieldKey = tuple[str, str, str | None]  # table, row id, field (None: the row as a whole)
RowChangeKind = Literal["insert", "update", "delete"]
TAKEN_AT = "SELECT taken_at FROM drafts LIMIT 1"
# Each entry since the take-out, newest first (the history view's order), once per row it
# names: whether its changes are kept and are JSON, and the row's table and id.
ROWS_NAMED = """
SELECT h.rowid, ifnull(length(CAST(h.changes AS BLOB)), 0) > 0, json_valid(h.changes),
       json_extract(e.value, '$[0]'), json_extract(e.value, '$[1]')
FROM history AS h
LEFT JOIN json_each(CASE WHEN json_valid(h.changes) THEN h.changes ELSE '[]' END) AS e
WHERE h.at > ?
ORDER BY h.at DESC, h.rowid DESC"""


@dataclass(frozen=True)
class Authorship:
    """The history entry that last changed a field in the plan: who, when (ISO text, UTC),
    the operation's label, and what it did to the row."""

    author: str
    at: str
    label: str
    kind: RowChangeKind


def plan_side_authors(plan: Readable, since: str,
                      keys: Iterable[FieldKey]) -> dict[FieldKey, Authorship]:
    """The authorship of each of `keys` changed in `plan` after `since` (the draft's
    `taken_at`); keys with no entry to name (or any doubt) are left out."""
    wanted: dict[tuple[str, str], set[str | None]] = {}
    for table, row_id, field in keys:
        wanted.setdefault((table, row_id), set()).add(field)
    found: dict[FieldKey, Authorship] = {}
    if not _is_time(since) or not wanted:
        return found
    with plan.reading() as connection:
        same = _Held(connection)
        last = None
        for sequence, kept, is_json, table, row_id in connection.execute(ROWS_NAMED, (since,)):
            if not kept or not is_json:
                break  # it may have changed anything: older entries could name the wrong one
            if sequence == last or (table, row_id) not in wanted:
                continue
            last = sequence
            item = history_entry(same, sequence)
            if item is None or not item.readable or item.changes is None:
                break
            for change in reversed(item.changes):  # a row changed twice: its last change
                fields = wanted.get((change.table, change.row_id))
                if fields:
                    _take(found, item, change, fields)
                    if not fields:
                        del wanted[(change.table, change.row_id)]
            if not wanted:
                break
    return found


def review_authors(plan: Readable, draft: Source,
                   review: MergeReview) -> dict[FieldKey, Authorship]:
    """The authorship of everything on the plan's side of `review` (of `draft` into `plan`)
    changed since the draft was taken out."""
    found = query(draft, TAKEN_AT)
    since = found[0][0] if found and isinstance(found[0][0], str) else ""
    return plan_side_authors(plan, since, review_keys(review))


def conflict_keys(conflict: Conflict) -> tuple[FieldKey, ...]:
    """What the plan's side of a conflict is, most telling first: the field (or row) itself,
    and for an alignment gone invalid the key result the draft aligned to as well."""
    own: FieldKey = (conflict.table, conflict.row_id, conflict.field)
    if conflict.kind == "invalid_alignment" and isinstance(conflict.draft, str):
        return own, ("key_results", conflict.draft, None)
    return (own,)


def review_keys(review: MergeReview) -> list[FieldKey]:
    """Every key whose plan side a review shows: its conflicts' and its changed fields'."""
    keys = [key for conflict in review.conflicts for key in conflict_keys(conflict)]
    keys.extend((row.table, row.row_id, change.field) for row in review.incoming
                if row.kind == "update" for change in row.fields)
    return keys


def first_found(found: Mapping[FieldKey, Authorship],
                keys: Iterable[FieldKey]) -> Authorship | None:
    """The authorship of the first of `keys` that has one."""
    return next((found[key] for key in keys if key in found), None)


class _Held:
    """The connection being read, lent to the history's reader for one entry."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        yield self._connection


def _take(found: dict[FieldKey, Authorship], item: HistoryItem, change: HistoryChange,
          fields: set[str | None]) -> None:
    """Name the entry for each of `fields` the change touched (and stop asking about them)."""
    kind: RowChangeKind = ("insert" if change.before is None else
                           "delete" if change.after is None else "update")
    before, after = change.before or {}, change.after or {}
    for field in list(fields):
        if field is None or kind != "update" or before.get(field) != after.get(field):
            found[(change.table, change.row_id, field)] = Authorship(
                item.author, item.at, item.label, kind)
            fields.discard(field)


def _is_time(at: str) -> bool:
    try:
        datetime.fromisoformat(at)
    except (TypeError, ValueError):
        return False
    return True


__all__ = ["Authorship", "FieldKey", "conflict_keys", "first_found", "plan_side_authors",
           "review_authors", "review_keys"]
