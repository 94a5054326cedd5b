"""Every card the canvas shows: its plain place, and its item while one is made.

Reading a card by its objective's id (`cards[id]`, `cards.get(id)`, the scene's `card`) makes
its item if it has none yet, wherever it is; `places` and `near` read the plain data of every
card without making items, and `made` holds the items made so far.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from PySide6.QtCore import QRectF

from .card_cells import CardCells
from .card_place import CardPlace
from .items import CardItem

ItemMaker = Callable[[CardPlace], CardItem]


class CardStore(Mapping[str, CardItem]):
    def __init__(self, make: ItemMaker) -> None:
        self.places: dict[str, CardPlace] = {}
        self.made: dict[str, CardItem] = {}
        self.cells = CardCells()
        self._make = make

    def __getitem__(self, objective_id: str) -> CardItem:
        item = self.made.get(objective_id)
        if item is None:
            place = self.places[objective_id]
            item = self._make(place)
            place.item = self.made[objective_id] = item
        return item

    def __contains__(self, objective_id: object) -> bool:
        return objective_id in self.places

    def __iter__(self) -> Iterator[str]:
        return iter(self.places)

    def __len__(self) -> int:
        return len(self.places)

    def clear(self) -> None:
        for place in self.places.values():
            place.item = None
        self.places.clear()
        self.made.clear()
        self.cells.clear()

    def add(self, place: CardPlace) -> None:
        self.places[place.objective_id] = place

    def remove(self, objective_id: str) -> CardItem | None:
        """Forget the card; its item, if one was made, for the scene to remove."""
        place = self.places.pop(objective_id)
        self.cells.remove(place)
        place.item = None
        return self.made.pop(objective_id, None)

    def forget_item(self, item: CardItem) -> None:
        """The item was let go: the card keeps its place, and is made again when asked for."""
        if item.place.item is item:
            item.place.item = None
        if self.made.get(item.objective_id) is item:
            del self.made[item.objective_id]

    def put_all(self, tops: Mapping[str, float]) -> None:
        """Every card at its spot in its lane (`tops`: each lane's top, by level id), its
        item too if made; one pass, for a scene being built or restacked."""
        for place in self.places.values():
            x, y = place.spot
            place.x, place.y = x, y + tops[place.level_id]
            if place.item is not None:
                place.item.setPos(place.x, place.y)
        self.cells.file_all(self.places.values())

    def near(self, rect: QRectF) -> list[CardPlace]:
        """The cards that may overlap `rect`, made or not."""
        return self.cells.near(rect)
