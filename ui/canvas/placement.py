"""Default places of the cards that have no stored position: a tidy tree across the lanes.

Lanes are ordered by sweeps (down: each card under the key-result row it is aligned to, that is
the barycentre of its parent; up: each card over the mean of its children) and placed by an
isotonic regression that keeps cards apart and otherwise puts each one where its relatives pull
it. A lane with more cards than the canvas has columns stacks them in columns, consecutive cards
of the lane's order under one another. Plain Python, linear apart from the sorts; the sorts
compare numbers only (a card's default order is ranked once), which keeps 30,000 cards fast.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field
from operator import attrgetter

SWEEPS = 3  # down-and-up rounds; the layout hardly changes after three
SLACK = 0.05  # the weight of a card that nothing pulls: it yields to the others
RANK_BITS = 32  # a node's `order` is its row shifted past any rank, plus its rank


@dataclass(slots=True)
class Node:
    """One card to place: its lane (0 = top), what it is aligned to, how it sorts by default."""

    id: str
    lane: int
    parent: str | None = None  # the objective of the key result it is aligned to
    row: int = 0  # that key result's row in the parent's card
    tie: tuple[str, int, str] = ("", 0, "")  # owner name, position, title
    rank: int = 0  # place in the order of (tie, id), set by `place`
    order: int = 0  # (row, rank) as one number, set by `place`
    index: int = 0  # in `place`'s list of x; and its parent's there (-1: none): set by `place`
    up: int = -1


@dataclass(frozen=True, slots=True)
class Grid:
    left: float  # the x of the first column
    slot_width: float  # card width plus the gap between cards
    slot_heights: tuple[float, ...]  # per lane: the tallest card plus the gap
    lane_padding: float  # a lane's padding above and below its cards
    aspect: float = 2.5  # aimed-for width over height of the canvas: a tree reads across


@dataclass
class Layout:
    spots: dict[str, tuple[float, int]] = field(default_factory=dict)  # id: (x, row in lane)
    columns: int = 1  # the stacks a full lane is cut into


def columns_for(counts: list[int], grid: Grid) -> int:
    """The fewest columns that make the canvas at least `grid.aspect` times wider than tall."""
    biggest = max(counts, default=1)
    for columns in range(1, biggest + 1):
        height = sum(math.ceil(count / columns) * grid.slot_heights[lane] + grid.lane_padding
                     for lane, count in enumerate(counts) if count)
        if columns * grid.slot_width >= grid.aspect * height:
            return columns
    return max(biggest, 1)


def place(nodes: list[Node], grid: Grid, fixed: dict[str, float]) -> Layout:
    """Default spots for `nodes`; `fixed` holds the x of cards with a stored position, which
    pull their relatives but are never moved."""
    lanes: list[list[Node]] = [[] for _ in grid.slot_heights]
    for rank, node in enumerate(_by_tie(nodes)):
        node.rank = rank
        node.order = (node.row << RANK_BITS) + rank
        lanes[node.lane].append(node)
    counts = [len(lane) for lane in lanes]
    columns = columns_for(counts, grid)
    depth = [max(1, math.ceil(count / columns)) for count in counts]
    # Each card's x is kept in a list, by the card's index: nodes first, then fixed cards.
    index_of = {node.id: index for index, node in enumerate(nodes)}
    x: list[float] = [0.0] * len(nodes)
    for objective_id, fixed_x in fixed.items():
        if objective_id not in index_of:
            index_of[objective_id] = len(x)
            x.append(fixed_x)
    children: list[list[int]] = [[] for _ in nodes]
    for index, node in enumerate(nodes):
        node.index = index
        up = index_of.get(node.parent) if node.parent is not None else None
        if up is None:
            node.parent, node.up = None, -1  # aligned to a card not on the canvas (another cycle)
        else:
            node.up = up
            if up < len(nodes):
                children[up].append(index)
    for lane, members in enumerate(lanes):
        for index, node in enumerate(members):
            x[node.index] = grid.left + (index // depth[lane]) * grid.slot_width
    for sweep in range(SWEEPS):
        for lane, members in enumerate(lanes):
            lanes[lane] = _down(members, x, first=sweep == 0)
            _spread(lanes[lane], depth[lane], x, grid, _pull_down(lanes[lane], x))
        for lane in range(len(lanes) - 1, -1, -1):
            below = _children_mean(lanes[lane], x, children)
            if sweep < SWEEPS - 1:
                lanes[lane], below = _up(lanes[lane], x, below)
            _spread(lanes[lane], depth[lane], x, grid, _pull_up(lanes[lane], x, below))
    layout = Layout(columns=columns)
    for lane, members in enumerate(lanes):
        for index, node in enumerate(members):
            layout.spots[node.id] = (round(x[node.index], 1), index % depth[lane])
    return layout


def _by_tie(nodes: list[Node]) -> list[Node]:
    """The nodes in the order of (tie, id): stable sorts on one part of the key each, last
    part first (comparing single values rather than tuples)."""
    ordered = sorted(nodes, key=_ID)
    ordered.sort(key=lambda node: node.tie[2])
    ordered.sort(key=lambda node: node.tie[1])
    ordered.sort(key=lambda node: node.tie[0])
    return ordered


_ID, _RANK, _ORDER = attrgetter("id"), attrgetter("rank"), attrgetter("order")


def _down(members: list[Node], x: list[float], *, first: bool) -> list[Node]:
    """Aligned cards by their parent's x and key-result row; the others after them, grouped
    by owner at first, later in the order the sweeps gave them. (Stable sorts: by row and
    rank, then by x; ties in x keep that order.)"""
    aligned = sorted([node for node in members if node.up >= 0], key=_ORDER)
    aligned.sort(key=lambda node: x[node.up])
    others = sorted([node for node in members if node.up < 0], key=_RANK)
    if not first:
        others.sort(key=lambda node: x[node.index])
    return aligned + others


def _children_mean(members: list[Node], x: list[float], children: list[list[int]]
                   ) -> list[float | None]:
    """Per card, the mean x of the cards aligned under it (None: it has none)."""
    means: list[float | None] = []
    at = x.__getitem__
    for node in members:
        below = children[node.index]
        means.append(sum(map(at, below)) / len(below) if below else None)
    return means


def _up(members: list[Node], x: list[float], below: list[float | None]
        ) -> tuple[list[Node], list[float | None]]:
    """Each card over the mean x of its children; a card without children keeps its x.
    Returns the cards in that order, and their children's means in the same order."""
    keys = [(x[node.index] if mean is None else mean, node.rank)
            for node, mean in zip(members, below, strict=True)]
    order = sorted(range(len(members)), key=keys.__getitem__)
    return [members[index] for index in order], [below[index] for index in order]


Pull = list[tuple[float, float]]  # per card: (wanted x, weight)


def _pull_down(members: list[Node], x: list[float]) -> Pull:
    return [(x[n.up], 1.0) if n.up >= 0 else (x[n.index], SLACK) for n in members]


def _pull_up(members: list[Node], x: list[float], below: list[float | None]) -> Pull:
    return [(x[node.index], SLACK) if mean is None else (mean, 1.0)
            for node, mean in zip(members, below, strict=True)]


def _spread(members: list[Node], depth: int, x: list[float], grid: Grid,
            pulls: Pull) -> None:
    """Cut the lane into stacks of `depth` cards and give each stack the x that is nearest to
    where its cards are pulled, keeping stacks `slot_width` apart and right of `left`."""
    wanted: list[float] = []
    weights: list[float] = []
    for start in range(0, len(members), depth):
        total = spots = 0.0  # summed in the order `sum` would, so the result is the same
        for spot, weight in pulls[start:start + depth]:
            total += weight
            spots += spot * weight
        wanted.append(spots / total)
        weights.append(total)
    for index, spot in enumerate(isotonic_spread(wanted, weights, grid.slot_width, grid.left)):
        for node in members[index * depth:(index + 1) * depth]:
            x[node.index] = spot


def isotonic_spread(wanted: list[float], weights: list[float], gap: float, lowest: float
                    ) -> list[float]:
    """Minimise sum(w * (x - wanted)^2) with x[i + 1] >= x[i] + gap and x[0] >= lowest
    (pool-adjacent-violators on x[i] - i * gap)."""
    blocks: list[list[float]] = []  # [weight, weighted sum, count]
    for index, (spot, weight) in enumerate(zip(wanted, weights, strict=True)):
        blocks.append([weight, weight * (spot - index * gap), 1.0])
        while len(blocks) > 1 and (blocks[-2][1] * blocks[-1][0]
                                   > blocks[-1][1] * blocks[-2][0]):
            weight_, total, count = blocks.pop()
            blocks[-1][0] += weight_
            blocks[-1][1] += total
            blocks[-1][2] += count
    result: list[float] = []
    for weight, total, count in blocks:
        level = max(total / weight, lowest)
        result.extend([level] * int(count))
    return [level + index * gap for index, level in enumerate(result)]


def free_spot(wanted: float, taken: list[tuple[float, float, float]], height: float,
              rows: list[float], grid_left: float, slot_width: float) -> tuple[float, float]:
    """The free place for a new card nearest to x = `wanted`, on one of the lane's `rows`
    (the y of each, within the lane); `taken` holds (x, top, bottom) of the lane's cards."""
    best: tuple[float, float, float] | None = None
    for rank, top in enumerate(rows):
        lefts = sorted(x for x, above, below in taken if above < top + height and below > top)
        candidates = [max(wanted, grid_left)]
        for left in lefts:
            candidates += [left - slot_width, left + slot_width]
        for candidate in candidates:
            if candidate < grid_left:
                continue
            index = bisect.bisect_left(lefts, candidate - slot_width + 0.5)
            if index < len(lefts) and lefts[index] < candidate + slot_width - 0.5:
                continue  # would overlap a card
            cost = abs(candidate - wanted) + rank * slot_width * 0.75
            if best is None or cost < best[0]:
                best = (cost, candidate, top)
    assert best is not None  # the right of the rightmost card is always free
    return round(best[1], 1), best[2]
