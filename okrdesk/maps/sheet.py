"""DOT of one detail page, every box and line at the place the packing gave it.

Graphviz's `nop2` engine draws the page as given: cards and boxes at their positions, lines
along their routes (converted to Bézier curves made of straight pieces), arrow heads at the ends.
Alignment lines carry the same ids, classes, colours and labels as on a map of one picture.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from okrdesk.maps.blocks import ARROW, Block, Line
from okrdesk.maps.cards import card
from okrdesk.maps.dot import edge, safe_id
from okrdesk.maps.highlight import node_class
from okrdesk.maps.refs import References
from okrdesk.maps.style import EDGE, FONT, MUTED, TEXT_PT, not_upward_words
from okrdesk.maps.view import MapView

TITLE_GAP = 16.0
LABEL_EM = 0.55  # a DejaVu Sans character's advance, in font sizes, roughly
HEAD_ARROW = {"bottom-up": False, "top-down": True, "contributes": True}
Place = Callable[[float, float], str]
TAIL_ARROW = {"bottom-up": True, "top-down": True, "contributes": False}


def sheet_dot(view: MapView, refs: References, title: str, title_size: tuple[float, float],
              blocks: list[tuple[Block, float, float]], page_of: dict[str, int],
              extra_graph: str = "",
              index: tuple[str, tuple[float, float], float] | None = None) -> str:
    """DOT of a page: the title block at the top left, then `blocks` at (x, y) below it, and
    `index` (an HTML-like table, its size and its top) below them."""
    names = view.node_names()
    objective_of = {name: oid for oid, name in names.items()}
    below_title = title_size[1] + TITLE_GAP
    placed = [block.moved(x, y + below_title) for block, x, y in blocks]
    bottom = max([title_size[1]] + [b.boxes[n][1] + b.items[n].size[1]
                                    for b in placed for n in b.boxes])
    if index is not None:
        bottom = max(bottom, below_title + index[2] + index[1][1])
    def pos(x: float, y: float) -> str:
        return f"{x:.2f},{bottom - y:.2f}"

    out = ["digraph page {",
           f'graph [charset="UTF-8", margin=0, outputorder=edgesfirst{extra_graph}];',
           f'node [shape=plain, fontname="{FONT}", fontsize={TEXT_PT}];',
           f'edge [fontname="{FONT}", fontsize={TEXT_PT}, fontcolor="{MUTED}", arrowsize=0.8];',
           f'title [pos="{pos(title_size[0] / 2, title_size[1] / 2)}", label=<{title}>];']
    if index is not None:
        table, (width, height), top = index
        out.append(f'index [class="index", pos="{pos(width / 2, below_title + top + height / 2)}"'
                   f", label=<{table}>];")
    for block in placed:
        for name, (x, y) in block.boxes.items():
            w, h = block.items[name].size
            at = pos(x + w / 2, y + h / 2)
            if name in objective_of:
                oid = objective_of[name]
                out.append(f'{name} [id="obj-{safe_id(oid)}", pos="{at}", '
                           f"{node_class(view.highlight, oid)}label=<{_card(view, oid)}>];")
            else:
                out.append(f'{name} [shape=box, style="rounded,dashed", '
                           f'color="{refs.colour(name)}", fixedsize=true, width={w / 72:.3f}, '
                           f'height={h / 72:.3f}, class="page-reference", pos="{at}", '
                           f"label=<{refs.label(name, page_of)}>];")
        for n, line in enumerate(block.lines):
            out.append(_line(view, refs, objective_of, line, pos, f"{line.tail}-{n}"))
    out.append("}")
    return "\n".join(out)


def _card(view: MapView, objective_id: str) -> str:
    label = view.labels.get(("card", objective_id))
    if label is None:
        label = view.labels[("card", objective_id)] = card(view, objective_id)
    return label


def _line(view: MapView, refs: References, objective_of: dict[str, str], line: Line,
          pos: Place, fallback_id: str) -> str:
    kind = line.style
    points = [p for n, p in enumerate(line.points) if n == 0 or p != line.points[n - 1]]
    spline = _route(points, kind, pos)
    if kind == "contributes":
        return (f'{line.tail} -> {line.head} [class="contributes", {EDGE["contributes"]}, '
                f'pos="{spline}"];')
    # The alignment a line stands for: into its objective, or into the box that names the
    # objective on another page (marked alike on both pages).
    child = objective_of.get(line.head) or refs.continued(line.head)
    link = view.links.get(child) if child else None
    down = link.down if link is not None else None
    edge_id = f"link-{safe_id(child)}" if child else fallback_id
    statement = edge(line.tail, line.head, kind, edge_id, line.skipped, down)
    extra = f', pos="{spline}"'
    if line.skipped or down is not None:
        # The label starts just right of where the line drops into its box or card.
        words = not_upward_words(down) if down is not None else "skips 2 levels"
        width = len(words) * TEXT_PT * LABEL_EM
        extra += f', lp="{pos(points[-1][0] + 6 + width / 2, points[-1][1] - ARROW - 4)}"'
    return statement[:-2] + extra + "];"


def _route(points: list[tuple[float, float]], kind: str, pos: Place) -> str:
    """Graphviz spline `pos` of a route of straight pieces, with room for arrows at the ends."""
    to = pos  # maps (x, y) with y running down to the page's coordinates
    first, last = points[0], points[-1]
    parts = []
    if TAIL_ARROW[kind]:
        parts.append("s," + to(*points[0]))
        first = _towards(points[0], points[1], ARROW)
    if HEAD_ARROW[kind]:
        parts.append("e," + to(*points[-1]))
        last = _towards(points[-1], points[-2], ARROW)
    path = [first, *points[1:-1], last]
    curve = [to(*path[0])]
    for (x0, y0), (x1, y1) in pairwise(path):
        curve += [to(x0 + (x1 - x0) / 3, y0 + (y1 - y0) / 3),
                  to(x0 + 2 * (x1 - x0) / 3, y0 + 2 * (y1 - y0) / 3),
                  to(x1, y1)]
    return " ".join(parts + curve)


def _towards(a: tuple[float, float], b: tuple[float, float],
             by: float) -> tuple[float, float]:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = max((dx * dx + dy * dy) ** 0.5, 1e-6)
    step = min(by, length * 0.9)
    return a[0] + dx / length * step, a[1] + dy / length * step
