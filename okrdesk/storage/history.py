"""The change history kept in the plan file: one entry per change set, written by `Plan.change`.

Each entry says when, who, the label and the rows changed ([[table, row id, before, after], ...]
as JSON), so that the history outlives the app. It is written in the change's own transaction,
just before the commit, so an operation and its entry are saved together or not at all; it is
not recorded in the change set, so undoing an operation never removes its entry (the undo gets
an entry of its own).

Bounded: a change set of more than `KEPT_ROWS` rows keeps its label and row count only (the
JSON is never built, so a large import pays nothing for it), and the history keeps the newest
`KEPT_ENTRIES` entries, dropping the oldest once it has grown `PRUNE_MARGIN` past them.

Reading is in history_reading.py (re-exported here).
"""

from __future__ import annotations

import getpass
import json
import os
import sqlite3
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

from okrdesk.clock import new_id, utc_now
from okrdesk.storage.changes import RowChange
from okrdesk.storage.history_reading import (
    HISTORY_CHANGES_LENGTH,
    HistoryChange,
    HistoryItem,
    history_count,
    history_entry,
    read_history,
)

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from okrdesk.storage.transaction import Transaction


class Changeable(Protocol):
    """A plan as changed here (storage.plan.Plan, which imports this module)."""

    def change(self, label: str) -> AbstractContextManager[Transaction]: ...

KEPT_ROWS = 2_000
KEPT_ENTRIES = 5_000
PRUNE_MARGIN = KEPT_ENTRIES // 10  # pruned once past 5,500: one DELETE per 500 changes
COMPACT_KEEP = 500  # what compacting on request keeps unless told otherwise
AUTHOR_VARIABLE = "OKRDESK_AUTHOR"  # names the author instead of the login name
AUTHOR_LENGTH = 200  # the column's declared length

INSERT_ENTRY = ("INSERT INTO history (id, created_at, updated_at, at, author, label, row_count, "
                "changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
COUNT_ENTRIES = "SELECT count(*) FROM history"
# Entries are added with ever larger rowids: their span bounds their number, found in two
# index look-ups, so most changes never count the history.
SPAN = "SELECT (SELECT max(rowid) FROM history) - (SELECT min(rowid) FROM history) + 1"
DROP_OLDEST = ("DELETE FROM history WHERE rowid IN "
               "(SELECT rowid FROM history ORDER BY at, rowid LIMIT ?)")

__all__ = ["HistoryChange", "HistoryItem", "compact_history", "history_count",
           "history_entry", "read_history", "record_history"]

_writing = True  # off only in bench/bench_history.py, to time an operation without its entry


def set_writing(on: bool) -> None:
    """Turn history writing on or off for this process (for measuring what it costs)."""
    global _writing
    _writing = on


def record_history(tx: Transaction, label: str | None = None) -> None:
    """Write the entry of the outermost transaction `tx` (nothing for an empty change set),
    labelled `label` or the transaction's own label, on the transaction's own connection."""
    if not _writing:
        return
    rows = tx.changeset().rows
    if not rows:
        return
    count = len(rows)
    changes = changes_json(rows) if count <= KEPT_ROWS else ""  # the JSON never starts
    sqlite, clock = _raw(tx)
    now = utc_now()
    if clock is not None:
        clock.start()
    sqlite.execute(INSERT_ENTRY, (new_id(), now, now, now, author(), label or tx.label,
                                  count, changes))
    _prune(sqlite, clock, KEPT_ENTRIES + PRUNE_MARGIN, KEPT_ENTRIES)


def changes_json(rows: tuple[RowChange, ...]) -> str:
    """The rows as kept ([[table, row id, before, after], ...]); "" if too long to keep."""
    try:
        text = json.dumps([[c.table, c.row_id, c.before, c.after] for c in rows],
                          separators=(",", ":"), default=_plain)  # ASCII: the faster path
    except (TypeError, ValueError):  # a value JSON cannot hold: the label and count stay
        return ""
    return text if len(text) <= HISTORY_CHANGES_LENGTH else ""


def author() -> str:
    """Who makes the change: OKRDESK_AUTHOR if set, else the login name ("" if unknown)."""
    named = os.environ.get(AUTHOR_VARIABLE, "").strip()
    return (named or _login_name())[:AUTHOR_LENGTH]


def compact_history(plan: Changeable, keep: int = COMPACT_KEEP) -> int:
    """Drop all but the newest `keep` entries; returns how many were dropped. The plan's
    rows are untouched, so no change set is reported and nothing is put on an undo stack."""
    keep = max(0, keep)
    with plan.change("Compact history") as tx:
        sqlite, clock = _raw(tx)
        return _prune(sqlite, clock, keep, keep)


def _prune(sqlite: sqlite3.Connection, clock: Any, past: int, down_to: int) -> int:
    """Drop the oldest entries down to `down_to` if there are more than `past`."""
    if clock is not None:
        clock.start()
    span = sqlite.execute(SPAN).fetchone()[0]
    if span is None or span <= past:
        return 0
    count = int(sqlite.execute(COUNT_ENTRIES).fetchone()[0])
    if count <= past:
        return 0
    if clock is not None:
        clock.start()
    sqlite.execute(DROP_OLDEST, (count - down_to,))
    return count - down_to


def _raw(tx: Transaction) -> tuple[sqlite3.Connection, Any]:
    """The transaction's sqlite3 connection and statement clock, as its own SQL uses them."""
    connection = tx.connection  # writes any held-back inserts first
    driver = connection.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return driver, connection.info.get("clock")


def _plain(value: object) -> object:
    if isinstance(value, Mapping):
        return dict(value)
    return str(value)


@cache
def _login_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name in this environment
        return ""
