"""Sizes of objective cards worked out from their text, as Graphviz sets them.

Graphviz sizes a card's table from its cells' text: a line of text is as wide as Pango sets it
and as high as one line of its font (bold text of several lines: its font size a line); a cell
adds its padding; columns take the widest cell that spans only them, then each cell spanning
several columns widens them equally by what it lacks, in the cells' order (Graphviz's HTML
table layout, after the CSS table algorithm); a row takes its highest cell. So only lines of
text are measured, not cards, in one Graphviz run: every distinct line of a font in one label
of many lines, whose drawing gives each line's width; one line of each font (its height); and
all the font's characters in one line, as high as one line unless a character comes from a
font of another height (a fallback font): then each character is measured alone, and the
cells of its lines whole, in one more run. Cells with an empty line, a backslash (which the
drawing's text escapes) or a mark or joiner (shaped with its neighbours) are measured whole
in the first run. Points, y running down.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from okrdesk.maps.cards import PAD, CardCells, Cell, kr_port
from okrdesk.maps.measure import measure_nodes

Font = tuple[int, bool]  # size, bold
LINE = '<BR ALIGN="LEFT"/>'
UNSHAPED = {"Mn", "Me", "Mc", "Cf", "Cc", "Cs", "Co", "Cn"}
ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\\": "\\\\"})


@dataclass
class CardSize:
    size: tuple[float, float]
    ports: dict[str, tuple[float, float]]  # key result port -> where its line leaves the card


def card_sizes(cards: dict[str, CardCells], extra: dict[str, str]
               ) -> tuple[dict[str, CardSize], dict[str, tuple[float, float]]]:
    """Size and key result ports of every card (objective id -> its cells, as `card_cells`
    gives them), and the measured size of each of `extra`'s labels (name -> HTML-like
    label)."""
    cells = {(cell.pt, cell.bold, cell.lines) for shape in cards.values()
             for row in shape.rows for cell in row}
    lines: dict[Font, set[str]] = {}
    for pt, bold, text in cells:
        lines.setdefault((pt, bold), set()).update(text)
    fonts = sorted(lines)
    chars = {font: set("".join(html.unescape(line) for line in lines[font])) for font in fonts}
    # Lines Pango cannot be asked to set in a label of many lines, or set alone, are
    # measured in their cells; other lines in one label a font, each character alone too.
    odd_lines = {font: {line for line in lines[font] if not line or "\\" in line
                        or any(unicodedata.category(c) in UNSHAPED for c in html.unescape(line))}
                 for font in fonts}
    plain = {font: sorted(lines[font] - odd_lines[font]) for font in fonts}
    labels = dict(extra)
    for n, font in enumerate(fonts):
        labels[f"font{n}"] = _text(font, ("Xg",))
        if plain[font]:
            labels[f"lines{n}"] = _text(font, tuple(plain[font]))
        # every character in one line: as high as one line of the font unless a character
        # comes from a font of another height (a fallback font)
        probe = "".join(sorted(c for c in chars[font] if _probed(c))).translate(ENTITIES)
        labels[f"chars{n}"] = _text(font, (probe or "Xg",))
    odd = _odd_cells(cells, odd_lines)
    labels.update({name: _text((pt, bold), text) for (pt, bold, text), name in odd.items()})
    measured = measure_nodes(labels, frozenset(f"lines{n}" for n in range(len(fonts))))
    line_height = {font: measured[f"font{n}"][0][1] for n, font in enumerate(fonts)}
    mixed = [font for n, font in enumerate(fonts)
             if abs(measured[f"chars{n}"][0][1] - line_height[font]) > 0.01]
    if mixed:  # which characters: each alone; the cells of their lines are measured whole
        alone = measure_nodes({f"c{n}_{ord(c)}": _text(font, (c.translate(ENTITIES),))
                               for n, font in enumerate(mixed) for c in chars[font]
                               if _probed(c)})
        taller: dict[Font, set[str]] = {font: set() for font in fonts}
        for n, font in enumerate(mixed):
            high = {c for c in chars[font] if _probed(c)
                    and abs(alone[f"c{n}_{ord(c)}"][0][1] - line_height[font]) > 0.01}
            taller[font] = {line for line in plain[font]
                            if not high.isdisjoint(html.unescape(line))}
        more = {key: name for key, name in _odd_cells(cells, taller, start=len(odd)).items()
                if key not in odd}
        if more:
            measured.update(measure_nodes({name: _text((pt, bold), text)
                                           for (pt, bold, text), name in more.items()}))
            odd.update(more)
    width: dict[tuple[Font, str], float] = {}
    for n, font in enumerate(fonts):
        spans = measured[f"lines{n}"][1] if plain[font] else []
        if len(spans) != len(plain[font]):  # never seen: then each line is measured alone
            alone = measure_nodes({f"line{m}": _text(font, (line,))
                                   for m, line in enumerate(plain[font])})
            spans = [alone[f"line{m}"][0][0] for m in range(len(plain[font]))]
        width.update(((font, line), span) for line, span in zip(plain[font], spans, strict=True))

    def text_size(cell: Cell) -> tuple[float, float]:
        name = odd.get((cell.pt, cell.bold, cell.lines))
        if name is not None:
            return measured[name][0]
        count = len(cell.lines)
        if count == 0:
            return 0.0, 0.0
        font = (cell.pt, cell.bold)
        # Graphviz sets several lines of bold text at the font's size a line
        high = count * cell.pt if cell.bold and count > 1 else count * line_height[font]
        return max(width[(font, line)] for line in cell.lines), high

    sizes = {oid: _table(shape, text_size) for oid, shape in cards.items()}
    return sizes, {name: measured[name][0] for name in extra}


def _probed(char: str) -> bool:
    """Whether a character's height is looked at: a space sits in a line of other characters;
    marks, joiners and the like are shaped with their neighbours (their lines are measured in
    their cells anyway)."""
    return not char.isspace() and unicodedata.category(char) not in UNSHAPED


def _odd_cells(cells: set[tuple[int, bool, tuple[str, ...]]], odd_lines: dict[Font, set[str]],
               start: int = 0) -> dict[tuple[int, bool, tuple[str, ...]], str]:
    """A name for each cell holding one of `odd_lines`, to measure it alone."""
    found = sorted(key for key in cells if not odd_lines[key[:2]].isdisjoint(key[2]))
    return {key: f"odd{start + n}" for n, key in enumerate(found)}


def _text(font: Font, lines: tuple[str, ...]) -> str:
    text = LINE.join(lines)
    if font[1]:
        text = f"<B>{text}</B>"
    return (f'<TABLE BORDER="0" CELLPADDING="0" CELLSPACING="0"><TR><TD BALIGN="LEFT">'
            f'<FONT POINT-SIZE="{font[0]}">{text}</FONT></TD></TR></TABLE>')


def _table(shape: CardCells, text_size: Callable[[Cell], tuple[float, float]]) -> CardSize:
    """A card's size and ports from its cells' text sizes (three columns, no spacing)."""
    rows = [[(cell, text_size(cell)) for cell in row] for row in shape.rows]
    first = {1: 2, 2: 0, 3: 0}  # a cell's first column, by its span
    widths = [0.0, 0.0, 0.0]
    for row in rows:
        for cell, (w, _) in row:
            if cell.span == 1:
                widths[2] = max(widths[2], w + 2 * PAD)
    for row in rows:
        for cell, (w, _) in row:
            if cell.span > 1:
                columns = range(first[cell.span], first[cell.span] + cell.span)
                lacking = w + 2 * PAD - sum(widths[c] for c in columns)
                if lacking > 0:
                    for c in columns:
                        widths[c] += lacking / cell.span
    border = shape.border
    total = sum(widths) + 2 * border
    ports: dict[str, tuple[float, float]] = {}
    top = float(border)
    for n, row in enumerate(rows):
        height = max(h for _, (_, h) in row) + 2 * PAD
        if n >= shape.first_kr:
            ports[kr_port(n - shape.first_kr)] = (total - border, top + height / 2)
        top += height
    return CardSize((total, top + border), ports)
