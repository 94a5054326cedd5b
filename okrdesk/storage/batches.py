"""Inserted rows held back and given to SQLite a batch at a time (`executemany`).

A big import writes a hundred thousand rows: one `execute` each costs the binding of the
call and its statement every time. Tried and dropped: writing the batches on a thread beside
the import. SQLite gives Python's lock up for each row it writes and needs it back for the
next, so the writer waited for the busy import at every row and fell far behind.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from okrdesk.storage.connect import StatementClock

BATCH_ROWS = 10_000  # rows given to SQLite in one `executemany`, each batch timed on its own


class InsertBatches:
    """The inserts of one transaction, by SQL text, written when a batch is full or on
    `flush` (before anything else runs on the connection)."""

    def __init__(self, connection: sqlite3.Connection, clock: StatementClock | None) -> None:
        self._connection = connection
        self._clock = clock
        self._rows: dict[str, list[tuple[Any, ...]]] = {}

    def add(self, sql: str, values: tuple[Any, ...]) -> None:
        rows = self._rows.setdefault(sql, [])
        rows.append(values)
        if len(rows) >= BATCH_ROWS:
            self._rows[sql] = []
            self._write(sql, rows)

    def flush(self) -> None:
        """Every row added so far written, in its order per table."""
        batches = list(self._rows.items())
        self._rows.clear()
        for sql, rows in batches:
            if rows:
                self._write(sql, rows)

    def drop(self) -> None:
        """Forget the rows not written (their transaction is being rolled back)."""
        self._rows.clear()

    def _write(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        if self._clock is not None:
            self._clock.start()
        self._connection.executemany(sql, rows)
