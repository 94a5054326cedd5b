"""Every file the program writes appears whole or not at all, and never through a trap.

Each write goes to a fresh temporary beside the target, created exclusively (a symlink or a
file already at that name is never followed nor reused), named `.TARGET.XXXXXXXX.tmp` so a
leftover after a hard kill is recognisable, and renamed onto the target only when complete.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import struct
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from okrdesk.errors import OkrDeskError
from okrdesk.formats import APPLICATION_ID, SQLITE_MAGIC

TEMPORARY_SUFFIX = ".tmp"
# What SQLite and OKR Desk keep beside a database file while it is open.
COMPANIONS = ("-wal", "-shm", "-journal", ".lock")
# Also removed after a failed build: where Plan.create makes a plan before moving it in place.
_LEFTOVERS = (*COMPANIONS, ".creating")
_APPLICATION_ID_AT = 68
_LONGEST_NAME = 255 - len(".") - len(".XXXXXXXX") - len(TEMPORARY_SUFFIX)


class UnsafeOutputError(OkrDeskError):
    """An output file name that would destroy something: a plan, its companions, the input."""


def _umask() -> int:
    """The process's umask, read without changing it where the system tells it."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_NEW_FILE_MODE = 0o666 & ~_umask()


@contextmanager
def atomic_write(path: Path, *, binary: bool = True,
                 encoding: str = "utf-8") -> Iterator[IO[Any]]:
    """A file open on a new temporary beside `path`, renamed onto `path` when the block ends.

    On success the data is flushed and synced, renamed over `path` and the folder synced. On
    any exception, KeyboardInterrupt included, the temporary is removed and `path` is left as
    it was. Text mode writes `encoding` with newlines as "\\n".
    """
    path = Path(path)
    temporary: Path | None = None
    try:
        with _interrupts_held():  # a Ctrl-C now would lose track of the new file
            descriptor, name = _new_temporary(path)
            temporary = Path(name)
            stream: IO[Any] = (os.fdopen(descriptor, "wb") if binary else
                               os.fdopen(descriptor, "w", encoding=encoding, newline="\n"))
        with stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        _settle(temporary, path)
    except BaseException:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_path(path: Path, *, replace: bool = True) -> Iterator[Path]:
    """A new empty temporary file beside `path`, for tools that write by file name (SQLite,
    Graphviz); renamed onto `path` when the block ends.

    Close every connection to the temporary before the block ends: a database whose
    write-ahead log is still open is not complete. With `replace=False` an existing `path`
    is never replaced, even one that appears meanwhile: FileExistsError instead. On failure,
    KeyboardInterrupt included, the temporary and its companions (-wal, -shm, -journal, .lock)
    are removed.
    """
    path = Path(path)
    temporary: Path | None = None
    try:
        with _interrupts_held():
            descriptor, name = _new_temporary(path)
            temporary = Path(name)
            os.close(descriptor)
        yield temporary
        _refuse_open_log(temporary, path)
        _sync_file(temporary)
        _settle(temporary, path, replace=replace)
    except BaseException:
        if temporary is not None:
            remove_with_companions(temporary)
        raise
    remove_companions(temporary)


def atomic_copy(source: Path, target: Path) -> None:
    """Copy `source` to `target`: a whole copy under `target`'s name, or nothing new there."""
    with atomic_path(Path(target)) as temporary:
        shutil.copyfile(source, temporary)
        shutil.copystat(source, temporary)


def refuse_unsafe_output(target: Path, *, sources: Sequence[Path] = (),
                         plan_expected: bool = False) -> None:
    """Raise UnsafeOutputError if writing `target` would destroy something worth keeping.

    Refused: a folder, one of `sources` (the files the output is made from), any SQLite
    database (plans above all) unless the output is a plan replacing one (`plan_expected`),
    and the lock, -wal, -shm or -journal beside a database.
    """
    target = Path(target)
    if target.is_dir():
        raise UnsafeOutputError(f"{target}: is a folder; give a file name to write")
    for source in sources:
        if _same_file(target, Path(source)):
            raise UnsafeOutputError(
                f"{target.name}: is the input file itself; writing there would destroy "
                "it. Choose another output name")
    kind = _database_kind(target)
    if kind and not plan_expected:
        raise UnsafeOutputError(f"{target.name}: is {kind}; it is never replaced by an "
                                "output file. Choose another name")
    for suffix in COMPANIONS:
        if target.name.endswith(suffix) and len(target.name) > len(suffix):
            owner = target.with_name(target.name[: -len(suffix)])
            if _database_kind(owner) or any(_same_file(owner, Path(s)) for s in sources):
                raise UnsafeOutputError(
                    f"{target.name}: belongs to {owner.name} (SQLite and OKR Desk keep it "
                    "beside the plan); choose another output name")


def remove_companions(path: Path) -> None:
    """Delete what SQLite and OKR Desk keep beside the database file `path`."""
    for suffix in _LEFTOVERS:
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def remove_with_companions(path: Path) -> None:
    """Delete a database file and its companions (a failed or abandoned build)."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    remove_companions(path)


def is_temporary_of(candidate: Path, target: Path) -> bool:
    """Whether `candidate` is named like a temporary of `target` (a leftover of a hard kill)."""
    name = candidate.name
    return (name.startswith(f".{_stem_for(target)}.") and name.endswith(TEMPORARY_SUFFIX))


@contextmanager
def _interrupts_held() -> Iterator[None]:
    """Ctrl-C (and a polite kill) wait until the block ends, so that a temporary is never
    created without its name being recorded for the clean-up."""
    if not hasattr(signal, "pthread_sigmask") or (
            threading.current_thread() is not threading.main_thread()):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _new_temporary(path: Path) -> tuple[int, str]:
    # mkstemp creates with O_EXCL (and O_NOFOLLOW where there is one): never an existing file.
    return tempfile.mkstemp(prefix=f".{_stem_for(path)}.", suffix=TEMPORARY_SUFFIX,
                            dir=path.parent if str(path.parent) else ".")


def _stem_for(path: Path) -> str:
    name = path.name
    while len(name.encode("utf-8", "surrogateescape")) > _LONGEST_NAME:
        name = name[:-1]
    return name


def _settle(temporary: Path, path: Path, *, replace: bool = True) -> None:
    """The temporary gets the permissions a new file would, takes `path`'s name, and the
    folder records the rename."""
    os.chmod(temporary, _NEW_FILE_MODE)
    if replace:
        os.replace(temporary, path)
    else:
        os.link(temporary, path, follow_symlinks=False)  # fails if `path` exists by now
        temporary.unlink()
    _sync_folder(path.parent)


def _sync_file(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _sync_folder(folder: Path) -> None:
    if sys.platform == "win32":  # pragma: no cover - folders cannot be opened there
        return
    descriptor = os.open(folder if str(folder) else ".", os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _refuse_open_log(temporary: Path, path: Path) -> None:
    log = temporary.with_name(temporary.name + "-wal")
    if log.exists() and log.stat().st_size > 0:
        raise OkrDeskError(f"{path.name}: was still open while being written; nothing was "
                           "replaced")


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return one.resolve() == other.resolve()


def _database_kind(path: Path) -> str:
    """'an OKR Desk plan', 'an SQLite database' or '' (not a database, or no such file)."""
    try:
        with path.open("rb") as stream:
            head = stream.read(_APPLICATION_ID_AT + 4)
    except OSError:
        return ""
    if not head.startswith(SQLITE_MAGIC):
        return ""
    if len(head) == _APPLICATION_ID_AT + 4 and (
            struct.unpack(">I", head[_APPLICATION_ID_AT:])[0] == APPLICATION_ID):
        return "an OKR Desk plan"
    return "an SQLite database, perhaps a plan"
