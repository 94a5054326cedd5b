"""Text flowing down pages: a cursor that starts a new page when the next block does not fit,
lines drawn one `drawString` each (so every line is one run in the PDF's text layer), rows of
cells that break across pages when they are taller than what is left, and progress bars.

A page gets its footer when it is started; a card's running head (its title, "continued")
is drawn by the `continued` callback on every page after the card's first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfgen.canvas import Canvas

from okrdesk.scorecards.text import width_of, wrap

TRACK = "#e0e4e7"


@dataclass(frozen=True)
class Style:
    font: str
    size: float
    color: str = "#263238"
    leading_ratio: float = 1.25

    @property
    def leading(self) -> float:
        return self.size * self.leading_ratio


@dataclass
class Cell:
    """Lines of text in a column; `bar` draws a progress bar (0..1) in the cell's first line,
    left of its text, which is then set flush right."""

    lines: list[str]
    style: Style
    x: float
    width: float
    align: str = "left"  # left | right
    bar: float | None = None
    bar_color: str = "#2e7d32"


def cell(text: str, style: Style, x: float, width: float, **options: object) -> Cell:
    """A cell whose text is wrapped to its width."""
    return Cell(wrap(text, style.font, style.size, width), style, x, width, **options)  # type: ignore[arg-type]


class Flow:
    """The cursor on the current page. `y` is where the next line's top goes."""

    def __init__(self, canvas: Canvas, size: tuple[float, float], margin: float,
                 footer: Callable[[Flow], None]) -> None:
        self.canvas = canvas
        self.width, self.height = size
        self.margin = margin
        self.left, self.right = margin, self.width - margin
        self.top, self.bottom = self.height - margin, margin
        self.footer = footer
        self.continued: Callable[[Flow], None] | None = None
        self.pages = 0
        self.y = self.top
        self._fill: str | None = None  # what the page has set, so nothing is set twice
        self._font: tuple[str, float] | None = None

    @property
    def text_width(self) -> float:
        return self.right - self.left

    def room(self) -> float:
        return self.y - self.bottom

    def new_page(self, *, card_start: bool = False) -> None:
        """End the page (if any) and start the next; a card's running head unless it starts."""
        if self.pages:
            self.canvas.showPage()
        self._fill = self._font = None  # a new page starts from the defaults
        self.pages += 1
        self.y = self.top
        self.footer(self)
        if not card_start and self.continued is not None:
            self.continued(self)

    def need(self, height: float) -> None:
        """Start a new page unless `height` points fit below the cursor."""
        if height > self.room():
            self.new_page()

    def skip(self, height: float) -> None:
        self.y -= height

    def lines(self, lines: list[str], style: Style, x: float | None = None,
              *, color: str | None = None) -> None:
        """Lines one under the other, continued on the next page where the page ends."""
        left = self.left if x is None else x
        for line in lines:
            if style.leading > self.room():
                self.new_page()
            self.set_font(style.font, style.size)
            self.ink(color or style.color)
            self.y -= style.leading
            self.canvas.drawString(left, self.y + _descent(style), line)

    def paragraph(self, text: str, style: Style, *, indent: float = 0.0,
                  color: str | None = None) -> None:
        self.lines(wrap(text, style.font, style.size, self.text_width - indent), style,
                   self.left + indent, color=color)

    def row(self, cells: list[Cell], *, pad: float = 3.0,
            before: Callable[[Flow], None] | None = None, rule: bool = True) -> None:
        """A table row: kept on one page when a page can hold it, else split by lines.
        `before` runs on each new page the row moves to (a table's column heads)."""
        leading = max(c.style.leading for c in cells)
        remaining = [list(c.lines) for c in cells]
        first, moved = True, False
        while True:
            count = max(len(lines) for lines in remaining) or 1
            fits = int((self.room() - 2 * pad) // leading)
            keep_whole = first and not moved and fits < count <= self._page_lines(leading, pad)
            if keep_whole or fits < 1:
                moved = True
                self.new_page()
                if before is not None:
                    before(self)
                continue
            take = min(fits, count)
            self._draw_row(cells, [lines[:take] for lines in remaining], leading, pad,
                           with_bar=first)
            remaining = [lines[take:] for lines in remaining]
            first = False
            if not any(remaining):
                break
            self.new_page()
            if before is not None:
                before(self)
        if rule:
            self.rule()

    def rule(self, color: str = TRACK, width: float = 0.6) -> None:
        self.canvas.setStrokeColor(_color(color))
        self.canvas.setLineWidth(width)
        self.canvas.line(self.left, self.y, self.right, self.y)

    def bar(self, x: float, y: float, width: float, height: float, share: float,
            color: str) -> None:
        """A progress bar: a light track and, over it, the share done."""
        canvas = self.canvas
        self.ink(TRACK)
        canvas.rect(x, y, width, height, stroke=0, fill=1)
        done = width * min(1.0, max(0.0, share))
        if done > 0:
            self.ink(color)
            canvas.rect(x, y, done, height, stroke=0, fill=1)

    def _page_lines(self, leading: float, pad: float) -> int:
        """Lines of a row that a fresh page holds below a running head and column heads."""
        return int((self.top - self.bottom - 2 * pad) // leading) - 4

    def _draw_row(self, cells: list[Cell], chunks: list[list[str]], leading: float,
                  pad: float, *, with_bar: bool) -> None:
        top = self.y - pad
        canvas = self.canvas
        for spec, lines in zip(cells, chunks, strict=True):
            style = spec.style
            if with_bar and spec.bar is not None:
                bar_height = style.size * 0.7
                text_room = max((self._text_width(line, style) for line in lines), default=0)
                self.bar(spec.x, top - leading + _descent(style), spec.width - text_room - 4,
                         bar_height, spec.bar, spec.bar_color)
            self.ink(style.color)
            self.set_font(style.font, style.size)
            y = top
            for line in lines:  # a whole cell before the next: its text stays together
                y -= leading
                if spec.align == "right":
                    canvas.drawRightString(spec.x + spec.width, y + _descent(style), line)
                else:
                    canvas.drawString(spec.x, y + _descent(style), line)
        self.y = top - leading * max((len(lines) for lines in chunks), default=1) - pad

    def _text_width(self, line: str, style: Style) -> float:
        return width_of(line, style.font, style.size)

    def ink(self, color: str) -> None:
        """The fill colour of what is drawn next (text and bars)."""
        if color != self._fill:
            self.canvas.setFillColor(_color(color))
            self._fill = color

    def set_font(self, font: str, size: float) -> None:
        if (font, size) != self._font:
            self.canvas.setFont(font, size)
            self._font = (font, size)


@cache
def _color(hex_text: str) -> Color:
    return HexColor(hex_text)


def _descent(style: Style) -> float:
    """From a line box's bottom to its baseline."""
    return (style.leading - style.size) / 2 + style.size * 0.2
