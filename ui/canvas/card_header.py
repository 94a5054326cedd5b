"""A card's header at full detail: its title in up to a few lines, owner, status and cycle,
progress, and tags (final score, orphan, delegated, aspirational) along its top edge."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter

from okrdesk.analytics.progress import score_band

from ..translation import tr
from .card_paint import paint_progress_bar, percent
from .detail import word_wrap
from .faces import CardFace
from .theme import CARD_PAD, HEADER_HEIGHT, TITLE_LINES, Theme


def wrap(text: str, metrics: QFontMetricsF, width: float, lines: int) -> list[str]:
    """Word-wrap into at most `lines` lines, the last one elided."""
    result = word_wrap(text, metrics, width, lines)
    result[-1] = metrics.elidedText(result[-1], Qt.TextElideMode.ElideRight, width)
    return [line for line in result if line]


def title_lines(title: str, rect: QRectF, theme: Theme) -> list[str]:
    """The title as the full header draws it (a card keeps them until its title or type
    changes)."""
    metrics = QFontMetricsF(theme.font(10, bold=True))
    return wrap(title, metrics, rect.width() - 2 * CARD_PAD, TITLE_LINES)


def paint_header(painter: QPainter, rect: QRectF, face: CardFace, theme: Theme,
                 lines: list[str]) -> None:
    width = rect.width() - 2 * CARD_PAD
    title_font = theme.font(10, bold=True)
    metrics = QFontMetricsF(title_font)
    small = theme.font(8)
    small_metrics = QFontMetricsF(small)
    bar = QRectF(CARD_PAD, HEADER_HEIGHT - 12, width, 6)
    # large type (presentation mode) packs the lines closer rather than run into the bar
    owner_y = min(8 + TITLE_LINES * metrics.height() + 3,
                  bar.top() - 1 - small_metrics.height())
    line_height = min(metrics.height(), (owner_y - 8) / TITLE_LINES)
    painter.setFont(title_font)
    painter.setPen(theme.text)
    for index, line in enumerate(lines):
        painter.drawText(QPointF(CARD_PAD, 8 + metrics.ascent() + index * line_height), line)
    painter.setFont(small)
    details = " · ".join(part for part in (face.owner, face.status, face.cycle_name) if part)
    painter.setPen(theme.muted_text)
    painter.drawText(QRectF(CARD_PAD, owner_y, width - 40, small_metrics.height()),
                     Qt.AlignmentFlag.AlignLeft,
                     small_metrics.elidedText(details, Qt.TextElideMode.ElideRight, width - 40))
    painter.drawText(QRectF(CARD_PAD, owner_y, width, small_metrics.height()),
                     Qt.AlignmentFlag.AlignRight, percent(face.progress))
    paint_progress_bar(painter, bar, face.progress, theme.band(face.band), theme.bar_back)
    paint_tags(painter, rect, face, theme)


def paint_tags(painter: QPainter, rect: QRectF, face: CardFace, theme: Theme) -> None:
    white = QColor("white")
    tags = []
    if face.final_score is not None:  # rightmost: the grade the cycle closed with
        band = score_band(face.final_score)
        tags.append((tr("SCORE {score}").format(score=f"{face.final_score:.1f}"),
                     theme.band(band), QColor("black") if band == "yellow" else white))
    if face.stale:
        tags.append((tr("STALE {count}").format(count=face.stale), theme.yellow,
                     QColor("black")))
    if face.orphan:
        tags.append((tr("ORPHAN"), theme.orphan, white))
    if face.delegated:
        tags.append((tr("DELEGATED"), theme.top_down, white))
    if face.aspirational:
        tags.append((tr("ASPIRATIONAL"), theme.muted_text, white))
    x = rect.right() - 6
    bold = theme.font(6.5, bold=True)
    metrics = QFontMetricsF(bold)
    painter.setFont(bold)
    for text, colour, ink in tags:
        width = metrics.horizontalAdvance(text) + 10
        x -= width
        pill = QRectF(x, -7, width, 14)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(pill, 7, 7)
        painter.setPen(ink)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        x -= 4
