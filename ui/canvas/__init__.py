"""The alignment canvas: lanes by org level, objective cards, drag-and-drop alignment."""

from .drag_mime import KEY_RESULT_MIME, OBJECTIVE_MIME, key_result_mime, objective_mime
from .drop import DropHandler
from .view import CanvasView

__all__ = [
    "KEY_RESULT_MIME",
    "OBJECTIVE_MIME",
    "CanvasView",
    "DropHandler",
    "key_result_mime",
    "objective_mime",
]
