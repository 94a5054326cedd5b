"""A workaround for QMainWindow: panels tabbed together before the window is first shown leave a
spare tab bar behind, visible under the panels and showing through their gaps (seen with Qt 6.11
on every platform, as the main window's layout is Qt's own). A tab bar in use sits beside its
panels and never overlaps a docked one, so the ones that do are the spares."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar


def hide_stray_tab_bars(window: QMainWindow) -> int:
    """Hide the spare tab bars; how many there were."""
    docked = [dock.geometry() for dock in window.findChildren(QDockWidget)
              if dock.isVisible() and not dock.isFloating()]
    direct = Qt.FindChildOption.FindDirectChildrenOnly
    stray = [bar for bar in window.findChildren(QTabBar, options=direct)
             if bar.isVisible() and any(bar.geometry().intersects(rect) for rect in docked)]
    for bar in stray:
        bar.hide()
    return len(stray)
