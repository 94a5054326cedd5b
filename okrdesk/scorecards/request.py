"""What a set of scorecards shows and how it is printed; the ways it can fail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from okrdesk.errors import OkrDeskError

PAPERS = ("A4", "Letter")  # scorecards are printed landscape on either, sized as maps are
SLIDE_POINTS = (13.333 * 72.0, 7.5 * 72.0)  # 16:9 in points, as presentation programs use


class ScorecardError(OkrDeskError):
    """The scorecards asked for cannot be made (unknown cycle, nothing to show, unwritable
    file...); the message says what to change."""


class ScorecardsCancelled(ScorecardError):
    """The scorecards were cancelled while they were being written; no file was left."""


@dataclass(frozen=True)
class ScorecardRequest:
    """Scorecards of one plan.

    `cycle` is a cycle's name or id (default: the cycle the app opens on, as for `okrdesk map`).
    Without `focus` or `levels` there is one card per top objective of the cycle's view (an
    objective aligned to nothing else in it); `focus` (an id or a unique title) gives that
    objective's card; `levels` ("A..B" or one level, by name or number from the top, as
    `okrdesk map --levels` reads it) gives a card to every objective at those levels, within
    the focus's tree when both are given. `by_owner` gathers the chosen objectives into one card
    per owner. `slides` prints 16:9 slides instead of landscape pages of `paper`.
    """

    cycle: str | None = None
    focus: str | None = None
    levels: str | None = None
    by_owner: bool = False
    slides: bool = False
    paper: str = "A4"
    today: date | None = None  # default: okrdesk.clock.today()

    def page_points(self) -> tuple[float, float]:
        from okrdesk.maps.request import PAGE_SIZES  # the maps' paper sizes

        if self.slides:
            return SLIDE_POINTS
        for name in PAPERS:
            if name.lower() == self.paper.lower():
                width, height = PAGE_SIZES[name]
                return height, width
        raise ScorecardError(f"Unknown paper '{self.paper}': choose one of {', '.join(PAPERS)}.")
