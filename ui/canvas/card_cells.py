"""Cards filed by the square cell of the scene their top-left corner lies in.

The cells hold the cards' plain places (card_place.py), so the cards near a rectangle are known
whether or not their items are made, and more cheaply than by asking the scene's index.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from PySide6.QtCore import QRectF

from .card_place import CardPlace
from .theme import CARD_WIDTH

CELL = 600.0  # side of a cell, in scene units
TALLEST = 600.0  # a card reaches at most this far below its top-left corner


def _cell(x: float, y: float) -> tuple[int, int]:
    return int(x // CELL), int(y // CELL)


class CardCells:
    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], set[CardPlace]] = defaultdict(set)
        self._filed: dict[str, tuple[int, int]] = {}

    def clear(self) -> None:
        self._cells.clear()
        self._filed.clear()

    def file(self, place: CardPlace, x: float, y: float) -> None:
        """File `place` as lying at (x, y), moving it from the cell it was in."""
        old, new = self._filed.get(place.objective_id), _cell(x, y)
        if old != new:
            if old is not None:
                self._cells[old].discard(place)
            self._cells[new].add(place)
            self._filed[place.objective_id] = new

    def file_all(self, places: Iterable[CardPlace]) -> None:
        """File every card anew, each as lying at its (x, y)."""
        self.clear()
        cells, filed = self._cells, self._filed
        for place in places:
            cell = int(place.x // CELL), int(place.y // CELL)
            cells[cell].add(place)
            filed[place.objective_id] = cell

    def remove(self, place: CardPlace) -> None:
        filed = self._filed.pop(place.objective_id, None)
        if filed is not None:
            self._cells[filed].discard(place)

    def near(self, rect: QRectF) -> list[CardPlace]:
        """Cards that may overlap `rect`."""
        found: list[CardPlace] = []
        left, top = int((rect.left() - CARD_WIDTH) // CELL), int((rect.top() - TALLEST) // CELL)
        for cx in range(left, int(rect.right() // CELL) + 1):
            for cy in range(top, int(rect.bottom() // CELL) + 1):
                found.extend(self._cells.get((cx, cy), ()))
        return found
