"""What the window's menus and shortcuts (window_actions.py) act on: a main window showing one
plan. MainWindow is one; the actions depend on this, not on MainWindow itself."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabWidget

from ..canvas import CanvasView
from ..commands import Commands
from ..document import PlanDocument
from ..settings import AppSettings
from .toolbar import CycleSwitcher, SearchField


class PlanWindow(QMainWindow):
    settings: AppSettings
    document: PlanDocument | None
    canvas: CanvasView | None
    commands: Commands  # every command of the window, by key
    tabs: QTabWidget  # the canvas first, then the map
    docks: dict[str, QDockWidget]
    cycle_switcher: CycleSwitcher
    search_field: SearchField

    def open_path(self, path: Path) -> bool:
        """Open a plan in this window; False (the reason shown) if it cannot be opened."""
        raise NotImplementedError

    def create_plan_at(self, path: Path, name: str) -> bool:
        raise NotImplementedError

    def save_as(self, path: Path) -> bool:
        """Copy the open plan to `path` and go on working in the copy."""
        raise NotImplementedError

    def focus_objective(self, objective_id: str) -> None:
        """Select an objective and bring its card into view."""
        raise NotImplementedError

    def reset_layout(self) -> None:
        """Place the panels as suits the window's size now."""
        raise NotImplementedError
