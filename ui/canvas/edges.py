"""Edges: an aligned objective into the exact key-result row it is aligned to, and
contributes-to links between cards. An alignment that does not run upwards (a hand-edited
file's, okrdesk.rulebook.runs_upward) is drawn red and dash-dotted, with a diamond where it
leaves its card.

Edges are not scene items of their own: one layer item draws the edges of the cards in view.
Long edges as items would swell the scene's index and be painted whole on every frame; an edge
whose two cards are both out of view is left out, which also keeps a large plan readable.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from okrdesk.rulebook import level_positions, runs_upward
from okrdesk.snapshot import Snapshot

from .card_place import CardPlace
from .edge_curves import Box, card_box, curve, flatten
from .items import CardItem, KrRowItem, level_of_detail, row_top
from .theme import ROW_HEIGHT, SIMPLE_DRAWING_BELOW, Theme

ARROW = 9.0
STRAIGHT_BELOW = SIMPLE_DRAWING_BELOW  # zoomed out this far, edges are straight lines
HIDDEN_BELOW = 0.1  # a whole large plan in view: edges would be a tangle, and slow
SMOOTH_UP_TO = 600  # segments in one frame; antialiased lines cost many times more
MARK = 6.0  # half the width of the diamond on an alignment that does not run upwards
MARK_AT = 0.15  # how far along the curve the diamond sits


class EdgeKind(StrEnum):
    BOTTOM_UP = "bottom_up"  # an own objective aligned up
    TOP_DOWN = "top_down"  # an objective delegated from the key result
    CONTRIBUTES = "contributes"


Batch = tuple[EdgeKind, bool, float]  # kind, runs upward, opacity


@dataclass(frozen=True)
class EdgeLook:
    """How an edge is drawn: its pen, and whether it carries the not-upward diamond."""

    pen: QPen
    colour: QColor
    marked: bool


class EdgeItem:
    """One edge: from a card (its top) to a key-result row or a card of a higher objective.

    Its ends are the cards' plain places (card_place.py) and the row is named by its key
    result: items are made only for cards near the view, and an edge runs from a card far away
    all the same. The curve is worked out when it is first drawn or looked at, and again after
    `refresh`, so a plan's tens of thousands of edges cost little until they are seen.
    """

    __slots__ = ("_bounds", "_chord", "_head", "_points", "_segments", "cards", "kind", "kr_id",
                 "opacity", "source_place", "target_place")
    _chord: QLineF
    _bounds: QRectF

    def __init__(self, kind: EdgeKind, source: CardPlace, target: CardPlace,
                 kr_id: str | None = None, cards: Mapping[str, CardItem] | None = None
                 ) -> None:
        self.kind = kind
        self.source_place = source
        self.target_place = target
        self.cards = cards  # reading a card here makes its item (card_store.py)
        self.kr_id = kr_id  # the row of `target` the edge ends at; None: the card itself
        self.opacity = 1.0
        self._points: list[tuple[float, float]] | None = None
        # `_chord` and `_bounds` are set by `_shape`, with `_points`, before either is read.
        self._segments: list[tuple[Box, QLineF]] | None = None
        self._head: QPolygonF | None = None

    def _item(self, place: CardPlace) -> CardItem:
        assert self.cards is not None, "an edge made without its scene's cards"
        return self.cards[place.objective_id]

    @property
    def source(self) -> CardItem:
        """The item of the card the edge leaves (made if need be)."""
        return self._item(self.source_place)

    @property
    def target_card(self) -> CardItem:
        """The item of the card the edge ends at (made if need be)."""
        return self._item(self.target_place)

    @property
    def target(self) -> KrRowItem | CardItem:
        """The row the edge ends at (made if the card has no rows yet), or the card."""
        card = self.target_card
        if self.kr_id is None:
            return card
        row = card.row_for(self.kr_id)
        return row if row is not None else card

    def ends(self) -> tuple[CardPlace, CardPlace]:
        return self.source_place, self.target_place

    def runs_upward(self, positions: Mapping[str, int]) -> bool:
        """The rulebook's upward rule for the two cards' levels (`positions`: level id ->
        position); contributes-to links run any way and always pass."""
        return self.kind is EdgeKind.CONTRIBUTES or runs_upward(
            positions.get(self.source_place.level_id),
            positions.get(self.target_place.level_id))

    @property
    def mark_point(self) -> QPointF:
        """Where a mark on the edge goes: just past the card it leaves, clear of the card
        (the middle of an edge along a lane would sit under the cards it passes)."""
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = self.points
        t = MARK_AT
        a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t ** 3
        return QPointF(a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3)

    def refresh(self) -> None:
        """Follow the cards after either moved or changed size; the drawing is made lazily."""
        self._points = self._segments = self._head = None

    @property
    def points(self) -> list[tuple[float, float]]:
        """Start, two control points and end of the curve."""
        if self._points is None:
            self._shape()
        assert self._points is not None
        return self._points

    @property
    def chord(self) -> QLineF:
        if self._points is None:
            self._shape()
        return self._chord

    @property
    def bounds(self) -> QRectF:
        if self._points is None:
            self._shape()
        return self._bounds

    def _shape(self) -> None:
        source = card_box(self.source_place)
        target = card_box(self.target_place)
        index = None if self.kr_id is None else self.target_place.row_index(self.kr_id)
        if index is not None:  # end on the card's border beside the row
            top = target[1] + row_top(index)
            target = (target[0], top, target[2], top + ROW_HEIGHT - 3)
        points = self._points = curve(source, target, rows=index is not None)
        (x0, y0), _, _, (x3, y3) = points
        self._chord = QLineF(x0, y0, x3, y3)
        xs = [x for x, _ in points]
        ys = [y for _, y in points]
        self._bounds = QRectF(min(xs) - ARROW, min(ys) - ARROW, max(xs) - min(xs) + 2 * ARROW,
                              max(ys) - min(ys) + 2 * ARROW)

    @property
    def segments(self) -> list[tuple[Box, QLineF]]:
        """The curve as short lines, each with its bounding box."""
        if self._segments is None:
            flat = flatten(self.points)
            self._segments = [
                ((min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)), QLineF(x1, y1, x2, y2))
                for (x1, y1), (x2, y2) in pairwise(flat)]
        return self._segments

    @property
    def head(self) -> QPolygonF:
        if self._head is None:
            _, _, (cx, cy), (ex, ey) = self.points
            dx, dy = ex - cx, ey - cy
            length = max((dx * dx + dy * dy) ** 0.5, 1e-6)
            ax, ay = dx / length * ARROW, dy / length * ARROW
            self._head = QPolygonF([
                QPointF(ex, ey), QPointF(ex - ax - ay * 0.55, ey - ay + ax * 0.55),
                QPointF(ex - ax + ay * 0.55, ey - ay - ax * 0.55)])
        return self._head


EdgeFinder = Callable[[QRectF], Iterable[EdgeItem]]


class EdgeLayer(QGraphicsItem):
    """Draws the edges of the cards in view, under the cards."""

    def __init__(self, theme: Theme, find: EdgeFinder) -> None:
        super().__init__()
        self.theme = theme
        self.find = find
        self._rect = QRectF()
        self.setZValue(0)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def set_rect(self, rect: QRectF) -> None:
        self.prepareGeometryChange()
        self._rect = QRectF(rect)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        exposed = option.exposedRect
        in_view = exposed
        if widget is not None:
            inverse, ok = painter.worldTransform().inverted()
            if ok:
                in_view = inverse.mapRect(QRectF(widget.rect()))
        detail = level_of_detail(painter, option)
        if detail < HIDDEN_BELOW:
            return
        straight = detail < STRAIGHT_BELOW
        left, top, right, bottom = (exposed.left(), exposed.top(), exposed.right(),
                                    exposed.bottom())
        positions = self.positions()
        batches: dict[Batch, list[QLineF]] = defaultdict(list)
        heads: dict[Batch, list[QPolygonF]] = defaultdict(list)
        marks: list[QPointF] = []
        for edge in self.find(in_view):
            upward = edge.runs_upward(positions)
            key = (edge.kind, upward, edge.opacity)
            if not upward and exposed.contains(edge.mark_point):
                marks.append(edge.mark_point)
            if straight:
                batches[key].append(edge.chord)
                continue
            lines = batches[key]
            for box, segment in edge.segments:
                if box[0] <= right and box[2] >= left and box[1] <= bottom and box[3] >= top:
                    lines.append(segment)
            if exposed.contains(edge.chord.p2()):
                heads[key].append(edge.head)
        total = sum(len(lines) for lines in batches.values())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing,
                              not straight and total <= SMOOTH_UP_TO)
        self._draw(painter, batches, heads)
        self._mark(painter, marks)

    def positions(self) -> Mapping[str, int]:
        """Level id -> position, from the plan the scene shows."""
        snapshot = getattr(self.scene(), "snapshot", None)
        return level_positions(snapshot) if isinstance(snapshot, Snapshot) else {}

    def look(self, edge: EdgeItem) -> EdgeLook:
        """The pen an edge is drawn with, as `paint` draws it."""
        return self._look(edge.kind, edge.runs_upward(self.positions()))

    def _look(self, kind: EdgeKind, upward: bool) -> EdgeLook:
        colours = {EdgeKind.BOTTOM_UP: self.theme.bottom_up,
                   EdgeKind.TOP_DOWN: self.theme.top_down,
                   EdgeKind.CONTRIBUTES: self.theme.contributes}
        colour = colours[kind] if upward else self.theme.red
        pen = QPen(colour, 1.6 if kind is EdgeKind.CONTRIBUTES else 2.2 if upward else 2.6)
        pen.setCosmetic(True)  # device pixels: fast, and readable at any zoom
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        if kind is EdgeKind.CONTRIBUTES:
            pen.setStyle(Qt.PenStyle.DashLine)
        elif not upward:
            pen.setStyle(Qt.PenStyle.DashDotLine)
        return EdgeLook(pen, colour, not upward)

    def _draw(self, painter: QPainter, batches: dict[Batch, list[QLineF]],
              heads: dict[Batch, list[QPolygonF]]) -> None:
        for (kind, upward, opacity), lines in sorted(batches.items(),
                                                     key=lambda item: item[0][:2]):
            look = self._look(kind, upward)
            painter.setOpacity(opacity)
            painter.setPen(look.pen)
            painter.drawLines(lines)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(look.colour)
            for head in heads.get((kind, upward, opacity), ()):
                painter.drawPolygon(head)
        painter.setOpacity(1.0)

    def _mark(self, painter: QPainter, marks: list[QPointF]) -> None:
        """A diamond on each alignment that does not run upwards, a fixed size on screen, so
        that it stands out at any zoom."""
        if not marks:
            return
        scale = max(painter.worldTransform().m11(), 1e-6)
        size = MARK / scale
        painter.setPen(QPen(self.theme.card, 1.0 / scale))
        painter.setBrush(self.theme.red)
        for middle in marks:
            x, y = middle.x(), middle.y()
            painter.drawPolygon(QPolygonF([QPointF(x, y - size), QPointF(x + size, y),
                                           QPointF(x, y + size), QPointF(x - size, y)]))
