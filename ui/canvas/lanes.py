"""Where the lanes are: one horizontal lane per org level, top level first.

Stored card positions keep `x` in scene units and `y` measured from the top of the card's lane,
so a lane can grow without pushing cards out of the lanes below it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .theme import (
    CARD_GAP_X,
    CARD_WIDTH,
    LANE_LABEL_WIDTH,
    LANE_PAD_BOTTOM,
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
    slot_height: float = 200.0  # the tallest card of the lane plus the gap below it


@dataclass
class Lanes:
    columns: int  # the stacks of cards a full lane has (placement.py)
    lanes: list[Lane] = field(default_factory=list)
    reach: float = 0.0  # the right edge of the rightmost card

    def __post_init__(self) -> None:
        self._by_level = {lane.level_id: lane for lane in self.lanes}

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

    def fit(self, lane: Lane, bottom: float) -> bool:
        """Grow a lane so a card ending at `bottom` (within the lane) fits; True if it grew."""
        needed = bottom + LANE_PAD_BOTTOM
        if needed <= lane.height:
            return False
        lane.height = needed
        self.restack()
        return True
