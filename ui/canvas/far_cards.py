"""Far out, the cards that have no item are drawn as blocks from their plain places.

With a large company's whole canvas in view, a card is a few pixels wide and its title a pixel
high: making an item per card, and working out and drawing every title, would take seconds each
time the plan is zoomed out again after its items far away were let go (near_view.py). Under
`FAR_BELOW` the scene makes no items (nor rows); this layer draws each card without one as its
chip looks there (card_paint.py): border, card, progress strip. Cards that have items
(near where the view was, selected, marked) draw themselves on top. The layer keeps its drawing
in a device pixmap, so panning repaints from it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from .card_store import CardStore
from .detail import CHIP_INSET, CHIP_STRIP, TITLES_FROM
from .items import CARD_Z, level_of_detail
from .theme import CARD_WIDTH, Theme

FAR_BELOW = TITLES_FROM  # the zoom under which a chip would draw no title
FAR_Z = CARD_Z - 0.5  # above the edges and lanes, under card items

Look = tuple[float | None, str, bool]  # progress, score band, orphan
LookFinder = Callable[[str], Look]


class FarCards(QGraphicsItem):
    def __init__(self, cards: CardStore, theme: Theme, look: LookFinder) -> None:
        super().__init__()
        self.cards = cards
        self.theme = theme
        self.look = look
        self._rect = QRectF()
        self.setZValue(FAR_Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_rect(self, rect: QRectF) -> None:
        self.prepareGeometryChange()
        self._rect = QRectF(rect)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if level_of_detail(painter, option) >= FAR_BELOW:
            return
        theme, look = self.theme, self.look
        inset = CHIP_INSET - 2
        for place in self.cards.near(option.exposedRect):
            if place.item is not None:
                continue  # drawn by its item
            progress, band, orphan = look(place.objective_id)
            rect = QRectF(place.x, place.y, CARD_WIDTH, place.height)
            painter.fillRect(rect, theme.orphan if orphan else theme.card_border)
            inner = rect.adjusted(inset, inset, -inset, -inset)
            painter.fillRect(inner, theme.card)
            strip = QRectF(inner.left(), inner.bottom() - CHIP_STRIP, inner.width(), CHIP_STRIP)
            painter.fillRect(strip, theme.bar_back)
            if progress is not None:
                strip.setWidth(strip.width() * max(0.0, min(progress, 1.0)))
                painter.fillRect(strip, theme.band(band))
