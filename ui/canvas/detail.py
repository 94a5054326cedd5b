"""Semantic zoom: how much of a card a zoom level shows, and how large its title is drawn.

Cards keep their size in the scene at every zoom; what they draw changes. Near 100 % a card
shows everything. Zoomed out, it drops the owner line and shrinks its key results to one line
each, and draws its title larger. Further out it becomes a chip that shows only its title, in
type large enough to read on screen. The title sizes below are on-screen pixels (the height of
the type, its em), turned into scene units by dividing by the zoom.
"""

from __future__ import annotations

from enum import Enum
from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontInfo, QFontMetricsF

from .theme import CARD_PAD, CARD_WIDTH, HEADER_HEIGHT, SIMPLE_DRAWING_BELOW, Theme

FULL_FROM = 0.75  # from here up the whole card; below, its key results would be under 8 px
CHIP_BELOW = SIMPLE_DRAWING_BELOW  # below this a card is a title-only chip (rows hidden)
TITLES_FROM = 0.1  # below this a chip's title would be a few pixels high: it is left out
TITLE_POINTS = 10.0  # the title of a whole card
COMPACT_TITLE_PX = 11.0  # on screen: the title of a compact card
COMPACT_ROW_PX = 8.5  # on screen: a compact card's key results, as far as the row allows
CHIP_TITLE_PX = 10.5  # on screen: the title of a chip
CHIP_SMALLEST_PX = 8.0  # on screen: a chip's two lines may shrink to this, no further
CHIP_MAX_PX = 48.0  # scene units: larger, fewer than about eight letters would fit a line
COMPACT_TITLE_TOP = 6.0
COMPACT_TITLE_BOTTOM = HEADER_HEIGHT - 16.0  # the progress bar is under it
CHIP_INSET = 8.0  # the chip's border and padding
CHIP_STRIP = 12.0  # the progress strip along a chip's bottom
LINE_FACTOR = 1.17  # a line's height over the type's em, for the fonts Qt picks by default
CHIP_LINE = 1.05  # a chip's lines sit closer: they are short, and the room is small
TEXT_WIDTH = CARD_WIDTH - 2 * CARD_PAD


class Detail(Enum):
    FULL = "full"
    COMPACT = "compact"
    CHIP = "chip"


def detail_at(lod: float) -> Detail:
    if lod >= FULL_FROM:
        return Detail.FULL
    return Detail.COMPACT if lod >= CHIP_BELOW else Detail.CHIP


def pixel_font(pixels: float, *, bold: bool = False) -> QFont:
    """A font whose em is `pixels` scene units, whatever the screen's dots per inch."""
    font = QFont()
    font.setPixelSize(max(1, round(pixels)))
    font.setBold(bold)
    return font


@lru_cache(maxsize=256)
def _metrics(pixels: int, bold: bool) -> QFontMetricsF:
    return QFontMetricsF(pixel_font(pixels, bold=bold))


def metrics_for(font: QFont) -> QFontMetricsF:
    return _metrics(font.pixelSize(), font.bold()) if font.pixelSize() > 0 else QFontMetricsF(font)


def full_title_px(theme: Theme) -> float:
    """The em of a whole card's title in scene units (the theme's point size on this screen)."""
    return _title_px_at_scale(theme.type_scale)


@lru_cache(maxsize=8)
def _title_px_at_scale(scale: float) -> float:
    font = QFont()
    font.setPointSizeF(TITLE_POINTS * scale)  # as Theme.font makes it
    font.setBold(True)
    return float(QFontInfo(font).pixelSize())


def compact_title_px(lod: float, theme: Theme) -> float:
    """Large enough to read at this zoom, small enough for two lines above the progress bar."""
    room = (COMPACT_TITLE_BOTTOM - COMPACT_TITLE_TOP) / 2 / LINE_FACTOR
    return max(full_title_px(theme), min(COMPACT_TITLE_PX / max(lod, 1e-3), room))


def compact_row_px(lod: float, row_height: float) -> float:
    return min(COMPACT_ROW_PX / max(lod, 1e-3), row_height * 0.8)


def chip_room(card_height: float) -> float:
    """The height a chip's title lines may take."""
    return card_height - 2 * CHIP_INSET - CHIP_STRIP


def chip_title_px(lod: float, card_height: float, theme: Theme) -> float:
    """Readable on screen; two lines at that size if the card holds them, else two lines as
    large as fit if that still reads, else one line. Never smaller than a whole card's."""
    lod = max(lod, 1e-3)
    room = chip_room(card_height)
    wanted = min(CHIP_TITLE_PX / lod, CHIP_MAX_PX)
    if 2 * wanted * CHIP_LINE > room:
        two_lines = room / 2 / CHIP_LINE
        wanted = two_lines if two_lines * lod >= CHIP_SMALLEST_PX else min(wanted,
                                                                          room / CHIP_LINE)
    return round(max(full_title_px(theme), wanted))


def title_px(lod: float, card_height: float, theme: Theme) -> float:
    """The em of a card's title in scene units at this zoom; times the zoom, on screen."""
    detail = detail_at(lod)
    if detail is Detail.FULL:
        return full_title_px(theme)
    if detail is Detail.COMPACT:
        return round(compact_title_px(lod, theme))
    return chip_title_px(lod, card_height, theme)


@lru_cache(maxsize=8192)
def title_lines(text: str, pixels: int, bold: bool, width: float, lines: int) -> tuple[str, ...]:
    """Word-wrapped into at most `lines` lines, each elided to the width (a word longer than a
    line too). Cached: a zoom paints many cards, and each card again at every new zoom."""
    metrics = _metrics(pixels, bold)
    elide = Qt.TextElideMode.ElideRight
    return tuple(metrics.elidedText(line, elide, width)
                 for line in word_wrap(text, metrics, width, lines) if line)


def word_wrap(text: str, metrics: QFontMetricsF, width: float, lines: int) -> list[str]:
    """`text` in at most `lines` lines of whole words that fit `width`; the last line holds the
    rest (for the caller to elide)."""
    words = text.split()
    result: list[str] = []
    current = ""
    for index, word in enumerate(words):
        trial = f"{current} {word}".strip()
        if metrics.horizontalAdvance(trial) <= width or not current:
            current = trial
            continue
        result.append(current)
        if len(result) == lines - 1:
            current = " ".join(words[index:])
            break
        current = word
    result.append(current)
    return result[:lines]

