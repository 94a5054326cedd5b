"""Which gesture a press on the canvas starts, and the one under way.

The left button on a card or a key-result row drags it (past the drag distance); on empty space
it pans. The middle button pans anywhere, and so does the left button while Space is held, so
a canvas dense with cards can always be moved without touching the plan. Esc cancels a drag.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QNativeGestureEvent
from PySide6.QtWidgets import QGraphicsView

from .card_drag import CardDrag
from .interactions import CanvasParts, Interaction, PanInteraction
from .items import CardItem, KrRowItem
from .row_drag import RowDrag

CHORD_KEYS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
              | Qt.KeyboardModifier.MetaModifier)  # Space with these is someone else's shortcut


class Gestures:
    def __init__(self, parts: CanvasParts) -> None:
        self.parts = parts
        self.current: Interaction | None = None
        self.space_held = False

    @property
    def busy(self) -> bool:
        return self.current is not None

    def press(self, event: QMouseEvent) -> bool:
        """Start a gesture for the press; False: not one of ours (the view's default then)."""
        if self.current is not None:
            return True  # another button while a gesture is under way: ignored
        button, view = event.button(), self.parts.view
        if button == Qt.MouseButton.MiddleButton or (
                button == Qt.MouseButton.LeftButton and self.space_held):
            self.current = PanInteraction(self.parts, event, click_clears=False)
            return True
        if button != Qt.MouseButton.LeftButton:
            return False
        item = self.parts.scene.item_at(view.mapToScene(event.position().toPoint()))
        if isinstance(item, KrRowItem):
            self.current = RowDrag(self.parts, event, item)
        elif isinstance(item, CardItem):
            self.current = CardDrag(self.parts, event, item)
        else:
            self.current = PanInteraction(self.parts, event, click_clears=True)
        return True

    def move(self, event: QMouseEvent) -> bool:
        if self.current is None:
            return False
        self.current.move(event)
        return True

    def release(self, event: QMouseEvent) -> bool:
        gesture = self.current
        if gesture is None:
            return False
        if gesture.ends_with(event):
            self.current = None
            gesture.release(event)
            self._show_space()
        return True

    def cancel(self) -> bool:
        """Esc: the gesture under way ends and changes nothing; False if there was none."""
        gesture, self.current = self.current, None
        if gesture is None:
            return False
        gesture.cancel()
        self._show_space()
        return True

    def key_press(self, event: QKeyEvent) -> bool:
        """Esc cancels the gesture under way; Space held makes the next left drag pan,
        wherever it starts. False: a key for someone else."""
        if event.key() == Qt.Key.Key_Escape:
            return self.cancel()
        if event.key() != Qt.Key.Key_Space or event.modifiers() & CHORD_KEYS:
            return False
        if not event.isAutoRepeat():
            self.space_held = True
            self._show_space()
        return True

    def key_release(self, event: QKeyEvent) -> bool:
        if event.key() != Qt.Key.Key_Space:
            return False
        if not event.isAutoRepeat():
            self.space_let_go()
        return True

    def space_let_go(self) -> None:
        self.space_held = False
        if self.current is None:
            self.parts.view.viewport().unsetCursor()

    def _show_space(self) -> None:
        if self.space_held and self.current is None:
            self.parts.view.viewport().setCursor(Qt.CursorShape.OpenHandCursor)


class PinchZoom(QObject):
    """A trackpad's pinch zooms the view, as Ctrl+wheel does."""

    def __init__(self, view: QGraphicsView, zoom_by: Callable[[float], None]) -> None:
        super().__init__(view)
        self.zoom_by = zoom_by
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (isinstance(event, QNativeGestureEvent)
                and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture):
            self.zoom_by(1.0 + event.value())
            return True
        return False
