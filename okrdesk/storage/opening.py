"""How a plan file is opened: for writing or reading, vetted, recovered after a crash.

- For writing, the plan's lock is taken first. A plan whose lock another program holds, whose
  folder cannot take a lock file (a read-only medium) or whose file cannot be written opens
  read-only, with the reason.
- A plan another program is writing is read where it is, read-only: that program keeps the
  files beside it.
- Any other plan opened read-only is read from a private copy, so neither the file nor its
  folder changes, whatever SQLite has to do to read it (apply a log, upgrade the format).
- A plan opened for writing with a log beside it (a crash, a power cut, a full disk) is vetted
  on a private copy first. If the log held work not yet in the file, the files as found are
  kept beside it (NAME.recovery-backup.okr with its log) and SQLite then completes the work in
  the plan itself.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from okrdesk.atomic import atomic_copy
from okrdesk.storage.connect import Connector
from okrdesk.storage.failures import storage_errors
from okrdesk.storage.first_read import FirstRead, reads_beside, vetted_and_read
from okrdesk.storage.header import read_plan_header
from okrdesk.storage.lock import PlanLock
from okrdesk.storage.places import private_copy, reading_place
from okrdesk.storage.private_copy import PrivateCopy, file_digest, pending_logs, side_file
from okrdesk.storage.vetting import vet_connection, vetting_connection

HELD = "the plan is open in another window or program; it opens read-only"
RECOVERY_BACKUP = "recovery-backup"


@dataclass
class OpenedFile:
    connector: Connector  # how the plan is connected to from now on
    version: int
    read_only: bool
    reason: str = ""
    lock: PlanLock | None = None
    copy: PrivateCopy | None = None
    recovery_backup: Path | None = None
    problems: tuple[str, ...] = ()
    first_reading: object | None = None  # what `first_read` gave, if it was read here


def open_plan_file(path: Path, *, read_only: bool,
                   first_read: FirstRead | None = None) -> OpenedFile:
    """Vet the plan at `path` and say how to connect to it; raises PlanFileError for a bad
    file. Everything here is sqlite3 alone: SQLAlchemy loads with the first change.

    `first_read` may be done while a large plan opened for writing is vetted (first_read.py);
    its result is kept in `first_reading` only if the plan passes."""
    version = read_plan_header(path).schema_version
    if read_only:
        return _open_for_reading(path, version)
    lock, reason = _claim(path)
    if reason == HELD:  # another program writes it: read it in place, read-only
        live = Connector(path, read_only=True)
        return OpenedFile(live, version, True, reason, problems=_vetted(live, path, version))
    copy: PrivateCopy | None = None
    try:
        copy = private_copy(path) if lock is None or pending_logs(path) else None
        if copy is not None:
            vetting = Connector(copy.path, wal=False)
        else:
            vetting = Connector(path, inspect_only=True)
        if lock is None:
            return OpenedFile(vetting, version, True, reason, copy=copy,
                              problems=_vetted(vetting, path, version))
        if first_read is not None and copy is None and reads_beside(path, version):
            problems, reading = vetted_and_read(vetting, path, version, first_read)
            return OpenedFile(Connector(path), version, False, lock=lock, problems=problems,
                              first_reading=reading)
        connection = vetting_connection(vetting, path)
        try:
            problems = tuple(vet_connection(connection, path, version,
                                            another=lambda: vetting.open()[0]))
            backup = _recover(path, copy, connection) if copy is not None else None
        finally:
            connection.close()
        connector = Connector(path)
        if copy is not None:
            _complete_logs(path, connector)
            copy.discard()
        return OpenedFile(connector, version, False, lock=lock, recovery_backup=backup,
                          problems=problems)
    except BaseException:
        if copy is not None:
            copy.discard()
        if lock is not None:
            lock.release()
        raise


def _open_for_reading(path: Path, version: int) -> OpenedFile:
    place = reading_place(path)
    connector = Connector(place.path, read_only=place.live, inspect_only=place.inspect_only,
                          wal=False)
    try:
        return OpenedFile(connector, version, True, copy=place.copy,
                          problems=_vetted(connector, path, version))
    except BaseException:
        place.discard()
        raise


def _vetted(connector: Connector, path: Path, version: int) -> tuple[str, ...]:
    """The broken links and loops of a plan that passes every check (vetting.py)."""
    connection = vetting_connection(connector, path)
    try:
        return tuple(vet_connection(connection, path, version,
                                    another=lambda: connector.open()[0]))
    finally:
        connection.close()


def recovery_backup_path(path: Path) -> Path:
    candidate = path.with_name(f"{path.stem}.{RECOVERY_BACKUP}{path.suffix}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.{RECOVERY_BACKUP}-{number}{path.suffix}")
        number += 1
    return candidate


def _claim(path: Path) -> tuple[PlanLock | None, str]:
    """The plan's lock, or None and the reason the plan opens read-only."""
    lock = PlanLock(path)
    try:
        if not lock.acquire():
            return None, HELD
    except OSError as error:
        return None, (f"its folder cannot be written ({error.strerror or error}): a read-only "
                      "medium, or a folder without write permission; it opens read-only")
    if not all(os.access(p, os.W_OK) for p in (path, *_existing_logs(path))):
        lock.release()
        return None, "the plan file cannot be written (it is read-only); it opens read-only"
    return lock, ""


def _existing_logs(path: Path) -> list[Path]:
    return [p for p in (side_file(path, "-wal"), side_file(path, "-shm")) if p.exists()]


def _recover(path: Path, copy: PrivateCopy, vetted: sqlite3.Connection) -> Path | None:
    """Keep the files as found if their log held work the file lacks; return where."""
    vetted.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    vetted.close()  # the last connection to the copy: its log is moved into it and removed
    if file_digest(copy.path) == file_digest(path):
        return None  # the log held nothing the file does not have already
    backup = recovery_backup_path(path)
    with storage_errors(path, "Keeping a copy before recovery"):
        for suffix in copy.logs:  # the log first: a kept file never lacks its log
            atomic_copy(side_file(path, suffix), side_file(backup, suffix))
        atomic_copy(path, backup)
    return backup


def _complete_logs(path: Path, connector: Connector) -> None:
    """Let SQLite move the work of a leftover log into the plan file, now, while it is ours."""
    with storage_errors(path, "Completing the work of the last session"):
        connection, _clock = connector.open()
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchall()
            with contextlib.suppress(sqlite3.Error):
                connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            connection.close()
