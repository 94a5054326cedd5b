"""Reading a few rows from a plan, an open sqlite3 connection, or a change in progress.

The draft questions (which plan, which part) are asked of all three: of an open Plan by the
app and the merge, of a transaction by the guard in `Plan.change`, of a bare connection by
code that already holds one.
"""

from __future__ import annotations

import sqlite3
from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class Fetches(Protocol):
    """A change in progress (okrdesk.storage.transaction.Transaction)."""

    def fetch(self, sql: str, values: tuple[Any, ...] = ()) -> list[Any]: ...


@runtime_checkable
class Readable(Protocol):
    """An open plan (okrdesk.storage.Plan)."""

    def reading(self) -> Any: ...


Source = Fetches | Readable | sqlite3.Connection


def query(source: Source, sql: str, values: tuple[Any, ...] = ()) -> list[Any]:
    """The rows of a read-only query, as tuples."""
    if isinstance(source, sqlite3.Connection):
        return source.execute(sql, values).fetchall()
    if isinstance(source, Fetches):
        return source.fetch(sql, values)
    with source.reading() as connection:
        rows: list[Any] = connection.execute(sql, values).fetchall()
        return rows
