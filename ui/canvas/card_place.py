"""Where a card is, as plain data: kept for every card shown, whether its item is made or not.

A large company has tens of thousands of cards; items are made only for those near the view
(near_view.py), so the placement, the cell index, the mini-map, the edges and the keyboard read
these instead of items.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QGraphicsItem

from .theme import CARD_PAD, CARD_WIDTH, HEADER_HEIGHT, ROW_HEIGHT

BOUNDS_MARGIN = 4.0  # a card item's bounding rect reaches this far around the card


class CardPlace:
    __slots__ = ("default_spot", "item", "kr_ids", "level_id", "objective_id", "spot", "x", "y")

    def __init__(self, objective_id: str, kr_ids: tuple[str, ...], level_id: str) -> None:
        self.objective_id = objective_id
        self.kr_ids = kr_ids  # its key results: the card's height and its rows' places
        self.level_id = level_id
        self.spot: tuple[float, float] = (0.0, 0.0)  # x, and y within the lane
        self.default_spot: tuple[float, float] | None = None
        self.x = self.y = 0.0  # the card's top-left corner in the scene, once put
        # The card's item while one is made (card_store.py keeps it by id, typed); a drag may
        # move it away from the card's place for a while.
        self.item: QGraphicsItem | None = None

    @property
    def height(self) -> float:
        return HEADER_HEIGHT + len(self.kr_ids) * ROW_HEIGHT + CARD_PAD

    def row_index(self, kr_id: str) -> int | None:
        """Which of the card's rows shows the key result."""
        try:
            return self.kr_ids.index(kr_id)
        except ValueError:
            return None

    def pos(self) -> QPointF:
        """The top-left corner: the item's (it may be held by a drag) or the card's place."""
        if self.item is not None:
            return self.item.pos()
        return QPointF(self.x, self.y)

    def scene_rect(self) -> QRectF:
        """As the item's `sceneBoundingRect` would be."""
        pos, m = self.pos(), BOUNDS_MARGIN
        return QRectF(pos.x() - m, pos.y() - m, CARD_WIDTH + 2 * m, self.height + 2 * m)
