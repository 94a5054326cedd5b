"""The geometry of an edge: the cards' boxes, the curve between them, the curve as lines."""

from __future__ import annotations

from .card_place import CardPlace
from .theme import CARD_WIDTH

Box = tuple[float, float, float, float]  # left, top, right, bottom


def card_box(place: CardPlace) -> Box:
    """A card's rectangle in the scene: where its item is (a drag may be moving it), else
    where the card is placed."""
    item = place.item
    if item is not None:
        pos = item.pos()
        x, y = pos.x(), pos.y()
    else:
        x, y = place.x, place.y
    return x, y, x + CARD_WIDTH, y + place.height


def curve(source: Box, target: Box, *, rows: bool) -> list[tuple[float, float]]:
    """Start, two control points and end of the curve from a card to its target.

    It starts on the source card's top (or bottom) and ends on the target's nearer side, or,
    for a card right above or below, on its bottom (or top).
    """
    sx = (source[0] + source[2]) / 2
    tx, ty = (target[0] + target[2]) / 2, (target[1] + target[3]) / 2
    up = ty < (source[1] + source[3]) / 2
    sy = source[1] if up else source[3]
    if rows or abs(tx - sx) > (target[2] - target[0]) / 2:
        leaving = -1.0 if sx < tx else 1.0
        ex, ey = (target[0] if leaving < 0 else target[2]), ty
        reach = max(40.0, abs(ey - sy) * 0.45)
        return [(sx, sy), (sx, sy - reach if up else sy + reach),
                (ex + leaving * max(40.0, abs(ex - sx) * 0.3), ey), (ex, ey)]
    ex, ey = tx, (target[3] if up else target[1])
    reach = max(40.0, abs(ey - sy) * 0.45)
    return [(sx, sy), (sx, sy - reach if up else sy + reach),
            (ex, ey + reach if up else ey - reach), (ex, ey)]


def flatten(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Points along a cubic curve, more for longer curves."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points
    length = abs(x3 - x0) + abs(y3 - y0)
    steps = max(6, min(24, int(length / 120)))
    result = []
    for index in range(steps + 1):
        t = index / steps
        u = 1 - t
        a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
        result.append((a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3))
    return result
