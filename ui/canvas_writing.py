"""The commands that write on the canvas in place: a new objective, a key result under the
selected card, the selected card's title (docs/AUTHORING.md, "On the canvas")."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from .canvas.authoring import CanvasAuthoring
from .canvas.targets import TargetKind
from .commands import Commands
from .panels.plan_window import PlanWindow
from .translation import tr

NEW_OBJECTIVE_KEY = QKeySequence("Ctrl+Shift+N")
ADD_KEY_RESULT_KEY = QKeySequence(Qt.Key.Key_Insert)
EDIT_TITLE_KEY = QKeySequence(Qt.Key.Key_F2)


def register_canvas_writing_commands(commands: Commands, window: PlanWindow) -> None:
    """objective.new(_here), kr.add and objective.rename, acting on the window's canvas."""

    def authoring() -> CanvasAuthoring | None:
        return window.canvas.authoring if window.canvas is not None else None

    def on_canvas(act: Callable[[CanvasAuthoring], object]) -> Callable[[], None]:
        def slot() -> None:
            found = authoring()
            if found is not None:
                window.tabs.setCurrentIndex(0)
                act(found)
        return slot

    def can_write() -> bool:
        found = authoring()
        return found is not None and found.can_write()

    def on_card() -> bool:
        found = authoring()
        return found is not None and found.can_write() and found.has_card()

    commands.add("objective.new", tr("New &objective"), on_canvas(CanvasAuthoring.new_objective),
                 shortcut=NEW_OBJECTIVE_KEY, applies=can_write,
                 tip=tr("Write a new objective on the canvas, in the lane of the selection "
                        "(or double-click an empty spot in a lane)"))
    def new_here() -> None:
        """From a lane's context menu: the editor opens where the right-click was."""
        found = authoring()
        canvas = window.canvas
        if found is None or canvas is None:
            return
        window.tabs.setCurrentIndex(0)
        target = canvas.context_target
        if target.kind == TargetKind.LANE:
            found.new_objective_at(target.scene_pos)
        else:
            found.new_objective()

    commands.add("objective.new_here", tr("New objective &here"), new_here, applies=can_write,
                 tip=tr("Write a new objective at this spot of the lane"))
    commands.add("kr.add", tr("Add &key result"), on_canvas(CanvasAuthoring.add_key_result),
                 shortcut=ADD_KEY_RESULT_KEY, applies=on_card,
                 tip=tr("Type a key result under the selected card, in plain words"))
    commands.add("objective.rename", tr("&Edit title"), on_canvas(CanvasAuthoring.edit_title),
                 shortcut=EDIT_TITLE_KEY, applies=on_card,
                 tip=tr("Edit the selected card's title (or key result's) in place"))
