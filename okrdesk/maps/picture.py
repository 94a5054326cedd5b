"""A map for screens: the whole view as one SVG or PNG picture, no pages (runs in the worker).

The view is laid out once as a single graph. An SVG keeps the drawing's own size; a PNG is
drawn at the width asked for (by default two pixels a point, so text stays sharp on a high
density screen), shrunk if needed to stay within what a PNG viewer can open.
"""

from __future__ import annotations

import pygraphviz as pgv
from pygraphviz import graphviz as gv

from okrdesk.maps.dot import build_dot
from okrdesk.maps.errors import MapRenderError
from okrdesk.maps.view import MapView

PAD_PT = 18.0
DEFAULT_PIXELS_PER_POINT = 2.0
MAX_SIDE_PX = 32_000  # cairo cannot draw a wider or taller image
MAX_AREA_PX = 100_000_000  # about 400 MB of pixels: more would exhaust a desktop's memory


def draw_picture(view: MapView, fmt: str, width_px: int | None = None) -> tuple[bytes, list[str]]:
    """The whole view drawn as one `fmt` picture ("svg" or "png"), and any warnings."""
    graph = pgv.AGraph(string=_single_graph_dot(view))
    context = gv.gvContextWithBuiltins()
    try:
        if gv.gvLayout(context, graph.handle, b"dot") != 0:
            raise MapRenderError("Graphviz could not lay out the map.")
        try:
            left, bottom, right, top = (float(v) for v in graph.graph_attr["bb"].split())
            size = (right - left + 2 * PAD_PT, top - bottom + 2 * PAD_PT)
            zoom, warnings = (1.0, []) if fmt == "svg" else png_zoom(size, width_px)
            graph.graph_attr["viewport"] = (f"{size[0] * zoom:.2f},{size[1] * zoom:.2f},"
                                            f"{zoom:.5f},{(left + right) / 2:.2f},"
                                            f"{(bottom + top) / 2:.2f}")
            error, data = gv.gvRenderData(context, graph.handle, fmt.encode())
            if error:
                raise MapRenderError(f"Graphviz could not draw the map as {fmt}.")
            return bytes(data), warnings
        finally:
            gv.gvFreeLayout(context, graph.handle)
    finally:
        gv.gvFreeContext(context)


def png_zoom(size: tuple[float, float], width_px: int | None) -> tuple[float, list[str]]:
    """Pixels per point for a drawing of `size` points drawn `width_px` wide (None: the
    default), and a warning if the picture had to be drawn smaller than asked."""
    width, height = size
    wanted = DEFAULT_PIXELS_PER_POINT if width_px is None else width_px / width
    largest = min(MAX_SIDE_PX / width, MAX_SIDE_PX / height,
                  (MAX_AREA_PX / (width * height)) ** 0.5)
    if wanted <= largest:
        return wanted, []
    shown = int(width * largest)
    return largest, [f"The map is {shown} pixels wide, the largest PNG of it that image "
                     "viewers can open; for a larger picture write SVG, or PNG pages "
                     "with --pages."]


def _single_graph_dot(view: MapView) -> str:
    """The view's DOT drawn at 72 dpi, so that a point of the drawing is a pixel before zoom."""
    source = build_dot(view)
    head, rest = source.split("\n", 1)
    return f'{head}\ngraph [dpi=72];\n{rest}'
