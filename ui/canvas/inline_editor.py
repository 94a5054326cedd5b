"""A small editor laid over the canvas where a card or a key-result row is being written: one or
more lines to type in and a line of hints under them, sized for the zoom and never too small to
read."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFont, QFontMetricsF, QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QVBoxLayout, QWidget

from .theme import Theme

TITLE_POINTS = 10.0  # the card title's size at 100 %
READABLE_POINTS = 11.0  # the smallest type the editor shows, whatever the zoom
LARGEST_POINTS = 26.0
READABLE_WIDTH_EMS = 52  # the narrowest editor, in the width of its letters: a key result
# in plain words ("Grow recurring revenue from 12 to 24 M EUR") is seen whole as it is typed
EDGE = 6  # pixels kept between the editor and the view's edges


class EditLine(QLineEdit):
    """A line of the editor. Enter, Esc, Tab and Shift+Tab belong to the editor: they commit,
    cancel and move between lines instead of moving the focus through the window."""

    submitted = Signal()
    cancelled = Signal()
    tabbed = Signal(bool)  # True: forward
    left = Signal()  # the keyboard went elsewhere

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                forward = (key == Qt.Key.Key_Tab
                           and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self.tabbed.emit(forward)
                return True
        return super().event(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.setCursorPosition(0)  # a line longer than the editor shows its start again
            self.left.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submitted.emit()
        elif key == Qt.Key.Key_Escape:
            self.cancelled.emit()
        else:
            super().keyPressEvent(event)
            event.accept()  # not on to the canvas: its arrow keys would change the selection


class InlineEditor(QFrame):
    """Lines to type in, over the canvas's viewport, with a hint or preview line under them.

    A child of the view, not of its viewport, so that it stands above the view's other
    overlays (the mini-map); it is placed in the viewport's pixels all the same."""

    def __init__(self, view: QWidget, viewport: QWidget, theme: Theme, name: str) -> None:
        super().__init__(view)
        self.viewport = viewport
        self.setObjectName("inlineEditor")
        self.setAccessibleName(name)
        self.theme = theme
        self.lines: list[EditLine] = []
        self.hint = QLabel(self)
        self.hint.setObjectName("inlineHint")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setAccessibleName(self.tr("What was understood"))
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(6, 5, 6, 5)
        self._layout.setSpacing(3)
        self._layout.addWidget(self.hint)
        self.points = READABLE_POINTS
        self._styled: tuple[object, ...] = ()

    def add_line(self, text: str, placeholder: str, name: str) -> EditLine:
        line = EditLine(self)
        line.setObjectName("inlineLine")
        line.setText(text)
        line.setPlaceholderText(placeholder)
        line.setAccessibleName(name)
        line.setFrame(False)
        self._layout.insertWidget(len(self.lines), line)
        self.lines.append(line)
        return line

    def say(self, text: str, *, warning: bool = False) -> None:
        self.hint.setText(text)
        self.hint.setProperty("warning", warning)
        self._style()
        self._fit_height()

    def place(self, view_rect: QRectF, zoom: float) -> bool:
        """Cover `view_rect` (the card or row being written, in the viewport's pixels) with
        type as large as the card's at this zoom, and at least readable; kept inside the view.
        False if it had to move off `view_rect` to stay inside."""
        scale = self.theme.type_scale
        self.points = max(READABLE_POINTS * scale,
                          min(TITLE_POINTS * scale * zoom, LARGEST_POINTS))
        self._style()
        font = QFont(self.font())
        font.setPointSizeF(self.points)
        ems = QFontMetricsF(font).averageCharWidth() * READABLE_WIDTH_EMS
        area = self.viewport.geometry()  # in the view's pixels
        view_rect = view_rect.translated(area.topLeft().toPointF())
        width = int(min(max(view_rect.width(), ems), area.width() - 2 * EDGE))
        self.setFixedWidth(max(width, 40))
        self._fit_height()
        left = min(max(int(view_rect.left()), area.left() + EDGE),
                   area.right() - self.width() - EDGE)
        top = min(max(int(view_rect.top()), area.top() + EDGE),
                  area.bottom() - self.height() - EDGE)
        self.move(QPoint(max(left, area.left()), max(top, area.top())))
        return abs(self.x() - view_rect.left()) < 2 and abs(self.y() - view_rect.top()) < 2

    def _fit_height(self) -> None:
        self._layout.activate()
        self.setFixedHeight(self._layout.heightForWidth(self.width())
                            if self._layout.hasHeightForWidth()
                            else self._layout.sizeHint().height())

    def _style(self) -> None:
        key = (self.points, self.hint.property("warning"), self.theme)
        if key == self._styled:
            return  # a style sheet costs milliseconds: set it again only when it changes
        self._styled = key
        theme = self.theme
        small = max(READABLE_POINTS * 0.85 * theme.type_scale, self.points * 0.8)
        # a style sheet of its own, so a window-wide font size (offsite mode) does not win
        self.setStyleSheet(
            f"QFrame#inlineEditor {{ background: {theme.card.name()};"
            f" border: 2px solid {theme.selected.name()}; border-radius: 6px; }}"
            f"QLineEdit#inlineLine {{ font-size: {self.points:.1f}pt;"
            f" color: {theme.text.name()}; background: {theme.row.name()};"
            f" border: none; border-radius: 3px; padding: 1px 3px; }}"
            f"QLabel#inlineHint {{ font-size: {small:.1f}pt;"
            f" color: {theme.muted_text.name()}; }}"
            f"QLabel#inlineHint[warning=\"true\"] {{ color: {theme.orphan.name()}; }}")

    def focus_line(self, index: int) -> None:
        line = self.lines[index]
        line.setFocus(Qt.FocusReason.OtherFocusReason)
        line.selectAll()

    def owns(self, widget: QObject | None) -> bool:
        while widget is not None:
            if widget is self:
                return True
            widget = widget.parent()
        return False
