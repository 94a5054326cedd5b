"""Card items, and their key-result rows, only for the cards near the view.

A large company has tens of thousands of cards and several key results on each; an item per
card and per key result would make opening, every repaint of the scene's index and quitting
slow. The scene keeps every card as a plain place (card_place.py); each frame it asks for the
items of the cards in and around the part being drawn (their rows too, unless zoomed far out),
and lets go of the items of cards far away once many are made.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtWidgets import QApplication

from .card_store import CardStore
from .items import CARD_Z, CardItem

MARGIN = 0.5  # of the drawn area's width and height, on each side: items ready before a pan
HELD_AT_MOST = 2500  # card items; beyond it the items of cards far from the view are let go

LetGo = Callable[[CardItem], None]


class CardsNearView:
    def __init__(self, cards: CardStore, let_go: LetGo, rows_shown: Callable[[], bool]) -> None:
        self.cards = cards
        self.let_go = let_go
        self.rows_shown = rows_shown
        self._near = QRectF()
        self._with_rows = False  # the rows of the cards in `_near` were made too
        self._trim = QTimer(singleShot=True, interval=0)
        self._trim.timeout.connect(self.let_go_far)

    def forget(self) -> None:
        """The scene was built again: its cards are new."""
        self.stale()

    def stale(self) -> None:
        """Cards came, went, moved or changed: look again at the next frame."""
        self._near = QRectF()

    def make_near(self, drawn: QRectF) -> None:
        """Items (and rows) for every card in or around `drawn` (scene units)."""
        dx, dy = drawn.width() * MARGIN, drawn.height() * MARGIN
        near = drawn.adjusted(-dx, -dy, dx, dy)
        rows = self.rows_shown()
        if self._near.contains(near) and (self._with_rows or not rows):
            return  # drawn again inside the area already made (a repaint, a small pan)
        self._near, self._with_rows = near, rows
        cards = self.cards
        for place in cards.near(near):
            card = cards[place.objective_id]
            if rows and not card.rows_made:
                card.make_rows()
        if len(cards.made) > HELD_AT_MOST:
            self._trim.start()  # not while the scene is being drawn

    def let_go_far(self) -> None:
        """Let go of the items of cards outside the area near the view, unless a mark, the
        selection or a gesture holds them."""
        if QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            return  # a drag may hold one: looked at again after the next new area
        near = {place.objective_id for place in self.cards.near(self._near)}
        for objective_id, card in list(self.cards.made.items()):
            if objective_id in near or held(card):
                continue
            self.let_go(card)


def held(card: CardItem) -> bool:
    """Whether something still points at the card: a mark, or a drag lifting it."""
    marks = card.marks
    if marks.selected or marks.target or marks.hovered or card.zValue() != CARD_Z:
        return True
    return card.rows_made and any(row.marks.selected or row.marks.target or row.marks.hovered
                                  for row in card.rows)
