"""The band of one org level, behind its cards."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from .drag_look import paint_lane_marks
from .lanes import Lane
from .marks import Marks
from .theme import LANE_LABEL_WIDTH, Theme

LANE_KIND = 65536 + 3  # QGraphicsItem.UserType + 3


class LaneItem(QGraphicsItem):
    def __init__(self, lane: Lane, index: int, width: float, theme: Theme) -> None:
        super().__init__()
        self.lane = lane
        self.index = index
        self.width = width
        self.theme = theme
        self.count = 0
        self.marks = Marks()
        self.setZValue(-10)

    def type(self) -> int:
        return LANE_KIND

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.width, self.lane.height)

    def relayout(self, width: float) -> None:
        self.prepareGeometryChange()
        self.width = width
        self.setPos(0, self.lane.top)
        self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        theme, rect = self.theme, self.boundingRect()
        fill = theme.lane_even if self.index % 2 == 0 else theme.lane_odd
        painter.fillRect(rect, fill)
        painter.setPen(QPen(theme.lane_rule, 0))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.fillRect(QRectF(0, 0, LANE_LABEL_WIDTH - 10, rect.height()), fill.darker(104))
        paint_lane_marks(painter, rect, theme, target=self.marks.target, aimed=self.marks.hovered)
        # the lane's name is drawn by the view, pinned to its left edge (framing.py)
