"""Cards filed by the square cell of the scene their top-left corner lies in.

Finding the cards near a rectangle this way is cheaper than asking the scene's index, which
also holds rows, lanes and the edge layer.
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QRectF

from .items import CardItem
from .theme import CARD_WIDTH

CELL = 600.0  # side of a cell, in scene units
TALLEST = 600.0  # a card reaches at most this far below its top-left corner


def _cell(x: float, y: float) -> tuple[int, int]:
    return int(x // CELL), int(y // CELL)


class CardCells:
    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], set[CardItem]] = defaultdict(set)
        self._filed: dict[str, tuple[int, int]] = {}

    def clear(self) -> None:
        self._cells.clear()
        self._filed.clear()

    def file(self, card: CardItem, x: float, y: float) -> None:
        """File `card` as lying at (x, y), moving it from the cell it was in."""
        old, new = self._filed.get(card.objective_id), _cell(x, y)
        if old != new:
            if old is not None:
                self._cells[old].discard(card)
            self._cells[new].add(card)
            self._filed[card.objective_id] = new

    def remove(self, card: CardItem) -> None:
        filed = self._filed.pop(card.objective_id, None)
        if filed is not None:
            self._cells[filed].discard(card)

    def near(self, rect: QRectF) -> list[CardItem]:
        """Cards that may overlap `rect`."""
        found: list[CardItem] = []
        left, top = int((rect.left() - CARD_WIDTH) // CELL), int((rect.top() - TALLEST) // CELL)
        for cx in range(left, int(rect.right() // CELL) + 1):
            for cy in range(top, int(rect.bottom() // CELL) + 1):
                found.extend(self._cells.get((cx, cy), ()))
        return found
