"""Commands on the window's layout: show or hide the canvas's mini-map, and place the panels
again as suits the window's size (View menu, View > Panels)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from ..canvas import CanvasView
from .plan_window import PlanWindow

MINIMAP_KEY = "Ctrl+Alt+M"
RESET_LAYOUT_KEY = "Ctrl+Alt+R"


class LayoutCommands(QObject):
    """Registers view.minimap and view.reset_layout in `window.commands`."""

    def __init__(self, window: PlanWindow, view_menu: QMenu, panels_menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        commands = window.commands
        self.minimap: QAction = commands.add(
            "view.minimap", self.tr("Mini-&map"), lambda: None,
            shortcut=QKeySequence(MINIMAP_KEY),
            tip=self.tr("Show the overview of a large canvas in its corner"))
        self.minimap.setCheckable(True)
        self.minimap.setChecked(window.settings.minimap_shown())
        self.minimap.toggled.connect(self.show_minimap)
        self.reset_layout: QAction = commands.add(
            "view.reset_layout", self.tr("&Reset layout"), window.reset_layout,
            shortcut=QKeySequence(RESET_LAYOUT_KEY),
            tip=self.tr("Place the panels as suits the window's size"))
        view_menu.addAction(self.minimap)
        panels_menu.addSeparator()
        panels_menu.addAction(self.reset_layout)

    def follow(self, canvas: CanvasView | None) -> None:
        """A new canvas shows its mini-map as chosen."""
        if canvas is not None:
            canvas.minimap.set_wanted(self.minimap.isChecked())

    def show_minimap(self, shown: bool) -> None:
        self.window.settings.set_minimap_shown(shown)
        self.follow(self.window.canvas)
