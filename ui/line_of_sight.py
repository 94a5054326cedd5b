"""Show the line of sight of an objective: its chain up to the top, listed and lit on the canvas
(every other card dimmed) until the list is closed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget
from shiboken6 import isValid

from okrdesk.rulebook import line_of_sight
from okrdesk.snapshot import Snapshot

from .canvas import CanvasView

ID_ROLE = Qt.ItemDataRole.UserRole


def chain_lines(snapshot: Snapshot, objective_id: str) -> list[tuple[str, str]]:
    """(objective id, "Title — Owner (Level, Cycle)") from the top of the line down to it."""
    rows = []
    for link_id in reversed(line_of_sight(snapshot, objective_id)):
        objective = snapshot.objectives[link_id]
        owner = snapshot.units.get(objective.owner_id)
        level = snapshot.levels.get(owner.level_id) if owner is not None else None
        cycle = snapshot.cycles.get(objective.cycle_id)
        where = ", ".join(part for part in (level.name if level else "",
                                            cycle.name if cycle else "") if part)
        who = f"{owner.name} ({where})" if owner is not None else where
        rows.append((link_id, f"{objective.title} — {who}"))
    return rows


class LineOfSightDialog(QDialog):
    """Not modal: the planner can go on working; choosing a line brings its card into view."""

    def __init__(self, parent: QWidget, snapshot: Snapshot, objective_id: str,
                 canvas: CanvasView | None, focus: Callable[[str], None]) -> None:
        super().__init__(parent)
        self.setObjectName("lineOfSight")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.canvas = canvas
        lines = chain_lines(snapshot, objective_id)
        title = snapshot.objectives[objective_id].title
        self.setWindowTitle(self.tr("Line of sight of “{title}”").format(title=title))
        steps = len(lines) - 1
        summary = (self.tr("Aligned to nothing: this objective is the top of its own line.")
                   if steps == 0 else
                   self.tr("{steps} step(s) up to the top, highest first.").format(steps=steps))
        self.summary = QLabel(summary, self, wordWrap=True)
        self.list = QListWidget(self)
        self.list.setObjectName("lineOfSightList")
        self.list.setAccessibleName(self.tr("Line of sight"))
        for depth, (link_id, text) in enumerate(lines):
            item = QListWidgetItem("    " * depth + text)
            item.setData(ID_ROLE, link_id)
            item.setToolTip(text)
            self.list.addItem(item)
        self.list.setCurrentRow(len(lines) - 1)
        self.list.itemActivated.connect(lambda item: focus(str(item.data(ID_ROLE))))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        self.ids = [link_id for link_id, _text in lines]
        self.resize(520, 300)
        if canvas is not None:
            canvas.canvas_scene.set_focus(set(self.ids))

    def closeEvent(self, event: QCloseEvent) -> None:
        self._undim()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self._undim()
        super().done(result)

    def _undim(self) -> None:
        canvas, self.canvas = self.canvas, None
        if canvas is not None and isValid(canvas):
            canvas.refocus()  # back to what presentation mode dims, if anything
