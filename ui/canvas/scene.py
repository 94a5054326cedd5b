"""The canvas scene: lanes, cards and edges kept in step with the plan.

Like a node editor's scene it keeps maps from plan ids to cards and edges (scene_base.py),
builds them once per cycle, and after each change set adds, removes or updates only the cards
that the change set touches (scene_follow.py). Building a cycle works out every card's place as
plain data; card items are made for the part of the scene being drawn (near_view.py).
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QObject

from okrdesk.rulebook import CycleView, cycle_view, parents, view_objectives
from okrdesk.snapshot import gc_paused
from okrdesk.storage import ChangeSet

from ..document import PlanDocument
from .card_place import CardPlace
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
        """Place every card of the document's cycle, and its edges (on opening and switching
        cycles); items are made as the cards are drawn."""
        with gc_paused():  # tens of thousands of places and edges that all live on
            self._build()

    def _build(self) -> None:
        for layer in (self.edge_layer, self.far_cards):
            if layer.scene() is self:
                self.removeItem(layer)  # kept: clear() would delete it
        self.clear()
        self.addItem(self.edges.reset(self.theme))
        self.addItem(self.far_cards)
        self.far_looks.clear()
        self.cards.clear()  # the items went with clear()
        self.near_view.forget()
        self.rows_shown = True  # as new cards are made
        self.lane_items.clear()
        snapshot = self.snapshot
        cycle_id = self.document.cycle_id
        self.cycle_view = (cycle_view(snapshot, cycle_id) if cycle_id in snapshot.cycles
                           else CycleView(cycle_id, frozenset()))
        self.joined.clear()
        self.progress = None
        self.faces.clear()
        by_level: dict[str, list[CardPlace]] = defaultdict(list)
        objectives, units, levels, krs_of = (snapshot.objectives, snapshot.units,
                                             snapshot.levels, snapshot.krs_of)
        places, joins_on_line = self.cards.places, self.cycle_view.joins_on_line
        shown = view_objectives(snapshot, cycle_id) if self.cycle_view.cycles else []
        for objective_id in shown:  # `snapshot.placed_level` and `cards.add`, inlined
            objective = objectives[objective_id]
            owner = units.get(objective.owner_id)
            level = levels.get(owner.level_id) if owner is not None else None
            if level is None:
                continue
            if joins_on_line(objective.cycle_id):
                self.joined.add(objective_id)
            place = places[objective_id] = CardPlace(
                objective_id, tuple(krs_of.get(objective_id, ())), level.id)
            by_level[level.id].append(place)
        self.lanes = Lanes(1, [Lane(level.id, level.name, level.rank)
                               for level in snapshot.ordered_levels()])
        parent_ids = parents(snapshot)  # once for the placement and the edges
        lay_out(snapshot, self.cards.places, self.lanes, by_level, parent_ids)
        self.lanes.restack()
        self.fit_rect()  # before adding items, so the scene's index is sized once
        for index, lane in enumerate(self.lanes.lanes):
            item = LaneItem(lane, index, self.lanes.width, self.theme)
            item.count = len(by_level.get(lane.level_id, []))
            item.setPos(0, lane.top)
            self.lane_items[lane.level_id] = item
            self.addItem(item)
        self.cards.put_all({lane.level_id: lane.top for lane in self.lanes.lanes})
        self.edges.align_all(parent_ids)
        for link_id in snapshot.contributions:
            self.edges.sync_link(link_id, drawn=False)
        self.fit_rect()

    def apply(self, changes: ChangeSet) -> None:
        """Follow a change set: rebuild for levels or cycles, else touch only what changed."""
        self.near_view.stale()
        self.progress = None  # progress read before this change set is out of date
        self.far_looks.clear()
        self.far_cards.update()
        if any(changes.ids(table) for table in REBUILD_TABLES):
            self.rebuild()
            return
        follow_changes(self, changes)
