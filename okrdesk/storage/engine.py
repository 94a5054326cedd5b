"""SQLAlchemy engines for plan files, opened defensively.

A plan may come from someone else: SQLite's `trusted_schema` is off, foreign keys are on, and a
statement that runs longer than the time limit is interrupted. Transactions are begun explicitly
(the driver's own transaction handling is switched off) so that one operation is one transaction.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import NullPool, QueuePool

QUERY_TIME_LIMIT_S = 20.0
BUSY_TIMEOUT_MS = 5000


def plan_engine(path: Path, *, read_only: bool = False, inspect_only: bool = False,
                wal: bool = True) -> Engine:
    """An engine for the plan at `path`.

    `inspect_only` opens the file immutable and read-only: nothing, not even a lock or a WAL
    index, is written next to it. It is used to vet a file that has no log beside it.
    `wal=False` leaves a writable file in the journal mode it has (a private copy being vetted
    must keep its bytes, to tell whether its log held work).
    """
    uri = f"file:{quote(str(path.resolve()))}"
    if inspect_only:
        uri += "?mode=ro&immutable=1"
    elif read_only:
        uri += "?mode=ro"

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)

    # Vetting uses a throwaway connection; an open plan keeps its connections (and its WAL).
    pool = NullPool if inspect_only else QueuePool
    engine = create_engine("sqlite://", creator=connect, poolclass=pool)
    event.listen(engine, "connect", _on_connect)
    if wal and not (read_only or inspect_only):
        event.listen(engine, "connect", _use_wal)
    event.listen(engine, "begin", _on_begin)
    event.listen(engine, "before_cursor_execute", _start_clock)
    return engine


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    clock = _StatementClock()
    dbapi_connection.set_progress_handler(clock.expired, 20_000)
    _record.info["clock"] = clock
    for pragma in (
        "PRAGMA trusted_schema = OFF",
        "PRAGMA foreign_keys = ON",
        f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
        # In WAL mode NORMAL keeps every commit through a crash of the program (the OS has the
        # WAL); only a power cut can lose the last commits, never corrupt the file.
        "PRAGMA synchronous = NORMAL",
    ):
        dbapi_connection.execute(pragma)


def _use_wal(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA journal_mode = WAL")


def _on_begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def _start_clock(connection: Connection, *_args: Any) -> None:
    clock = connection.info.get("clock")
    if clock is not None:
        clock.start()


class _StatementClock:
    """Interrupts a statement that runs past the limit (SQLite calls `expired` as it works)."""

    def __init__(self) -> None:
        self.deadline = time.monotonic() + QUERY_TIME_LIMIT_S

    def start(self) -> None:
        self.deadline = time.monotonic() + QUERY_TIME_LIMIT_S

    def expired(self) -> int:
        return 1 if time.monotonic() > self.deadline else 0
