"""Sizes of labels and widths of lines of text, measured by Graphviz in one run.

Labels go into one graph, one node each and no lines; Graphviz's `nop2` engine (positions
given) sizes every HTML-like label, and its `xdot` output gives each node's width and height
and, for a label of several lines, the width of each line (a `T` drawing operation per line,
in order). Points.
"""

from __future__ import annotations

import pygraphviz as pgv
from pygraphviz import graphviz as gv

from okrdesk.maps.errors import MapRenderError
from okrdesk.maps.style import FONT, TEXT_PT

SPACING = 5000.0  # far enough apart that no two labels touch


def measure_nodes(labels: dict[str, str], lines: frozenset[str] = frozenset()
                  ) -> dict[str, tuple[tuple[float, float], list[float]]]:
    """For every label (node name -> HTML-like label): its size and, for the names in
    `lines`, the width of each line of text Graphviz drew in it, in order (lines without a
    backslash, which the drawing's text would hold doubled)."""
    out = ["digraph measure {", f'node [shape=plain, fontname="{FONT}", fontsize={TEXT_PT}];']
    for n, (name, label) in enumerate(labels.items()):
        out.append(f'{name} [pos="0,{n * SPACING:.0f}", label=<{label}>];')
    out.append("}")
    graph = pgv.AGraph(string="\n".join(out))
    context = gv.gvContextWithBuiltins()
    try:
        if gv.gvLayout(context, graph.handle, b"nop2") != 0:
            raise MapRenderError("Graphviz could not measure the map's cards.")
        try:
            error, data = gv.gvRenderData(context, graph.handle, b"xdot")
            if error:
                raise MapRenderError("Graphviz could not measure the map's cards.")
        finally:
            gv.gvFreeLayout(context, graph.handle)
    finally:
        gv.gvFreeContext(context)
    drawn = pgv.AGraph(string=bytes(data).decode("utf-8"))
    result = {}
    for name in labels:
        node = drawn.get_node(name)
        # Graphviz writes sizes in inches to five places: to within 0.001 pt
        size = (round(float(node.attr["width"]) * 72, 3), round(float(node.attr["height"]) * 72, 3))
        spans = span_widths(node.attr.get("_ldraw_") or "") if name in lines else []
        result[name] = (size, spans)
    return result


def span_widths(operations: str) -> list[float]:
    """Widths of the text spans in an xdot drawing (`T x y justify width bytes -text`)."""
    data = operations.encode("utf-8")
    widths: list[float] = []
    at = 0

    def numbers(count: int) -> list[str]:
        nonlocal at
        found: list[str] = []
        while len(found) < count:
            while data[at:at + 1] == b" ":
                at += 1
            end = data.index(b" ", at)
            found.append(data[at:end].decode())
            at = end
        return found

    def text(length: int) -> None:
        nonlocal at
        start = data.index(b"-", at) + 1
        at = start + length

    while at < len(data):
        if data[at:at + 1] in (b" ", b"\n", b"\\"):
            at += 1
            continue
        operation = data[at:at + 1]
        at += 1
        if operation == b"T":
            fields = numbers(5)
            widths.append(float(fields[3]))
            text(int(fields[4]))
        elif operation == b"F":
            text(int(numbers(2)[1]))
        elif operation in (b"c", b"C"):
            text(int(numbers(1)[0]))
        elif operation == b"t":
            numbers(1)
        else:
            raise ValueError(f"unexpected xdot operation {operation!r}")
    return widths
