"""A small line of a key result's values over time, drawn from its check-ins (oldest on the
left, placed by date), with its target as a dashed rule when it has one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..translation import tr
from .fields import format_number

MARGIN = 4.0
HEIGHT = 40


def _moment(at: str) -> float:
    """A check-in's time as seconds, for placing it along the line (a day alone is midnight)."""
    try:
        return datetime.fromisoformat(at).timestamp()
    except ValueError:
        return 0.0


class Sparkline(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sparkline")
        self.setAccessibleName(tr("Values over time"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.values: list[tuple[str, float]] = []  # (time, value), oldest first
        self.target: float | None = None

    def sizeHint(self) -> QSize:
        return QSize(160, HEIGHT)

    def minimumSizeHint(self) -> QSize:
        return QSize(60, HEIGHT)

    def set_values(self, values: Sequence[tuple[str, float]], target: float | None) -> None:
        """`values`: (ISO time, value) of check-ins in any order."""
        self.values = sorted(values, key=lambda pair: pair[0])
        self.target = target
        text = " → ".join(format_number(value) for _at, value in self.values)
        self.setToolTip(tr("Values over time: {values}").format(values=text) if text else
                        tr("No values checked in yet"))
        self.setAccessibleDescription(self.toolTip())
        self.update()

    def _area(self) -> QRectF:
        return QRectF(MARGIN, MARGIN, self.width() - 2 * MARGIN, self.height() - 2 * MARGIN)

    def _scale(self) -> tuple[float, float]:
        figures = [value for _at, value in self.values]
        if self.target is not None:
            figures.append(self.target)
        low, high = min(figures), max(figures)
        return (low - 0.5, high + 0.5) if high == low else (low, high)

    def _y(self, value: float, area: QRectF, low: float, high: float) -> float:
        return area.bottom() - (value - low) / (high - low) * area.height()

    def points(self) -> list[QPointF]:
        """Where each value is drawn, in the widget's coordinates, oldest first."""
        if not self.values:
            return []
        area = self._area()
        low, high = self._scale()
        times = [_moment(at) for at, _value in self.values]
        first, span = times[0], times[-1] - times[0]
        return [QPointF(area.left() + (area.width() * (moment - first) / span if span > 0
                                       else area.width() / 2),
                        self._y(value, area, low, high))
                for moment, (_at, value) in zip(times, self.values, strict=True)]

    def target_y(self) -> float | None:
        if self.target is None or not self.values:
            return None
        low, high = self._scale()
        return self._y(self.target, self._area(), low, high)

    def paintEvent(self, _event: QPaintEvent) -> None:
        points = self.points()
        painter = QPainter(self)
        palette = self.palette()
        if not points:  # a quiet word where the line will be
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self._area(), Qt.AlignmentFlag.AlignCenter, tr("No values yet"))
            painter.end()
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        target_y = self.target_y()
        if target_y is not None:
            rule = QColor(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.setPen(QPen(rule, 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(MARGIN, target_y), QPointF(self.width() - MARGIN, target_y))
        ink = palette.color(QPalette.ColorRole.Highlight)
        painter.setPen(QPen(ink, 1.6))
        painter.drawPolyline(points)
        painter.setBrush(ink)
        for point in points:  # one dot per check-in, the newest larger
            painter.drawEllipse(point, 1.6, 1.6)
        painter.drawEllipse(points[-1], 2.8, 2.8)
        painter.end()
