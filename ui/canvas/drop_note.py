"""A strip at the bottom of the canvas about drops: while a drag is held it says what letting go
would do; after a drop that changed the plan it says what changed, with an Undo button, for a
few seconds. In front of a room, nothing is re-aligned without the room seeing it said.

It is a child of the view, not of its viewport, so it stands above the view's other overlays;
it keeps clear of those it is told to avoid (the mini-map).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QEnterEvent, QFont, QUndoStack
from PySide6.QtWidgets import QFrame, QGraphicsView, QHBoxLayout, QLabel, QPushButton, QWidget

from .theme import Theme

SHOWN_MS = 6000  # how long a note of a change stays
AFTER_HOVER_MS = 2500  # how long it stays once the mouse has left it
MARGIN = 10  # from the view's edges and from what it keeps clear of
WIDEST = 720  # pixels: a note wider than this wraps
TYPE_SCALE = 1.15  # a little larger than the window's type: read from the back of a room


class DropNote(QFrame):
    def __init__(self, view: QGraphicsView, stack: QUndoStack, theme: Callable[[], Theme],
                 avoid: Callable[[], Iterable[QWidget]] = tuple) -> None:
        super().__init__(view)
        self.view, self.stack, self.theme, self.avoid = view, stack, theme, avoid
        self.setObjectName("dropNote")
        self.setAccessibleName(self.tr("Drop note"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.undo = QPushButton(self.tr("Undo"), self)
        self.undo.setToolTip(self.tr("Take this change back, as Edit ▸ Undo does"))
        self.undo.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.undo.setCursor(Qt.CursorShape.PointingHandCursor)
        self.undo.clicked.connect(self.undo_step)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 8, 8)
        layout.setSpacing(12)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.undo, 0, Qt.AlignmentFlag.AlignVCenter)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * TYPE_SCALE)
        self.setFont(font)
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self.clear)
        self.step: int | None = None  # the undo stack's index right after the noted change
        stack.indexChanged.connect(self._stack_moved)
        self.hide()

    # -- what it says ---------------------------------------------------------------------

    def preview(self, text: str, *, allowed: bool) -> None:
        """What letting go would do (`allowed`), or why it would do nothing; stays while the
        drag is held."""
        self.timer.stop()
        self.step = None
        self._say(text, allowed=allowed, undoable=False)

    def confirm(self, text: str) -> None:
        """What a drop changed, just now; Undo takes that step back."""
        self.step = self.stack.index()
        self._say(text, allowed=True, undoable=True)
        self.timer.start(SHOWN_MS)

    def clear(self) -> None:
        self.timer.stop()
        self.step = None
        self.hide()

    def undo_step(self) -> None:
        """Undo the noted change, if it is still the last step done."""
        if self.step is not None and self.stack.index() == self.step:
            self.stack.undo()
        self.clear()

    def _stack_moved(self, index: int) -> None:
        if self.step is not None and index != self.step:  # undone, or another change came
            self.clear()

    def _say(self, text: str, *, allowed: bool, undoable: bool) -> None:
        self.text.setText(text)
        self.undo.setVisible(undoable)
        self._colour(allowed)
        self.place()
        self.show()
        self.raise_()

    def _colour(self, allowed: bool) -> None:
        theme = self.theme()
        accent = theme.valid_target if allowed else theme.muted_text
        self.setStyleSheet(
            f"#dropNote {{ background: {_rgba(theme.card, 245)}; "
            f"border: 1px solid {theme.card_border.name()}; "
            f"border-left: 5px solid {accent.name()}; border-radius: 6px; }}"
            f"#dropNote QLabel {{ color: {theme.text.name()}; background: transparent; }}")

    # -- where it sits --------------------------------------------------------------------

    def place(self) -> None:
        """Along the bottom of the view, centred in the room the overlays leave."""
        area = self.view.viewport().geometry()
        left, right = area.left() + MARGIN, area.right() - MARGIN
        for other in self.avoid():
            if other.isVisible() and other.geometry().left() > area.center().x():
                right = min(right, other.geometry().left() - MARGIN)
        width = max(160, min(WIDEST, right - left, self._natural_width()))
        layout = self.layout()
        height = layout.totalHeightForWidth(width) if layout is not None else 40
        x = left + max(0, (right - left - width) // 2)
        self.setGeometry(QRect(x, area.bottom() - MARGIN - height, width, height))

    def _natural_width(self) -> int:
        margins = self.contentsMargins()
        text = self.text.fontMetrics().horizontalAdvance(self.text.text()) + 4
        button = self.undo.sizeHint().width() + 12 if self.undo.isVisibleTo(self) else 0
        return text + button + 22 + margins.left() + margins.right()

    def enterEvent(self, event: QEnterEvent) -> None:
        super().enterEvent(event)
        self.timer.stop()  # the planner is reading it, or reaching for Undo

    def leaveEvent(self, event: QEvent) -> None:
        super().leaveEvent(event)
        if self.step is not None:
            self.timer.start(AFTER_HOVER_MS)


def _rgba(colour: QColor, alpha: int) -> str:
    return f"rgba({colour.red()}, {colour.green()}, {colour.blue()}, {alpha})"
