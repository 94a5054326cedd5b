"""Mouse gestures on the canvas, one small class each: the view hands a press to one of them and
forwards moves and the release until it is done."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QDrag, QMouseEvent, QPen
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsLineItem,
    QGraphicsSimpleTextItem,
    QGraphicsView,
)

from ..document import PlanDocument
from .drop import DropHandler, Targets, key_result_mime, objective_mime
from .items import CardItem, KrRowItem, Marks
from .scene import CanvasScene


@dataclass(frozen=True)
class CanvasParts:
    """What a gesture works with: the view it scrolls, the scene it draws on, and the view's
    answers and reports it needs (the view builds one for all its gestures)."""

    view: QGraphicsView
    document: PlanDocument
    scene: CanvasScene
    drops: DropHandler
    visible_cards: Callable[[], list[CardItem]]
    opacity_for: Callable[[str], float]  # of a card, by objective id
    tell: Callable[[str], None]  # a message for the status bar
    finished: Callable[[], None]  # the gesture ended early (handed over to drag and drop)


class Interaction:
    def __init__(self, canvas: CanvasParts, event: QMouseEvent) -> None:
        self.canvas = canvas
        self.press = event.position().toPoint()

    def scene_pos(self, event: QMouseEvent) -> QPointF:
        return self.canvas.view.mapToScene(event.position().toPoint())

    def move(self, event: QMouseEvent) -> None: ...

    def release(self, event: QMouseEvent) -> None: ...

    def cancel(self) -> None: ...

    def _far_enough(self, event: QMouseEvent) -> bool:
        moved = event.position().toPoint() - self.press
        return moved.manhattanLength() >= QApplication.startDragDistance()


class PanInteraction(Interaction):
    """Drag on empty space (or with the middle button) moves the view."""

    def __init__(self, canvas: CanvasParts, event: QMouseEvent, *, click_clears: bool) -> None:
        super().__init__(canvas, event)
        self.last = self.press
        self.dragged = False
        self.click_clears = click_clears
        canvas.view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)

    def move(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        delta = point - self.last
        self.last = point
        self.dragged = self.dragged or self._far_enough(event)
        bars = (self.canvas.view.horizontalScrollBar(), self.canvas.view.verticalScrollBar())
        bars[0].setValue(bars[0].value() - delta.x())
        bars[1].setValue(bars[1].value() - delta.y())

    def release(self, event: QMouseEvent) -> None:
        self.cancel()
        if not self.dragged and self.click_clears:
            self.canvas.document.select("", "")

    def cancel(self) -> None:
        self.canvas.view.viewport().unsetCursor()


class _TargetMarks:
    """Highlights the valid targets of a drag, and the one under the mouse."""

    def __init__(self, canvas: CanvasParts, targets: Targets, *, rows: bool) -> None:
        self.canvas, self.targets = canvas, targets
        self.marked: list[Marks] = []
        self.items: list[CardItem | KrRowItem] = []
        scene = canvas.scene
        for objective_id in targets.cards:
            card = scene.cards.get(objective_id)
            if card is not None:
                self._mark(card)
                if rows:
                    for row in card.rows:
                        if row.face.kr_id in targets.rows:
                            self._mark(row)
        for level_id, lane_item in scene.lane_items.items():
            if level_id in targets.lanes and not rows:
                lane_item.marks.target = True
                lane_item.update()
        self.hovered: CardItem | KrRowItem | None = None

    def _mark(self, item: CardItem | KrRowItem) -> None:
        item.marks.target = True
        item.update()
        self.items.append(item)

    def hover(self, item: CardItem | KrRowItem | None) -> None:
        if item is self.hovered:
            return
        if self.hovered is not None:
            self.hovered.marks.hovered = False
            self.hovered.update()
        self.hovered = item if item is not None and item.marks.target else None
        if self.hovered is not None:
            self.hovered.marks.hovered = True
            self.hovered.update()

    def clear(self) -> None:
        self.hover(None)
        for item in self.items:
            item.marks.target = False
            item.update()
        for lane_item in self.canvas.scene.lane_items.values():
            if lane_item.marks.target:
                lane_item.marks.target = False
                lane_item.update()


class CardDrag(Interaction):
    """Press on a card: a click selects it; a drag moves it, aligns it or links it on release."""

    def __init__(self, canvas: CanvasParts, event: QMouseEvent, card: CardItem) -> None:
        super().__init__(canvas, event)
        self.card = card
        self.hotspot = self.scene_pos(event) - card.pos()
        self.marks: _TargetMarks | None = None
        self.last_text = ""

    def move(self, event: QMouseEvent) -> None:
        if self.marks is None:
            if not self._far_enough(event):
                return
            mime = objective_mime(self.card.objective_id)
            targets = self.canvas.drops.targets(mime, self.canvas.visible_cards())
            self.marks = _TargetMarks(self.canvas, targets, rows=True)
            self.card.setZValue(5)
            self.card.setOpacity(0.85)
        pos = self.scene_pos(event)
        self.card.setPos(pos - self.hotspot)
        self.canvas.scene.refresh_edges(self.card.objective_id)
        scene = self.canvas.scene
        row = scene.row_at(pos, ignore=self.card)
        self.marks.hover(row if row is not None and row.marks.target
                         else scene.card_at(pos, ignore=self.card))
        self._say(event, pos)

    def _say(self, event: QMouseEvent, pos: QPointF) -> None:
        verdict = self.canvas.drops.judge(objective_mime(self.card.objective_id, self.hotspot),
                                          pos, event.modifiers())
        if verdict.text != self.last_text:
            self.last_text = verdict.text
            self.canvas.tell(verdict.text)

    def release(self, event: QMouseEvent) -> None:
        if self.marks is None:
            self.canvas.document.select("objectives", self.card.objective_id)
            return
        self.marks.clear()
        self.card.setZValue(1)
        self.card.setOpacity(self.canvas.opacity_for(self.card.objective_id))
        mime = objective_mime(self.card.objective_id, self.hotspot)
        verdict = self.canvas.drops.drop(mime, self.scene_pos(event), event.modifiers())
        if not verdict.allowed:
            self.canvas.tell(verdict.text)
        self._settle()

    def _settle(self) -> None:
        """Put the card where the plan says it is (a refused or aligning drop leaves it)."""
        scene = self.canvas.scene
        if scene.cards.get(self.card.objective_id) is self.card:
            scene.put(self.card)
            scene.refresh_edges(self.card.objective_id)

    def cancel(self) -> None:
        if self.marks is not None:
            self.marks.clear()
            self.card.setZValue(1)
            self._settle()


class RowDrag(Interaction):
    """Press on a key-result row: a click selects it; a drag into a lower lane delegates it.

    Leaving the canvas turns the drag into a regular drag-and-drop, so the organisation panel
    can take the key result onto a person.
    """

    def __init__(self, canvas: CanvasParts, event: QMouseEvent, row: KrRowItem) -> None:
        super().__init__(canvas, event)
        self.row = row
        self.marks: _TargetMarks | None = None
        self.line: QGraphicsLineItem | None = None
        self.label: QGraphicsSimpleTextItem | None = None
        self.last_text = ""

    def move(self, event: QMouseEvent) -> None:
        if self.marks is None:
            if not self._far_enough(event):
                return
            mime = key_result_mime(self.row.face.kr_id)
            targets = self.canvas.drops.targets(mime, self.canvas.visible_cards())
            self.marks = _TargetMarks(self.canvas, targets, rows=False)
            for level_id in targets.lanes:
                lane_item = self.canvas.scene.lane_items.get(level_id)
                if lane_item is not None:
                    lane_item.marks.target = True
                    lane_item.update()
            self._make_ghost()
        if not QRectF(self.canvas.view.viewport().rect()).contains(event.position()):
            self._drag_outside()
            return
        pos = self.scene_pos(event)
        if self.line is not None and self.label is not None:
            start = self.row.sceneBoundingRect().center()
            self.line.setLine(QLineF(start, pos))
            self.label.setPos(pos + QPointF(12, 8))
        self.marks.hover(self.canvas.scene.card_at(pos, ignore=self.row.card))
        verdict = self.canvas.drops.judge(key_result_mime(self.row.face.kr_id), pos)
        if verdict.text != self.last_text:
            self.last_text = verdict.text
            self.canvas.tell(verdict.text)

    def _make_ghost(self) -> None:
        scene = self.canvas.scene
        pen = QPen(scene.theme.top_down, 2.5, Qt.PenStyle.DashLine)
        self.line = scene.addLine(QLineF(), pen)
        self.line.setZValue(10)
        self.label = scene.addSimpleText(f"↓ {self.row.face.title}",
                                         scene.theme.font(10, bold=True))
        self.label.setBrush(scene.theme.top_down)
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
        if not verdict.allowed:
            self.canvas.tell(verdict.text)

    def cancel(self) -> None:
        self._drop_ghost()
