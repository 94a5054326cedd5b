"""Drawing a booklet's pages in two processes on a machine with two or more cores.

Every page's DOT is final before drawing starts (numbered, placed, its title set), so pages
can be drawn in any order: a process forked from the map worker draws every other page while
the worker draws the rest, and the results go back in page order. With one core, on a system
without `fork`, or for a small booklet (a fork costs more than it saves), the worker draws
every page itself. Should the helper fail in any way, the worker draws its pages too: a crash
inside Graphviz then ends the worker as it always did, and is reported as such.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from okrdesk.worker_guard import die_with_parent

T = TypeVar("T")
R = TypeVar("R")
ONE_PROCESS = ("OKRDESK_MAP_PROCESSES", "1")
# Less work than this (in the items' sizes: a page's DOT, about 0.35 s of drawing per MB) is
# drawn in well under 0.15 s: not worth a second process. The demo's pages hold about 0.13 MB;
# a poster of 500 objectives, on 11 pages, 1.5 MB.
MIN_WORK = 400_000


def cores() -> int:
    """Cores this process may run on, or 1 when OKRDESK_MAP_PROCESSES=1 asks for one process
    (to compare, or on a machine shared with other work)."""
    if os.environ.get(ONE_PROCESS[0]) == ONE_PROCESS[1]:
        return 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def in_two(items: Sequence[T], work: Callable[[T], R], size: Callable[[T], int]) -> list[R]:
    """`work` done on every item, results in the items' order; on two or more cores, and with
    items of a total `size` worth it, the odd-numbered items are done by a forked helper
    process at the same time."""
    if (len(items) < 2 or cores() < 2 or not sys.platform.startswith("linux")
            or sum(map(size, items)) < MIN_WORK):
        return [work(item) for item in items]
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the helper: draw, send, and end without running the worker's clean-up
        os.close(reader)
        status = 1
        try:
            die_with_parent()
            data = pickle.dumps([work(item) for item in items[1::2]])
            with os.fdopen(writer, "wb") as stream:
                stream.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(writer)
    try:
        mine = [work(item) for item in items[0::2]]
        theirs: list[R] | None = _collect(reader, pid)
    except BaseException:
        with contextlib.suppress(OSError):
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        raise
    if theirs is None or len(theirs) != len(items[1::2]):
        theirs = [work(item) for item in items[1::2]]
    results: list[R] = []
    for n in range(len(items)):
        results.append(mine[n // 2] if n % 2 == 0 else theirs[n // 2])
    return results


def _collect(reader: int, pid: int) -> list[Any] | None:
    """The helper's results, or None if it failed."""
    with os.fdopen(reader, "rb") as stream:
        data = stream.read()
    _, status = os.waitpid(pid, 0)
    if status != 0:
        return None
    try:
        results: list[Any] = pickle.loads(data)
    except (pickle.UnpicklingError, EOFError, ValueError):
        return None
    return results
