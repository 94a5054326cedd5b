"""Key-result rows only for the cards near the view.

A large company has tens of thousands of cards and several key results on each; one item per key
result would make opening, every repaint of the scene's index and quitting slow. Cards are made
without rows; each frame the scene asks for the rows of the cards in and around the part being
drawn, and lets go of the rows of cards far away once many are held.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QRectF, QTimer

from .items import CardItem

MARGIN = 0.5  # of the drawn area's width and height, on each side: rows ready before a pan
HELD_AT_MOST = 2500  # cards with rows; beyond it rows far from the view are let go

CardFinder = Callable[[QRectF], Iterable[CardItem]]


class RowsNearView:
    def __init__(self, find: CardFinder) -> None:
        self.find = find
        self.held: set[CardItem] = set()  # cards given rows here
        self._near = QRectF()
        self._trim = QTimer(singleShot=True, interval=0)
        self._trim.timeout.connect(self.let_go_far)

    def forget(self) -> None:
        """The scene was built again: its cards are new."""
        self.held.clear()
        self.stale()

    def stale(self) -> None:
        """Cards came, went, moved or changed: look again at the next frame."""
        self._near = QRectF()

    def make_near(self, drawn: QRectF) -> None:
        """Rows for every card in or around `drawn` (scene units)."""
        dx, dy = drawn.width() * MARGIN, drawn.height() * MARGIN
        near = drawn.adjusted(-dx, -dy, dx, dy)
        if self._near.contains(near):
            return  # drawn again inside the area already made (a repaint, a small pan)
        self._near = near
        for card in self.find(near):
            if not card.rows_made:
                card.make_rows()
            self.held.add(card)
        if len(self.held) > HELD_AT_MOST:
            self._trim.start()  # not while the scene is being drawn

    def let_go_far(self) -> None:
        """Drop the rows of held cards outside the area near the view (and unmarked)."""
        near = set(self.find(self._near))
        for card in list(self.held):
            if card.scene() is None:
                self.held.discard(card)
                continue
            if card in near or card.marks.selected or any(
                    row.marks.selected or row.marks.target or row.marks.hovered
                    for row in card.rows):
                continue
            card.drop_rows()
            self.held.discard(card)
