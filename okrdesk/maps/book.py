"""A map of several pages as a book: the overview, the detail pages, and the index.

Cards are sized from their measured lines of text (cardsize.py), subtrees are cut and packed
onto pages (chunks.py) from those exact sizes, the overview and index are placed (contents.py),
and only then are pages numbered: reference boxes and the "Page N of M" box have fixed sizes,
so numbering moves nothing and every page is laid out and drawn once, on a machine of two or
more cores in two processes (twocores.py). A map that fits one page is that page alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygraphviz as pgv
from pygraphviz import graphviz as gv

from okrdesk.maps.blocks import Block, Item
from okrdesk.maps.cards import card_and_cells, kr_port, title_block
from okrdesk.maps.cardsize import card_sizes
from okrdesk.maps.chunks import CONTRIBUTES_PORT, Planner, Sheet
from okrdesk.maps.contents import INDEX_HEADING, OVERVIEW_HEADING, Columns, plan_contents
from okrdesk.maps.errors import MapRenderError
from okrdesk.maps.overview import ENTRY_PT, entries_dot
from okrdesk.maps.paper import print_scale, viewport
from okrdesk.maps.refs import References
from okrdesk.maps.request import DEFAULT_PNG_DPI, MARGIN_PT, MIN_SCALE, PNG_DPI
from okrdesk.maps.sheet import TITLE_GAP, sheet_dot
from okrdesk.maps.twocores import in_two
from okrdesk.maps.view import MapView

WIDEST_PAGE_TEXT = "Page 888 of 888"
ROUNDING = 2.0
PAGE_MARK = "Page-number-of-total"  # in the title block's page-number cell, replaced per page
OVERVIEW_MIN_SCALE = 6.0 / ENTRY_PT


@dataclass(frozen=True)
class Page:
    """A page ready to draw: its DOT, the Graphviz engine, the smallest scale it may print at
    without a warning, its number, and the area its boxes take (detail pages)."""

    source: str
    engine: str
    min_scale: float
    number: int
    fill_area: float | None = None


@dataclass
class Book:
    pages: list[bytes] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    overview: int = 0  # pages before the detail pages (the overview, maybe with the index)
    index: int = 0  # index pages after the detail pages
    index_on_last: bool = False  # the index is on the last detail page
    page_of: dict[str, int] = field(default_factory=dict)  # objective id -> detail page
    fill: list[float] = field(default_factory=list)  # share of each detail page's paper used
    planner: Planner | None = None
    sheets: list[Sheet] = field(default_factory=list)
    sources: list[tuple[str, str]] = field(default_factory=list)  # (DOT, Graphviz engine)


def draw_book(view: MapView, fmt: str) -> Book:
    """Every page of the map drawn as `fmt`, with the figures the tests and benchmark read."""
    refs = References(view)
    planner, title_size = _planner(view, refs)
    sheets = planner.plan()
    contents = plan_contents(view, planner, sheets, title_size[1])
    book = Book(planner=planner, sheets=sheets, page_of=contents.page_of,
                overview=len(contents.front), index=len(contents.back),
                index_on_last=contents.on_last is not None)
    total = len(contents.front) + len(sheets) + len(contents.back)
    dpi = PNG_DPI.get(view.request.page, DEFAULT_PNG_DPI) if fmt == "png" else 72
    extra = f', dpi={dpi:g}, viewport=""'
    pages: list[Page] = []

    def entries_page(heading: str, columns: Columns) -> None:
        source = entries_dot(_title(view, len(pages) + 1, total), heading, columns,
                             contents.column_width, extra)
        pages.append(Page(source, "dot", OVERVIEW_MIN_SCALE, len(pages) + 1))

    for columns in contents.front:
        entries_page(OVERVIEW_HEADING, columns)
    for n, sheet in enumerate(sheets):
        blocks = [(planner.pieces[p].block, x, y) for p, x, y in sheet.placed]
        index = contents.on_last if n == len(sheets) - 1 else None
        source = sheet_dot(view, refs, _title(view, len(pages) + 1, total), title_size, blocks,
                           book.page_of, extra, index)
        area = _used_area(title_size, blocks) + (index[1][0] * index[1][1] if index else 0.0)
        pages.append(Page(source, "nop2", MIN_SCALE, len(pages) + 1, area))
    for columns in contents.back:
        entries_page(INDEX_HEADING, columns)
    paper = view.request.page_points()
    for page, (data, warning, fill) in zip(
            pages, in_two(pages, lambda page: _draw(page, fmt, paper),
                          lambda page: len(page.source)), strict=True):
        book.sources.append((page.source, page.engine))
        book.pages.append(data)
        if warning:
            book.warnings.append(warning)
        if fill is not None:
            book.fill.append(fill)
    return book


def _planner(view: MapView, refs: References) -> tuple[Planner, tuple[float, float]]:
    """The view's cards and title block measured, and a planner of pages from those sizes."""
    names = view.node_names()
    cells = {}
    for oid in view.objective_ids:  # labels kept: the detail pages draw the same
        view.labels[("card", oid)], cells[oid] = card_and_cells(view, oid)
    cards, measured = card_sizes(cells, {"title": title_block(view, WIDEST_PAGE_TEXT)})
    title_size = measured["title"]
    budget = view.request.layout_budget()
    # Graphviz places in whole points: a page planned to the last point can come out a
    # fraction over, and print a shade under 8 pt.
    area = (budget[0] - ROUNDING, budget[1] - title_size[1] - TITLE_GAP - ROUNDING)
    items = {}
    for oid in view.objective_ids:
        width, height = cards[oid].size
        offsets = dict(cards[oid].ports)
        offsets[CONTRIBUTES_PORT] = (width, min(14.0, height / 2))
        items[oid] = Item(names[oid], (width, height), offsets)
    port_of_kr = {kr: kr_port(i) for oid in view.objective_ids
                  for i, kr in enumerate(view.snapshot.krs_of.get(oid, ()))}
    planner = Planner(view, items, refs, port_of_kr.__getitem__, area)
    return planner, title_size


def _title(view: MapView, number: int, total: int) -> str:
    """The title block of page `number`: made once, the page number set into a copy."""
    key = ("title", PAGE_MARK)
    if key not in view.labels:
        view.labels[key] = title_block(view, PAGE_MARK)
    return view.labels[key].replace(PAGE_MARK, f"Page {number} of {total}")


def _used_area(title: tuple[float, float], blocks: list[tuple[Block, float, float]]) -> float:
    """Drawing area the page's boxes take: the title block and each placed subtree's block."""
    return title[0] * title[1] + sum(block.width * block.height for block, _, _ in blocks)


def _draw(page: Page, fmt: str, paper: tuple[float, float]) -> tuple[bytes, str, float | None]:
    """A page drawn, with a warning if it prints too small, and the share of the paper its
    boxes take (detail pages)."""
    graph = pgv.AGraph(string=page.source)
    context = gv.gvContextWithBuiltins()
    warning, fill = "", None
    try:
        if gv.gvLayout(context, graph.handle, page.engine.encode()) != 0:
            raise MapRenderError("Graphviz could not lay out a page of the map.")
        try:
            box = tuple(float(v) for v in graph.graph_attr["bb"].split())
            size = (box[2] - box[0], box[3] - box[1])
            scale = print_scale(size, paper)
            if scale < page.min_scale - 1e-6:
                warning = (f"Page {page.number} is printed with text smaller than "
                           f"{'8' if page.min_scale == MIN_SCALE else '6'} pt: a single card or "
                           "subtree is larger than the paper; choose a larger page size.")
            if page.fill_area is not None:
                usable = (paper[0] - 2 * MARGIN_PT) * (paper[1] - 2 * MARGIN_PT)
                fill = min(1.0, page.fill_area * scale * scale / usable)
            graph.graph_attr["viewport"] = viewport(box, paper)  # type: ignore[arg-type]
            error, data = gv.gvRenderData(context, graph.handle, fmt.encode())
            if error:
                raise MapRenderError(f"Graphviz could not draw a page of the map as {fmt}.")
            return bytes(data), warning, fill
        finally:
            gv.gvFreeLayout(context, graph.handle)
    finally:
        gv.gvFreeContext(context)
