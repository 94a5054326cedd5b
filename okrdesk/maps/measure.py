"""Exact sizes of a map's labels, measured once by Graphviz, for packing pages ourselves.

All cards go into one graph, spaced apart, with a straight line from every key result's port to
a point beside it; Graphviz's `nop2` engine (positions given) sizes every HTML-like label and
routes the lines, so one run gives each card's width and height and where each key result's
line leaves it. Points, with y running down from the card's top-left corner.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygraphviz as pgv
from pygraphviz import graphviz as gv

from okrdesk.maps.errors import MapRenderError
from okrdesk.maps.style import FONT, TEXT_PT

SPACING = 5000.0  # far enough apart that no two labels or lines touch


@dataclass
class Measured:
    sizes: dict[str, tuple[float, float]] = field(default_factory=dict)  # name -> (w, h)
    ports: dict[tuple[str, str], tuple[float, float]] = field(default_factory=dict)


def measure_labels(labels: dict[str, str], ports: dict[str, list[str]]) -> Measured:
    """Size of every label (name -> HTML-like label) and the offset of each named port
    (name -> port names) from its label's top-left corner."""
    out = ["digraph measure {", 'graph [splines=line, outputorder=edgesfirst];',
           f'node [shape=plain, fontname="{FONT}", fontsize={TEXT_PT}];',
           "edge [arrowhead=none];"]
    names = {name: f"n{n}" for n, name in enumerate(labels)}
    for n, (name, label) in enumerate(labels.items()):
        out.append(f'{names[name]} [pos="0,{n * SPACING:.0f}", label=<{label}>];')
        for m, port in enumerate(ports.get(name, ())):
            point = f"{names[name]}_{m}"
            out.append(f'{point} [shape=point, width=0.01, pos="{SPACING / 2:.0f},'
                       f'{n * SPACING:.0f}"];')
            out.append(f"{names[name]}:{port}:e -> {point};")
    out.append("}")
    graph = pgv.AGraph(string="\n".join(out))
    context = gv.gvContextWithBuiltins()
    try:
        if gv.gvLayout(context, graph.handle, b"nop2") != 0:
            raise MapRenderError("Graphviz could not measure the map's cards.")
        try:
            gv.gvRenderData(context, graph.handle, b"dot")  # writes sizes and routes back
            return _read(graph, labels, ports, names)
        finally:
            gv.gvFreeLayout(context, graph.handle)
    finally:
        gv.gvFreeContext(context)


def _read(graph: pgv.AGraph, labels: dict[str, str], ports: dict[str, list[str]],
          names: dict[str, str]) -> Measured:
    measured = Measured()
    for name in labels:
        node = graph.get_node(names[name])
        width = float(node.attr["width"]) * 72
        height = float(node.attr["height"]) * 72
        x, y = (float(v) for v in node.attr["pos"].split(","))
        measured.sizes[name] = (width, height)
        left, top = x - width / 2, y + height / 2
        for m, port in enumerate(ports.get(name, ())):
            edge = graph.get_edge(names[name], f"{names[name]}_{m}")
            first = next(p for p in edge.attr["pos"].split() if "," in p and p[1] != ",")
            px, py = (float(v) for v in first.split(","))
            measured.ports[(name, port)] = (px - left, top - py)
    return measured
