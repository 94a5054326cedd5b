"""Failures of the disk under a plan (full, read-only, I/O error, locked) as StorageError.

SQLite reports them through the driver as error codes; SQLAlchemy wraps them again. Both are
turned into one message a planner can act on; every other error passes through unchanged.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from okrdesk.errors import StorageError

# SQLite's primary result codes (the low byte of an extended code).
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR = 5, 6, 8, 10
SQLITE_FULL, SQLITE_CANTOPEN = 13, 14
NEARLY_FULL_BYTES = 1 << 20

_MEANINGS = {
    SQLITE_FULL: "the disk is full. Make room (or lift the size limit), then try again; the "
                 "plan is as it was before this change",
    SQLITE_IOERR: "the disk reported a read or write error. Check the drive or network "
                  "share, then try again; the plan is as it was before this change",
    SQLITE_READONLY: "the plan file or its folder cannot be written (a read-only medium or "
                     "no permission)",
    SQLITE_BUSY: "another program keeps the plan busy; try again in a moment",
    SQLITE_LOCKED: "another program keeps the plan busy; try again in a moment",
    SQLITE_CANTOPEN: "the plan file or what SQLite keeps beside it cannot be opened (it was "
                     "moved, or the folder cannot be written)",
}


def storage_problem(error: BaseException) -> str | None:
    """What a disk failure means for a planner, or None if `error` is not one."""
    original = driver_error(error)
    if not isinstance(original, sqlite3.Error):
        return None
    code = getattr(original, "sqlite_errorcode", None)
    if code is None:
        return None
    return _MEANINGS.get(code & 0xFF)


def driver_error(error: BaseException) -> BaseException:
    """The driver's own error inside one SQLAlchemy wrapped (a plan read with sqlite3 alone
    never imports SQLAlchemy, and then no error can be one of its wrappers)."""
    exc = sys.modules.get("sqlalchemy.exc")
    if exc is not None and isinstance(error, exc.DBAPIError):
        original: BaseException = error.orig
        return original
    return error


def as_storage_error(error: BaseException, path: Path, action: str) -> StorageError | None:
    problem = storage_problem(error)
    if problem is None:
        return None
    if problem == _MEANINGS[SQLITE_IOERR] and _nearly_full(path.parent):
        problem = _MEANINGS[SQLITE_FULL]  # SQLite says I/O error when its index cannot grow
    return StorageError(f"{path.name}: {action} failed: {problem}.")


def _nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < NEARLY_FULL_BYTES
    except OSError:
        return False


@contextmanager
def storage_errors(path: Path, action: str) -> Iterator[None]:
    """Raise StorageError for a disk failure inside the block; anything else passes."""
    try:
        yield
    except Exception as error:  # only the driver's errors (wrapped or not) translate
        translated = as_storage_error(error, path, action)
        if translated is None:
            raise
        raise translated from error
