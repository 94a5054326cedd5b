"""Where lanes and default card slots are: one horizontal lane per org level, top level first.

Stored card positions keep `x` in scene units and `y` measured from the top of the card's lane,
so a lane can grow without pushing cards out of the lanes below it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ui.canvas.theme import (
    CARD_GAP_X,
    CARD_WIDTH,
    LANE_LABEL_WIDTH,
    LANE_PAD_BOTTOM,
    LANE_PAD_TOP,
    MIN_LANE_HEIGHT,
)

SLOT_WIDTH = CARD_WIDTH + CARD_GAP_X


@dataclass
class Lane:
    level_id: str
    name: str
    rank: int
    top: float = 0.0
    height: float = MIN_LANE_HEIGHT
    slot_height: float = 200.0
    used_slots: int = 0
    first_slot: int = 0  # columns left empty so a short lane sits in the middle


@dataclass
class Lanes:
    columns: int
    lanes: list[Lane] = field(default_factory=list)
    reach: float = 0.0  # the right edge of the rightmost card

    def __post_init__(self) -> None:
        self._by_level = {lane.level_id: lane for lane in self.lanes}

    @staticmethod
    def columns_for(biggest_lane: int) -> int:
        """A grid wide enough that the biggest lane is no taller than it is wide, roughly."""
        return max(6, min(80, math.ceil(math.sqrt(2.5 * max(biggest_lane, 1)))))

    @property
    def width(self) -> float:
        grid = LANE_LABEL_WIDTH + self.columns * SLOT_WIDTH + CARD_GAP_X
        return max(grid, self.reach + CARD_GAP_X)

    def widen(self, right: float) -> bool:
        """Make room for a card ending at `right`; True if the lanes grew wider."""
        if right <= self.reach:
            return False
        before = self.width
        self.reach = right
        return self.width > before

    @property
    def height(self) -> float:
        return self.lanes[-1].top + self.lanes[-1].height if self.lanes else MIN_LANE_HEIGHT

    def get(self, level_id: str) -> Lane | None:
        return self._by_level.get(level_id)

    def lane_at(self, y: float) -> Lane | None:
        for lane in self.lanes:
            if lane.top <= y < lane.top + lane.height:
                return lane
        return None

    def restack(self) -> None:
        top = 0.0
        for lane in self.lanes:
            lane.top = top
            top += lane.height

    def slot(self, lane: Lane, index: int) -> tuple[float, float]:
        """(x, y within the lane) of a default slot."""
        index += lane.first_slot
        column, row = index % self.columns, index // self.columns
        return (LANE_LABEL_WIDTH + CARD_GAP_X + column * SLOT_WIDTH,
                LANE_PAD_TOP + row * lane.slot_height)

    def take_slot(self, lane: Lane) -> tuple[float, float]:
        position = self.slot(lane, lane.used_slots)
        lane.used_slots += 1
        return position

    def fit(self, lane: Lane, bottom: float) -> bool:
        """Grow a lane so a card ending at `bottom` (within the lane) fits; True if it grew."""
        needed = bottom + LANE_PAD_BOTTOM
        if needed <= lane.height:
            return False
        lane.height = needed
        self.restack()
        return True

    def centre(self, lane: Lane, count: int) -> None:
        lane.first_slot = (self.columns - count) // 2 if count < self.columns else 0
