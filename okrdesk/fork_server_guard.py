"""Imported by the workers' fork server as it starts (processes.PRELOAD): the server ends when
the program that started it ends, and on Linux its workers go with it (worker_guard.py).

The server is started by whichever thread first needs a worker, and a parent-death signal
follows that thread rather than the program, so the server watches its parent process instead.
Imported anywhere else, this module does nothing.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from multiprocessing import forkserver

CHECK_S = 0.1


def in_fork_server() -> bool:
    """True while the multiprocessing fork server is starting in this process."""
    frame = sys._getframe()
    while frame is not None:
        if frame.f_code is forkserver.main.__code__:
            return True
        frame = frame.f_back  # type: ignore[assignment]
    return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(CHECK_S)
    os._exit(0)


if in_fork_server():
    threading.Thread(target=_watch_parent, args=(os.getppid(),), name="okrdesk-parent-watch",
                     daemon=True).start()
