"""A lock file beside an open plan, so a second window or process opens it read-only."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(stream: IO[str]) -> bool:
        try:
            msvcrt.locking(stream.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(stream: IO[str]) -> bool:
        try:
            fcntl.flock(stream.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True


def lock_path(plan_path: Path) -> Path:
    return plan_path.with_name(plan_path.name + ".lock")


class PlanLock:
    """Held while a plan is open for writing; the operating system frees it if the process dies."""

    def __init__(self, plan_path: Path) -> None:
        self.path = lock_path(plan_path)
        self._stream: IO[str] | None = None

    def acquire(self) -> bool:
        stream = self.path.open("a+", encoding="utf-8")
        if not _try_lock(stream):
            stream.close()
            return False
        stream.seek(0)
        stream.truncate()
        stream.write(f"{os.getpid()}\n")
        stream.flush()
        self._stream = stream
        return True

    def release(self) -> None:
        if self._stream is None:
            return
        self.path.unlink(missing_ok=True)  # while still held, so no one locks a doomed file
        self._stream.close()
        self._stream = None
