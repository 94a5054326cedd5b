"""The alignment canvas: lanes by org level, objective cards, drag-and-drop alignment."""

from .drop import (
    KEY_RESULT_MIME,
    OBJECTIVE_MIME,
    DropHandler,
    key_result_mime,
    objective_mime,
)
from .view import CanvasView

__all__ = [
    "KEY_RESULT_MIME",
    "OBJECTIVE_MIME",
    "CanvasView",
    "DropHandler",
    "key_result_mime",
    "objective_mime",
]
