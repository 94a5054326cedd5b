"""What a card and its key-result rows draw at each level of detail (detail.py decides which):
a whole row, a compact row, a compact card's header, and a title-only chip."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from .detail import (
    CHIP_INSET,
    CHIP_LINE,
    CHIP_STRIP,
    COMPACT_TITLE_BOTTOM,
    COMPACT_TITLE_TOP,
    TITLES_FROM,
    Detail,
    chip_room,
    chip_title_px,
    compact_row_px,
    compact_title_px,
    detail_at,
    metrics_for,
    pixel_font,
    title_lines,
)
from .faces import CardFace, RowFace
from .theme import CARD_PAD, HEADER_HEIGHT, Theme

FULLEST = "100%"  # the widest percentage a row shows: its box is sized for it
ROW_POINTS = 8.0
ROW_BAR_WIDTH = 40.0
COMPACT_BAR_WIDTH = 28.0


def percent(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)}%"


def paint_progress_bar(painter: QPainter, bar: QRectF, progress: float | None, fill: QColor,
                       back: QColor) -> None:
    """A rounded bar: the back, then the filled share (none when progress is unknown)."""
    radius = min(3.0, bar.height() / 2)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(back)
    painter.drawRoundedRect(bar, radius, radius)
    if progress is not None:
        painter.setBrush(fill)
        painter.drawRoundedRect(QRectF(bar.x(), bar.y(), bar.width() * max(0.0, min(progress, 1.0)),
                                       bar.height()), radius, radius)


def percent_box_of(row: QRectF, metrics: QFontMetricsF) -> QRectF:
    """Where a row's percentage goes: at its right, wide enough for "100%" in its type."""
    width = metrics.horizontalAdvance(FULLEST) + 2
    return QRectF(row.right() - 2 - width, 0, width, row.height())


def paint_row_body(painter: QPainter, rect: QRectF, face: RowFace, theme: Theme,
                   lod: float) -> None:
    """A key result's text and progress inside its row (the row's background is drawn)."""
    marker = "↑ " if face.stands_for_objective else "• "
    left = 6.0
    if face.stale_days is not None:  # a clock in place of the bullet
        marker = ""
        size = min(9.0, rect.height() - 4)
        paint_stale_mark(painter, QRectF(left, rect.center().y() - size / 2, size, size), theme)
        left += size + 3
    if detail_at(lod) is not Detail.FULL:
        _paint_compact_row(painter, rect, face, theme, lod, marker, left)
        return
    font = theme.font(ROW_POINTS)
    painter.setFont(font)
    metrics = metrics_for(font)
    percent_box = percent_box_of(rect, metrics)
    bar = QRectF(percent_box.left() - 4 - ROW_BAR_WIDTH, rect.center().y() - 3, ROW_BAR_WIDTH, 6)
    paint_progress_bar(painter, bar, face.progress, theme.band(face.band), theme.bar_back)
    painter.setPen(theme.muted_text)
    middle_right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    painter.drawText(percent_box, middle_right | Qt.TextFlag.TextDontClip, percent(face.progress))
    painter.setPen(theme.text)
    text_width = bar.left() - 4 - left
    painter.drawText(QRectF(left, 0, text_width, rect.height()), Qt.AlignmentFlag.AlignVCenter,
                     metrics.elidedText(marker + face.title, Qt.TextElideMode.ElideRight,
                                        text_width))


def paint_stale_mark(painter: QPainter, box: QRectF, theme: Theme) -> None:
    """A small clock: the key result has had no check-in within the cadence."""
    light = theme.text.lightness() < 128  # dark text: a light theme, where amber needs depth
    painter.setPen(QPen(theme.yellow.darker(140) if light else theme.yellow, 1.2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(box)
    centre = box.center()
    painter.drawLine(centre, QPointF(centre.x(), box.top() + box.height() * 0.22))
    painter.drawLine(centre, QPointF(box.right() - box.width() * 0.25, centre.y()))


def _paint_compact_row(painter: QPainter, rect: QRectF, face: RowFace, theme: Theme,
                       lod: float, marker: str, left: float) -> None:
    """Zoomed out: the text as large as the row allows, a short bar for the progress."""
    bar = QRectF(rect.right() - 4 - COMPACT_BAR_WIDTH, rect.center().y() - 3,
                 COMPACT_BAR_WIDTH, 6)
    paint_progress_bar(painter, bar, face.progress, theme.band(face.band), theme.bar_back)
    font = pixel_font(compact_row_px(lod, rect.height()))
    painter.setFont(font)
    painter.setPen(theme.text)
    width = bar.left() - 4 - left
    painter.drawText(QRectF(left, 0, width, rect.height()), Qt.AlignmentFlag.AlignVCenter,
                     metrics_for(font).elidedText(marker + face.title,
                                                  Qt.TextElideMode.ElideRight, width))


def paint_compact_header(painter: QPainter, rect: QRectF, face: CardFace, theme: Theme,
                         lod: float) -> None:
    """Zoomed out: two lines of title in larger type and the progress bar; the owner line and
    the figures are left to the tooltip."""
    width = rect.width() - 2 * CARD_PAD
    pixels = round(compact_title_px(lod, theme))
    font = pixel_font(pixels, bold=True)
    metrics = metrics_for(font)
    line_height = min(metrics.height(), (COMPACT_TITLE_BOTTOM - COMPACT_TITLE_TOP) / 2)
    painter.setFont(font)
    painter.setPen(theme.text)
    for index, line in enumerate(title_lines(face.title, pixels, True, width, 2)):
        painter.drawText(QPointF(CARD_PAD, COMPACT_TITLE_TOP + metrics.ascent()
                                 + index * line_height), line)
    bar = QRectF(CARD_PAD, HEADER_HEIGHT - 13, width, 8)
    paint_progress_bar(painter, bar, face.progress, theme.band(face.band), theme.bar_back)


def paint_chip(painter: QPainter, rect: QRectF, face: CardFace, theme: Theme, lod: float,
               border: QColor | None) -> None:
    """Far out: the title alone, as many lines as the card holds, over a progress strip;
    farther out (titles too small to read, far_cards.py), the strip alone."""
    painter.fillRect(rect, border if border is not None else theme.card_border)
    inner = rect.adjusted(CHIP_INSET - 2, CHIP_INSET - 2, 2 - CHIP_INSET, 2 - CHIP_INSET)
    painter.fillRect(inner, theme.card)
    strip = QRectF(inner.left(), inner.bottom() - CHIP_STRIP, inner.width(), CHIP_STRIP)
    painter.fillRect(strip, theme.bar_back)
    if face.progress is not None:
        painter.fillRect(QRectF(strip.left(), strip.top(),
                                strip.width() * max(0.0, min(face.progress, 1.0)),
                                strip.height()), theme.band(face.band))
    if lod < TITLES_FROM:
        return
    pixels = chip_title_px(lod, rect.height(), theme)
    font = pixel_font(pixels, bold=True)
    metrics = metrics_for(font)
    room = chip_room(rect.height())
    line_height = min(metrics.height(), pixels * CHIP_LINE)
    count = max(1, int((room + line_height - metrics.height()) // line_height))
    width = rect.width() - 2 * CARD_PAD
    painter.setFont(font)
    painter.setPen(theme.text)
    left = rect.left() + CARD_PAD
    for index, line in enumerate(title_lines(face.title, int(pixels), True, width, count)):
        painter.drawText(QPointF(left, rect.top() + CHIP_INSET + metrics.ascent()
                                 + index * line_height), line)
