"""The outline's commands: show the outline view, and paste an outline from the clipboard."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from .panels.outline import OutlinePanel
from .panels.plan_window import PlanWindow
from .translation import tr

if TYPE_CHECKING:
    from .dialogs.paste_outline import PasteOutlineDialog

PASTE_OUTLINE_KEY = QKeySequence("Ctrl+Shift+V")
SHOW_OUTLINE_KEY = QKeySequence("Ctrl+Alt+O")


class OutlineCommands(QObject):
    """Registers outline.show and outline.paste in `window.commands` and the Edit menu."""

    def __init__(self, window: PlanWindow, edit_menu: QMenu | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: PasteOutlineDialog | None = None  # the preview open now, if any
        commands = window.commands
        commands.add("outline.show", tr("&Outline"), self.show_outline, shortcut=SHOW_OUTLINE_KEY,
                     tip=tr("Show the outline view: objectives and key results typed from the "
                            "keyboard"), applies=lambda: window.document is not None)
        commands.add("outline.paste", tr("Paste &outline…"), self.paste,
                     shortcut=PASTE_OUTLINE_KEY,
                     tip=tr("Read the clipboard's text as objectives and key results, with a "
                            "preview before anything is created"),
                     applies=lambda: window.document is not None and not window.document.read_only)
        if edit_menu is not None:
            edit_menu.addSeparator()
            commands.fill(edit_menu, ["outline.paste", "outline.show"])

    def panel(self) -> OutlinePanel | None:
        dock = self.window.docks.get("outline")
        widget = dock.widget() if dock is not None else None
        return widget if isinstance(widget, OutlinePanel) else None

    def show_outline(self) -> None:
        dock = self.window.docks.get("outline")
        panel = self.panel()
        if dock is None or panel is None:
            return
        dock.show()
        dock.raise_()
        panel.tree.setFocus()

    def paste(self) -> PasteOutlineDialog | None:
        # The dialog is imported on first use: the window's first frame does not need it.
        from .dialogs.paste_outline import paste_outline

        document = self.window.document
        if document is None:
            return None
        self.dialog = paste_outline(document, self.window, owner_id=self._owner())
        return self.dialog

    def _owner(self) -> str:
        """The owner the outline view shows, else the selected objective's or person's."""
        document = self.window.document
        assert document is not None
        panel = self.panel()
        dock = self.window.docks.get("outline")
        if panel is not None and dock is not None and dock.isVisible() and panel.choice.owner_id:
            return panel.choice.owner_id
        table, row_id = document.selected
        objective = document.snapshot.objectives.get(row_id)
        if table == "objectives" and objective is not None:
            return objective.owner_id
        kr = document.snapshot.key_results.get(row_id)
        if table == "key_results" and kr is not None:
            owner = document.snapshot.objectives.get(kr.objective_id)
            return owner.owner_id if owner is not None else ""
        if table == "units":
            return row_id
        return panel.choice.owner_id if panel is not None else ""
