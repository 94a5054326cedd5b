"""Reading the change history kept in a plan file, newest first, without trusting it.

The history table may have been edited by hand: a missing or huge field, text that is not
UTF-8, a time or JSON that does not parse. Such an entry is read as unreadable (`problem` says
why), never raised: every column is read as bytes and checked here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import sqlite3
    from contextlib import AbstractContextManager


class Readable(Protocol):
    """A plan as read here (storage.plan.Plan, which imports this module)."""

    def reading(self) -> AbstractContextManager[sqlite3.Connection]: ...


# The longest change set kept whole (JSON), also the bound of a draft's base row; okrdesk.limits
# takes it from here. LONG_TEXT_LENGTH is okrdesk.limits's (limits reads the storage's format,
# so the storage does not import it; a test keeps them equal).
HISTORY_CHANGES_LENGTH = 1_000_000
LONG_TEXT_LENGTH = 20_000
READ_LIMIT = 200
AUTHOR_LENGTH = 200
# Text columns come as bytes (undecodable text must not fail the reading), and the changes
# only when asked for and not longer than the JSON may be.
_COLUMNS = ("rowid, CAST(id AS BLOB), CAST(at AS BLOB), CAST(author AS BLOB), "
            "CAST(label AS BLOB), CAST(row_count AS BLOB), length(CAST(changes AS BLOB))")
_CHANGES = f", CASE WHEN length(CAST(changes AS BLOB)) <= {4 * HISTORY_CHANGES_LENGTH} " \
           "THEN CAST(changes AS BLOB) END"
_ORDER = " ORDER BY at DESC, rowid DESC LIMIT ?"


@dataclass(frozen=True)
class HistoryChange:
    """One row of an entry: inserted (before is None), deleted (after is None) or updated."""

    table: str
    row_id: str
    before: Mapping[str, Any] | None
    after: Mapping[str, Any] | None


@dataclass(frozen=True)
class HistoryItem:
    """One entry. `changes` is None when the file keeps only the label and count (`kept` is
    False) or when they were not asked for; `problem` is "" unless the entry is unreadable."""

    sequence: int  # the entry's place in the file: what `before` continues from
    id: str
    at: str
    author: str
    label: str
    row_count: int
    kept: bool
    changes: tuple[HistoryChange, ...] | None
    problem: str = ""

    @property
    def readable(self) -> bool:
        return not self.problem


def read_history(plan: Readable, limit: int = READ_LIMIT, before: HistoryItem | str | None = None,
                 *, with_changes: bool = True) -> list[HistoryItem]:
    """The newest `limit` entries, newest first; `before` an entry (those after it) or a time
    (ISO text: those older). `with_changes` False leaves every `changes` None (cheaper)."""
    sql = "SELECT " + _COLUMNS + (_CHANGES if with_changes else "") + " FROM history"
    values: tuple[Any, ...] = ()
    if isinstance(before, HistoryItem):
        sql += " WHERE (at, rowid) < (SELECT at, rowid FROM history WHERE rowid = ?)"
        values = (before.sequence,)
    elif before is not None:
        sql += " WHERE at < ?"
        values = (before,)
    with plan.reading() as connection:
        found = connection.execute(sql + _ORDER, (*values, max(0, limit))).fetchall()
    return [_item(row, with_changes) for row in found]


def history_entry(plan: Readable, sequence: int) -> HistoryItem | None:
    """One entry with its changes (None if it is no longer in the file)."""
    sql = "SELECT " + _COLUMNS + _CHANGES + " FROM history WHERE rowid = ?"
    with plan.reading() as connection:
        row = connection.execute(sql, (sequence,)).fetchone()
    return _item(row, True) if row is not None else None


def history_count(plan: Readable) -> int:
    with plan.reading() as connection:
        return int(connection.execute("SELECT count(*) FROM history").fetchone()[0])


class _Unreadable(ValueError):
    pass


def _item(row: tuple[Any, ...], with_changes: bool) -> HistoryItem:
    sequence, raw_id, raw_at, raw_author, raw_label, raw_count, length = row[:7]
    fields: dict[str, Any] = {"id": "", "at": "", "author": "", "label": "", "row_count": 0}
    try:
        fields["id"] = _text(raw_id, "id", 200)
        fields["at"] = _time(raw_at)
        fields["author"] = _text(raw_author, "author", AUTHOR_LENGTH)
        fields["label"] = _text(raw_label, "label", LONG_TEXT_LENGTH)
        fields["row_count"] = _count(raw_count)
        kept = isinstance(length, int) and length > 0
        changes = _changes(row[7]) if with_changes and kept else None
    except _Unreadable as problem:
        return HistoryItem(sequence, kept=False, changes=None, problem=str(problem), **fields)
    return HistoryItem(sequence, kept=kept, changes=changes, **fields)


def _text(raw: object, what: str, longest: int) -> str:
    if raw is None:
        raise _Unreadable(f"its {what} is missing")
    if not isinstance(raw, bytes):
        raise _Unreadable(f"its {what} is not text")
    if len(raw) > 4 * longest:
        raise _Unreadable(f"its {what} is too long")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _Unreadable(f"its {what} is not UTF-8 text") from None
    if len(text) > longest:
        raise _Unreadable(f"its {what} is too long")
    return text


def _time(raw: object) -> str:
    text = _text(raw, "time", 40)
    try:
        datetime.fromisoformat(text)
    except ValueError:
        raise _Unreadable("its time is not a time") from None
    return text


def _count(raw: object) -> int:
    text = _text(raw, "row count", 20)
    if not text.isdigit():
        raise _Unreadable("its row count is not a count")
    return int(text)


def _changes(raw: object) -> tuple[HistoryChange, ...]:
    if raw is None:
        raise _Unreadable("its changes are too long")
    text = _text(raw, "changes", HISTORY_CHANGES_LENGTH)
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise _Unreadable("its changes are not JSON") from None
    if not isinstance(data, list):
        raise _Unreadable("its changes are not a list")
    return tuple(_change(entry) for entry in data)


def _change(entry: object) -> HistoryChange:
    if not (isinstance(entry, list) and len(entry) == 4
            and isinstance(entry[0], str) and isinstance(entry[1], str)
            and all(_is_row(values) for values in entry[2:])
            and (entry[2] is not None or entry[3] is not None)):
        raise _Unreadable("a change in it is not [table, row id, before, after]")
    return HistoryChange(entry[0], entry[1], entry[2], entry[3])


def _is_row(values: object) -> bool:
    return values is None or (isinstance(values, dict) and all(
        isinstance(value, str | int | float | bool) or value is None
        for value in values.values()))
