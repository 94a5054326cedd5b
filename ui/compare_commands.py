"""View > Compare with…: choose another plan file or another cycle, then see the differences
in the Compare window and, on request, highlighted on the map."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu
from shiboken6 import isValid

from .compare_chooser import CompareChoice, CompareChooser
from .compare_window import CompareWindow
from .panels.plan_window import PlanWindow
from .translation import tr

COMPARE_KEY = "Ctrl+Alt+K"


class CompareCommands(QObject):
    """Registers view.compare in `window.commands` and puts it in the View menu after the
    plan score."""

    def __init__(self, window: PlanWindow, view_menu: QMenu | None) -> None:
        super().__init__(window)
        self.window = window
        self.chooser: CompareChooser | None = None
        self.dialog: CompareWindow | None = None
        self.action = window.commands.add(
            "view.compare", self.tr("Compare &with…"), self.ask,
            shortcut=QKeySequence(COMPARE_KEY),
            tip=self.tr("What was added, removed, changed and re-aligned since another plan "
                        "file or another cycle"),
            applies=lambda: window.document is not None)
        if view_menu is not None:
            actions = view_menu.actions()
            after = next((window.commands.action(key) for key in ("view.plan_score", "view.map")
                          if key in window.commands), None)
            place = actions.index(after) + 1 if after in actions else len(actions)
            if place < len(actions):
                view_menu.insertAction(actions[place], self.action)
            else:
                view_menu.addAction(self.action)

    def ask(self) -> CompareChooser | None:
        """Open the chooser; the Compare window follows when it is accepted."""
        document = self.window.document
        if document is None:
            return None
        chooser = self.chooser = CompareChooser(self.window, document)
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.accepted.connect(lambda: self.show_window(chooser.choice()))
        chooser.open()
        return chooser

    def show_window(self, choice: CompareChoice) -> CompareWindow | None:
        """Show the Compare window, in front, and compare off the GUI thread: it fills when
        that is done; a failure closes it and is shown as an error."""
        document = self.window.document
        if document is None:
            return None
        self._close_window()
        dialog = self.dialog = CompareWindow(self.window, document, choice,
                                             self.window.focus_objective, self._highlight)
        dialog.finished.connect(lambda _result: self._highlight(False))
        dialog.failed.connect(lambda message: self._failed(dialog, message))
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        dialog.refresh()
        return dialog

    def _failed(self, dialog: CompareWindow, message: str) -> None:
        if isValid(dialog):
            dialog.close()
        self._show_error(message)

    def _highlight(self, on: bool) -> None:
        map_tab = getattr(self.window, "map_tab", None)
        dialog = self.dialog
        if map_tab is None or not isValid(map_tab) or dialog is None or not isValid(dialog):
            return
        if map_tab.document is not dialog.document:
            return
        choice = dialog.choice
        map_tab.compare_with(choice.path if on else None,
                             choice.cycle_id if on and choice.path is None else None)
        if on:
            self.window.tabs.setCurrentWidget(map_tab)

    def _close_window(self) -> None:
        if self.dialog is not None and isValid(self.dialog):
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog = None

    def _show_error(self, message: str) -> None:
        show = getattr(self.window, "show_error", None)
        if callable(show):
            show(tr("The plans cannot be compared"), message)
