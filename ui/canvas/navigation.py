"""Finding cards: by text, and the nearest one in a direction for the arrow keys."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF, Qt

from okrdesk.snapshot import Snapshot

from .card_place import CardPlace
from .theme import CARD_WIDTH

DIRECTIONS = {
    Qt.Key.Key_Left: QPointF(-1, 0),
    Qt.Key.Key_Right: QPointF(1, 0),
    Qt.Key.Key_Up: QPointF(0, -1),
    Qt.Key.Key_Down: QPointF(0, 1),
}


def _anchor(card: CardPlace) -> QPointF:
    """The middle of a card's title: cards of different heights still line up."""
    return card.pos() + QPointF(CARD_WIDTH / 2, 30)


def nearest_in_direction(cards: Iterable[CardPlace], current: CardPlace, direction: QPointF
                         ) -> CardPlace | None:
    """The nearest card ahead of `current`, preferring those within 45 degrees of the
    direction; off-axis distance counts double."""
    origin = _anchor(current)
    best: tuple[bool, float, CardPlace] | None = None
    for card in cards:
        if card is current:
            continue
        offset = _anchor(card) - origin
        ahead = offset.x() * direction.x() + offset.y() * direction.y()
        if ahead <= 1.0:
            continue
        across = abs(offset.x() * direction.y()) + abs(offset.y() * direction.x())
        candidate = (across > ahead, ahead + 2.0 * across, card)
        if best is None or candidate[:2] < best[:2]:
            best = candidate
    return best[2] if best is not None else None


def first_card(cards: Iterable[CardPlace]) -> CardPlace | None:
    """The top-left card: where keyboard navigation starts."""
    return min(cards, key=lambda c: (round(c.pos().y()), c.pos().x()), default=None)


def matching(snapshot: Snapshot, ids: Iterable[str], text: str) -> list[str]:
    """Ids of the objectives whose title, owner or key results contain `text` (any case),
    top level first, then by title."""
    needle = text.strip().casefold()
    if not needle:
        return []
    found = []
    for objective_id in ids:
        objective = snapshot.objectives[objective_id]
        owner = snapshot.units.get(objective.owner_id)
        haystack = [objective.title, owner.name if owner is not None else ""]
        haystack += [kr.title for kr in snapshot.key_results_of(objective_id)]
        if any(needle in part.casefold() for part in haystack):
            found.append(objective_id)
    return sorted(found, key=lambda i: (snapshot.level_of(i).rank,
                                        snapshot.objectives[i].title.casefold()))
