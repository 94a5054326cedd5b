"""Pictures of closing a cycle on the demo plan, reached as a planner reaches them: the closing
dialog from its shortcut with a score lowered (its note required), the summary with the offer to
carry over, and the canvas of the closed cycle. Undone afterwards, so the plan is not changed."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from .dialogs.close_cycle import CloseCycleDialog
from .dialogs.close_cycle_summary import ClosingSummaryDialog
from .screenshot_kit import Camera, back_to, plan_of, settle

if TYPE_CHECKING:
    from .main_window import MainWindow

D = TypeVar("D", bound=QDialog)
CLOSED = "2027-Q1"
NOTE = "Two episodes out; viewers leave early, so the third waits for a new format."
ACHIEVED = "Two episodes published; a loyal audience in the North."


def closing_shots(app: QApplication, window: MainWindow, camera: Camera) -> None:
    document, canvas = plan_of(window)
    shown_before = document.cycle_id
    steps_before = document.undo_stack.count()
    cycle = document.snapshot.cycle_named(CLOSED)
    assert cycle is not None, f"the demo has no {CLOSED}"
    window.cycle_switcher.choose(cycle.id)
    canvas.fit_all()
    settle(app)
    canvas.setFocus()
    QTest.keyClick(canvas, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier)  # Cycle > Close cycle…
    settle(app)
    dialog = _shown(CloseCycleDialog)
    line = dialog.blocks[0].lines[0]
    QTest.mouseClick(line.score, Qt.MouseButton.LeftButton)
    QTest.keyClick(line.score, Qt.Key.Key_Down)  # the note becomes required
    QTest.keyClick(line.score, Qt.Key.Key_Down)
    QTest.mouseClick(dialog.blocks[0].reflections["achieved"], Qt.MouseButton.LeftButton)
    QTest.keyClicks(dialog.blocks[0].reflections["achieved"], ACHIEVED)
    settle(app)
    camera.save("close-cycle-dialog", camera.where(dialog, with_title=True))
    QTest.keyClicks(line.note, NOTE)
    QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    settle(app)
    summary = _shown(ClosingSummaryDialog)
    camera.save("close-cycle-summary", camera.where(summary, with_title=True))
    summary.reject()
    back_to(app, window)
    scored = dialog.blocks[0].objective.id
    window.focus_objective(scored)  # its card with its score badge, its score in the inspector
    canvas.set_zoom(1.0)
    canvas.center_on_objective(scored)
    settle(app)
    camera.save("closed-cycle")
    while document.undo_stack.index() > steps_before:  # the demo stays as it was built
        document.undo_stack.undo()
    assert document.snapshot.cycles[cycle.id].closed_at is None
    document.undo_stack.clear()
    window.cycle_switcher.choose(shown_before)
    settle(app)


def _shown(kind: type[D]) -> D:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    assert found, f"no {kind.__name__} opened"
    return found[0]
