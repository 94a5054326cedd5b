"""View > Plan score…: the command that opens the Plan score window of the plan open now."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu
from shiboken6 import isValid

from .panels.health import HealthPanel
from .panels.plan_window import PlanWindow
from .plan_score_window import PlanScoreWindow

PLAN_SCORE_KEY = "Ctrl+Alt+P"


class PlanScoreCommands(QObject):
    """Registers view.plan_score in `window.commands` and puts it in the View menu after the
    alignment map."""

    def __init__(self, window: PlanWindow, view_menu: QMenu | None) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: PlanScoreWindow | None = None
        self.action = window.commands.add(
            "view.plan_score", self.tr("Plan &score…"), self.show_window,
            shortcut=QKeySequence(PLAN_SCORE_KEY),
            tip=self.tr("The plan's score and each owner's, with every point's reason"),
            applies=lambda: window.document is not None)
        opened = getattr(window, "plan_opened", None)  # a main window's: its health panel
        if opened is not None:  # is made anew for each plan, its details link leads here
            opened.connect(self._follow_health_panel)
        if view_menu is not None:
            actions = view_menu.actions()
            after = window.commands.action("view.map") if "view.map" in window.commands \
                else None
            place = actions.index(after) + 1 if after in actions else len(actions)
            if place < len(actions):
                view_menu.insertAction(actions[place], self.action)
            else:
                view_menu.addAction(self.action)

    def _follow_health_panel(self, _path: str) -> None:
        panel = getattr(self.window, "health", None)
        if isinstance(panel, HealthPanel):
            panel.plan_score_wanted.connect(self.show_window)

    def show_window(self) -> PlanScoreWindow | None:
        """Show the window (made anew for a plan opened since), in front."""
        document = self.window.document
        if document is None:
            return None
        dialog = self.dialog
        if dialog is None or not isValid(dialog) or dialog.document is not document:
            if dialog is not None and isValid(dialog):
                dialog.close()
                dialog.deleteLater()
            dialog = self.dialog = PlanScoreWindow(self.window, document,
                                                   self.window.focus_objective)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog
