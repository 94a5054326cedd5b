"""What rendering the window to pictures needs: letting it settle, driving a modal dialog while
it is open, and a picture of the window with its open dialogs and menus painted over it (each
is a window of its own, which a grab of the main window leaves out)."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QFont, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QWidget

if TYPE_CHECKING:
    from .canvas import CanvasView
    from .document import PlanDocument
    from .main_window import MainWindow

TITLE_BAR = 30  # pixels: the bar drawn above a dialog, as a window manager would
PNG_QUALITY = 0  # Qt's PNG writer compresses most at 0; the picture is the same


def offscreen_screen(width: int, height: int, folder: Path) -> None:
    """Give the offscreen platform a screen as large as the window, so that menus, pop-up lists
    and dialogs open where they would (its own screen is 800 by 800)."""
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") != "offscreen":
        return
    config = folder / "screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "screen", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def wait_for(app: QApplication, done: Callable[[], bool], limit_s: float = 60.0) -> None:
    end = time.monotonic() + limit_s
    while not done() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def back_to(app: QApplication, window: QWidget) -> None:
    """Give the keyboard back to the window, as closing a dialog does on a desktop (offscreen,
    the window's shortcuts would not answer until it is active again)."""
    window.activateWindow()
    wait_for(app, lambda: QApplication.activeWindow() is window, 2.0)


def in_next_dialog(work: Callable[[QDialog], object]) -> None:
    """Run `work` on the next modal dialog once it shows (call this, then open the dialog); a
    dialog `work` leaves open, or fails on, is cancelled, so nothing waits for a user."""

    def attempt(tries: int = 0) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            if tries < 500:
                QTimer.singleShot(10, lambda: attempt(tries + 1))
            return
        try:
            work(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, attempt)


def focused() -> QWidget:
    """The widget that has the keyboard."""
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard"
    return widget


def plan_of(window: MainWindow) -> tuple[PlanDocument, CanvasView]:
    """The window's open plan and its canvas."""
    assert window.document is not None and window.canvas is not None, "no plan is open"
    return window.document, window.canvas


class Camera:
    """Pictures of one window, saved as PNGs in `folder`."""

    def __init__(self, window: QWidget, folder: Path) -> None:
        self.window, self.folder = window, folder
        self.saved: list[Path] = []

    def picture(self) -> QImage:
        """The window with its open dialogs, then its pop-ups, painted where they stand."""
        image = self.window.grab().toImage()
        painter = QPainter(image)
        shown = [w for w in QApplication.topLevelWidgets()
                 if w is not self.window and w.isVisible()
                 and w.windowType() in (Qt.WindowType.Dialog, Qt.WindowType.Popup)]
        for widget in sorted(shown, key=lambda w: w.windowType() == Qt.WindowType.Popup):
            where = self.where(widget).topLeft()
            if widget.windowType() == Qt.WindowType.Dialog:
                _title_bar(painter, widget, where)
            painter.drawPixmap(where, widget.grab())
            painter.setPen(widget.palette().color(QPalette.ColorRole.Mid))
            painter.drawRect(self.where(widget).adjusted(0, 0, -1, -1))
        painter.end()
        return image

    def where(self, widget: QWidget, *, with_title: bool = False) -> QRect:
        """A widget's rectangle in the window's pixels (a dialog's with its title bar)."""
        corner = widget.mapToGlobal(QPoint(0, 0)) - self.window.mapToGlobal(QPoint(0, 0))
        rect = QRect(corner, widget.size())
        return rect.adjusted(0, -TITLE_BAR, 0, 0) if with_title else rect

    def save(self, name: str, around: QRect | None = None, margin: int = 0) -> Path:
        """Save the picture, or the part of it `around` a rectangle (in the window's pixels)."""
        image = self.picture()
        if around is not None:
            image = image.copy(around.adjusted(-margin, -margin, margin, margin)
                               .intersected(image.rect()))
        path = self.folder / f"{name}.png"
        image.save(str(path), "PNG", PNG_QUALITY)  # type: ignore[call-overload]  # str works
        self.saved.append(path)
        print(f"wrote {path}")
        return path


def _title_bar(painter: QPainter, dialog: QWidget, where: QPoint) -> None:
    palette = dialog.palette()
    bar = QRect(where.x(), where.y() - TITLE_BAR, dialog.width(), TITLE_BAR)
    painter.fillRect(bar, palette.color(QPalette.ColorRole.Window).darker(112))
    font = QFont(dialog.font())
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(palette.color(QPalette.ColorRole.WindowText))
    painter.drawText(bar, Qt.AlignmentFlag.AlignCenter, dialog.windowTitle())
    painter.setPen(palette.color(QPalette.ColorRole.Mid))
    painter.drawRect(bar.adjusted(0, 0, -1, 0))
