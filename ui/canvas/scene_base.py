"""The canvas scene's items and where they are: cards in lanes, their edges, the lane bands.

`PlacedScene` holds the maps from plan ids to items and answers where things are; building
the items for a cycle and following change sets are done by `CanvasScene` (scene.py) and
scene_follow.py.
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QObject, QPointF, QRect, QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsScene

from okrdesk.analytics.progress import ProgressCalculator
from okrdesk.rulebook import CycleView
from okrdesk.snapshot import Snapshot

from ..document import PlanDocument
from .card_cells import CardCells
from .edges import EdgeItem, EdgeLayer
from .faces import CardFace, card_face
from .items import CardItem, KrRowItem
from .lane_item import LaneItem
from .lanes import Lane, Lanes
from .near_view import RowsNearView
from .scene_edges import SceneEdges
from .spots import new_spot
from .theme import CARD_WIDTH, LANE_LABEL_WIDTH, Theme


class PlacedScene(QGraphicsScene):
    def __init__(self, document: PlanDocument, theme: Theme, parent: QObject | None = None
                 ) -> None:
        super().__init__(parent)
        self.document = document
        self.theme = theme
        self.cards: dict[str, CardItem] = {}
        self.cells = CardCells()
        self.edges = SceneEdges(theme, self.cards, lambda: self.snapshot, self.cards_near)
        self.lane_items: dict[str, LaneItem] = {}
        self.rows_shown = True
        self.near_view = RowsNearView(self.cards_near)
        self.lanes = Lanes(6)
        self.cycle_view = CycleView("", frozenset())
        self.joined: set[str] = set()  # cards shown for lying on a quarter objective's line
        self.progress: ProgressCalculator | None = None  # of the current snapshot
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
        if self.progress is None:
            self.progress = ProgressCalculator(self.snapshot)
        return card_face(self.progress, objective_id,
                         orphan=self.document.analytics.is_orphan(objective_id),
                         shown_cycle=self.document.cycle_id)

    # -- where cards are ----------------------------------------------------------------

    def new_spot(self, card: CardItem) -> tuple[float, float]:
        return new_spot(self.snapshot, self.cards, self.lanes, card)

    def lane_of(self, card: CardItem) -> Lane:
        lane = self.lanes.get(card.level_id)
        assert lane is not None
        return lane

    def put(self, card: CardItem) -> None:
        """Place a card at its spot within its lane."""
        x, y = card.spot
        y += self.lane_of(card).top
        self.cells.file(card, x, y)
        card.setPos(x, y)
        self.make_room(x + CARD_WIDTH)

    def make_room(self, right: float) -> None:
        """Widen the lanes so that a card ending at `right` fits (placed, or being written)."""
        if self.lanes.widen(right) and self.lane_items:
            for item in self.lane_items.values():
                item.relayout(self.lanes.width)
            self.fit_rect()

    def cards_near(self, rect: QRectF) -> list[CardItem]:
        """Cards that may overlap `rect` (found by cell; cheaper than asking the scene)."""
        return self.cells.near(rect)

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
        for item in self.items(scene_pos):
            card = item.card if isinstance(item, KrRowItem) else item
            if isinstance(card, CardItem) and card is not ignore:
                return card
        return None

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        super().drawBackground(painter, rect)
        if self.rows_shown:
            self.near_view.make_near(QRectF(rect))

    def refresh_edges(self, objective_id: str) -> None:
        self.edges.refresh(objective_id)

    # -- keeping items in step ------------------------------------------------------------

    def remove_card(self, card: CardItem) -> None:
        objective_id = card.objective_id
        self.joined.discard(objective_id)
        self.edges.forget_card(objective_id)
        del self.cards[objective_id]
        self.cells.remove(card)
        self.removeItem(card)

    def restack(self) -> None:
        """Lanes changed height or width: lay every lane band, card and edge out again."""
        self.near_view.stale()
        for item in self.lane_items.values():
            item.relayout(self.lanes.width)
        for card in self.cards.values():
            self.put(card)
        self.fit_rect()
        self.edges.refresh_all()

    def count_lanes(self) -> None:
        counts: dict[str, int] = defaultdict(int)
        for card in self.cards.values():
            counts[card.level_id] += 1
        for level_id, item in self.lane_items.items():
            if item.count != counts[level_id]:
                item.count = counts[level_id]
                item.update()

    def fit_rect(self) -> None:
        rect = QRectF(0, 0, self.lanes.width, self.lanes.height)
        self.setSceneRect(rect)
        self.edge_layer.set_rect(rect.adjusted(-2000, -200, 2000, 200))

    # -- looks --------------------------------------------------------------------------

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.setBackgroundBrush(theme.background)
        self.edge_layer.theme = theme
        self.edge_layer.update()
        for card in self.cards.values():
            card.set_theme(theme)
        for lane_item in self.lane_items.values():
            lane_item.theme = theme
            lane_item.update()

    def show_rows(self, shown: bool) -> None:
        if shown == self.rows_shown:
            return  # every card already shows it: new cards are made in this state
        self.rows_shown = shown
        for card in self.cards.values():
            card.show_rows(shown)

    def set_focus(self, ids: set[str] | None) -> None:
        """Dim every card and edge outside `ids` (None: nothing dimmed)."""
        for objective_id, card in self.cards.items():
            card.setOpacity(1.0 if ids is None or objective_id in ids else 0.18)
        for edge in self.edges.every():
            ends = edge.ends()
            inside = ids is None or all(c.objective_id in ids for c in ends)
            edge.opacity = 1.0 if inside else 0.12
        self.edge_layer.update()
