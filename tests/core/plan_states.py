"""Plan files in the states a crash, a full disk or a hand edit leave them in, made for real."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import struct
from pathlib import Path

from okrdesk.storage import Plan

WAL_HEADER, FRAME_HEADER = 32, 24


def folder_state(folder: Path) -> dict[str, str]:
    """Every file in `folder` with a digest of its bytes."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


def plan_with_levels(path: Path, count: int = 3) -> Path:
    with Plan.create(path) as plan, plan.change("Add levels") as tx:
        for rank in range(count):
            tx.insert("levels", rank=rank, name=f"Level {rank}")
    return path


def level_names(plan: Plan) -> list[str]:
    with plan.read() as connection:
        return list(connection.exec_driver_sql(
            "SELECT name FROM levels ORDER BY rank").scalars())


def killed_while_writing(path: Path, copy_to: Path, extra_levels: int = 200) -> Path:
    """The plan and its log as a kill -9 leaves them: work committed to the log, none of it
    moved into the file yet. Returns the plan in `copy_to`."""
    plan_with_levels(path)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA wal_autocheckpoint = 0")
    connection.execute("BEGIN")
    for rank in range(3, 3 + extra_levels):
        connection.execute("INSERT INTO levels (id, rank, name, created_at, updated_at) "
                           "VALUES (?, ?, ?, 't', 't')", (f"extra-{rank}", rank,
                                                         f"Level {rank} " + "x" * 400))
    connection.execute("COMMIT")
    copy_to.mkdir(parents=True, exist_ok=True)
    target = copy_to / path.name
    for suffix in ("", "-wal"):  # what is on disk at the moment of the kill
        shutil.copyfile(f"{path}{suffix}", f"{target}{suffix}")
    connection.close()
    return target


def checkpoint_cut_short(path: Path) -> None:
    """Copy the log's newest page 1 into the file, as a checkpoint killed after its first page
    does: the file's header then counts pages that exist only in the log."""
    log = Path(f"{path}-wal").read_bytes()
    page_size = struct.unpack(">I", log[8:12])[0]
    newest = None
    offset = WAL_HEADER
    while offset + FRAME_HEADER + page_size <= len(log):
        if struct.unpack(">I", log[offset:offset + 4])[0] == 1:
            newest = log[offset + FRAME_HEADER: offset + FRAME_HEADER + page_size]
        offset += FRAME_HEADER + page_size
    assert newest is not None
    with path.open("r+b") as stream:
        stream.write(newest)


def in_rollback_mode(path: Path) -> Path:
    """A plan switched back to SQLite's older rollback journal (as a database tool may)."""
    plan_with_levels(path)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.close()
    return path
