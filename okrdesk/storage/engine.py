"""SQLAlchemy engines for plan files, opened defensively.

A plan may come from someone else: SQLite's `trusted_schema` is off, foreign keys are on, and a
statement that runs longer than the time limit is interrupted. Transactions are begun explicitly
(the driver's own transaction handling is switched off) so that one operation is one transaction.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import NullPool, QueuePool

from okrdesk.storage.connect import (
    BUSY_TIMEOUT_MS,
    QUERY_TIME_LIMIT_S,
    Connector,
    connect,
    make_defensive,
    plan_uri,
)

__all__ = ["BUSY_TIMEOUT_MS", "QUERY_TIME_LIMIT_S", "connector_engine", "plan_engine"]


def connector_engine(connector: Connector) -> Engine:
    """The engine for the file a Connector names, connecting the way it says."""
    return plan_engine(connector.path, read_only=connector.read_only,
                       inspect_only=connector.inspect_only, wal=connector.wal)


def plan_engine(path: Path, *, read_only: bool = False, inspect_only: bool = False,
                wal: bool = True) -> Engine:
    """An engine for the plan at `path`.

    `inspect_only` opens the file immutable and read-only: nothing, not even a lock or a WAL
    index, is written next to it. It is used to vet a file that has no log beside it.
    `wal=False` leaves a writable file in the journal mode it has (a private copy being vetted
    must keep its bytes, to tell whether its log held work).
    """
    uri = plan_uri(path, read_only=read_only, inspect_only=inspect_only)

    def creator() -> sqlite3.Connection:
        return connect(uri)

    # Vetting uses a throwaway connection; an open plan keeps its connections (and its WAL).
    pool = NullPool if inspect_only else QueuePool
    engine = create_engine("sqlite://", creator=creator, poolclass=pool)
    event.listen(engine, "connect", _on_connect)
    if wal and not (read_only or inspect_only):
        event.listen(engine, "connect", _use_wal)
    event.listen(engine, "begin", _on_begin)
    event.listen(engine, "before_cursor_execute", _start_clock)
    return engine


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # This module's limits, read now: tests shorten them.
    _record.info["clock"] = make_defensive(dbapi_connection, busy_timeout_ms=BUSY_TIMEOUT_MS,
                                           time_limit_s=QUERY_TIME_LIMIT_S)


def _use_wal(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA journal_mode = WAL")


def _on_begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def _start_clock(connection: Connection, *_args: Any) -> None:
    clock = connection.info.get("clock")
    if clock is not None:
        clock.start()
