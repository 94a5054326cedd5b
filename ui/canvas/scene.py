"""The canvas scene: lanes, cards and edges kept in step with the plan.

Like a node editor's scene it keeps maps from plan ids to items, builds them once per cycle, and
after each change set adds, removes or updates only the items that the change set touches.
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QObject, QPointF, QRect, QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsScene

from okrdesk.analytics.progress import ProgressCalculator
from okrdesk.rulebook import (
    CycleView,
    cycle_view,
    direction_of,
    line_of_sight,
    parent_of,
    parent_through,
    view_objectives,
)
from okrdesk.snapshot import Snapshot
from okrdesk.storage import ChangeSet

from ..document import PlanDocument
from .edges import EdgeItem, EdgeKind, EdgeLayer
from .faces import CardFace, card_face
from .items import CardItem, FaceToCome, KrRowItem, LaneItem
from .lanes import Lane, Lanes
from .near_view import RowsNearView
from .spots import lay_out, new_spot
from .theme import CARD_WIDTH, LANE_LABEL_WIDTH, LANE_PAD_BOTTOM, MIN_LANE_HEIGHT, Theme

REBUILD_TABLES = ("levels", "cycles")
CELL = 600.0  # side of the cells cards are filed in, for finding the edges in view


def _cell(x: float, y: float) -> tuple[int, int]:
    return int(x // CELL), int(y // CELL)


class CanvasScene(QGraphicsScene):
    def __init__(self, document: PlanDocument, theme: Theme, parent: QObject | None = None
                 ) -> None:
        super().__init__(parent)
        self.document = document
        self.theme = theme
        self.cards: dict[str, CardItem] = {}
        self.align_edges: dict[str, EdgeItem] = {}  # by the aligned (child) objective's id
        self.link_edges: dict[str, EdgeItem] = {}  # by contribution id
        self.edges_at: dict[str, set[EdgeItem]] = defaultdict(set)
        self.lane_items: dict[str, LaneItem] = {}
        self.edge_layer = EdgeLayer(theme, self.edges_near)
        self.card_cells: dict[tuple[int, int], set[CardItem]] = defaultdict(set)
        self._filed: dict[str, tuple[int, int]] = {}
        self.rows_shown = True
        self.near_view = RowsNearView(self.cards_near)
        self.lanes = Lanes(6)
        self._view = CycleView("", frozenset())
        self._joined: set[str] = set()  # cards shown for lying on a quarter objective's line
        self._progress: ProgressCalculator | None = None  # of the current snapshot
        self.setBackgroundBrush(theme.background)
        self.rebuild()
        document.changed.connect(self.apply)
        document.cycle_changed.connect(lambda _cycle: self.rebuild())

    @property
    def snapshot(self) -> Snapshot:
        return self.document.snapshot

    def _face_of(self, objective_id: str) -> CardFace:
        """A card's face from the current snapshot (asked for when the card is first drawn)."""
        if self._progress is None:
            self._progress = ProgressCalculator(self.snapshot)
        return card_face(self._progress, objective_id,
                         orphan=self.document.analytics.is_orphan(objective_id),
                         shown_cycle=self.document.cycle_id)

    # -- building -----------------------------------------------------------------------

    def rebuild(self) -> None:
        """Build every item for the document's cycle (on opening and switching cycles)."""
        if self.edge_layer.scene() is self:
            self.removeItem(self.edge_layer)  # kept: clear() would delete it
        self.clear()
        self.edge_layer = EdgeLayer(self.theme, self.edges_near)
        self.addItem(self.edge_layer)
        self.cards.clear()
        self.near_view.forget()
        self.rows_shown = True  # as new cards are made
        self.card_cells.clear()
        self._filed.clear()
        self.align_edges.clear()
        self.link_edges.clear()
        self.edges_at.clear()
        self.lane_items.clear()
        snapshot = self.snapshot
        cycle_id = self.document.cycle_id
        self._view = (cycle_view(snapshot, cycle_id) if cycle_id in snapshot.cycles
                      else CycleView(cycle_id, frozenset()))
        self._joined.clear()
        self._progress = None
        by_level: dict[str, list[CardItem]] = defaultdict(list)
        krs_of = snapshot.krs_of
        shown = view_objectives(snapshot, cycle_id) if self._view.cycles else []
        for objective_id in shown:
            level = snapshot.placed_level(objective_id)
            if level is None:
                continue
            if self._view.joins_on_line(snapshot.objectives[objective_id].cycle_id):
                self._joined.add(objective_id)
            card = CardItem(FaceToCome(objective_id, tuple(krs_of.get(objective_id, ())),
                                       self._face_of), self.theme)
            card.level_id = level.id
            self.cards[objective_id] = card
            by_level[card.level_id].append(card)
        self.lanes = Lanes(1, [Lane(level.id, level.name, level.rank)
                               for level in snapshot.ordered_levels()])
        lay_out(self.snapshot, self.cards, self.lanes, by_level)
        self.lanes.restack()
        self._fit_rect()  # before adding items, so the scene's index is sized once
        for index, lane in enumerate(self.lanes.lanes):
            item = LaneItem(lane, index, self.lanes.width, self.theme)
            item.count = len(by_level.get(lane.level_id, []))
            item.setPos(0, lane.top)
            self.lane_items[lane.level_id] = item
            self.addItem(item)
        for card in self.cards.values():
            self.put(card)
            self.addItem(card)
        for objective_id in self.cards:
            self._sync_align_edge(objective_id, drawn=False)
        for link_id in snapshot.contributions:
            self._sync_link_edge(link_id, drawn=False)
        self._fit_rect()

    # -- where cards are ----------------------------------------------------------------

    def _new_spot(self, card: CardItem) -> tuple[float, float]:
        return new_spot(self.snapshot, self.cards, self.lanes, card)

    def lane_of(self, card: CardItem) -> Lane:
        lane = self.lanes.get(card.level_id)
        assert lane is not None
        return lane

    def put(self, card: CardItem) -> None:
        """Place a card at its spot within its lane."""
        x, y = card.spot
        y += self.lane_of(card).top
        old, new = self._filed.get(card.objective_id), _cell(x, y)
        if old != new:
            if old is not None:
                self.card_cells[old].discard(card)
            self.card_cells[new].add(card)
            self._filed[card.objective_id] = new
        card.setPos(x, y)
        self.make_room(x + CARD_WIDTH)

    def make_room(self, right: float) -> None:
        """Widen the lanes so that a card ending at `right` fits (placed, or being written)."""
        if self.lanes.widen(right) and self.lane_items:
            for item in self.lane_items.values():
                item.relayout(self.lanes.width)
            self._fit_rect()

    def cards_near(self, rect: QRectF) -> list[CardItem]:
        """Cards that may overlap `rect` (found by cell; cheaper than asking the scene)."""
        found: list[CardItem] = []
        left, top = int((rect.left() - CARD_WIDTH) // CELL), int((rect.top() - 600) // CELL)
        for cx in range(left, int(rect.right() // CELL) + 1):
            for cy in range(top, int(rect.bottom() // CELL) + 1):
                found.extend(self.card_cells.get((cx, cy), ()))
        return found

    def edges_near(self, rect: QRectF) -> set[EdgeItem]:
        """The edges of the cards in `rect`."""
        edges: set[EdgeItem] = set()
        for card in self.cards_near(rect):
            edges |= self.edges_at.get(card.objective_id, set())
        return edges

    def stored_position(self, card: CardItem, scene_pos: QPointF) -> tuple[float, float]:
        """The (x, y within the lane) to store for a card whose top-left is at `scene_pos`,
        kept inside the card's lane."""
        lane = self.lane_of(card)
        x = max(LANE_LABEL_WIDTH, min(scene_pos.x(), self.lanes.width * 4))
        y = max(0.0, min(scene_pos.y() - lane.top, lane.height - card.height - 10))
        return round(x, 1), round(y, 1)

    def row_at(self, scene_pos: QPointF, ignore: CardItem | None = None) -> KrRowItem | None:
        for item in self.items(scene_pos):
            if isinstance(item, KrRowItem) and item.card is not ignore:
                return item
            if isinstance(item, CardItem) and item is not ignore and not item.rows_made:
                item.make_rows()  # a card not drawn yet: its rows are asked for first here
                return self.row_at(scene_pos, ignore)
        return None

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        super().drawBackground(painter, rect)
        if self.rows_shown:
            self.near_view.make_near(QRectF(rect))

    def card_at(self, scene_pos: QPointF, ignore: CardItem | None = None) -> CardItem | None:
        for item in self.items(scene_pos):
            card = item.card if isinstance(item, KrRowItem) else item
            if isinstance(card, CardItem) and card is not ignore:
                return card
        return None

    def refresh_edges(self, objective_id: str) -> None:
        for edge in self.edges_at.get(objective_id, ()):
            self._follow(edge)

    def _follow(self, edge: EdgeItem) -> None:
        old = QRectF(edge.bounds)
        edge.refresh()
        self.edge_layer.update(old.united(edge.bounds))

    # -- following changes --------------------------------------------------------------

    def apply(self, changes: ChangeSet) -> None:
        """Update only the items a change set touches (and the progress chain above them)."""
        self.near_view.stale()
        self._progress = None  # progress read before this change set is out of date
        if any(changes.ids(table) for table in REBUILD_TABLES):
            self.rebuild()
            return
        if all(change.table == "canvas_positions" for change in changes):
            self._follow_positions(changes.ids("canvas_positions"))
            return
        snapshot = self.snapshot
        touched = changes.ids("objectives") | changes.ids("canvas_positions")
        edges_to_sync: set[str] = set(changes.ids("objectives"))
        for change in changes:
            if change.table == "objectives" and change.before is not None:
                touched.add(parent_through(change.before["parent_kr_id"],  # the old parent
                                           snapshot.key_results.get,
                                           snapshot.objectives.__contains__) or "")
            elif change.table == "key_results":
                for values in (change.before, change.after):
                    if values is not None:
                        touched.add(values["objective_id"])
                edges_to_sync.update(snapshot.aligned_to_kr.get(change.row_id, ()))
            elif change.table == "contributions":
                for values in (change.before, change.after):
                    if values is not None:
                        touched.update((values["source_id"], values["target_id"]))
        units = changes.ids("units")
        if units:
            touched.update(i for i, c in self.cards.items()
                           if snapshot.objectives[i].owner_id in units)
        touched.discard("")
        for objective_id in list(touched):
            if objective_id in snapshot.objectives:
                touched.update(line_of_sight(snapshot, objective_id))
        progress = self._progress = ProgressCalculator(snapshot)
        for objective_id in touched:
            self._update_card(objective_id, progress)
        for objective_id in list(self._joined - touched):  # may no longer lie on a line
            if not self.document.analytics.in_view(self._view, objective_id):
                self._remove_card(self.cards[objective_id])
            for kr_id in snapshot.krs_of.get(objective_id, ()):
                edges_to_sync.update(snapshot.aligned_to_kr.get(kr_id, ()))
        for objective_id in edges_to_sync | touched:
            self._sync_align_edge(objective_id)
        for link_id in changes.ids("contributions"):
            self._sync_link_edge(link_id)
        for objective_id in touched:
            self.refresh_edges(objective_id)
        self._count_lanes()

    def _follow_positions(self, ids: set[str]) -> None:
        """Cards moved (or put back): only their places and their edges change. Many cards at
        once (Arrange, or its undo) also fit the lanes to the cards again, narrower or lower
        as well as wider or taller."""
        if len(ids) > 1:
            self._place_all(ids)
            return
        for objective_id in ids:
            card = self.cards.get(objective_id)
            if card is None:
                continue
            stored = self.snapshot.canvas_positions.get(objective_id)
            if stored is not None:
                card.spot = (stored.x, stored.y)
            elif card.default_spot is not None:
                card.spot = card.default_spot
            else:
                card.default_spot = card.spot = self._new_spot(card)
            if self.lanes.fit(self.lane_of(card), card.spot[1] + card.height):
                self._restack()
            self.put(card)
            self.refresh_edges(objective_id)

    def _place_all(self, ids: set[str]) -> None:
        for objective_id in ids:
            card = self.cards.get(objective_id)
            if card is not None:
                card.spot = self._stored_spot(card)
        self.lanes.reach = max((c.spot[0] + CARD_WIDTH for c in self.cards.values()),
                               default=0.0)
        bottoms: dict[str, float] = defaultdict(float)
        for card in self.cards.values():
            bottoms[card.level_id] = max(bottoms[card.level_id], card.spot[1] + card.height)
        for lane in self.lanes.lanes:
            lane.height = max(MIN_LANE_HEIGHT, bottoms[lane.level_id] + LANE_PAD_BOTTOM)
        self.lanes.restack()
        self._restack()

    def _stored_spot(self, card: CardItem) -> tuple[float, float]:
        stored = self.snapshot.canvas_positions.get(card.objective_id)
        if stored is not None:
            return stored.x, stored.y
        if card.default_spot is None:
            card.default_spot = self._new_spot(card)
        return card.default_spot

    def _update_card(self, objective_id: str, progress: ProgressCalculator) -> None:
        snapshot = self.snapshot
        objective = snapshot.objectives.get(objective_id)
        card = self.cards.get(objective_id)
        level = snapshot.placed_level(objective_id) if objective is not None else None
        if (objective is None or level is None
                or not self.document.analytics.in_view(self._view, objective_id)):
            if card is not None:
                self._remove_card(card)
            return
        if self._view.joins_on_line(objective.cycle_id):
            self._joined.add(objective_id)
        face = card_face(progress, objective_id,
                         orphan=self.document.analytics.is_orphan(objective_id),
                         shown_cycle=self.document.cycle_id)
        level_id = level.id
        fresh = card is None or card.level_id != level_id
        if card is None:
            card = CardItem(face, self.theme)
            card.show_rows(self.rows_shown)
            self.cards[objective_id] = card
            self.addItem(card)
        else:
            card.set_face(face)
        card.level_id = level_id
        stored = snapshot.canvas_positions.get(objective_id)
        if stored is not None:
            card.spot = (stored.x, stored.y)
        elif fresh or card.default_spot is None:
            card.default_spot = card.spot = self._new_spot(card)
        else:
            card.spot = card.default_spot
        if self.lanes.fit(self.lane_of(card), card.spot[1] + card.height):
            self._restack()
        self.put(card)

    def _remove_card(self, card: CardItem) -> None:
        objective_id = card.objective_id
        self._joined.discard(objective_id)
        for edge in list(self.edges_at.get(objective_id, ())):
            self._drop_edge(edge)
        self.edges_at.pop(objective_id, None)
        self.align_edges.pop(objective_id, None)
        del self.cards[objective_id]
        filed = self._filed.pop(objective_id, None)
        if filed is not None:
            self.card_cells[filed].discard(card)
        self.removeItem(card)

    def _restack(self) -> None:
        self.near_view.stale()
        for lane_id, item in self.lane_items.items():
            lane = self.lanes.get(lane_id)
            assert lane is not None
            item.relayout(self.lanes.width)
        for card in self.cards.values():
            self.put(card)
        self._fit_rect()
        for edge in {e for edges in self.edges_at.values() for e in edges}:
            edge.refresh()
        self.edge_layer.update()

    def _count_lanes(self) -> None:
        counts: dict[str, int] = defaultdict(int)
        for card in self.cards.values():
            counts[card.level_id] += 1
        for level_id, item in self.lane_items.items():
            if item.count != counts[level_id]:
                item.count = counts[level_id]
                item.update()

    def _fit_rect(self) -> None:
        rect = QRectF(0, 0, self.lanes.width, self.lanes.height)
        self.setSceneRect(rect)
        self.edge_layer.set_rect(rect.adjusted(-2000, -200, 2000, 200))

    # -- edges --------------------------------------------------------------------------

    def _drop_edge(self, edge: EdgeItem) -> None:
        for card in edge.ends():
            self.edges_at[card.objective_id].discard(edge)
        self.edge_layer.update(edge.bounds)

    def _add_edge(self, edge: EdgeItem, drawn: bool = True) -> EdgeItem:
        """File a new edge under its two cards; `drawn`: repaint where it runs (not needed
        while the whole scene is being built)."""
        for card in edge.ends():
            self.edges_at[card.objective_id].add(edge)
        if drawn:
            self.edge_layer.update(edge.bounds)
        return edge

    def _sync_align_edge(self, objective_id: str, drawn: bool = True) -> None:
        old = self.align_edges.pop(objective_id, None)
        if old is not None:
            self._drop_edge(old)
        objective = self.snapshot.objectives.get(objective_id)
        card = self.cards.get(objective_id)
        parent_id = parent_of(self.snapshot, objective_id)
        if objective is None or card is None or parent_id is None:
            return
        parent = self.cards.get(parent_id)
        kr_id = objective.parent_kr_id or ""
        if parent is None or kr_id not in self.snapshot.krs_of.get(parent_id, ()):
            return
        kind = EdgeKind(direction_of(objective).value)
        self.align_edges[objective_id] = self._add_edge(EdgeItem(kind, card, parent, kr_id),
                                                        drawn=drawn)

    def _sync_link_edge(self, link_id: str, drawn: bool = True) -> None:
        old = self.link_edges.pop(link_id, None)
        if old is not None:
            self._drop_edge(old)
        link = self.snapshot.contributions.get(link_id)
        if link is None:
            return
        source, target = self.cards.get(link.source_id), self.cards.get(link.target_id)
        if source is not None and target is not None:
            self.link_edges[link_id] = self._add_edge(
                EdgeItem(EdgeKind.CONTRIBUTES, source, target), drawn=drawn)

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
        for edge in {e for edges in self.edges_at.values() for e in edges}:
            ends = edge.ends()
            inside = ids is None or all(c.objective_id in ids for c in ends)
            edge.opacity = 1.0 if inside else 0.12
        self.edge_layer.update()
