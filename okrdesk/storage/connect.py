"""Connections to plan files with sqlite3 alone, opened defensively.

A plan may come from someone else: SQLite's `trusted_schema` is off, foreign keys are on, and a
statement that runs longer than the time limit is interrupted. The SQLAlchemy engines of
engine.py make their connections here too, so a plan read without SQLAlchemy (a map) is held
to the same rules.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

QUERY_TIME_LIMIT_S = 20.0
BUSY_TIMEOUT_MS = 5000
# SQLite asks the clock every so many steps of its machine (about a millisecond of work):
# each asking takes Python's lock, which a thread reading beside it then waits for.
PROGRESS_STEPS = 200_000


def plan_uri(path: Path, *, read_only: bool = False, inspect_only: bool = False) -> str:
    """SQLite's URI for the plan at `path`: `inspect_only` opens it immutable and read-only
    (nothing, not even a lock or a WAL index, is written next to it)."""
    uri = f"file:{quote(str(path.resolve()))}"
    if inspect_only:
        uri += "?mode=ro&immutable=1"
    elif read_only:
        uri += "?mode=ro"
    return uri


def connect(uri: str) -> sqlite3.Connection:
    """A connection whose transactions are begun explicitly (the driver's own handling off)."""
    return sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)


def make_defensive(connection: sqlite3.Connection, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS,
                   time_limit_s: float = QUERY_TIME_LIMIT_S) -> StatementClock:
    """Set the pragmas every plan connection has; returns the clock that interrupts a
    statement running past `time_limit_s` once started (restart it before each statement)."""
    clock = StatementClock(time_limit_s)
    connection.set_progress_handler(clock.expired, PROGRESS_STEPS)
    for pragma in (
        "PRAGMA trusted_schema = OFF",
        "PRAGMA foreign_keys = ON",
        f"PRAGMA busy_timeout = {busy_timeout_ms}",
        # In WAL mode NORMAL keeps every commit through a crash of the program (the OS has the
        # WAL); only a power cut can lose the last commits, never corrupt the file.
        "PRAGMA synchronous = NORMAL",
    ):
        connection.execute(pragma)
    return clock


def driver_of(connection: sqlite3.Connection | Any) -> sqlite3.Connection:
    """The sqlite3 connection itself, or the one under a SQLAlchemy connection."""
    if isinstance(connection, sqlite3.Connection):
        return connection
    driver = connection.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return driver


class StatementClock:
    """Interrupts a statement that runs past the limit (SQLite calls `expired` as it works)."""

    def __init__(self, limit_s: float = QUERY_TIME_LIMIT_S) -> None:
        self.limit_s = limit_s
        self.deadline = time.monotonic() + limit_s

    def start(self) -> None:
        self.deadline = time.monotonic() + self.limit_s

    def expired(self) -> int:
        return 1 if time.monotonic() > self.deadline else 0


@dataclass(frozen=True)
class Connector:
    """How an open plan's file is connected to: with sqlite3 alone (opening, vetting, reading
    the snapshot), or through a SQLAlchemy engine made when first needed (engine.py)."""

    path: Path
    read_only: bool = False
    # Immutable and read-only: nothing, not even a lock or a WAL index, is written next to it.
    inspect_only: bool = False
    # False leaves a writable file in the journal mode it has (a private copy being vetted
    # must keep its bytes, to tell whether its log held work).
    wal: bool = True

    def uri(self) -> str:
        return plan_uri(self.path, read_only=self.read_only, inspect_only=self.inspect_only)

    def open(self) -> tuple[sqlite3.Connection, StatementClock]:
        """A defensive sqlite3 connection and its statement clock, as the engine's are."""
        connection = connect(self.uri())
        try:
            clock = make_defensive(connection)
            if self.wal and not (self.read_only or self.inspect_only):
                connection.execute("PRAGMA journal_mode = WAL")
        except BaseException:
            connection.close()
            raise
        return connection, clock


def read_transaction(connection: sqlite3.Connection,
                     clock: StatementClock) -> Generator[sqlite3.Connection, None, None]:
    """One read transaction on `connection` under the time limit, rolled back after (a
    generator for a context manager to delegate to)."""
    clock.start()
    connection.execute("BEGIN")
    try:
        yield connection
    finally:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
