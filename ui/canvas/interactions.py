"""Mouse gestures on the canvas, one small class each: the view hands a press to one of them and
forwards moves and the release of the same button until it is done; Esc cancels any of them.

A pan only moves the view. A drag of a card or a key-result row starts only once the mouse has
moved past the platform's drag distance; until then the press is a click.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QGraphicsView

from ..document import PlanDocument
from ..translation import tr
from .drop import DropHandler
from .drop_note import DropNote
from .items import CardItem
from .scene import CanvasScene
from .verdict import Verdict


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
    tell: Callable[[str], None]  # a message for the status bar ("" clears it)
    finished: Callable[[], None]  # the gesture ended early (handed over to drag and drop)
    note: DropNote  # what a drop will do, and what it did


def far_enough(press: QPoint, event: QMouseEvent) -> bool:
    """Whether the mouse moved far enough from the press for a drag to start."""
    moved = event.position().toPoint() - press
    return moved.manhattanLength() >= QApplication.startDragDistance()


class Interaction:
    def __init__(self, canvas: CanvasParts, event: QMouseEvent) -> None:
        self.canvas = canvas
        self.press = event.position().toPoint()
        self.button = event.button()

    def scene_pos(self, event: QMouseEvent) -> QPointF:
        return self.canvas.view.mapToScene(event.position().toPoint())

    def ends_with(self, event: QMouseEvent) -> bool:
        """A release ends the gesture only if it lets go of the button that started it."""
        return event.button() == self.button

    def move(self, event: QMouseEvent) -> None: ...

    def release(self, event: QMouseEvent) -> None: ...

    def cancel(self) -> None: ...


class PanInteraction(Interaction):
    """Drag on empty space, with the middle button, or with Space held: moves the view only."""

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
        self.dragged = self.dragged or far_enough(self.press, event)
        bars = (self.canvas.view.horizontalScrollBar(), self.canvas.view.verticalScrollBar())
        bars[0].setValue(bars[0].value() - delta.x())
        bars[1].setValue(bars[1].value() - delta.y())

    def release(self, event: QMouseEvent) -> None:
        self.cancel()
        if not self.dragged and self.click_clears:
            self.canvas.document.select("", "")

    def cancel(self) -> None:
        self.canvas.view.viewport().unsetCursor()


class Drag(Interaction):
    """What every drag of the canvas says: a preview while it is held, a note once it is done,
    and nothing left behind when it is cancelled."""

    def __init__(self, canvas: CanvasParts, event: QMouseEvent) -> None:
        super().__init__(canvas, event)
        self.last_text = ""

    def preview(self, verdict: Verdict) -> None:
        if verdict.text != self.last_text:
            self.last_text = verdict.text
            self.canvas.tell(verdict.text)
            self.canvas.note.preview(verdict.text, allowed=verdict.allowed)

    def dropped(self, verdict: Verdict) -> None:
        report_drop(verdict, self.canvas.note, self.canvas.tell)

    def cancelled(self) -> None:
        self.canvas.note.clear()
        self.canvas.tell(tr("Drag cancelled: nothing changed."))


def report_drop(verdict: Verdict, note: DropNote, tell: Callable[[str], None]) -> None:
    """After a drop: the note confirms a change and the preview leaves the status bar; a
    refusal says why there (one the plan makes, the document reports itself)."""
    if verdict.applied and verdict.done:
        note.confirm(verdict.done)
    else:
        note.clear()
    if verdict.applied:
        tell("")
    elif not verdict.allowed:
        tell(verdict.text)
