"""Where the panels sit. A large window gets the wide layout: the lists on the left, the
inspector on the right, alignment health under the canvas. A laptop's window gets the compact
one: every panel in one column on the right, the inspector (tabbed with health and history) above
the lists (tabbed), so the canvas keeps most of the window.

The layout is chosen for the window's size when it is first shown, unless a layout saved by an
earlier run was restored (and fits the screen); View > Panels > Reset layout chooses again for the
size the window has now."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QScrollArea, QWidget

WIDE_FROM = QSize(1800, 1000)  # a window at least this large gets the wide layout
Area = Qt.DockWidgetArea
Horizontal, Vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
LIST_PANELS = ("objectives", "outline", "organisation")  # tabbed together, in this order
SCROLLING_PANELS = ("health",)  # taller than a tab of the compact column has room for


class DockLayout(Enum):
    WIDE = "wide"
    COMPACT = "compact"


def layout_for(size: QSize) -> DockLayout:
    if size.width() >= WIDE_FROM.width() and size.height() >= WIDE_FROM.height():
        return DockLayout.WIDE
    return DockLayout.COMPACT


def arrange_docks(window: QMainWindow, docks: dict[str, QDockWidget],
                  layout: DockLayout) -> None:
    """Put every panel in its place for `layout` and show it; Objectives, Alignment health and
    the inspector come forward (in the compact layout Objectives is in front of health)."""
    for dock in docks.values():
        window.removeDockWidget(dock)
    if layout is DockLayout.WIDE:
        _wide(window, docks)
    else:
        _compact(window, docks)
    for dock in docks.values():
        dock.show()
    size_docks(window, docks, layout)
    docks["health"].raise_()
    docks["objectives"].raise_()
    docks["inspector"].raise_()


def _wide(window: QMainWindow, docks: dict[str, QDockWidget]) -> None:
    window.addDockWidget(Area.LeftDockWidgetArea, docks["organisation"], Vertical)
    window.addDockWidget(Area.LeftDockWidgetArea, docks["objectives"], Vertical)
    window.tabifyDockWidget(docks["objectives"], docks["outline"])
    window.addDockWidget(Area.RightDockWidgetArea, docks["inspector"], Vertical)
    window.addDockWidget(Area.BottomDockWidgetArea, docks["health"], Horizontal)
    window.tabifyDockWidget(docks["health"], docks["history"])


def _compact(window: QMainWindow, docks: dict[str, QDockWidget]) -> None:
    """Two groups of tabs, each short enough for its tab titles to fit the column."""
    right = Area.RightDockWidgetArea
    window.addDockWidget(right, docks["inspector"], Vertical)
    window.addDockWidget(right, docks[LIST_PANELS[0]], Vertical)
    for name in ("health", "history"):
        window.tabifyDockWidget(docks["inspector"], docks[name])
    for name in LIST_PANELS[1:]:
        window.tabifyDockWidget(docks[LIST_PANELS[0]], docks[name])


def scrolling(panel: QWidget) -> QScrollArea:
    """A panel that scrolls when its tab is shorter than the panel's minimum height (alignment
    health stacked in the compact column), rather than setting the window's minimum height."""
    area = QScrollArea()
    area.setWidget(panel)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area


def size_docks(window: QMainWindow, docks: dict[str, QDockWidget], layout: DockLayout) -> None:
    """The panels' sizes for `layout` (again once the window is laid out: panels that change
    their minimum size on the way, as the objective list folding its filters, move them)."""
    if layout is DockLayout.WIDE:
        window.resizeDocks([docks["organisation"], docks["inspector"]], [300, 360], Horizontal)
        window.resizeDocks([docks["health"]], [250], Vertical)
        window.resizeDocks([docks["organisation"], docks["objectives"]], [45, 55], Vertical)
        return
    width = min(360, max(300, window.width() * 24 // 100))
    window.resizeDocks([docks["inspector"]], [width], Horizontal)
    window.resizeDocks([docks["inspector"], docks[LIST_PANELS[0]]], [55, 45], Vertical)
