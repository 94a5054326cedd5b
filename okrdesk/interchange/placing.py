"""Writing a new plan file whole or not at all: built aside under a fresh name, then renamed
into place."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from okrdesk.atomic import atomic_path, refuse_unsafe_output, remove_with_companions
from okrdesk.errors import PlanFileError
from okrdesk.storage.lock import PlanLock

# Another import finishing at the same moment holds the lock for a few milliseconds only.
LOCK_PATIENCE_S = 2.0


def write_plan_file(target: Path, build: Callable[[Path], None], *,
                    overwrite: bool = False, sources: tuple[Path, ...] = ()) -> Path:
    """Call `build(temporary)` to make a closed plan file, then move it to `target`.

    `build` creates the plan at a fresh, unguessable name beside `target` that does not exist
    yet. An existing `target` is replaced only with `overwrite`, and never while it is open
    for writing elsewhere; without `overwrite`, a plan that appears at `target` meanwhile is
    kept and this one refused. The plan is never written over one of `sources` (the files
    it is made from) nor over what SQLite keeps beside a plan. If `build` fails or is
    interrupted, its file and everything SQLite kept beside it are removed and `target` is
    untouched.
    """
    if target.is_dir():
        raise PlanFileError(target, "is a folder; give a file name for the plan")
    if target.exists() and not overwrite:
        raise PlanFileError(target, "already exists; choose another name or allow replacing it")
    refuse_unsafe_output(target, sources=sources, plan_expected=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with ExitStack() as held, atomic_path(target, replace=overwrite) as temporary:
            temporary.unlink()  # the builder creates the plan itself, under this fresh name
            build(temporary)
            if overwrite:
                held.enter_context(_replacing(target))
    except FileExistsError:
        raise PlanFileError(target, "already exists (it appeared while this plan was "
                                    "being made); choose another name") from None
    return target


def copy_plan(source: Path, destination: Path) -> Path:
    """Copy the plan at `source` (open or not), whole and consistent, to `destination`.

    SQLite's backup reads one consistent state of the plan, committed changes still in its
    write-ahead log included; the copy is a single file. An existing `destination` is
    replaced (never while open elsewhere), but never the plan itself nor its companions.
    """
    source, destination = Path(source), Path(destination)
    if destination.exists() and os.path.samefile(source, destination):
        raise PlanFileError(destination, "is the plan that is open; choose another name")
    # A URI, quoted: '#', '?' and '%' in a file name are not read as parts of the address.
    address = source.resolve().as_uri() + "?mode=ro"

    def build(temporary: Path) -> None:
        reading = sqlite3.connect(address, uri=True)
        try:
            writing = sqlite3.connect(temporary)  # a plain file name: nothing in it is parsed
            try:
                reading.backup(writing)
                writing.execute("PRAGMA journal_mode=DELETE")
            finally:
                writing.close()
        finally:
            reading.close()

    try:
        return write_plan_file(destination, build, overwrite=True, sources=(source,))
    except sqlite3.Error as error:
        raise PlanFileError(destination, f"could not be written ({error})") from None
    except OSError as error:
        raise PlanFileError(destination,
                            f"could not be written ({error.strerror or error})") from None


def remove_plan_file(path: Path) -> None:
    """Delete a plan file and whatever SQLite or OKR Desk keeps beside it."""
    remove_with_companions(path)


@contextmanager
def _replacing(target: Path) -> Iterator[None]:
    """Hold `target`'s lock while it is replaced, and clear its old write-ahead log."""
    if not target.exists():
        yield
        return
    lock = PlanLock(target)
    deadline = time.monotonic() + LOCK_PATIENCE_S
    while not lock.acquire():
        if time.monotonic() > deadline:
            raise PlanFileError(target, "is open in another window or program; close it first")
        time.sleep(0.02)
    try:
        for suffix in ("-wal", "-shm"):  # an old write-ahead log must not meet the new file
            target.with_name(target.name + suffix).unlink(missing_ok=True)
        yield
    finally:
        lock.release()
