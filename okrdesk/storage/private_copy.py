"""A private copy of a plan file and its logs, for reading it without touching it.

SQLite keeps committed work in a log beside the plan (`NAME-wal`, or `NAME-journal` for an
unfinished transaction of the older rollback mode) until it moves it into the file itself. A
plan is what the file and its log say together. Reading such a pair in place would let SQLite
finish that work in the user's file and leave index files beside it; a copy in a private
temporary folder is read exactly as SQLite would read the original, and the original stays
byte for byte as it is.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path

LOGS = ("-wal", "-journal")


def side_file(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def pending_logs(path: Path) -> list[str]:
    """The suffixes of the non-empty logs beside `path` (work SQLite may still have to apply)."""
    found = []
    for suffix in LOGS:
        try:
            if side_file(path, suffix).stat().st_size > 0:
                found.append(suffix)
        except OSError:
            continue
    return found


def file_digest(path: Path) -> bytes:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "blake2b").digest()


class PrivateCopy:
    """The plan file and its pending logs, copied into a temporary folder of its own."""

    def __init__(self, original: Path) -> None:
        self.original = original
        self.folder = Path(tempfile.mkdtemp(prefix="okrdesk-read-"))
        self.path = self.folder / "plan.okr"
        self.logs = pending_logs(original)
        try:
            shutil.copyfile(original, self.path)
            for suffix in self.logs:
                shutil.copyfile(side_file(original, suffix), side_file(self.path, suffix))
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
