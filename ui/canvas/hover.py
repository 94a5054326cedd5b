"""Hovering the canvas shows the full text of what is under the pointer: a card's title, owner,
status and every key result with its progress; a key-result row's own text in full. Cards cut
their text to fit, and zoomed out they show only their title, so this is where it is read."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QToolTip

from ..translation import tr
from .card_paint import percent
from .faces import CardFace, RowFace
from .items import CardItem, KrRowItem


def card_tip(face: CardFace) -> str:
    details = " · ".join(part for part in (face.owner, face.status, face.cycle_name,
                                           percent(face.progress)) if part)
    tip = f"<b>{escape(face.title)}</b><br>{escape(details)}"
    if not face.rows:
        return f"{tip}<br><i>{escape(tr('No key results yet'))}</i>"
    items = "".join(f"<li>{_row_line(row)}</li>" for row in face.rows)
    return f"{tip}<br>{escape(tr('Key results:'))}<ul style='margin-top:0'>{items}</ul>"


def row_tip(row: RowFace, card: CardFace) -> str:
    of = tr("Key result of “{title}”").format(title=card.title)
    return f"{_row_line(row)}<br><i>{escape(of)}</i>"


def _row_line(row: RowFace) -> str:
    marker = "↑ " if row.stands_for_objective else ""
    line = f"{escape(marker + row.title)} — <b>{escape(percent(row.progress))}</b>"
    if row.stale_days is not None:
        line += " · " + escape(tr("stale: no check-in for {days} days").format(
            days=row.stale_days))
    return line


def tip_for(item: QGraphicsItem | None) -> str:
    """The tooltip of a card or a row; empty for anything else."""
    if isinstance(item, KrRowItem) and item.isVisible():
        return row_tip(item.face, item.card.face)
    if isinstance(item, CardItem):
        return card_tip(item.face)
    return ""


class HoverTips(QObject):
    """Answers the view's tooltip events, built only for the item hovered; none while a
    gesture is `busy`."""

    def __init__(self, view: QGraphicsView, busy: Callable[[], bool]) -> None:
        super().__init__(view)
        self.view = view
        self.busy = busy
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
            return False
        view = self.view
        text = "" if self.busy() else tip_for(view.itemAt(event.pos()))
        QToolTip.showText(event.globalPos(), text, view.viewport())  # empty: hidden at once
        if not text:
            event.ignore()
        return True
