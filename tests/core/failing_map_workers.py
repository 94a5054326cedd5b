"""Map worker entries that fail the ways Graphviz can (crash, early exit, hang), for tests of the
supervision: `render_map(..., worker=aborting)`. They run in the worker process."""

from __future__ import annotations

import ctypes
import os
import time
from multiprocessing.connection import Connection

from okrdesk.maps.job import Job


def aborting(_connection: Connection, _job: Job) -> None:
    os.abort()


def segfaulting(_connection: Connection, _job: Job) -> None:
    ctypes.string_at(0)


def exiting(_connection: Connection, _job: Job) -> None:
    os._exit(3)


def hanging(_connection: Connection, _job: Job) -> None:
    time.sleep(3600)
