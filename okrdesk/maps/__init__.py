"""Alignment maps: print-ready Graphviz drawings of a plan as PDF, SVG, PNG or DOT.

    result = render_map(plan_path, MapRequest(cycle="2027 Q1", page="A3"), Path("map.pdf"))

`build_dot(snapshot, request)` gives the DOT source of the whole view, without running Graphviz.
Importing this package stays light (no SQLAlchemy, analytics or Graphviz): the worker process
that draws the map imports those itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from okrdesk.maps.errors import MapCancelled, MapRenderError, MapRequestError
from okrdesk.maps.render import render_map
from okrdesk.maps.request import PAGE_SIZES, MapRequest, MapResult

if TYPE_CHECKING:
    from okrdesk.snapshot import Snapshot

__all__ = ["PAGE_SIZES", "MapCancelled", "MapRenderError", "MapRequest", "MapRequestError",
           "MapResult", "build_dot", "render_map"]


def build_dot(snapshot: Snapshot, request: MapRequest) -> str:
    """DOT source of the map `request` asks for, as one graph (no pages)."""
    from okrdesk.maps.dot import build_dot as view_dot
    from okrdesk.maps.view import select_view

    return view_dot(select_view(snapshot, request))
