"""Text on a scorecard: cleaned (okrdesk.maps.text.clean, as on the maps), measured in the
embedded font, and wrapped to a width so nothing runs off the page.

Text is drawn with reportlab's canvas, never parsed as markup, so `<`, `&` and the like are
only characters; a word longer than a line is split over lines, keeping emoji sequences and
accents whole where it can.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth

from okrdesk.maps.text import clean

ELLIPSIS = "…"
_JOINERS = {"\u200d"}


@lru_cache(maxsize=1 << 16)
def width_of(text: str, font: str, size: float) -> float:
    """The width in points; kept, as names, figures and words come back card after card."""
    return float(stringWidth(text, font, size))


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """`text` cleaned and broken into lines no wider than `width` points (at least one line)."""
    text = clean(text)
    if width_of(text, font, size) <= width:
        return [text]
    space = width_of(" ", font, size)
    lines: list[str] = []
    current, current_width = "", 0.0
    for word in text.split(" "):
        word_width = width_of(word, font, size)
        if current and current_width + space + word_width <= width:
            current, current_width = f"{current} {word}", current_width + space + word_width
            continue
        if current:
            lines.append(current)
        if word_width <= width:
            current, current_width = word, word_width
            continue
        pieces = split_word(word, font, size, width)
        lines.extend(pieces[:-1])
        current = pieces[-1]
        current_width = width_of(current, font, size)
    lines.append(current)
    return lines


def split_word(word: str, font: str, size: float, width: float) -> list[str]:
    """A word too long for a line, in pieces that each fit (a piece holds a character at
    least, so even a very narrow column makes progress)."""
    pieces: list[str] = []
    start, used = 0, 0.0
    for index, character in enumerate(word):
        wide = width_of(character, font, size)
        if index > start and used + wide > width and _can_break(word, index):
            pieces.append(word[start:index])
            start, used = index, 0.0
        used += wide
    pieces.append(word[start:])
    return pieces


def shortened(text: str, font: str, size: float, width: float) -> str:
    """`text` cleaned, cut with an ellipsis to fit one line (for running heads only: the full
    text is on the page it belongs to)."""
    text = clean(text)
    if width_of(text, font, size) <= width:
        return text
    budget = width - width_of(ELLIPSIS, font, size)
    used, end = 0.0, 0
    for end, character in enumerate(text):  # noqa: B007 - `end` is read after the loop
        used += width_of(character, font, size)
        if used > budget:
            break
    return text[:end].rstrip() + ELLIPSIS


def _can_break(word: str, at: int) -> bool:
    before, after = word[at - 1], word[at]
    if before in _JOINERS or after in _JOINERS:
        return False
    if unicodedata.category(after).startswith("M") or "\ufe00" <= after <= "\ufe0f":
        return False
    return not "\U0001f3fb" <= after <= "\U0001f3ff"  # skin tone modifiers
