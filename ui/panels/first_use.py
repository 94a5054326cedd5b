"""A combo box of every person and team filled the first time someone reaches for it.

On a plan of 10,000 people a combo box of 20,000 names costs 25-30 ms to fill and as much again
to size (Qt measures every item's text), for panels that are often never opened. Until its first
use the box holds only its current choice; a click, a key, the wheel or focus fills it (before Qt
acts on that event, so the popup, the arrow keys and type-ahead see every name).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QComboBox

Kind = QEvent.Type
FIRST_USE = frozenset({Kind.FocusIn, Kind.MouseButtonPress, Kind.MouseButtonDblClick,
                       Kind.KeyPress, Kind.Wheel, Kind.ContextMenu, Kind.InputMethod})


class FillOnFirstUse(QObject):
    """Calls `fill` once, at the box's first use or when `ready()` is asked for."""

    def __init__(self, box: QComboBox, fill: Callable[[], None]) -> None:
        super().__init__(box)
        self.box, self._fill = box, fill
        self.pending = True
        self._watched: list[QObject] = [box]
        line = box.lineEdit()
        if line is not None:
            self._watched.append(line)
        for widget in self._watched:
            widget.installEventFilter(self)

    def ready(self) -> None:
        """Fill the box now if it has not been filled (before a look-up of its items)."""
        if not self.pending:
            return
        self.pending = False
        for widget in self._watched:
            widget.removeEventFilter(self)
        line = self.box.lineEdit()
        text = line.text() if line is not None else ""
        cursor = line.cursorPosition() if line is not None else 0
        start, length = (line.selectionStart(), len(line.selectedText())) \
            if line is not None else (-1, 0)
        self._fill()
        if line is not None:  # what was typed so far stays, with its cursor and selection
            if line.text() != text:
                line.setText(text)
            line.setCursorPosition(cursor)
            if start >= 0:
                line.setSelection(start, length)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.pending and event.type() in FIRST_USE:
            self.ready()
        return False
