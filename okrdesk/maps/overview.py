"""The overview (the whole tree, titles only, each with its detail page) and the index
(objectives and owners, A to Z, each with its page): entries set in columns, as many pages as
they need, or the index in the free space of the last detail page. Text is 7 pt on a page of
its own, which is never shrunk below 6/7, and 7.5 pt on a detail page, which is never shrunk
below 80 %, so nothing prints under 6 pt.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from okrdesk.maps.style import FONT, INK, MUTED, TITLE_PT
from okrdesk.maps.text import escape, wrap

ENTRY_PT = 7.0
LINE_PT = ENTRY_PT * 1.25
INDENT_PT = 9.0
PAGE_COLUMN_PT = 24.0
COLUMN_GAP_PT = 14.0
CHAR_EM = 0.56  # a generous DejaVu Sans advance, so wrapped lines fit their column
MIN_COLUMN_PT = 170.0  # at ENTRY_PT; wider in proportion for larger text
BOLD_EM = 0.65  # a generous DejaVu Sans Bold advance
NBSP, NBSP_EM = "\u00a0", 0.318  # DejaVu Sans: a space is 0.318 em wide


@dataclass(frozen=True)
class Entry:
    text: str
    page: int
    depth: int = 0
    note: str = ""  # muted, after the text (an owner)
    strong: bool = False
    heading: bool = False  # a heading within the columns (the index after the overview)


def columns_for(width: float, pt: float = ENTRY_PT) -> tuple[int, float]:
    """How many columns of `pt` text fit `width`, and each one's width."""
    least = MIN_COLUMN_PT * pt / ENTRY_PT
    count = max(1, int((width + COLUMN_GAP_PT) // (least + COLUMN_GAP_PT)))
    return count, (width - COLUMN_GAP_PT * (count - 1)) / count


def paginate_entries(entries: list[Entry], area: tuple[float, float],
                     pt: float = ENTRY_PT) -> list[list[list[str]]]:
    """Entries set into pages of columns of table rows, in order, filling column by column
    (`area`: below the title block and the heading)."""
    column_width = columns_for(area[0], pt)[1]
    return [[[row for entry in column for row in _rows(entry, column_width, pt)]
             for column in page] for page in _columns(entries, area, pt)]


def page_count(entries: list[Entry], area: tuple[float, float], pt: float = ENTRY_PT) -> int:
    """How many pages `paginate_entries` sets the entries on (without making their rows)."""
    return len(_columns(entries, area, pt))


def table_size(heading: str, columns: list[list[str]], column_width: float,
               pt: float = ENTRY_PT) -> tuple[float, float]:
    """Width and height of `entries_table` of these columns: rows have a fixed height and are
    wrapped to their column's width (with a generous advance), so no Graphviz run is needed."""
    lines = max(sum(2 if _HEADING_ROW in row else 1 for row in rows) for rows in columns)
    spacing = 7.0  # the table's CELLSPACING, around and between its cells
    width = max(len(columns) * column_width + (len(columns) - 1) * spacing,
                len(heading) * TITLE_PT * BOLD_EM) + 2 * spacing
    return width, TITLE_PT * 1.2 + 3 * spacing + lines * _row_height(pt)


def _columns(entries: list[Entry], area: tuple[float, float],
             pt: float) -> list[list[list[Entry]]]:
    count, column_width = columns_for(area[0], pt)
    pages: list[list[list[Entry]]] = [[[]]]
    used = 0.0
    for entry in entries:
        height = _lines(entry, column_width, pt) * pt * LINE_PT / ENTRY_PT
        if used + height > area[1] and pages[-1][-1]:
            if len(pages[-1]) == count:
                pages.append([])
            pages[-1].append([])
            used = 0.0
        pages[-1][-1].append(entry)
        used += height
    return pages


def _lines(entry: Entry, column_width: float, pt: float) -> int:
    if entry.heading:
        return 2
    chars = _chars(entry, column_width, pt)
    return len(_wrapped(f"{entry.text} · {entry.note}" if entry.note else entry.text, chars))


def _chars(entry: Entry, column_width: float, pt: float) -> int:
    """Characters a line of `entry` holds, after its indent and the page number's column."""
    indent = INDENT_PT * entry.depth
    return max(12, int((column_width - indent - PAGE_COLUMN_PT) / (pt * CHAR_EM)))


def entries_table(heading: str, columns: list[list[str]], column_width: float,
                  pt: float = ENTRY_PT) -> str:
    """An HTML-like table of a heading over columns of entries."""
    # Graphviz stretches a shorter column's rows to its cell's height: fill it with empty rows.
    lines = [sum(2 if _HEADING_ROW in row else 1 for row in rows) for rows in columns]
    blank = f'<TR><TD HEIGHT="{_row_height(pt)}"></TD><TD></TD></TR>'
    columns = [rows + [blank] * (max(lines) - n) for rows, n in zip(columns, lines, strict=True)]
    cells = "".join(
        f'<TD VALIGN="TOP" WIDTH="{column_width:.0f}" FIXEDSIZE="FALSE">'
        f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0">{"".join(rows)}</TABLE></TD>'
        for rows in columns)
    return (f'<TABLE BORDER="0" CELLSPACING="7" CELLPADDING="0">'
            f'<TR><TD ALIGN="LEFT" COLSPAN="{len(columns)}"><FONT POINT-SIZE="{TITLE_PT}" '
            f'COLOR="{MUTED}"><B>{escape(heading)}</B></FONT></TD></TR>'
            f"<TR>{cells}</TR></TABLE>")


def entries_dot(title: str, heading: str, columns: list[list[str]], column_width: float,
                extra_graph: str = "") -> str:
    """DOT of one overview or index page: the title block, a heading and the columns."""
    table = entries_table(heading, columns, column_width)
    return "\n".join([
        "digraph entries {",
        f'graph [charset="UTF-8", margin=0, nodesep=0.1, ranksep=0.25{extra_graph}];',
        f'node [shape=plain, fontname="{FONT}"];',
        f"title [label=<{title}>];",
        f"entries [label=<{table}>];",
        "title -> entries [style=invis];",
        "}"])


@lru_cache(maxsize=8192)
def _wrapped(text: str, chars: int) -> list[str]:
    """Wrapped once: a booklet sets its entries a few times while it places them."""
    return wrap(text, chars)


_HEADING_ROW = 'ALIGN="LEFT" VALIGN="BOTTOM" COLSPAN="2"'


def _row_height(pt: float) -> int:
    """A line's height: Graphviz reads only whole points."""
    return round(pt * LINE_PT / ENTRY_PT)


def _rows(entry: Entry, column_width: float, pt: float) -> list[str]:
    """Table rows of one entry: its text wrapped to the column (after its indent), the page
    number right-aligned on the last line."""
    line_height = _row_height(pt)
    if entry.heading:  # two lines high, no page number
        return [f'<TR><TD {_HEADING_ROW} HEIGHT="{2 * line_height}">'
                f'<FONT POINT-SIZE="{pt * 1.3:g}" COLOR="{MUTED}"><B>{escape(entry.text)}'
                '</B></FONT></TD></TR>']
    indent = INDENT_PT * entry.depth
    chars = _chars(entry, column_width, pt)
    words = _wrapped(f"{entry.text} · {entry.note}" if entry.note else entry.text, chars)
    # Indented with no-break spaces: cells of one table column all take the same width.
    pad = NBSP * round(indent / (pt * NBSP_EM))
    rows = []
    for n, line in enumerate(words):
        text = f"<B>{escape(line)}</B>" if entry.strong else escape(line)
        # The number on the entry's last line: text is read by lines, so a title reads whole
        # before its page number when searched or copied.
        page = str(entry.page) if n == len(words) - 1 else NBSP  # never an empty FONT
        rows.append(
            f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" HEIGHT="{line_height}">'
            f'<FONT POINT-SIZE="{pt:g}" COLOR="{INK}">{pad}{text}</FONT></TD>'
            f'<TD ALIGN="RIGHT" WIDTH="{PAGE_COLUMN_PT:.0f}"><FONT POINT-SIZE="{pt:g}" '
            f'COLOR="{INK}">{page}</FONT></TD></TR>')
    return rows
