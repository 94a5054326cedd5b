"""Drops onto the canvas from other panels (the objective list, the inspector's key results):
what a drop would do is said while it hovers, and done as one undo step on release."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QGraphicsView

from .drag_mime import dragged
from .drop import DropHandler
from .drop_note import DropNote
from .interactions import report_drop


class PanelDrops:
    def __init__(self, view: QGraphicsView, handler: DropHandler, note: DropNote,
                 tell: Callable[[str], None]) -> None:
        self.view = view
        self.handler = handler
        self.note = note
        self.tell = tell

    def enter(self, event: QDragEnterEvent) -> None:
        if dragged(event.mimeData()) is not None:
            event.acceptProposedAction()

    def move(self, event: QDragMoveEvent) -> None:
        verdict = self.handler.judge(event.mimeData(),
                                     self.view.mapToScene(event.position().toPoint()),
                                     event.modifiers())
        self.tell(verdict.text)
        self.note.preview(verdict.text, allowed=verdict.allowed)
        if verdict.allowed:
            event.acceptProposedAction()
        else:
            event.ignore()

    def leave(self) -> None:
        self.note.clear()
        self.tell("")

    def drop(self, event: QDropEvent) -> None:
        verdict = self.handler.drop(event.mimeData(),
                                    self.view.mapToScene(event.position().toPoint()),
                                    event.modifiers())
        report_drop(verdict, self.note, self.tell)
        event.acceptProposedAction()
