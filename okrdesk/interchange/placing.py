"""Writing a new plan file whole or not at all: built aside, then renamed into place."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from okrdesk.errors import PlanFileError
from okrdesk.storage.lock import PlanLock, lock_path

SIDE_FILES = ("-wal", "-shm", "-journal", ".creating")


def write_plan_file(target: Path, build: Callable[[Path], None], *,
                    overwrite: bool = False) -> Path:
    """Call `build(temporary)` to make a closed plan file, then move it to `target`.

    An existing `target` is replaced only with `overwrite`, and never while it is open for
    writing elsewhere. If `build` fails, nothing is left behind and `target` is untouched.
    """
    if target.is_dir():
        raise PlanFileError(target, "is a folder; give a file name for the plan")
    if target.exists() and not overwrite:
        raise PlanFileError(target, "already exists; choose another name or allow replacing it")
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".building")
    remove_plan_file(temporary)
    try:
        build(temporary)
        _move_into_place(temporary, target)
    finally:
        remove_plan_file(temporary)
    return target


def remove_plan_file(path: Path) -> None:
    """Delete a plan file and whatever SQLite or OKR Desk keeps beside it."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    lock_path(path).unlink(missing_ok=True)
    for suffix in SIDE_FILES:
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _move_into_place(temporary: Path, target: Path) -> None:
    if not target.exists():
        temporary.replace(target)
        return
    lock = PlanLock(target)
    if not lock.acquire():
        raise PlanFileError(target, "is open in another window or program; close it first")
    try:
        for suffix in ("-wal", "-shm"):  # an old write-ahead log must not meet the new file
            target.with_name(target.name + suffix).unlink(missing_ok=True)
        temporary.replace(target)
    finally:
        lock.release()
