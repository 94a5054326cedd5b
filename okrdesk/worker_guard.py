"""A worker process dies with the program that started it, and then writes nothing.

A worker may be deep inside Graphviz (C code holding Python's lock) when its caller goes, so
there are three guards:

- on Linux the kernel kills the worker the moment its parent process ends (a parent-death
  signal); a worker forked from the fork server has that server as its parent, and the server
  ends with its own caller (fork_server_guard.py);
- on every system a watchdog thread ends the worker as soon as its lifeline closes: a pipe the
  caller holds and never writes to, closed by the system when the caller ends, however it ends;
- before writing a file the worker calls `stop_if_caller_gone()`.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
EXIT_CALLER_GONE = 1

_lifeline: Connection | None = None


def run_guarded(serve: Callable[..., None], lifeline: Connection, connection: Connection,
                *args: Any) -> None:
    """Worker process entry: set the guards up, then run `serve(connection, *args)`."""
    global _lifeline
    # Ctrl-C reaches the whole process group: the caller handles it and stops this worker
    # (a worker forked from the caller would otherwise inherit its handler).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _no_core_dump()
    die_with_parent()
    _lifeline = lifeline
    stop_if_caller_gone()  # the caller may have gone while this process started
    threading.Thread(target=_watch, args=(lifeline,), name="okrdesk-caller-watch",
                     daemon=True).start()
    serve(connection, *args)


def caller_gone() -> bool:
    """True in a worker whose caller has ended (its lifeline reads as closed)."""
    try:
        return _lifeline is not None and _lifeline.poll(0)
    except (OSError, ValueError):
        return True


def stop_if_caller_gone() -> None:
    """End this worker at once, writing nothing more, if its caller has ended."""
    if caller_gone():
        os._exit(EXIT_CALLER_GONE)


def die_with_parent() -> None:
    """On Linux, have the kernel kill this process when its parent process ends."""
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _watch(lifeline: Connection) -> None:
    with contextlib.suppress(OSError, ValueError):
        lifeline.poll(None)  # returns once the caller's end is closed: the caller has ended
    os._exit(EXIT_CALLER_GONE)


def _no_core_dump() -> None:
    """A crash inside Graphviz ends the worker at once: writing a core dump (through a crash
    reporter, on many desktops) would keep the dying process around for seconds."""
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_CORE)
        resource.setrlimit(resource.RLIMIT_CORE, (0, hard))
    _prctl(PR_SET_DUMPABLE, 0)  # also covers core dumps piped to a crash reporter


def _prctl(option: int, value: int) -> None:
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(ctypes.c_int(option), ctypes.c_ulong(value), ctypes.c_ulong(0),
                                ctypes.c_ulong(0), ctypes.c_ulong(0))
