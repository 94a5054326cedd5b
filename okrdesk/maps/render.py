"""Drawing a map in a worker process with a time limit, and a way to cancel it.

Graphviz is C code: on very large or unusual graphs it can abort or run for a long time. The
worker (job.py, worker.py) runs in a process of its own (okrdesk/processes.py); a crash or a
hang there becomes a MapRenderError here, and the calling program carries on.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from okrdesk import atomic, errors
from okrdesk.atomic import refuse_unsafe_output
from okrdesk.maps import errors as map_errors
from okrdesk.maps.errors import MapCancelled, MapRenderError
from okrdesk.maps.job import WORKER_NAME, Job, serve
from okrdesk.maps.request import MapRequest, MapResult
from okrdesk.processes import (
    WorkerCancelled,
    WorkerDied,
    WorkerNotStarted,
    WorkerTimedOut,
    call_in_worker,
)

ADVICE = ("The plan is unharmed. Try a smaller map (one objective's tree, a range of levels or "
          "one function) or a larger page.")
CANCELLED = "Drawing the map was cancelled."


def render_map(plan_path: Path, request: MapRequest, out_path: Path, *,
               timeout_s: float = 60, cancel: threading.Event | None = None,
               worker: Callable[[Connection, Job], None] = serve) -> MapResult:
    """Draw the map `request` asks for from the plan at `plan_path` into `out_path`.

    PDF output holds every page; SVG and PNG maps of several pages are written as NAME-1.svg,
    NAME-2.svg... Raises an OkrDeskError subclass with a message for a planner: MapRequestError
    or NotFoundError for a request that does not fit the plan, PlanFileError for a bad plan
    file, MapRenderError if Graphviz crashed, hung past `timeout_s` or the file cannot be
    written, and MapCancelled (a MapRenderError) soon after `cancel` is set: the worker process
    is stopped, and no file is left half written. `worker` is the worker process's entry (tests
    pass one that crashes or hangs).
    """
    request = request.checked(Path(out_path))
    compared = (Path(request.compare),) if request.compare else ()  # never written over
    refuse_unsafe_output(Path(out_path), sources=(Path(plan_path), *compared))
    if cancel is not None and cancel.is_set():
        raise MapCancelled(CANCELLED)
    job = Job(str(plan_path), request, str(out_path))
    try:
        reply = call_in_worker(worker, job, timeout_s=timeout_s, name=WORKER_NAME, cancel=cancel)
    except WorkerCancelled:
        raise MapCancelled(CANCELLED) from None
    except WorkerTimedOut:
        raise MapRenderError(f"Drawing the map took longer than {timeout_s:g} seconds and "
                             f"was stopped. {ADVICE}") from None
    except WorkerNotStarted as error:
        raise MapRenderError(f"The map's worker process could not be started ({error}). "
                             "The plan is unharmed.") from None
    except WorkerDied as error:
        raise MapRenderError(
            f"Graphviz crashed while drawing the map ({error}). {ADVICE}") from None
    return _result(reply, Path(plan_path))


def _result(reply: dict[str, Any], plan_path: Path) -> MapResult:
    if "result" in reply:
        result: MapResult = reply["result"]
        return result
    name = reply.get("error", "")
    kind = (getattr(map_errors, name, None) or getattr(errors, name, None)
            or getattr(atomic, name, None))
    if isinstance(kind, type) and issubclass(kind, errors.PlanFileError):
        raise kind(plan_path, reply.get("problem", "cannot be read"))
    if isinstance(kind, type) and issubclass(kind, errors.OkrDeskError):
        raise kind(reply.get("message", ""))
    raise MapRenderError(reply.get("message", "The map could not be drawn."))
