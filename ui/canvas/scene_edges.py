"""The scene's edges: filed under the cards at both their ends and drawn by one layer item.

Alignment edges are kept by the aligned (child) objective's id, link edges by contribution id;
each is synced again from the snapshot when a change set touches it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping

from PySide6.QtCore import QRectF

from okrdesk.rulebook import Direction, direction_of, parent_of
from okrdesk.snapshot import Snapshot

from .card_store import CardStore
from .edges import EdgeItem, EdgeKind, EdgeLayer
from .theme import Theme

ALIGN_KIND = {direction: EdgeKind(direction.value) for direction in Direction}


class SceneEdges:
    def __init__(self, theme: Theme, cards: CardStore, snapshot: Callable[[], Snapshot]
                 ) -> None:
        self._cards = cards
        self._places = cards.places  # edges run between the cards' places, made or not
        self._snapshot = snapshot
        self.align: dict[str, EdgeItem] = {}  # by the aligned (child) objective's id
        self.links: dict[str, EdgeItem] = {}  # by contribution id
        self.at: dict[str, set[EdgeItem]] = defaultdict(set)
        self.layer = EdgeLayer(theme, self.near)

    def reset(self, theme: Theme) -> EdgeLayer:
        """Forget every edge; a new layer to draw the next ones (the scene deletes the old)."""
        self.layer = EdgeLayer(theme, self.near)
        self.align.clear()
        self.links.clear()
        self.at.clear()
        return self.layer

    def near(self, rect: QRectF) -> set[EdgeItem]:
        """The edges of the cards in `rect`."""
        edges: set[EdgeItem] = set()
        at = self.at
        for place in self._cards.near(rect):
            found = at.get(place.objective_id)
            if found:
                edges |= found
        return edges

    def every(self) -> set[EdgeItem]:
        return {edge for edges in self.at.values() for edge in edges}

    def refresh(self, objective_id: str) -> None:
        """A card moved or changed: redraw the edges at it."""
        for edge in self.at.get(objective_id, ()):
            old = QRectF(edge.bounds)
            edge.refresh()
            self.layer.update(old.united(edge.bounds))

    def refresh_all(self) -> None:
        for edge in self.every():
            edge.refresh()
        self.layer.update()

    def forget_card(self, objective_id: str) -> None:
        """The card is gone: so are the edges at it."""
        for edge in list(self.at.get(objective_id, ())):
            self._drop(edge)
        self.at.pop(objective_id, None)
        self.align.pop(objective_id, None)

    def sync_align(self, objective_id: str, drawn: bool = True) -> None:
        """The edge from an objective to the key result it is aligned under, as the snapshot
        has it; `drawn`: repaint where it runs."""
        old = self.align.pop(objective_id, None)
        if old is not None:
            self._drop(old)
        snapshot = self._snapshot()
        edge = self._align_edge(snapshot, objective_id, parent_of(snapshot, objective_id))
        if edge is not None:
            self.align[objective_id] = self._add(edge, drawn)

    def align_all(self, parent_ids: Mapping[str, str]) -> None:
        """`sync_align` for every card of a scene being built, after `reset`: `parent_ids`
        is the rulebook's `parents` of the whole plan, worked out once."""
        snapshot = self._snapshot()
        objectives, krs_of, places, cards = (snapshot.objectives, snapshot.krs_of,
                                             self._places, self._cards)
        align, at = self.align, self.at
        for objective_id, card in places.items():  # `_align_edge` for each, inlined
            parent = places.get(parent_ids.get(objective_id, ""))
            if parent is None:
                continue
            objective = objectives[objective_id]
            kr_id = objective.parent_kr_id or ""
            if kr_id in krs_of.get(parent.objective_id, ()):
                edge = EdgeItem(ALIGN_KIND[direction_of(objective)], card, parent, kr_id, cards)
                align[objective_id] = edge
                at[objective_id].add(edge)
                at[parent.objective_id].add(edge)

    def _align_edge(self, snapshot: Snapshot, objective_id: str, parent_id: str | None
                    ) -> EdgeItem | None:
        """The edge to the parent's row, when both cards and that row are on the canvas."""
        objective = snapshot.objectives.get(objective_id)
        card = self._places.get(objective_id)
        if objective is None or card is None or parent_id is None:
            return None
        parent = self._places.get(parent_id)
        kr_id = objective.parent_kr_id or ""
        if parent is None or kr_id not in snapshot.krs_of.get(parent_id, ()):
            return None
        return EdgeItem(ALIGN_KIND[direction_of(objective)], card, parent, kr_id, self._cards)

    def sync_link(self, link_id: str, drawn: bool = True) -> None:
        old = self.links.pop(link_id, None)
        if old is not None:
            self._drop(old)
        link = self._snapshot().contributions.get(link_id)
        if link is None:
            return
        source, target = self._places.get(link.source_id), self._places.get(link.target_id)
        if source is not None and target is not None:
            self.links[link_id] = self._add(
                EdgeItem(EdgeKind.CONTRIBUTES, source, target, cards=self._cards), drawn)

    def _drop(self, edge: EdgeItem) -> None:
        for card in edge.ends():
            self.at[card.objective_id].discard(edge)
        self.layer.update(edge.bounds)

    def _add(self, edge: EdgeItem, drawn: bool) -> EdgeItem:
        for card in edge.ends():
            self.at[card.objective_id].add(edge)
        if drawn:
            self.layer.update(edge.bounds)
        return edge
