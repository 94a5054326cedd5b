"""A zooming view whose mouse gestures (pans, card and row drags) are run by `Gestures`
(gestures.py): a press starts one, moves and the release go to it, Esc cancels it."""

from __future__ import annotations

from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent

from .gestures import Gestures
from .zooming_view import ZoomingView


class GestureView(ZoomingView):
    gestures: Gestures  # made by the subclass, which knows what a gesture works with

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if not self.gestures.busy:
            self.auto_frame = False
            self.setFocus()
        if not self.gestures.press(event):
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if not self.gestures.move(event):
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if not self.gestures.release(event):
            super().mouseReleaseEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if not self.gestures.key_release(event):
            super().keyReleaseEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.gestures.space_let_go()  # its release would go elsewhere
