"""The document's selection on the canvas: the selected card or key-result row marked and kept
in view, and the arrow keys stepping from card to card."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QGraphicsItem

from ..document import PlanDocument
from .items import CardItem, KrRowItem
from .navigation import first_card, nearest_in_direction
from .scene import CanvasScene

EnsureVisible = Callable[[QGraphicsItem, int, int], None]


class SelectionMark:
    def __init__(self, document: PlanDocument, scene: CanvasScene, ensure_visible: EnsureVisible,
                 busy: Callable[[], bool]) -> None:
        self.document = document
        self.scene = scene
        self.ensure_visible = ensure_visible
        self.busy = busy  # a gesture under way: the view is not moved under it
        self.item: CardItem | KrRowItem | None = None

    def forget(self) -> None:
        """The items may have been made again: the marked one is not looked at."""
        self.item = None

    def follow(self, table: str, row_id: str) -> None:
        """Mark the selected card or row instead of the one marked before, and show it."""
        if self.item is not None:
            self.item.marks.selected = False
            self.item.update()
            self.item = None
        item: CardItem | KrRowItem | None = None
        if table == "objectives":
            item = self.scene.card(row_id)
        elif table == "key_results":
            kr = self.document.snapshot.key_results.get(row_id)
            card = self.scene.card(kr.objective_id) if kr is not None else None
            item = card.row_for(row_id) if card is not None else None
        if item is not None:
            item.marks.selected = True
            item.update()
            self.item = item
            if not self.busy():
                self.ensure_visible(item, 40, 40)

    def current(self) -> CardItem | None:
        """The selected card, or the card of the selected key result."""
        table, row_id = self.document.selected
        if table == "key_results" and isinstance(self.item, KrRowItem):
            return self.item.card
        return self.scene.card(row_id) if table == "objectives" else None

    def step(self, direction: QPointF) -> None:
        """Select the nearest card in a direction (the first card if none is selected)."""
        places = self.scene.cards.places.values()
        current = self.current()
        target = (first_card(places) if current is None
                  else nearest_in_direction(places, current.place, direction))
        if target is not None:
            self.document.select("objectives", target.objective_id)
            card = self.scene.card(target.objective_id)
            if card is not None:
                self.ensure_visible(card, 60, 60)
