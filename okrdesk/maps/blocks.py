"""Laying out a subtree as a block: a card with its children wrapped into rows beneath it.

A parent's lines leave its key results on the right, turn back under the card and run down
lanes on the block's left; at each row of children a branch runs across above the row and drops
into each child. Lanes nest (the first key result takes the outermost lane), so lines from one
card never cross each other on their way down. Children wrap into as many rows as the width
allows, which keeps a level of fifteen objectives on a page instead of spread over five.
Points, y running down, relative to the block's top-left corner.
"""

from __future__ import annotations

from dataclasses import dataclass, field

GAP_X, GAP_Y = 14.0, 8.0  # between blocks side by side, and between a branch and a card
LANE = 5.0  # between parallel lines
EXIT = 12.0  # how far a line runs right of its card before it turns down
ARROW = 8.0  # room for an arrow head or tail at either end of a line


@dataclass
class Item:
    """Something drawn as one box: an objective's card or a reference box."""

    name: str
    size: tuple[float, float]
    ports: dict[str, tuple[float, float]] = field(default_factory=dict)  # port -> offset


@dataclass
class Line:
    """A line from a port of a parent item to the top of a child item."""

    tail: str
    port: str
    head: str
    points: list[tuple[float, float]]
    style: str  # an EDGE kind: bottom-up, top-down or contributes
    skipped: int = 0


@dataclass
class Block:
    width: float
    height: float
    boxes: dict[str, tuple[float, float]]  # item name -> top-left corner
    lines: list[Line]
    items: dict[str, Item]

    def moved(self, dx: float, dy: float) -> Block:
        return Block(self.width, self.height,
                     {n: (x + dx, y + dy) for n, (x, y) in self.boxes.items()},
                     [Line(li.tail, li.port, li.head, [(x + dx, y + dy) for x, y in li.points],
                           li.style, li.skipped) for li in self.lines], self.items)


@dataclass
class Child:
    block: Block
    port: str  # the parent's port the line leaves from
    style: str
    skipped: int = 0


def leaf(item: Item) -> Block:
    return Block(item.size[0], item.size[1], {item.name: (0.0, 0.0)}, [], {item.name: item})


def tree(item: Item, children: list[Child], max_width: float) -> Block:
    """`item` with `children` (in order) wrapped into rows no wider than `max_width`."""
    if not children:
        return leaf(item)
    width, height = item.size
    ports = list(dict.fromkeys(child.port for child in children))
    lanes = len(ports)
    lane = {port: i for i, port in enumerate(ports)}
    # The first port takes the outermost exit, turn and lane: nested, never crossing.
    exit_x = {p: width + EXIT + LANE * (lanes - 1 - i) for p, i in lane.items()}
    turn_y = {p: height + GAP_Y + LANE * (lanes - 1 - i) for p, i in lane.items()}
    lane_x = {p: 4.0 + LANE * (lanes - 1 - i) for p, i in lane.items()}
    indent = 4.0 + LANE * lanes + GAP_X / 2
    rows = _rows(children, max_width - indent)
    boxes = {item.name: (0.0, 0.0)}
    items = {item.name: item}
    lines: list[Line] = []
    y = height + 2 * GAP_Y + LANE * lanes
    widest = width + EXIT + LANE * lanes
    for row in rows:
        used = [p for p in ports if any(child.port == p for child in row)]
        branch_y = {p: y + GAP_Y / 2 + LANE * k for k, p in enumerate(used)}
        top = y + GAP_Y + LANE * len(used) + ARROW
        x = indent
        for child in row:
            head, (head_x, head_y) = _take(child.block, x, top, boxes, items, lines)
            drop = head_x + min(30.0, child.block.items[head].size[0] / 2)
            port_x, port_y = item.ports[child.port]
            p = child.port
            lines.append(Line(item.name, p, head, [
                (port_x, port_y), (exit_x[p], port_y), (exit_x[p], turn_y[p]),
                (lane_x[p], turn_y[p]), (lane_x[p], branch_y[p]), (drop, branch_y[p]),
                (drop, head_y)], child.style, child.skipped))
            x += child.block.width + GAP_X
        widest = max(widest, x - GAP_X)
        y = top + max(child.block.height for child in row)
    return Block(widest, y, boxes, lines, items)


def beside(item: Item, children: list[Child]) -> Block:
    """`item` with `children` (in order) stacked in a column on its right, each line running
    right from its port and into the child's side: for a card with its reference boxes that
    would be taller than a page with the boxes above and under it."""
    width, height = item.size
    ports = list(dict.fromkeys(child.port for child in children))
    exit_x = {p: width + EXIT + LANE * (len(ports) - 1 - i) for i, p in enumerate(ports)}
    column = width + EXIT + LANE * len(ports) + ARROW
    boxes, items = {item.name: (0.0, 0.0)}, {item.name: item}
    lines: list[Line] = []
    y, widest = 0.0, column
    for child in children:
        head, (head_x, head_y) = _take(child.block, column, y, boxes, items, lines)
        arrive = head_y + min(14.0, child.block.items[head].size[1] / 2)
        port_x, port_y = item.ports[child.port]
        lines.append(Line(item.name, child.port, head, [
            (port_x, port_y), (exit_x[child.port], port_y), (exit_x[child.port], arrive),
            (head_x, arrive)], child.style, child.skipped))
        widest = max(widest, column + child.block.width)
        y += child.block.height + 2 * GAP_Y
    return Block(widest, max(height, y - 2 * GAP_Y), boxes, lines, items)


def _take(block: Block, x: float, y: float, boxes: dict[str, tuple[float, float]],
          items: dict[str, Item], lines: list[Line]) -> tuple[str, tuple[float, float]]:
    """Put a child's block at (x, y) into the parent's boxes, items and lines; the name of
    the child's own item (it comes first) and that item's top-left corner."""
    placed = block.moved(x, y)
    boxes.update(placed.boxes)
    items.update(placed.items)
    lines.extend(placed.lines)
    head = next(iter(block.boxes))
    return head, placed.boxes[head]


def _rows(children: list[Child], width: float) -> list[list[Child]]:
    rows: list[list[Child]] = [[]]
    used = 0.0
    for child in children:
        need = child.block.width + (GAP_X if rows[-1] else 0.0)
        if rows[-1] and used + need > width:
            rows.append([])
            used, need = 0.0, child.block.width
        rows[-1].append(child)
        used += need
    return rows
