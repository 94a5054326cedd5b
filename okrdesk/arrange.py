"""Arrange's layout: where Graphviz `dot` places each card of the canvas, one rank per lane.

Plain data in (LayoutInput), the x of each card's centre out; no Qt, so the worker process that
runs a large layout (okrdesk/processes.py) starts without loading the desktop app. Graphviz
keeps Python's interpreter lock for the whole layout, so a thread alone would freeze the window.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from okrdesk.errors import OkrDeskError

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

POINTS_PER_INCH = 72.0
TIME_LIMIT_S = 600.0
WORKER_NAME = "okrdesk-arrange-worker"

Centres = dict[str, float]
Cells = dict[str, tuple[int, int]]  # objective id: (column, row within its lane)


class ArrangeFailed(OkrDeskError):
    """Graphviz could not lay the canvas out; the plan is unchanged."""


class ArrangeCancelled(ArrangeFailed):
    """The layout was cancelled before it arrived."""


@dataclass(frozen=True)
class LayoutInput:
    """What `dot` needs, as plain data: safe to hand to another thread or process."""

    cards: tuple[tuple[str, float, float], ...]  # (objective id, width, height) in points
    lanes: tuple[tuple[str, ...], ...]  # objective ids per lane, the top lane first
    aligned: tuple[tuple[str, str], ...]  # (parent objective, aligned objective)
    contributes: tuple[tuple[str, str], ...]  # (target objective, contributing objective)
    gap: float = 34.0  # the least space between two cards side by side, in points


def lay_out(data: LayoutInput) -> Centres:
    """The x of each card's centre as `dot` places it (runs in any thread or process)."""
    import pygraphviz  # here: the desktop app imports this module to start, and lays out rarely

    graph = pygraphviz.AGraph(directed=True, strict=False, rankdir="TB", newrank="true",
                              nodesep=str(data.gap / POINTS_PER_INCH), ranksep="1.0")
    graph.node_attr.update(shape="box", fixedsize="true", label="")
    for index in range(len(data.lanes)):
        graph.add_node(f"lane:{index}", style="invis", width="0.01", height="0.01")
        if index:
            graph.add_edge(f"lane:{index - 1}", f"lane:{index}", style="invis", weight="0")
    for objective_id, width, height in data.cards:
        graph.add_node(objective_id, width=str(width / POINTS_PER_INCH),
                       height=str(height / POINTS_PER_INCH))
    for index, members in enumerate(data.lanes):
        graph.add_subgraph([f"lane:{index}", *members], name=f"lane_{index}", rank="same")
    for parent, child in data.aligned:
        graph.add_edge(parent, child, weight="4")
    for target, source in data.contributes:
        graph.add_edge(target, source, weight="1", constraint="false")
    graph.layout(prog="dot")
    return {objective_id: float(str(graph.get_node(objective_id).attr["pos"]).split(",")[0])
            for objective_id, _, _ in data.cards}


def fold(lanes: tuple[tuple[str, ...], ...], centres: Centres, columns: int) -> Cells:
    """`dot`'s one long row per lane, folded into at most `columns` columns: each lane keeps
    the left-to-right order `dot` gave it, and a card takes the column its share of the
    width points to (so it stays under its parent, roughly), stacking cards in rows where
    a lane holds more cards than there are columns."""
    placed = [centres[i] for members in lanes for i in members if i in centres]
    if not placed:
        return {}
    left, width = min(placed), max(max(placed) - min(placed), 1.0)
    columns = max(columns, 1)
    cells: Cells = {}
    for members in lanes:
        ordered = sorted((i for i in members if i in centres), key=lambda i: (centres[i], i))
        depth = max(1, math.ceil(len(ordered) / columns))
        column, used = 0, 0
        for index, objective_id in enumerate(ordered):
            latest = columns - math.ceil((len(ordered) - index) / depth)  # the rest still fit
            wanted = min(int((centres[objective_id] - left) / width * columns), latest)
            if used >= depth:
                column, used = column + 1, 0
            if wanted > column:
                column, used = wanted, 0
            cells[objective_id] = (column, used)
            used += 1
    return cells


def lay_out_in_worker(data: LayoutInput, cancel: threading.Event,
                      time_limit_s: float = TIME_LIMIT_S) -> Centres:
    """`lay_out` in a process of its own; stopped soon after `cancel` is set."""
    from okrdesk.processes import (  # here, as pygraphviz above: only Arrange needs a worker
        WorkerCancelled,
        WorkerDied,
        WorkerNotStarted,
        WorkerTimedOut,
        call_in_worker,
    )

    try:
        reply: dict[str, Any] = call_in_worker(serve, data, timeout_s=time_limit_s,
                                               name=WORKER_NAME, cancel=cancel)
    except WorkerCancelled:
        raise ArrangeCancelled("Arrange was cancelled; nothing was moved.") from None
    except WorkerTimedOut:
        raise ArrangeFailed("Graphviz took too long to arrange the canvas and was "
                            "stopped; nothing was moved.") from None
    except WorkerNotStarted as error:
        raise ArrangeFailed(f"Arrange could not start its worker ({error}); "
                            "nothing was moved.") from None
    except WorkerDied as error:
        raise ArrangeFailed(f"Graphviz stopped while arranging the canvas ({error}); "
                            "nothing was moved.") from None
    if "error" in reply:
        raise ArrangeFailed(f"Graphviz could not arrange the canvas ({reply['error']}); "
                            "nothing was moved.")
    centres: Centres = reply["centres"]
    return centres


def serve(connection: Connection, data: LayoutInput) -> None:
    """Worker process entry: lay out and send the centres back, or what went wrong."""
    try:
        reply: dict[str, Any] = {"centres": lay_out(data)}
    except Exception as error:  # anything Graphviz raises goes back as a message
        reply = {"error": str(error) or type(error).__name__}
    connection.send(reply)
    connection.close()
