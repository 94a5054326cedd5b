"""What the view shows of the canvas: the top of the tree on opening, one tree in offsite mode,
and the names of the lanes pinned to the view's left edge so they stay readable."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter
from PySide6.QtWidgets import QGraphicsView

from ..translation import tr
from .card_place import CardPlace
from .lane_item import LaneItem
from .scene import CanvasScene
from .theme import LANE_PAD_TOP

MARGIN = 40.0  # scene units around the cards a frame shows
LABEL_PAD = 8.0  # pixels
NAME_POINTS, COUNT_POINTS = 9.5, 8.0
LABEL_TOP = 5.0  # pixels from the lane's top
SMALLEST_LABEL = 0.65  # the labels' type shrinks no further than this
TIGHT_PAD = 2.0  # pixels of padding in a shrunk label


def cards_area(cards: Iterable[CardPlace]) -> QRectF:
    area = QRectF()
    for card in cards:
        area = area.united(card.scene_rect())
    return area


def top_of_tree(scene: CanvasScene) -> QRectF:
    """The cards of the two highest lanes that have cards, from the top of the canvas."""
    places = scene.cards.places.values()
    having = {card.level_id for card in places}
    wanted = {lane.level_id for lane in
              [lane for lane in scene.lanes.lanes if lane.level_id in having][:2]}
    area = cards_area(card for card in places if card.level_id in wanted)
    if area.isEmpty():  # no cards yet: the two highest lanes, to write the first ones in
        top = scene.lanes.lanes[:2]
        return QRectF(0.0, 0.0, scene.lanes.width, top[-1].top + top[-1].height) if top else area
    return QRectF(area.left() - MARGIN, 0.0, area.width() + 2 * MARGIN,
                  area.bottom() + MARGIN)


def frame(view: QGraphicsView, area: QRectF, zooms: tuple[float, float],
          focus: QPointF | None = None) -> float:
    """Zoom (within `zooms`) so `area` fills the view; if it does not fit even at the lowest
    zoom, show its top, around `focus` (default: its middle). Returns the zoom."""
    viewport = view.viewport().rect()
    if area.isEmpty() or viewport.width() < 10 or viewport.height() < 10:
        return view.transform().m11()
    fitting = min(viewport.width() / area.width(), viewport.height() / area.height())
    zoom = max(zooms[0], min(zooms[1], fitting))
    factor = zoom / view.transform().m11()
    view.scale(factor, factor)
    seen_w, seen_h = viewport.width() / zoom, viewport.height() / zoom
    x = area.center().x()
    if area.width() > seen_w and focus is not None:
        x = min(max(focus.x(), area.left() + seen_w / 2), area.right() - seen_w / 2)
    y = area.center().y() if area.height() <= seen_h else area.top() + seen_h / 2
    view.centerOn(QPointF(x, y))
    return zoom


def label_scale(view: QGraphicsView, scene: CanvasScene) -> float:
    """Zoomed far out, the labels shrink to the room above the cards, so they never cover a
    card's title (down to a size that still reads)."""
    room = LANE_PAD_TOP * view.transform().m11()
    name = QFontMetricsF(scene.theme.font(NAME_POINTS, bold=True)).height()
    if room >= name + LABEL_PAD + LABEL_TOP + 2:
        return 1.0
    return max(SMALLEST_LABEL, (room - TIGHT_PAD - 3) / name)


def _label_room(scale: float) -> tuple[float, float]:
    """The padding inside a label and its distance from the lane's top, in pixels."""
    return (LABEL_PAD, LABEL_TOP) if scale >= 1.0 else (TIGHT_PAD, 1.0)


def label_boxes(view: QGraphicsView, scene: CanvasScene) -> list[tuple[LaneItem, QRectF, QRectF]]:
    """For each lane in view: its label's box and the lane's visible part, in view pixels.
    The label sits at the view's left edge, or at the lane's start when that is in view."""
    theme = scene.theme
    viewport = QRectF(view.viewport().rect())
    left_edge = view.mapFromScene(QPointF(0, 0)).x()
    scale = label_scale(view, scene)
    name_metrics = QFontMetricsF(theme.font(NAME_POINTS * scale, bold=True))
    count_metrics = QFontMetricsF(theme.font(COUNT_POINTS * scale))
    pad, label_top = _label_room(scale)
    height = name_metrics.height() + pad
    boxes = []
    for item in scene.lane_items.values():
        lane = item.lane
        top = max(view.mapFromScene(QPointF(0, lane.top)).y(), viewport.top())
        bottom = min(view.mapFromScene(QPointF(0, lane.top + lane.height)).y(),
                     viewport.bottom())
        if bottom - top < height + 8:
            continue
        width = (name_metrics.horizontalAdvance(lane.name)
                 + count_metrics.horizontalAdvance(_count(item)) + 3 * LABEL_PAD)
        boxes.append((item, QRectF(max(left_edge, viewport.left()) + 6, top + label_top, width,
                                   height),
                      QRectF(viewport.left(), top, viewport.width(), bottom - top)))
    return boxes


def _count(item: LaneItem) -> str:
    return (tr("{n} objective") if item.count == 1 else tr("{n} objectives")).format(n=item.count)


def draw_lane_labels(painter: QPainter, view: QGraphicsView, scene: CanvasScene) -> None:
    """Each lane's name and count, in screen pixels, so the names read at any zoom and any
    scroll."""
    theme = scene.theme
    scale = label_scale(view, scene)
    name_font = theme.font(NAME_POINTS * scale, bold=True)
    count_font = theme.font(COUNT_POINTS * scale)
    name_metrics = QFontMetricsF(name_font)
    painter.save()
    painter.resetTransform()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for item, box, shown in label_boxes(view, scene):
        painter.setClipRect(shown)
        fill = QColor(theme.lane_even if item.index % 2 == 0 else theme.lane_odd)
        fill.setAlpha(230)
        painter.setPen(theme.lane_rule)
        painter.setBrush(fill)
        painter.drawRoundedRect(box, box.height() / 2, box.height() / 2)
        painter.setPen(theme.lane_label)
        painter.setFont(name_font)
        text = box.adjusted(LABEL_PAD, 0, 0, 0)
        middle_left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(text, middle_left, item.lane.name)
        painter.setFont(count_font)
        name_width = name_metrics.horizontalAdvance(item.lane.name)
        painter.drawText(text.adjusted(name_width + LABEL_PAD, 0, 0, 0), middle_left, _count(item))
    painter.restore()
