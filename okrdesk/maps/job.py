"""What the map worker process is given, and its entry point.

This module is all the calling program needs to start a worker, so it stays light: the heavy
part (the plan, the analytics, Graphviz) is imported by the worker itself, in its own process.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection

from okrdesk.maps.request import MapRequest

# For tests of the supervision: the worker crashes ("abort", "segfault", "exit") or stalls
# ("hang") before drawing. Read by the calling program, so a worker started later sees it too.
FAULT_VARIABLE = "OKRDESK_MAP_WORKER_FAULT"
PR_SET_DUMPABLE = 4
WORKER_NAME = "okrdesk-map-worker"


@dataclass(frozen=True)
class Job:
    plan_path: str
    request: MapRequest
    out_path: str
    fault: str = ""


def serve(connection: Connection, job: Job) -> None:
    """Worker process entry: do the job and send back a MapResult or the error's parts."""
    _no_core_dump()
    _fault(job.fault)
    from okrdesk.maps.worker import reply_for

    connection.send(reply_for(job))
    connection.close()


def _no_core_dump() -> None:
    """A crash inside Graphviz ends the worker at once: writing a core dump (through a crash
    reporter, on many desktops) would keep the dying process around for seconds."""
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_CORE)
        resource.setrlimit(resource.RLIMIT_CORE, (0, hard))
    if sys.platform.startswith("linux"):  # also covers core dumps piped to a crash reporter
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def _fault(fault: str) -> None:
    if fault == "abort":
        os.abort()
    if fault == "segfault":
        ctypes.string_at(0)
    if fault == "exit":
        os._exit(3)
    if fault == "hang":
        time.sleep(3600)
