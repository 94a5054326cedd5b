"""How the marks of a drag look: a thin outline around each valid target and a light tint on the
one under the pointer, so the plan under a drag stays readable and only the aim stands out.

Pens are cosmetic (their width is in screen pixels) so the marks read the same at every zoom.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from .theme import Theme

OUTLINE_ALPHA = 160  # a valid target: a thin outline, see-through
AIM_TINT_ALPHA = 46  # the target under the pointer: a light tint under a firm outline
LANE_TINT_ALPHA = 30  # a lane aimed at: a faint tint of the whole band


def _pen(theme: Theme, width: float, alpha: int = 255) -> QPen:
    pen = QPen(theme.target_tint(alpha), width)
    pen.setCosmetic(True)
    return pen


def paint_card_marks(painter: QPainter, rect: QRectF, theme: Theme, *, target: bool,
                     aimed: bool) -> None:
    """Over a card: an outline just outside it when it takes the drag, a tint when aimed at."""
    if aimed:
        painter.setPen(_pen(theme, 3))
        painter.setBrush(theme.target_tint(AIM_TINT_ALPHA))
        painter.drawRoundedRect(rect, 7, 7)
    elif target:
        painter.setPen(_pen(theme, 1.5, OUTLINE_ALPHA))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect.adjusted(-2.5, -2.5, 2.5, 2.5), 9, 9)


def paint_row_marks(painter: QPainter, rect: QRectF, theme: Theme, *, aimed: bool) -> None:
    """Over a key-result row: only the row aimed at is marked (its card carries the outline)."""
    if aimed:
        painter.setPen(_pen(theme, 2))
        painter.setBrush(theme.target_tint(AIM_TINT_ALPHA))
        painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 3, 3)


def paint_lane_marks(painter: QPainter, rect: QRectF, theme: Theme, *, target: bool,
                     aimed: bool) -> None:
    """Over a lane: thin rules along its top and bottom when it takes the drag (seen wherever
    the view is scrolled), a faint tint when the pointer is in it."""
    if aimed:
        painter.fillRect(rect, theme.target_tint(LANE_TINT_ALPHA))
    if target or aimed:
        painter.setPen(_pen(theme, 2, OUTLINE_ALPHA))
        inside = rect.adjusted(0, 1, 0, -1)
        painter.drawLine(inside.topLeft(), inside.topRight())
        painter.drawLine(inside.bottomLeft(), inside.bottomRight())
