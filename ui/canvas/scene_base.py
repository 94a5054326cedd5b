"""The canvas scene's items and where they are: cards in lanes, their edges, the lane bands.

`PlacedScene` holds the cards (card_store.py: every card's plain place, an item only for
those near the view or asked for) and the edges, and answers where things are; building them
for a cycle and following change sets are done by `CanvasScene` (scene.py) and scene_follow.py.
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QObject, QPointF, QRect, QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsScene, QStyleOptionGraphicsItem

from okrdesk.analytics.progress import ProgressCalculator, score_band
from okrdesk.rulebook import CycleView
from okrdesk.snapshot import Snapshot

from ..document import PlanDocument
from .card_place import CardPlace
from .card_store import CardStore
from .edges import EdgeItem, EdgeLayer
from .faces import CardFace, card_face
from .far_cards import FAR_BELOW, FarCards, Look
from .items import CardItem, KrRowItem
from .lane_item import LaneItem
from .lanes import Lane, Lanes
from .near_view import CardsNearView
from .scene_edges import SceneEdges
from .spots import new_spot
from .stale_marks import stale_marks
from .theme import CARD_WIDTH, LANE_LABEL_WIDTH, Theme

DIMMED = 0.18  # the opacity of a card outside the focus (`set_focus`)


class PlacedScene(QGraphicsScene):
    def __init__(self, document: PlanDocument, theme: Theme, parent: QObject | None = None
                 ) -> None:
        super().__init__(parent)
        self.document = document
        self.theme = theme
        self.cards = CardStore(self._make_item)
        self.edges = SceneEdges(theme, self.cards, lambda: self.snapshot)
        self.lane_items: dict[str, LaneItem] = {}
        self.rows_shown = True
        self.focus: set[str] | None = None  # `set_focus`: the cards not dimmed (None: all)
        self.near_view = CardsNearView(self.cards, self.let_go, lambda: self.rows_shown)
        self.lanes = Lanes(6)
        self.cycle_view = CycleView("", frozenset())
        self.joined: set[str] = set()  # cards shown for lying on a quarter objective's line
        self.progress: ProgressCalculator | None = None  # of the current snapshot
        # Faces worked out, kept when an item is let go: zooming out again does not work out
        # thousands of faces anew. A change set drops or replaces those of the cards it touches.
        self.faces: dict[str, CardFace] = {}
        self.far_looks: dict[str, Look] = {}  # of cards drawn far out without an item
        self.far_cards = FarCards(self.cards, theme, self.far_look)
        self.setBackgroundBrush(theme.background)

    @property
    def snapshot(self) -> Snapshot:
        return self.document.snapshot

    @property
    def align_edges(self) -> dict[str, EdgeItem]:
        return self.edges.align

    @property
    def link_edges(self) -> dict[str, EdgeItem]:
        return self.edges.links

    @property
    def edges_at(self) -> dict[str, set[EdgeItem]]:
        return self.edges.at

    @property
    def edge_layer(self) -> EdgeLayer:
        return self.edges.layer

    def face_of(self, objective_id: str) -> CardFace:
        """A card's face from the current snapshot (asked for when the card is first drawn)."""
        face = self.faces.get(objective_id)
        if face is None:
            if self.progress is None:
                self.progress = ProgressCalculator(self.snapshot)
            face = self.faces[objective_id] = card_face(
                self.progress, objective_id,
                orphan=self.document.analytics.is_orphan(objective_id),
                shown_cycle=self.document.cycle_id,
                stale=stale_marks(self))
        return face

    def far_look(self, objective_id: str) -> Look:
        """What a card drawn far out shows (far_cards.py): its face's, without making one."""
        face = self.faces.get(objective_id)
        if face is not None:
            return face.progress, face.band, face.orphan
        look = self.far_looks.get(objective_id)
        if look is None:
            if self.progress is None:
                self.progress = ProgressCalculator(self.snapshot)
            score = self.progress.objective(objective_id)
            look = self.far_looks[objective_id] = (
                score, score_band(score), self.document.analytics.is_orphan(objective_id))
        return look

    # -- card items -----------------------------------------------------------------------

    def card(self, objective_id: str) -> CardItem | None:
        """The card's item, made now if it has none yet; None if the card is not shown."""
        return self.cards.get(objective_id)

    def _make_item(self, place: CardPlace) -> CardItem:
        card = CardItem(place, self.face_of, self.theme, self.rows_shown)
        card.setPos(place.x, place.y)
        if self.focus is not None and place.objective_id not in self.focus:
            card.setOpacity(DIMMED)
        self.addItem(card)
        return card

    def let_go(self, card: CardItem) -> None:
        """Remove a card's item (far from the view); the card keeps its place."""
        self.cards.forget_item(card)
        if card.scene() is self:
            self.removeItem(card)
        self.far_cards.update(card.place.scene_rect())  # drawn by the far layer again

    # -- where cards are ----------------------------------------------------------------

    def new_spot(self, card: CardItem | CardPlace) -> tuple[float, float]:
        place = card.place if isinstance(card, CardItem) else card
        return new_spot(self.snapshot, self.cards.places, self.lanes, place)

    def lane_of(self, card: CardItem | CardPlace) -> Lane:
        lane = self.lanes.get(card.level_id)
        assert lane is not None
        return lane

    def put(self, card: CardItem | CardPlace) -> None:
        """Place a card at its spot within its lane (its item too, if made)."""
        place = card.place if isinstance(card, CardItem) else card
        x, y = place.spot
        y += self.lane_of(place).top
        self.cards.cells.file(place, x, y)
        place.x, place.y = x, y
        if place.item is not None:
            place.item.setPos(x, y)
        self.make_room(x + CARD_WIDTH)

    def make_room(self, right: float) -> None:
        """Widen the lanes so that a card ending at `right` fits (placed, or being written)."""
        if self.lanes.widen(right) and self.lane_items:
            for item in self.lane_items.values():
                item.relayout(self.lanes.width)
            self.fit_rect()

    def places_near(self, rect: QRectF) -> list[CardPlace]:
        """Cards that may overlap `rect`, made or not (found by cell; cheaper than asking the
        scene)."""
        return self.cards.near(rect)

    def cards_in(self, rect: QRectF) -> list[CardItem]:
        """The items of the cards that overlap `rect`, made now if need be."""
        return [self.cards[place.objective_id] for place in self.cards.near(rect)
                if place.scene_rect().intersects(rect)]

    def edges_near(self, rect: QRectF) -> set[EdgeItem]:
        """The edges of the cards in `rect`."""
        return self.edges.near(rect)

    def stored_position(self, card: CardItem, scene_pos: QPointF) -> tuple[float, float]:
        """The (x, y within the lane) to store for a card whose top-left is at `scene_pos`,
        kept inside the card's lane."""
        lane = self.lane_of(card)
        x = max(LANE_LABEL_WIDTH, min(scene_pos.x(), self.lanes.width * 4))
        y = max(0.0, min(scene_pos.y() - lane.top, lane.height - card.height - 10))
        return round(x, 1), round(y, 1)

    def row_at(self, scene_pos: QPointF, ignore: CardItem | None = None) -> KrRowItem | None:
        """The key-result row at a point; a card under it that has no rows yet (far from where
        the view has been) is given them first."""
        self.cards_in(QRectF(scene_pos.x(), scene_pos.y(), 0.1, 0.1))
        for item in self.items(scene_pos):
            if isinstance(item, KrRowItem) and item.card is not ignore:
                return item
            if isinstance(item, CardItem) and item is not ignore and not item.rows_made:
                item.make_rows()
                return self.row_at(scene_pos, ignore)
        return None

    def item_at(self, scene_pos: QPointF) -> CardItem | KrRowItem | None:
        """The key-result row or the card a click at a point is on. A card that has no rows
        yet (far from where the view has been) is given them first: a click on a row's place
        is a click on that key result, drawn or not."""
        self.cards_in(QRectF(scene_pos.x(), scene_pos.y(), 0.1, 0.1))
        for item in self.items(scene_pos):
            if isinstance(item, KrRowItem):
                return item
            if isinstance(item, CardItem):
                if item.rows_made:
                    return item
                item.make_rows()
                return self.item_at(scene_pos)
        return None

    def card_at(self, scene_pos: QPointF, ignore: CardItem | None = None) -> CardItem | None:
        self.cards_in(QRectF(scene_pos.x(), scene_pos.y(), 0.1, 0.1))
        for item in self.items(scene_pos):
            card = item.card if isinstance(item, KrRowItem) else item
            if isinstance(card, CardItem) and card is not ignore:
                return card
        return None

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        super().drawBackground(painter, rect)
        transform = painter.worldTransform()
        if QStyleOptionGraphicsItem.levelOfDetailFromTransform(transform) >= FAR_BELOW:
            self.near_view.make_near(QRectF(rect))  # farther out, far_cards.py draws them

    def refresh_edges(self, objective_id: str) -> None:
        self.edges.refresh(objective_id)

    # -- keeping items in step ------------------------------------------------------------

    def remove_card(self, objective_id: str) -> None:
        self.joined.discard(objective_id)
        self.faces.pop(objective_id, None)
        self.edges.forget_card(objective_id)
        card = self.cards.remove(objective_id)
        if card is not None and card.scene() is self:
            self.removeItem(card)

    def restack(self) -> None:
        """Lanes changed height or width: lay every lane band, card and edge out again."""
        self.near_view.stale()
        for item in self.lane_items.values():
            item.relayout(self.lanes.width)
        for place in self.cards.places.values():
            self.make_room(place.spot[0] + CARD_WIDTH)
        self.cards.put_all({lane.level_id: lane.top for lane in self.lanes.lanes})
        self.fit_rect()
        self.edges.refresh_all()

    def count_lanes(self) -> None:
        counts: dict[str, int] = defaultdict(int)
        for place in self.cards.places.values():
            counts[place.level_id] += 1
        for level_id, item in self.lane_items.items():
            if item.count != counts[level_id]:
                item.count = counts[level_id]
                item.update()

    def fit_rect(self) -> None:
        rect = QRectF(0, 0, self.lanes.width, self.lanes.height)
        self.setSceneRect(rect)
        self.edge_layer.set_rect(rect.adjusted(-2000, -200, 2000, 200))
        self.far_cards.set_rect(rect)

    # -- looks --------------------------------------------------------------------------

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.setBackgroundBrush(theme.background)
        self.edge_layer.theme = theme
        self.edge_layer.update()
        self.far_cards.theme = theme
        self.far_cards.update()
        for card in self.cards.made.values():
            card.set_theme(theme)
        for lane_item in self.lane_items.values():
            lane_item.theme = theme
            lane_item.update()

    def show_rows(self, shown: bool) -> None:
        if shown == self.rows_shown:
            return  # every card already shows it: new cards are made in this state
        self.rows_shown = shown
        for card in self.cards.made.values():
            card.show_rows(shown)

    def set_focus(self, ids: set[str] | None) -> None:
        """Dim every card and edge outside `ids` (None: nothing dimmed); items made later
        follow it."""
        if ids is None and self.focus is None:
            return  # nothing is dimmed: every card and edge is drawn in full already
        self.focus = ids
        for objective_id, card in self.cards.made.items():
            card.setOpacity(1.0 if ids is None or objective_id in ids else DIMMED)
        for edge in self.edges.every():
            ends = edge.ends()
            inside = ids is None or all(c.objective_id in ids for c in ends)
            edge.opacity = 1.0 if inside else 0.12
        self.edge_layer.update()
