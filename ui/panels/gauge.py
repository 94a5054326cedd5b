"""A bar for the bottom-up share, with the target marked on it."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

GOOD = QColor("#2da44e")
NEAR = QColor("#d4a72c")
SHORT = QColor("#cf222e")
NEAR_MARGIN = 0.1


class ShareGauge(QWidget):
    """Fills to `share`; a line marks `target`; green at or over it, amber near it, red short."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bottomUpGauge")
        self.share = 0.0
        self.target = 0.5
        self.setMinimumHeight(34)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_values(self, share: float, target: float) -> None:
        self.share, self.target = max(0.0, min(1.0, share)), max(0.0, min(1.0, target))
        tip = (self.tr("{share} of alignment comes bottom-up; it meets the target of {target}.")
               if share >= target else
               self.tr("{share} of alignment comes bottom-up; it is near the target of {target}.")
               if share >= target - NEAR_MARGIN else
               self.tr("{share} of alignment comes bottom-up; it is short of the target of "
                       "{target}."))
        self.setToolTip(tip.format(share=f"{share:.0%}", target=f"{target:.0%}"))
        self.update()

    def colour(self) -> QColor:
        if self.share >= self.target:
            return GOOD
        return NEAR if self.share >= self.target - NEAR_MARGIN else SHORT

    def sizeHint(self) -> QSize:
        return QSize(260, 34)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        bar = QRectF(1, 1, self.width() - 2, self.height() - 14)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(bar, 4, 4)
        fill = QRectF(bar.left(), bar.top(), bar.width() * self.share, bar.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.colour())
        painter.drawRoundedRect(fill, 4, 4)
        x = bar.left() + bar.width() * self.target
        painter.setPen(QPen(palette.color(QPalette.ColorRole.WindowText), 2))
        painter.drawLine(int(x), 0, int(x), int(bar.bottom()) + 3)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        text_box = bar.adjusted(8, 0, -8, 0)
        painter.drawText(text_box, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         self.tr("{share} bottom-up").format(share=f"{self.share:.0%}"))
        font = painter.font()
        font.setPointSizeF(font.pointSizeF() * 0.85)
        painter.setFont(font)
        label = QRectF(x - 60, bar.bottom() + 1, 120, 13)
        painter.drawText(label, Qt.AlignmentFlag.AlignCenter,
                         self.tr("target {target}").format(target=f"{self.target:.0%}"))
        painter.end()
