"""What a map shows and how it is printed: the request, the result, and page sizes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from okrdesk.maps.errors import MapRequestError

POINTS_PER_INCH = 72.0
# Portrait width and height in points. "poster" is ISO A0.
PAGE_SIZES: dict[str, tuple[float, float]] = {
    "A4": (595.0, 842.0),
    "A3": (842.0, 1191.0),
    "Letter": (612.0, 792.0),
    "poster": (2384.0, 3370.0),
}
FORMATS = ("pdf", "svg", "png", "dot")
DETAILS = ("titles", "full")
MARGIN_PT = 36.0
# No text on paper smaller than 8 pt: the smallest font on a map is 10 pt, so a page may be
# shrunk to 80 % at most; a larger map is split into pages instead.
SMALLEST_FONT_PT = 10.0
SMALLEST_PRINTED_PT = 8.0
MIN_SCALE = SMALLEST_PRINTED_PT / SMALLEST_FONT_PT
PNG_DPI = {"poster": 100.0}
DEFAULT_PNG_DPI = 150.0
MIN_WIDTH_PX, MAX_WIDTH_PX = 100, 32_000


@dataclass(frozen=True)
class MapRequest:
    """A map of one plan: which objectives it shows and how it is printed.

    `cycle` is a cycle's name or id (default: the plan's year, as for `okrdesk check`; see
    view.default_cycle). `focus` is an objective's id or unique title: the map shows it,
    everything aligned under it and its line of sight to the top. `levels` is "A..B" with level
    names or numbers counted from the top (1), either end may be left open ("2.."). `function`
    is a function's name. `format` is taken from the output file's suffix when left out.
    SVG and PNG maps are one picture of the whole view unless `pages` asks for one file a
    page; `width` is a single PNG picture's width in pixels.
    """

    cycle: str | None = None
    focus: str | None = None
    levels: str | None = None
    function: str | None = None
    page: str = "A4"
    landscape: bool = False
    detail: str = "full"
    format: str | None = None
    clusters: bool = False
    date: str = field(default_factory=lambda: date.today().isoformat())
    pages: bool = False
    width: int | None = None
    compare: str | None = None  # another plan file: highlight what differs from it
    compare_cycle: str | None = None  # or another cycle of this plan (highlight.py)

    def checked(self, out_path: Path) -> MapRequest:
        """The request with its format settled; a MapRequestError if any choice is unknown."""
        page = _choice(self.page, tuple(PAGE_SIZES), "page size")
        detail = _choice(self.detail, DETAILS, "detail")
        fmt = self.format or out_path.suffix.lstrip(".")
        if not fmt:
            raise MapRequestError(
                f"Cannot tell the map's format from '{out_path.name}': end the name with "
                ".pdf, .svg, .png or .dot.")
        fmt = _choice(fmt, FORMATS, "map format")
        if self.width is not None:
            if fmt != "png" or self.pages:
                raise MapRequestError("A width in pixels is for a map drawn as one PNG picture "
                                      "(PNG pages are drawn at the paper's size).")
            if not MIN_WIDTH_PX <= self.width <= MAX_WIDTH_PX:
                raise MapRequestError(f"A PNG map's width must be {MIN_WIDTH_PX} to "
                                      f"{MAX_WIDTH_PX} pixels; {self.width} was asked for.")
        return MapRequest(self.cycle, self.focus, self.levels, self.function, page,
                          self.landscape, detail, fmt, self.clusters, self.date, self.pages,
                          self.width, self.compare, self.compare_cycle)

    @property
    def single_picture(self) -> bool:
        """Whether the map is one picture of the whole view (SVG and PNG without pages)."""
        return self.format in ("svg", "png") and not self.pages

    def page_points(self) -> tuple[float, float]:
        width, height = PAGE_SIZES[self.page]
        return (height, width) if self.landscape else (width, height)

    def layout_budget(self) -> tuple[float, float]:
        """The largest drawing, in points before scaling, that still prints readably."""
        width, height = self.page_points()
        return (width - 2 * MARGIN_PT) / MIN_SCALE, (height - 2 * MARGIN_PT) / MIN_SCALE


@dataclass(frozen=True)
class MapResult:
    """What a render wrote: the files (one, or one per page for SVG and PNG pages) and any
    warnings. `page_count` is 1 for a single picture."""

    files: tuple[Path, ...]
    page_count: int
    warnings: tuple[str, ...] = ()


def page_files(out_path: Path, fmt: str, page_count: int) -> list[Path]:
    """Where pages go: one file for PDF (all pages) and DOT, NAME-1.svg, NAME-2.svg... for SVG
    and PNG pages (numbered even when there is one, so a file's name tells what it is)."""
    if fmt in ("pdf", "dot"):
        return [out_path]
    return [page_file(out_path, n) for n in range(1, page_count + 1)]


def page_file(out_path: Path, number: int) -> Path:
    return out_path.with_name(f"{out_path.stem}-{number}{out_path.suffix}")


def _choice(value: str, allowed: tuple[str, ...], what: str) -> str:
    for option in allowed:
        if value.lower() == option.lower():
            return option
    raise MapRequestError(f"Unknown {what} '{value}': choose one of {', '.join(allowed)}.")
