"""The picture of the Plan score window on the demo plan, reached as a planner reaches it: its
shortcut on the canvas, then the first reason of the lowest owner chosen (read whole under the
list). Choosing a reason only brings its objective into view: the plan is not changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from .plan_score_window import PlanScoreWindow
from .screenshot_kit import Camera, back_to, plan_of, settle, wait_for

if TYPE_CHECKING:
    from .main_window import MainWindow


def plan_score_shots(app: QApplication, window: MainWindow, camera: Camera) -> None:
    canvas = plan_of(window)[1]
    canvas.setFocus()
    QTest.keyClick(canvas, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier)  # View > Plan score…
    shown = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, PlanScoreWindow) and w.isVisible()]
    assert shown, "the Plan score window did not open"
    dialog = shown[0]
    wait_for(app, lambda: dialog.score is not None)
    settle(app)
    lowest = dialog.tree.topLevelItem(1)  # the plan first, then the owners, lowest first
    reason = lowest.child(0) if lowest is not None else None
    if reason is not None:
        dialog.tree.setCurrentItem(reason)
    settle(app)
    camera.save("plan-score", camera.where(dialog, with_title=True))
    dialog.close()
    back_to(app, window)
