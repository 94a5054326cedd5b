"""A lock file beside an open plan, so a second window or process opens it read-only.

The operating system holds the lock (filelock: `flock` on Unix, `LockFileEx` on Windows) and
frees it when the process ends, however it ends, so a crash never leaves a plan locked.
"""

from __future__ import annotations

import contextlib
from pathlib import Path


def lock_path(plan_path: Path) -> Path:
    return plan_path.with_name(plan_path.name + ".lock")


class PlanLock:
    """Held while a plan is open for writing."""

    def __init__(self, plan_path: Path) -> None:
        from filelock import FileLock  # here: a program that only reads plans never needs it

        self.path = lock_path(plan_path)
        self._lock = FileLock(self.path, timeout=0, thread_local=False)

    def acquire(self) -> bool:
        """True if this holds the lock now, False if someone else does.

        Raises OSError when the lock file cannot be made (a read-only folder or medium).
        """
        from filelock import Timeout

        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            return False
        return True

    def release(self) -> None:
        if not self._lock.is_locked:
            return
        # Removed while still held, so no one locks a file about to vanish (a process that
        # opened it just before finds it unlinked once it gets the lock, and gives up).
        with contextlib.suppress(OSError):  # Windows removes it itself, after the release
            self.path.unlink(missing_ok=True)
        self._lock.release(force=True)


def held_elsewhere(plan_path: Path) -> bool:
    """Whether a writer holds the plan's lock now; creates no lock file where there is none."""
    path = lock_path(plan_path)
    if not path.exists():
        return False
    from filelock import FileLock, Timeout

    probe = FileLock(path, timeout=0, thread_local=False)
    try:
        probe.acquire(timeout=0)
    except Timeout:
        return True
    except OSError:  # cannot be opened for writing (a read-only medium): no writer there
        return False
    probe.release(force=True)
    return False
