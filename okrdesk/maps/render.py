"""Drawing a map in a worker process with a time limit, and a way to cancel it.

Graphviz is C code: on very large or unusual graphs it can abort or run for a long time. The
worker (job.py, worker.py) runs in a process of its own; a crash or a hang there becomes a
MapRenderError here, and the calling program carries on.

Workers are forked from a fork server that has imported the worker's modules once, so only the
first map of a program pays for starting Python and importing SQLAlchemy, the analytics and
Graphviz; later maps start in milliseconds. A frozen (bundled) program, or a system without a
fork server, starts each worker with `spawn` instead.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any

from okrdesk import errors
from okrdesk.maps import errors as map_errors
from okrdesk.maps.errors import MapCancelled, MapRenderError
from okrdesk.maps.job import FAULT_VARIABLE, WORKER_NAME, Job, serve
from okrdesk.maps.request import MapRequest, MapResult

ADVICE = ("The plan is unharmed. Try a smaller map (one objective's tree, a range of levels or "
          "one function) or a larger page.")
CANCELLED = "Drawing the map was cancelled."
POLL_S = 0.05  # how often a render that can be cancelled looks at its flag
EXIT_GRACE_S = 1.0  # a worker that closed its pipe without a word has this long to end
PRELOAD = ["__main__", "okrdesk.maps.worker", "sqlalchemy.dialects.sqlite"]


def render_map(plan_path: Path, request: MapRequest, out_path: Path, *,
               timeout_s: float = 60, cancel: threading.Event | None = None) -> MapResult:
    """Draw the map `request` asks for from the plan at `plan_path` into `out_path`.

    PDF output holds every page; SVG and PNG maps of several pages are written as NAME-1.svg,
    NAME-2.svg... Raises an OkrDeskError subclass with a message for a planner: MapRequestError
    or NotFoundError for a request that does not fit the plan, PlanFileError for a bad plan
    file, MapRenderError if Graphviz crashed, hung past `timeout_s` or the file cannot be
    written, and MapCancelled (a MapRenderError) soon after `cancel` is set: the worker process
    is stopped, and no file is left half written.
    """
    request = request.checked(Path(out_path))
    if cancel is not None and cancel.is_set():
        raise MapCancelled(CANCELLED)
    deadline = time.monotonic() + timeout_s
    context = worker_context()
    receiver, sender = context.Pipe(duplex=False)
    job = Job(str(plan_path), request, str(out_path), os.environ.get(FAULT_VARIABLE, ""))
    process = context.Process(target=serve, args=(sender, job), daemon=True, name=WORKER_NAME)
    try:
        process.start()
    except (OSError, EOFError, RuntimeError) as error:
        receiver.close()
        raise MapRenderError(f"The map's worker process could not be started ({error}). "
                             "The plan is unharmed.") from None
    finally:
        sender.close()
    try:
        reply = _await(receiver, process, deadline, timeout_s, cancel)
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join()
    return _result(reply, Path(plan_path))


def worker_context() -> Any:
    """The multiprocessing context that starts map workers."""
    if getattr(sys, "frozen", False) or "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)  # no effect once the server runs
    return context


def _await(receiver: Any, process: Any, deadline: float, timeout_s: float,
           cancel: threading.Event | None) -> dict[str, Any]:
    """The worker's reply; an error as soon as it is cancelled, too slow, or dead."""
    while True:
        if cancel is not None and cancel.is_set():
            process.kill()
            raise MapCancelled(CANCELLED)
        left = deadline - time.monotonic()
        if left <= 0:
            process.kill()
            raise MapRenderError(f"Drawing the map took longer than {timeout_s:g} seconds and "
                                 f"was stopped. {ADVICE}")
        ready = wait([receiver, process.sentinel],
                     timeout=left if cancel is None else min(left, POLL_S))
        # A reply sent just before the worker ended is still in the pipe: read it first. Once
        # the worker has ended, the pipe stays readable (at its end), so this never spins.
        if receiver in ready or (process.sentinel in ready and receiver.poll(0)):
            try:
                reply: dict[str, Any] = receiver.recv()
                return reply
            except EOFError:
                break  # the worker closed its end without a word: it is ending
        elif process.sentinel in ready:
            break
    process.join(EXIT_GRACE_S)
    if process.exitcode is None:
        process.kill()
        process.join()
        how = "it stopped answering"
    else:
        how = _how(process.exitcode)
    raise MapRenderError(f"Graphviz crashed while drawing the map ({how}). {ADVICE}")


def _how(exitcode: int) -> str:
    if exitcode < 0:
        try:
            return f"stopped by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"stopped by signal {-exitcode}"
    return f"exit code {exitcode}"


def _result(reply: dict[str, Any], plan_path: Path) -> MapResult:
    if "result" in reply:
        result: MapResult = reply["result"]
        return result
    name = reply.get("error", "")
    kind = getattr(map_errors, name, None) or getattr(errors, name, None)
    if isinstance(kind, type) and issubclass(kind, errors.PlanFileError):
        raise kind(plan_path, reply.get("problem", "cannot be read"))
    if isinstance(kind, type) and issubclass(kind, errors.OkrDeskError):
        raise kind(reply.get("message", ""))
    raise MapRenderError(reply.get("message", "The map could not be drawn."))
