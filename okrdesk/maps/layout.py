"""Laying out map pages with Graphviz `dot` and drawing them at paper size (runs in the worker).

Each page is laid out once with its final labels; the layout is measured (to check that it
prints readably) and, when it fits, drawn at once: Graphviz keeps per-graph settings in global
state, so a layout is drawn before the next page is laid out, never later. Graphviz's
`viewport` places the drawing on the paper: shrunk if needed (never below 80 %, which keeps all
text at 8 pt or more), centred across and set at the top margin, so every page has exactly the
paper's size.
"""

from __future__ import annotations

import pygraphviz as pgv
from pygraphviz import graphviz as gv

from okrdesk.maps.dot import page_dot, page_labels
from okrdesk.maps.errors import MapRenderError
from okrdesk.maps.pages import Page
from okrdesk.maps.request import DEFAULT_PNG_DPI, MARGIN_PT, PNG_DPI
from okrdesk.maps.view import MapView

Key = tuple[object, ...]


class PageLayouts:
    """Pages of one view laid out and drawn, kept by what decides them: content and labels."""

    def __init__(self, view: MapView, fmt: str = "pdf",
                 budget: tuple[float, float] | None = None) -> None:
        self.view = view
        self.fmt = fmt
        self.budget = budget or view.request.layout_budget()
        self._sizes: dict[Key, tuple[float, float]] = {}
        self._drawn: dict[Key, bytes] = {}

    def measure(self, page: Page, number: int | None) -> tuple[float, float]:
        """Width and height of the page's drawing in points, before any shrinking."""
        key = self._key(page, number)
        if key not in self._sizes:
            self._lay_out(key, page, number, draw_if_fits=True)
        return self._sizes[key]

    def draw(self, page: Page, number: int | None) -> bytes:
        """The page drawn at paper size."""
        key = self._key(page, number)
        if key not in self._drawn:
            self._lay_out(key, page, number, draw_if_fits=False)
        return self._drawn.pop(key)

    def _key(self, page: Page, number: int | None) -> Key:
        return page.signature(), tuple(page_labels(self.view, page, number).values())

    def _lay_out(self, key: Key, page: Page, number: int | None, *, draw_if_fits: bool) -> None:
        dpi = PNG_DPI.get(self.view.request.page, DEFAULT_PNG_DPI) if self.fmt == "png" else 72
        graph = pgv.AGraph(string=page_dot(self.view, page, number,
                                           f', dpi={dpi:g}, viewport=""'))
        context = gv.gvContextWithBuiltins()
        try:
            if gv.gvLayout(context, graph.handle, b"dot") != 0:
                raise MapRenderError("Graphviz could not lay out a page of the map.")
            try:
                left, bottom, right, top = (float(v) for v in graph.graph_attr["bb"].split())
                size = self._sizes[key] = (right - left, top - bottom)
                fits = size[0] <= self.budget[0] and size[1] <= self.budget[1]
                if fits or not draw_if_fits:
                    paper = self.view.request.page_points()
                    graph.graph_attr["viewport"] = viewport((left, bottom, right, top), paper)
                    error, data = gv.gvRenderData(context, graph.handle, self.fmt.encode())
                    if error:
                        raise MapRenderError(
                            f"Graphviz could not draw a page of the map as {self.fmt}.")
                    self._drawn[key] = bytes(data)
            finally:
                gv.gvFreeLayout(context, graph.handle)
        finally:
            gv.gvFreeContext(context)


def print_scale(size: tuple[float, float], paper: tuple[float, float]) -> float:
    """How much a drawing is shrunk to fit the paper inside the margins (1.0: not at all)."""
    return min(1.0, (paper[0] - 2 * MARGIN_PT) / size[0], (paper[1] - 2 * MARGIN_PT) / size[1])


def viewport(box: tuple[float, float, float, float], paper: tuple[float, float]) -> str:
    """Graphviz `viewport` value: the paper's size, the scale, and the point of the drawing at
    the paper's centre, chosen so the drawing is centred across and starts at the top margin."""
    left, bottom, right, top = box
    scale = print_scale((right - left, top - bottom), paper)
    centre_x = (left + right) / 2
    centre_y = top - (paper[1] / 2 - MARGIN_PT) / scale
    return f"{paper[0]:.2f},{paper[1]:.2f},{scale:.5f},{centre_x:.2f},{centre_y:.2f}"
