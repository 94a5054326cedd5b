"""The marks of one drag: which cards, rows and lanes take it, and the one under the pointer.

The marks are states of the items (drag_look.py draws them): valid cards get a thin outline,
valid rows and lanes show only when aimed at, so a drag never floods the canvas.
"""

from __future__ import annotations

from .drop_targets import Targets
from .items import CardItem, KrRowItem
from .lane_item import LaneItem
from .scene import CanvasScene

Markable = CardItem | KrRowItem | LaneItem


class TargetMarks:
    def __init__(self, scene: CanvasScene, targets: Targets, *, lanes: bool) -> None:
        self.scene = scene
        self.items: list[Markable] = []
        self.aimed: Markable | None = None
        for objective_id in targets.cards:
            card = scene.card(objective_id)
            if card is None:
                continue
            self._mark(card)
            for row in card.rows:
                if row.face.kr_id in targets.rows:
                    self._mark(row)
        if lanes:
            for level_id in targets.lanes:
                lane_item = scene.lane_items.get(level_id)
                if lane_item is not None:
                    self._mark(lane_item)

    def _mark(self, item: Markable) -> None:
        item.marks.target = True
        item.update()
        self.items.append(item)

    def aim(self, item: Markable | None) -> None:
        """Highlight `item` as the one a drop would go to, if it takes the drag."""
        if item is not None and not item.marks.target:
            item = None
        if item is self.aimed:
            return
        if self.aimed is not None:
            self.aimed.marks.hovered = False
            self.aimed.update()
        self.aimed = item
        if item is not None:
            item.marks.hovered = True
            item.update()

    def clear(self) -> None:
        self.aim(None)
        for item in self.items:
            item.marks.target = False
            item.update()
        self.items.clear()
