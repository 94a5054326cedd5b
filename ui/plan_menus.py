"""Context menus on the canvas and the objective list, and the Objective menu of the menu bar,
all built from the command registry.

A right-click first selects what is under the mouse (a card, a key-result row, an edge, a lane),
then offers every command that applies to it. Keys registered by other features ("kr.add",
"objective.new") appear when they are registered.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QPoint
from PySide6.QtWidgets import QMenu

from .canvas import CanvasView
from .canvas.targets import CanvasTarget, TargetKind
from .commands import Commands
from .panels.objective_list import ObjectiveListPanel
from .panels.plan_window import PlanWindow
from .translation import tr

Keys = Sequence[str | None]

OBJECTIVE_KEYS: Keys = (
    "selection.inspect", "objective.line_of_sight", None,
    "objective.rename", "kr.add", None,
    "objective.align_up", "objective.contribute", "objective.unlink", "objective.open_parent",
    None,
    "objective.move_cycle", "objective.change_owner", "objective.move_up", "objective.move_down",
    None,
    "objective.copy_to_cycle", "objective.carry_over_subtree", "objective.duplicate",
    "objective.delete",
)
KEY_RESULT_KEYS: Keys = (
    "kr.edit", "selection.inspect", None,
    "kr.add", None,
    "kr.delegate", "kr.unlink", None,
    "kr.move_up", "kr.move_down", None,
    "kr.delete",
)
ALIGNMENT_KEYS: Keys = ("objective.unlink", None, "objective.open_parent", "selection.inspect")
LINK_KEYS: Keys = ("link.remove", None, "link.open_source", "link.open_target")
LANE_KEYS: Keys = ("objective.new_here", None, "view.arrange", "view.fit")
MENU_KEYS: dict[TargetKind, Keys] = {
    TargetKind.CARD: OBJECTIVE_KEYS,
    TargetKind.KEY_RESULT: KEY_RESULT_KEYS,
    TargetKind.ALIGNMENT: ALIGNMENT_KEYS,
    TargetKind.LINK: LINK_KEYS,
    TargetKind.LANE: LANE_KEYS,
    TargetKind.NOTHING: ("view.arrange", "view.fit"),
}
SELECTS: dict[TargetKind, str] = {
    TargetKind.CARD: "objectives",
    TargetKind.KEY_RESULT: "key_results",
    TargetKind.ALIGNMENT: "objectives",  # the aligned objective: its alignment is the edge
    TargetKind.LINK: "contributions",
    TargetKind.LANE: "levels",
}
# The menu bar's Objective menu: everything above, with its shortcuts, for the keyboard.
BAR_KEYS: Keys = (
    "objective.new", "objective.rename", "kr.add", None,
    "selection.inspect", "objective.line_of_sight", "objective.open_parent", None,
    "objective.align_up", "objective.contribute", "objective.unlink", None,
    "objective.move_cycle", "objective.change_owner", "objective.move_up", "objective.move_down",
    None,
    "objective.copy_to_cycle", "objective.carry_over_subtree", "objective.duplicate",
    "objective.delete", None,
    "kr.edit", "kr.delegate", "kr.unlink", "kr.move_up", "kr.move_down", "kr.delete", None,
    "link.remove", "link.open_source", "link.open_target",
)


# Shortcuts on the canvas and the objective list only: the Organisation panel uses the same keys.
SCOPED_KEYS = ("objective.delete", "kr.delete", "link.remove", "objective.duplicate",
               "objective.move_up", "objective.move_down", "kr.move_up", "kr.move_down")


class PlanMenus(QObject):
    def __init__(self, window: PlanWindow) -> None:
        super().__init__(window)
        self.window = window
        self.menu: QMenu | None = None  # the context menu shown last
        self.bar_menu = QMenu(tr("&Objective"), window)
        self.bar_menu.setObjectName("objectiveMenu")
        self.bar_menu.aboutToShow.connect(self._fill_bar_menu)
        bar = window.menuBar()
        help_menu = bar.findChild(QMenu, "helpMenu")
        if help_menu is not None:
            bar.insertMenu(help_menu.menuAction(), self.bar_menu)
        else:
            bar.addMenu(self.bar_menu)
        self._fill_bar_menu()  # so its shortcuts are listed before it is first opened

    @property
    def commands(self) -> Commands:
        return self.window.commands

    def attach(self, canvas: CanvasView, objective_list: ObjectiveListPanel) -> None:
        """Offer the menus on a newly opened plan's canvas and list, where the shortcuts that
        other panels use too (Delete, Alt+Up, Alt+Down, Ctrl+D) work."""
        canvas.context_menu_requested.connect(self.canvas_menu)
        objective_list.context_menu_requested.connect(self.objective_menu)
        self.commands.scope([key for key in SCOPED_KEYS if key in self.commands],
                            [canvas, objective_list])

    def canvas_menu(self, target: CanvasTarget, global_pos: QPoint) -> QMenu | None:
        """Select what was right-clicked on the canvas and offer what can be done to it."""
        document = self.window.document
        if document is None:
            return None
        table = SELECTS.get(target.kind)
        if table is not None:
            document.select(table, target.row_id)
        return self.popup(MENU_KEYS[target.kind], global_pos)

    def objective_menu(self, objective_id: str, global_pos: QPoint) -> QMenu | None:
        """The same menu as a card's, for a row of the objective list."""
        document = self.window.document
        if document is None or objective_id not in document.snapshot.objectives:
            return None
        document.select("objectives", objective_id)
        return self.popup(OBJECTIVE_KEYS, global_pos)

    def popup(self, keys: Keys, global_pos: QPoint) -> QMenu | None:
        menu = self.commands.menu(keys, self.window)
        if menu.isEmpty():
            menu.deleteLater()
            return None
        self.menu = menu
        menu.popup(global_pos)
        return menu

    def _fill_bar_menu(self) -> None:
        self.bar_menu.clear()
        self.commands.refresh()
        self.commands.fill(self.bar_menu, BAR_KEYS)
