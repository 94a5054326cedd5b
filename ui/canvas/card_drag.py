"""Dragging an objective card: a click selects it; a drag moves it within its lane, aligns it
under another objective (or one of its key results), or with Alt or Ctrl links it as
contributing, on release.

While the card is held over another card it steps aside, see-through, so the card and the row
aimed at stay in sight; over empty space it stays under the pointer where it would land.
"""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QMimeData, QPointF, QVariantAnimation
from PySide6.QtGui import QMouseEvent

from .drag_marks import TargetMarks
from .drag_mime import objective_mime
from .interactions import CanvasParts, Drag, far_enough
from .items import CardItem
from .theme import CARD_WIDTH

HELD_OPACITY = 0.6
HELD_Z = 5.0
ASIDE_GAP_PX = 14.0  # between the card aimed at and the held card, in screen pixels
GLIDE_MS = 110


class CardDrag(Drag):
    def __init__(self, canvas: CanvasParts, event: QMouseEvent, card: CardItem) -> None:
        super().__init__(canvas, event)
        self.card = card
        self.hotspot = self.scene_pos(event) - card.pos()
        self.marks: TargetMarks | None = None
        self.beside: CardItem | None = None  # the card the held card stands aside from
        self.glide: QVariantAnimation | None = None  # made when the drag starts

    def move(self, event: QMouseEvent) -> None:
        if self.marks is None:
            if not far_enough(self.press, event):
                return
            self._lift()
        assert self.marks is not None
        pos = self.scene_pos(event)
        scene = self.canvas.scene
        row = scene.row_at(pos, ignore=self.card)
        over = row.card if row is not None else scene.card_at(pos, ignore=self.card)
        self.marks.aim(row if row is not None else over)
        self._hold(pos, over)
        self.preview(self.canvas.drops.judge(self._mime(), pos, event.modifiers()))

    def _mime(self) -> QMimeData:
        return objective_mime(self.card.objective_id, self.hotspot)

    def _lift(self) -> None:
        mime = objective_mime(self.card.objective_id)
        targets = self.canvas.drops.targets(mime, self.canvas.visible_cards())
        self.marks = TargetMarks(self.canvas.scene, targets, lanes=False)
        self.card.setZValue(HELD_Z)
        self.card.setOpacity(HELD_OPACITY)
        self.glide = QVariantAnimation(self.canvas.view)
        self.glide.setDuration(GLIDE_MS)
        self.glide.setEasingCurve(QEasingCurve.Type.OutCubic)
        self.glide.valueChanged.connect(self._glided)

    # -- where the held card is drawn -----------------------------------------------------

    def _hold(self, pos: QPointF, over: CardItem | None) -> None:
        """Under the pointer as grabbed; beside the card under the pointer, level with it."""
        where = pos - self.hotspot if over is None else self._aside(pos, over)
        assert self.glide is not None
        if over is not self.beside:
            self.beside = over
            self.glide.stop()
            self.glide.setStartValue(self.card.pos())
            self.glide.setEndValue(where)
            self.glide.start()
        elif self.glide.state() == QVariantAnimation.State.Running:
            self.glide.setEndValue(where)
        else:
            self._put(where)

    def _aside(self, pos: QPointF, over: CardItem) -> QPointF:
        """Beside `over` on the side with room in the view (the right one if both have)."""
        view = self.canvas.view
        seen = view.mapToScene(view.viewport().rect()).boundingRect()
        gap = ASIDE_GAP_PX / max(view.transform().m11(), 1e-6)
        aimed = over.mapToScene(over.card_rect()).boundingRect()
        right, left = aimed.right() + gap, aimed.left() - gap - CARD_WIDTH
        x = right if right + CARD_WIDTH <= seen.right() or left < seen.left() else left
        return QPointF(x, pos.y() - self.hotspot.y())

    def _glided(self, value: object) -> None:
        if isinstance(value, QPointF):
            self._put(value)

    def _put(self, where: QPointF) -> None:
        self.card.setPos(where)
        self.canvas.scene.refresh_edges(self.card.objective_id)

    # -- ending -------------------------------------------------------------------------

    def release(self, event: QMouseEvent) -> None:
        if self.marks is None:
            self.canvas.document.select("objectives", self.card.objective_id)
            return
        self._put_down()
        verdict = self.canvas.drops.drop(self._mime(), self.scene_pos(event), event.modifiers())
        self._settle()
        self.dropped(verdict)

    def cancel(self) -> None:
        if self.marks is None:
            return
        self._put_down()
        self._settle()
        self.cancelled()

    def _put_down(self) -> None:
        assert self.marks is not None and self.glide is not None
        self.glide.stop()
        self.glide.deleteLater()
        self.marks.clear()
        self.card.setZValue(1)
        self.card.setOpacity(self.canvas.opacity_for(self.card.objective_id))

    def _settle(self) -> None:
        """Put the card where the plan says it is (a refused or aligning drop leaves it)."""
        scene = self.canvas.scene
        place = self.card.place
        if scene.cards.places.get(self.card.objective_id) is place and place.item is self.card:
            scene.put(self.card)
            scene.refresh_edges(self.card.objective_id)

