"""Where a booklet's overview and index go, so that small maps stay short.

A map of one detail page has neither. A map of two detail pages has no overview (the pages
are the overview). The index goes, in this order of preference: into the free space below the
last detail page's cards; right after the overview, when that takes fewer pages than the two
apart; on pages of its own at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from okrdesk.maps.chunks import SHELF_GAP, Planner, Sheet
from okrdesk.maps.overview import (
    Entry,
    columns_for,
    entries_table,
    page_count,
    paginate_entries,
    table_size,
)
from okrdesk.maps.request import MARGIN_PT, MIN_SCALE
from okrdesk.maps.view import MapView

HEADING_PT = 24.0  # the heading line above an overview's or index's columns
OVERVIEW_HEADING = "Overview: every objective, and the page of its card"
INDEX_HEADING = "Index: objectives and owners, A to Z"
# On a detail page, which prints at 80 % or more, entries are set so they print at 6 pt or more.
DETAIL_ENTRY_PT = 6.0 / MIN_SCALE
PLACEHOLDER_PAGE = 888  # the widest page number, while pages are not yet numbered

Columns = list[list[str]]  # a page's columns of table rows


@dataclass
class Contents:
    page_of: dict[str, int]  # objective id -> its detail page
    front: list[Columns] = field(default_factory=list)  # overview pages (maybe the index too)
    back: list[Columns] = field(default_factory=list)  # index pages at the end
    on_last: tuple[str, tuple[float, float], float] | None = None  # (table, size, top)
    column_width: float = 0.0  # of the front and back pages' columns


def plan_contents(view: MapView, planner: Planner, sheets: list[Sheet],
                  title_height: float) -> Contents:
    """Overview and index of a booklet of `sheets` (detail pages) whose title block is
    `title_height` points high. Entries are set before pages are numbered (a page number has
    a column of fixed width), then set again with the numbers."""
    piece_of = planner.piece_of()
    sheet_of = {piece: n for n, sheet in enumerate(sheets) for piece, _, _ in sheet.placed}
    if len(sheets) == 1:
        return Contents(dict.fromkeys(view.objective_ids, 1))
    paper = view.request.page_points()
    area = (paper[0] - 2 * MARGIN_PT, paper[1] - 2 * MARGIN_PT - title_height - HEADING_PT)
    usable_width = paper[0] - 2 * MARGIN_PT

    def entries(page_of: dict[str, int]) -> tuple[list[Entry], list[Entry]]:
        overview = tree_entries(planner, page_of) if len(sheets) > 2 else []
        return overview, index_entries(view, page_of)

    overview, index = entries(dict.fromkeys(view.objective_ids, PLACEHOLDER_PAGE))
    alone = page_count(overview, area) if overview else 0
    on_last = _on_last_page(planner, sheets[-1], index, usable_width) is not None
    both = page_count(_with_index(overview, index), area) if overview and not on_last else 0
    together = 0 < both < alone + page_count(index, area)
    front = both if together else alone
    page_of = {oid: front + 1 + sheet_of[piece_of[oid]] for oid in view.objective_ids}
    overview, index = entries(page_of)
    contents = Contents(page_of, paginate_entries(overview, area) if overview else [],
                        column_width=columns_for(area[0])[1])
    if on_last:  # as large with the numbers set; pages of its own should it not be
        contents.on_last = _on_last_page(planner, sheets[-1], index, usable_width)
    if together:
        contents.front = paginate_entries(_with_index(overview, index), area)
    elif contents.on_last is None:
        contents.back = paginate_entries(index, area)
    return contents


def _with_index(overview: list[Entry], index: list[Entry]) -> list[Entry]:
    return [*overview, Entry(INDEX_HEADING, 0, heading=True), *index]


def _on_last_page(planner: Planner, sheet: Sheet, index: list[Entry],
                  usable_width: float) -> tuple[str, tuple[float, float], float] | None:
    """The index as one table below the cards of the last detail page, if it fits there."""
    bottom = max(top + height for top, height, _ in sheet.shelves)
    top = bottom + SHELF_GAP
    used_width = max(used for _, _, used in sheet.shelves)
    width = min(planner.width, max(used_width, usable_width))
    free = planner.height - top
    if free <= HEADING_PT:
        return None
    if page_count(index, (width, free - HEADING_PT), DETAIL_ENTRY_PT) > 1:
        return None
    # As short as it can be: columns of about equal length, not one long one.
    low, high = 0.0, free - HEADING_PT
    while high - low > 4.0:
        middle = (low + high) / 2
        if page_count(index, (width, middle), DETAIL_ENTRY_PT) > 1:
            low = middle
        else:
            high = middle
    columns = paginate_entries(index, (width, high), DETAIL_ENTRY_PT)[0]
    column_width = columns_for(width, DETAIL_ENTRY_PT)[1]
    table = entries_table(INDEX_HEADING, columns, column_width, DETAIL_ENTRY_PT)
    size = table_size(INDEX_HEADING, columns, column_width, DETAIL_ENTRY_PT)
    if size[0] > planner.width or top + size[1] > planner.height:
        return None
    return table, size, top


def tree_entries(planner: Planner, page_of: dict[str, int]) -> list[Entry]:
    """The overview's entries: the view's tree, depth first, each with its page."""
    entries: list[Entry] = []
    stack = [(root, 0) for root in reversed(planner.children[""])]
    while stack:
        oid, depth = stack.pop()
        title = planner.view.snapshot.objectives[oid].title
        entries.append(Entry(title, page_of.get(oid, PLACEHOLDER_PAGE), depth,
                             strong=depth == 0))
        stack.extend((kid, depth + 1) for kid in reversed(planner.children[oid]))
    return entries


def index_entries(view: MapView, page_of: dict[str, int]) -> list[Entry]:
    """The index's entries: objectives A to Z with their owners and pages."""
    snapshot = view.snapshot

    def owner(oid: str) -> str:
        unit = snapshot.units.get(snapshot.objectives[oid].owner_id)
        return unit.name if unit else "No owner"
    ordered = sorted(view.objective_ids,
                     key=lambda o: (snapshot.objectives[o].title.casefold(), owner(o)))
    return [Entry(snapshot.objectives[o].title, page_of[o], note=owner(o)) for o in ordered]
