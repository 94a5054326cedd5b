"""The map worker: loads the plan, lays out and draws every page, writes the files.

It runs in a process of its own (see render.py and job.py), so that a crash or a hang inside
Graphviz ends this process, not the program that asked for the map.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from okrdesk.errors import OkrDeskError, PlanFileError
from okrdesk.maps.book import draw_book
from okrdesk.maps.dot import build_dot
from okrdesk.maps.errors import MapRenderError
from okrdesk.maps.highlight import highlight_for
from okrdesk.maps.output import remove_old_pages, write_map
from okrdesk.maps.picture import draw_picture
from okrdesk.maps.request import MapRequest, MapResult
from okrdesk.maps.view import select_view
from okrdesk.snapshot import Snapshot
from okrdesk.storage.reading import read_plan
from okrdesk.worker_guard import stop_if_caller_gone

__all__ = ["render_here", "reply_for"]
_NOISE = ("Fontconfig warning",)


def reply_for(plan_path: Path, request: MapRequest, out_path: Path) -> dict[str, Any]:
    """Draw the map: a MapResult, or the parts of the error to raise in the calling program."""
    try:
        return {"result": render_here(plan_path, request, out_path)}
    except PlanFileError as error:
        return {"error": type(error).__name__, "problem": error.problem}
    except OkrDeskError as error:
        return {"error": type(error).__name__, "message": str(error)}
    except MemoryError:
        return {"error": "MapRenderError",
                "message": "The map is too large to draw in the memory available."}


def render_here(plan_path: Path, request: MapRequest, out_path: Path) -> MapResult:
    """Draw the map in this process (the worker; tests call it to see inside)."""
    request = request.checked(out_path)
    with read_plan(plan_path) as plan:  # sqlite3 alone: this process never loads SQLAlchemy
        if plan.problems:  # a hand edit broke links the map would follow
            raise MapRenderError("The map cannot be drawn until these are mended: "
                                 + "; ".join(plan.problems) + ".")
        snapshot = Snapshot.load(plan.connection)
    view = select_view(snapshot, request)
    view.highlight = highlight_for(snapshot, view.cycle.id if view.cycle else None,
                                   request.compare, request.compare_cycle)
    if not view.objective_ids:
        raise MapRenderError("There is nothing to draw: no objectives match this map's cycle, "
                             "levels and function.")
    if request.format == "dot":
        stop_if_caller_gone()
        write_map(out_path, "dot", [build_dot(view).encode("utf-8")], plan_path=plan_path)
        return MapResult((out_path,), 1)
    fmt = request.format or "pdf"
    if request.single_picture:
        with _graphviz_messages() as messages:
            picture, notes = draw_picture(view, fmt, request.width)
        stop_if_caller_gone()
        files = write_map(out_path, fmt, [picture], plan_path=plan_path, single=True)
        return MapResult(tuple(files), 1, tuple(notes) + tuple(messages))
    with _graphviz_messages() as messages:
        book = draw_book(view, fmt)  # overview, detail pages, index
        drawn, warnings, count = book.pages, book.warnings, len(book.pages)
    stop_if_caller_gone()  # a map nobody waits for any more is not written
    files = write_map(out_path, fmt, drawn, plan_path=plan_path)
    if fmt != "pdf":
        warnings = [*warnings, *remove_old_pages(out_path, count, plan_path=plan_path)]
    return MapResult(tuple(files), count, tuple(warnings) + tuple(messages))


@contextmanager
def _graphviz_messages() -> Iterator[list[str]]:
    """Collect what Graphviz prints on the error stream (its warnings) while drawing."""
    messages: list[str] = []
    with tempfile.TemporaryFile() as capture:
        saved = os.dup(2)
        os.dup2(capture.fileno(), 2)
        try:
            yield messages
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            capture.seek(0)
            text = capture.read().decode("utf-8", "replace")
            seen: set[str] = set()
            for line in text.splitlines():
                line = line.strip()
                if line and line not in seen and not line.startswith(_NOISE):
                    seen.add(line)
                    messages.append(f"Graphviz: {line}")
