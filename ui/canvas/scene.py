"""The canvas scene: lanes, cards and edges kept in step with the plan.

Like a node editor's scene it keeps maps from plan ids to items (scene_base.py), builds them
once per cycle, and after each change set adds, removes or updates only the items that the
change set touches (scene_follow.py).
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QObject

from okrdesk.rulebook import CycleView, cycle_view, parents, view_objectives
from okrdesk.storage import ChangeSet

from ..document import PlanDocument
from .items import CardItem, FaceToCome
from .lane_item import LaneItem
from .lanes import Lane, Lanes
from .scene_base import PlacedScene
from .scene_follow import follow_changes
from .spots import lay_out
from .theme import Theme

REBUILD_TABLES = ("levels", "cycles")

__all__ = ["CanvasScene"]


class CanvasScene(PlacedScene):
    def __init__(self, document: PlanDocument, theme: Theme, parent: QObject | None = None
                 ) -> None:
        super().__init__(document, theme, parent)
        self.rebuild()
        document.changed.connect(self.apply)
        document.cycle_changed.connect(lambda _cycle: self.rebuild())

    def rebuild(self) -> None:
        """Build every item for the document's cycle (on opening and switching cycles)."""
        if self.edge_layer.scene() is self:
            self.removeItem(self.edge_layer)  # kept: clear() would delete it
        self.clear()
        self.addItem(self.edges.reset(self.theme))
        self.cards.clear()
        self.near_view.forget()
        self.rows_shown = True  # as new cards are made
        self.cells.clear()
        self.lane_items.clear()
        snapshot = self.snapshot
        cycle_id = self.document.cycle_id
        self.cycle_view = (cycle_view(snapshot, cycle_id) if cycle_id in snapshot.cycles
                           else CycleView(cycle_id, frozenset()))
        self.joined.clear()
        self.progress = None
        by_level: dict[str, list[CardItem]] = defaultdict(list)
        krs_of = snapshot.krs_of
        shown = view_objectives(snapshot, cycle_id) if self.cycle_view.cycles else []
        for objective_id in shown:
            level = snapshot.placed_level(objective_id)
            if level is None:
                continue
            if self.cycle_view.joins_on_line(snapshot.objectives[objective_id].cycle_id):
                self.joined.add(objective_id)
            card = CardItem(FaceToCome(objective_id, tuple(krs_of.get(objective_id, ())),
                                       self.face_of), self.theme)
            card.level_id = level.id
            self.cards[objective_id] = card
            by_level[card.level_id].append(card)
        self.lanes = Lanes(1, [Lane(level.id, level.name, level.rank)
                               for level in snapshot.ordered_levels()])
        parent_ids = parents(snapshot)  # once for the placement and the edges
        lay_out(snapshot, self.cards, self.lanes, by_level, parent_ids)
        self.lanes.restack()
        self.fit_rect()  # before adding items, so the scene's index is sized once
        for index, lane in enumerate(self.lanes.lanes):
            item = LaneItem(lane, index, self.lanes.width, self.theme)
            item.count = len(by_level.get(lane.level_id, []))
            item.setPos(0, lane.top)
            self.lane_items[lane.level_id] = item
            self.addItem(item)
        for card in self.cards.values():
            self.put(card)
            self.addItem(card)
        self.edges.align_all(parent_ids)
        for link_id in snapshot.contributions:
            self.edges.sync_link(link_id, drawn=False)
        self.fit_rect()

    def apply(self, changes: ChangeSet) -> None:
        """Follow a change set: rebuild for levels or cycles, else touch only what changed."""
        self.near_view.stale()
        self.progress = None  # progress read before this change set is out of date
        if any(changes.ids(table) for table in REBUILD_TABLES):
            self.rebuild()
            return
        follow_changes(self, changes)
