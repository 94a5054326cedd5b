"""Running one function in a worker process, so that a crash or hang there (Graphviz is C code)
never takes the calling program down, and the caller can cancel it at any moment.

Workers are forked from a fork server that imports the heavy modules once, so only the first
worker of a program pays for starting Python; later ones start in milliseconds. A frozen
(bundled) program, or a system without a fork server, starts each worker with `spawn` instead.
A program that starts one worker and ends (`okrdesk map`) forks it from itself on Linux
(`forking_here`): a fork server would be a second Python importing everything again.

A worker dies with the program that started it (worker_guard.py): killed or not, the caller
leaves no worker behind, and a worker whose caller is gone writes nothing.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection, wait
from typing import Any

from okrdesk import worker_guard

POLL_S = 0.05  # how often a worker that can be cancelled is looked at
EXIT_GRACE_S = 1.0  # a worker that closed its pipe without a word has this long to end
# The caller's main module is not preloaded: the desktop app's would load Qt into every worker.
PRELOAD = ["okrdesk.fork_server_guard", "okrdesk.maps.worker"]


class WorkerError(Exception):
    """The worker gave no answer; subclasses say why. Callers turn it into their own message."""


class WorkerNotStarted(WorkerError):
    pass


class WorkerCancelled(WorkerError):
    pass


class WorkerTimedOut(WorkerError):
    pass


class WorkerDied(WorkerError):
    """The worker ended without answering; the message says how (exit code or signal)."""


_fork_here = threading.local()


@contextmanager
def forking_here() -> Iterator[None]:
    """Workers started inside the block by this thread are forked from this process itself
    (on Linux, when no other thread runs: forking then copies no lock another thread holds).
    For a short-lived program without Qt that starts one worker; the worker still runs in a
    process of its own, so a crash there is caught as before."""
    before = getattr(_fork_here, "on", False)
    _fork_here.on = True
    try:
        yield
    finally:
        _fork_here.on = before


def worker_context() -> Any:
    """The multiprocessing context that starts workers."""
    if (getattr(_fork_here, "on", False) and sys.platform.startswith("linux")
            and threading.active_count() == 1):
        return multiprocessing.get_context("fork")
    if getattr(sys, "frozen", False) or "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)  # no effect once the server runs
    return context


def call_in_worker(serve: Callable[..., None], *args: Any, timeout_s: float, name: str,
                   cancel: threading.Event | None = None) -> Any:
    """Run `serve(connection, *args)` in a worker process and return what it sends back.

    Raises WorkerCancelled soon after `cancel` is set, WorkerTimedOut after `timeout_s`, and
    WorkerDied if the worker ends without an answer; the worker is stopped in every case.
    """
    context = worker_context()
    receiver, sender = context.Pipe(duplex=False)
    # Never written to: the worker sees it close when this process ends, however it ends.
    lifeline, lifeline_end = context.Pipe(duplex=False)
    process = context.Process(target=worker_guard.run_guarded, daemon=True, name=name,
                              args=(serve, lifeline, sender, *args))
    try:
        process.start()
    except (OSError, EOFError, RuntimeError) as error:
        receiver.close()
        lifeline_end.close()
        raise WorkerNotStarted(str(error)) from None
    finally:
        sender.close()
        lifeline.close()
    try:
        return _await(receiver, process, time.monotonic() + timeout_s, cancel)
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join()
        lifeline_end.close()


def _await(receiver: Connection, process: Any, deadline: float,
           cancel: threading.Event | None) -> Any:
    while True:
        if cancel is not None and cancel.is_set():
            process.kill()
            raise WorkerCancelled("cancelled")
        left = deadline - time.monotonic()
        if left <= 0:
            process.kill()
            raise WorkerTimedOut("took too long")
        ready = wait([receiver, process.sentinel],
                     timeout=left if cancel is None else min(left, POLL_S))
        # A reply sent just before the worker ended is still in the pipe: read it first. Once
        # the worker has ended, the pipe stays readable (at its end), so this never spins.
        if receiver in ready or (process.sentinel in ready and receiver.poll(0)):
            try:
                return receiver.recv()
            except EOFError:
                break  # the worker closed its end without a word: it is ending
        elif process.sentinel in ready:
            break
    process.join(EXIT_GRACE_S)
    if process.exitcode is None:
        process.kill()
        process.join()
        raise WorkerDied("it stopped answering")
    raise WorkerDied(_how(process.exitcode))


def _how(exitcode: int) -> str:
    if exitcode < 0:
        try:
            return f"stopped by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"stopped by signal {-exitcode}"
    return f"exit code {exitcode}"
