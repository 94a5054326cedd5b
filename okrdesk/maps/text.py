"""User text on a map: cleaned, wrapped and escaped for Graphviz HTML-like labels.

Every piece of text a planner typed reaches the DOT source through `escape` (or `lines`, which
wraps and escapes), so nothing typed can change the structure of the graph: inside an HTML-like
label `<`, `>` and `&` are the only markup, quotes are harmless but escaped anyway, and a
backslash is doubled because Graphviz would otherwise read `\\N`, `\\G`, `\\E`, `\\H`, `\\T` and
`\\L` as the names of graph objects.
"""

from __future__ import annotations

import re
import unicodedata

_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
                           "\\": "\\\\"})
_ZWJ = "\u200d"
# Control characters other than whitespace, surrogates and the Unicode noncharacters.
_NONCHARACTERS = "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}"
                         for plane in range(0, 0x110000, 0x10000))
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + re.escape(_NONCHARACTERS) + "]")


def clean(text: str) -> str:
    """One line of printable text: whitespace runs become one space; control characters and
    code points that cannot appear in SVG or PDF text are dropped."""
    if text.isprintable():  # nothing to drop: what is dropped is never printable
        return " ".join(text.split())
    return " ".join(_UNPRINTABLE.sub("", text).split())


def escape(text: str) -> str:
    """`text` cleaned and escaped for the inside of an HTML-like label."""
    return clean(text).translate(_ENTITIES)


def wrap(text: str, width: int) -> list[str]:
    """`text` cleaned and wrapped into lines of at most about `width` characters; nothing is
    cut off: a word longer than a line is split over several lines."""
    lines: list[str] = []
    current = ""
    for word in clean(text).split(" "):
        if not word:
            continue
        if current and len(current) + 1 + len(word) <= width:
            current = f"{current} {word}"
            continue
        if current:
            lines.append(current)
        pieces = _split_word(word, width)
        lines.extend(pieces[:-1])
        current = pieces[-1]
    if current or not lines:
        lines.append(current)
    return lines


def lines(text: str, width: int, *, align: str = "LEFT") -> str:
    """`text` wrapped and escaped, lines joined with HTML-like line breaks."""
    return f'<BR ALIGN="{align}"/>'.join(escaped_lines(text, width))


def escaped_lines(text: str, width: int) -> tuple[str, ...]:
    """`text` wrapped, each line escaped (wrapped lines are clean already)."""
    return tuple(line.translate(_ENTITIES) for line in wrap(text, width))


def _split_word(word: str, width: int) -> list[str]:
    """Split a long word at places that keep emoji sequences and accents whole."""
    pieces: list[str] = []
    start = 0
    while len(word) - start > width:
        cut = start + width
        while cut > start + 1 and not _can_break(word, cut):
            cut -= 1
        if cut == start + 1 and not _can_break(word, cut):
            cut = start + width  # no safe place at all: keep every character anyway
        pieces.append(word[start:cut])
        start = cut
    pieces.append(word[start:])
    return pieces


def _can_break(word: str, at: int) -> bool:
    before, after = word[at - 1], word[at]
    if _ZWJ in (before, after):
        return False
    if unicodedata.category(after).startswith("M") or "\ufe00" <= after <= "\ufe0f":
        return False
    if "\U0001f3fb" <= after <= "\U0001f3ff":  # skin tone modifiers
        return False
    regional = "\U0001f1e6" <= before <= "\U0001f1ff" and "\U0001f1e6" <= after <= "\U0001f1ff"
    return not regional
