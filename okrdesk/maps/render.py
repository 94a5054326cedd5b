"""Drawing a map in a worker process with a time limit.

Graphviz is C code: on very large or unusual graphs it can abort or run for a long time. The
worker (worker.py) runs in a separate process started with `spawn`; a crash or a hang there
becomes a MapRenderError here, and the calling program carries on.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any

from okrdesk import errors
from okrdesk.maps import errors as map_errors
from okrdesk.maps.errors import MapRenderError
from okrdesk.maps.request import MapRequest, MapResult
from okrdesk.maps.worker import Job, serve

ADVICE = ("The plan is unharmed. Try a smaller map (one objective's tree, a range of levels or "
          "one function) or a larger page.")


def render_map(plan_path: Path, request: MapRequest, out_path: Path, *,
               timeout_s: float = 60) -> MapResult:
    """Draw the map `request` asks for from the plan at `plan_path` into `out_path`.

    PDF output holds every page; SVG and PNG maps of several pages are written as NAME-1.svg,
    NAME-2.svg... Raises an OkrDeskError subclass with a message for a planner: MapRequestError
    or NotFoundError for a request that does not fit the plan, PlanFileError for a bad plan
    file, MapRenderError if Graphviz crashed, hung past `timeout_s` or the file cannot be
    written.
    """
    request = request.checked(Path(out_path))
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    job = Job(str(plan_path), request, str(out_path))
    process = context.Process(target=serve, args=(sender, job), daemon=True,
                              name="okrdesk-map-worker")
    process.start()
    sender.close()
    try:
        reply = _await(receiver, process, timeout_s)
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join()
    return _result(reply, Path(plan_path))


def _await(receiver: Any, process: Any, timeout_s: float) -> dict[str, Any]:
    deadline = time.monotonic() + timeout_s
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            process.kill()
            raise MapRenderError(f"Drawing the map took longer than {timeout_s:g} seconds and "
                                 f"was stopped. {ADVICE}")
        ready = wait([receiver, process.sentinel], timeout=left)
        if not ready:
            continue
        if receiver in ready or receiver.poll(0):
            try:
                reply: dict[str, Any] = receiver.recv()
                return reply
            except EOFError:
                pass  # the worker ended without a word
        process.join(5)
        raise MapRenderError(f"Graphviz crashed while drawing the map "
                             f"({_how(process.exitcode)}). {ADVICE}")


def _how(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
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
