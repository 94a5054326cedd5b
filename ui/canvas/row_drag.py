"""Dragging a key-result row: a click selects it; a drag into a lower lane, or onto a card
there, delegates it as a new objective on release.

A dashed line runs from the row to the pointer, so nothing is drawn over what is aimed at.
Leaving the canvas turns the drag into a regular drag-and-drop, so the organisation panel can
take the key result onto a person.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QDrag, QMouseEvent, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsLineItem, QGraphicsSimpleTextItem

from .drag_marks import TargetMarks
from .drag_mime import key_result_mime
from .interactions import CanvasParts, Drag, far_enough
from .items import KrRowItem

LABEL_OFFSET_PX = QPointF(14, 10)  # the row's title beside the pointer, in screen pixels


class RowDrag(Drag):
    def __init__(self, canvas: CanvasParts, event: QMouseEvent, row: KrRowItem) -> None:
        super().__init__(canvas, event)
        self.row = row
        self.marks: TargetMarks | None = None
        self.line: QGraphicsLineItem | None = None
        self.label: QGraphicsSimpleTextItem | None = None

    def move(self, event: QMouseEvent) -> None:
        if self.marks is None:
            if not far_enough(self.press, event):
                return
            mime = key_result_mime(self.row.face.kr_id)
            targets = self.canvas.drops.targets(mime, self.canvas.visible_cards())
            self.marks = TargetMarks(self.canvas.scene, targets, lanes=True)
            self._make_ghost()
        if not QRectF(self.canvas.view.viewport().rect()).contains(event.position()):
            self._drag_outside()
            return
        pos = self.scene_pos(event)
        if self.line is not None and self.label is not None:
            start = self.row.sceneBoundingRect().center()
            self.line.setLine(QLineF(start, pos))
            zoom = max(self.canvas.view.transform().m11(), 1e-6)
            self.label.setPos(pos + LABEL_OFFSET_PX / zoom)
        scene = self.canvas.scene
        card = scene.card_at(pos, ignore=self.row.card)
        lane = scene.lanes.lane_at(pos.y())
        self.marks.aim(card if card is not None
                       else scene.lane_items.get(lane.level_id) if lane is not None else None)
        self.preview(self.canvas.drops.judge(key_result_mime(self.row.face.kr_id), pos))

    def _make_ghost(self) -> None:
        scene = self.canvas.scene
        pen = QPen(scene.theme.top_down, 2.5, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        self.line = scene.addLine(QLineF(), pen)
        self.line.setZValue(10)
        self.label = scene.addSimpleText(f"↓ {self.row.face.title}",
                                         scene.theme.font(10, bold=True))
        self.label.setBrush(scene.theme.top_down)
        self.label.setOpacity(0.85)
        self.label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.label.setZValue(10)

    def _drop_ghost(self) -> None:
        scene = self.canvas.scene
        for item in (self.line, self.label):
            if item is not None and item.scene() is scene:
                scene.removeItem(item)
        self.line = self.label = None
        if self.marks is not None:
            self.marks.clear()

    def _drag_outside(self) -> None:
        self._drop_ghost()
        self.canvas.note.clear()
        self.canvas.tell("")
        self.canvas.finished()
        drag = QDrag(self.canvas.view)
        drag.setMimeData(key_result_mime(self.row.face.kr_id))
        drag.setHotSpot(QPoint(0, 0))
        drag.exec(Qt.DropAction.CopyAction)

    def release(self, event: QMouseEvent) -> None:
        if self.marks is None:
            self.canvas.document.select("key_results", self.row.face.kr_id)
            return
        self._drop_ghost()
        verdict = self.canvas.drops.drop(key_result_mime(self.row.face.kr_id),
                                         self.scene_pos(event), event.modifiers())
        self.dropped(verdict)

    def cancel(self) -> None:
        if self.marks is None:
            return
        self._drop_ghost()
        self.cancelled()
