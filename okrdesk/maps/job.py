"""What the map worker process is given, and its entry point.

This module is all the calling program needs to start a worker, so it stays light: the heavy
part (the plan, the analytics, Graphviz) is imported by the worker itself, in its own process.
"""

from __future__ import annotations

from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from okrdesk.maps.request import MapRequest

WORKER_NAME = "okrdesk-map-worker"


@dataclass(frozen=True)
class Job:
    plan_path: str
    request: MapRequest
    out_path: str


def serve(connection: Connection, job: Job) -> None:
    """Worker process entry: do the job and send back a MapResult or the error's parts."""
    from okrdesk.maps.worker import reply_for  # in the worker only: keeps the caller light

    connection.send(reply_for(Path(job.plan_path), job.request, Path(job.out_path)))
    connection.close()
