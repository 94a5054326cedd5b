"""The window's side of presentation mode: full screen with nothing but the canvas (and the
status line, which names what a drop or an undo did), and everything back as it was after.

Commands keep working while the menus and toolbars are hidden: their actions live on the
window (commands.py), so Ctrl+Z, F2, Insert and the rest still answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QObject, QRect
from PySide6.QtWidgets import QToolBar, QWidget

from .plan_window import PlanWindow

TYPE_SCALE = 1.5  # the window's own type (status line, dialogs) in presentation mode


@dataclass
class _Before:
    state: QByteArray
    geometry: QRect  # the window's own area: restoreGeometry would guess at a frame around it
    maximized: bool
    shown: list[QWidget]  # the menu bar, toolbars and the tab bar that were visible


class PresentationChrome(QObject):
    """Hides the window's panels and bars for presentation mode and brings them back."""

    def __init__(self, window: PlanWindow) -> None:
        super().__init__(window)
        self.window = window
        self._before: _Before | None = None

    @property
    def active(self) -> bool:
        return self._before is not None

    def _bars(self) -> list[QWidget]:
        window = self.window
        return [window.menuBar(), *window.findChildren(QToolBar), window.tabs.tabBar()]

    def enter(self) -> None:
        window = self.window
        if self._before is not None:
            return
        shown = [bar for bar in self._bars() if bar.isVisible()]
        self._before = _Before(window.saveState(), window.geometry(), window.isMaximized(),
                               shown)
        for dock in window.docks.values():
            dock.hide()
        for bar in shown:
            bar.hide()
        points = window.font().pointSizeF()
        size = f"{points * TYPE_SCALE:.1f}pt" if points > 0 else "16pt"
        window.setStyleSheet(f"* {{ font-size: {size}; }}")  # cascades past the app's sheet
        window.showFullScreen()

    def leave(self) -> None:
        window, before = self.window, self._before
        if before is None:
            return
        self._before = None
        window.setStyleSheet("")
        if before.maximized:
            window.showMaximized()
        else:
            window.showNormal()
            window.setGeometry(before.geometry)
        window.restoreState(before.state)
        for bar in before.shown:
            bar.show()

