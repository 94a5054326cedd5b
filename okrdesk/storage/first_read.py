"""A large plan read while it is vetted: SQLite's checks run in a thread (with Python's lock
released, on a second core) while the caller's first reading, Python's work, runs here.

Only for a plan opened for writing with its lock taken and nothing in a log beside it: both
connections are immutable ones to the plan file itself, which nothing can change meanwhile,
so neither writes a byte beside it. The checks decide as before: a plan they refuse is
refused whatever the reading gave, and a reading that failed is dropped (the plan is then
read again the usual way, where its error is raised as before).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from okrdesk.formats import SCHEMA_VERSION
from okrdesk.storage.beside import CheckBeside
from okrdesk.storage.connect import Connector, read_transaction
from okrdesk.storage.vetting import vet_connection, vetting_connection

FirstRead = Callable[[sqlite3.Connection], object]
# About 3,000 people; on smaller plans the second thread and connection cost what they save.
READ_BESIDE_FROM_BYTES = 16 << 20


def reads_beside(path: Path, version: int) -> bool:
    """Whether the plan at `path` is read while it is vetted: a large one of the newest
    format (an older one is upgraded before it is read)."""
    return version == SCHEMA_VERSION and path.stat().st_size >= READ_BESIDE_FROM_BYTES


def vetted_and_read(connector: Connector, path: Path, version: int,
                    read: FirstRead) -> tuple[tuple[str, ...], object | None]:
    """The plan's problems (vetting.py, raising for a plan it refuses) and what `read` gave
    (None if it failed), the two done at once."""
    # The checks as one thread: split further (links beside), they would still end before
    # the reading, which takes longer.
    vetting = CheckBeside(lambda: vetting_connection(connector, path),
                          lambda connection: vet_connection(connection, path, version))
    try:
        reading = _read(connector, read)
    except BaseException:  # Ctrl-C: stop the checks too
        vetting.stop()
        raise
    return tuple(vetting.result()), reading


def _read(connector: Connector, read: FirstRead) -> object | None:
    try:
        connection, clock = connector.open()
    except sqlite3.Error:
        return None
    try:
        with contextmanager(read_transaction)(connection, clock) as reading:
            return read(reading)
    except Exception:  # read again after the checks, the usual way
        return None
    finally:
        connection.close()
