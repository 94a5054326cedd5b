"""Render the main states of the window to PNGs:
`python -m okrdesk_ui.screenshots docs/screenshots [--size 1280x720]`.

Runs on the demo plan and on a plan made from a starter, in a temporary folder with its own
settings, so nothing of the user's is read or changed. Works offscreen (QT_QPA_PLATFORM=offscreen).
The window is 1920 by 1080 unless `--size` says otherwise.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from okrdesk.rulebook import parent_of

from .screenshot_kit import Camera, plan_of, settle, wait_for
from .screenshot_stage import demo_stage

if TYPE_CHECKING:
    from .canvas import CanvasView
    from .document import PlanDocument
    from .main_window import MainWindow

LEADING = "Become the leading electric car dealership in the region"


def main(argv: list[str] | None = None) -> int:
    stage = demo_stage("python -m okrdesk_ui.screenshots", argv,
                       default_folder=Path("docs/screenshots"))
    app, window, camera = stage.app, stage.window, stage.camera

    from .screenshot_closing import closing_shots
    from .screenshot_commands import command_shots
    from .screenshot_compare import compare_shots
    from .screenshot_first_plan import first_plan_shots
    from .screenshot_merge import merge_shots
    from .screenshot_plan_score import plan_score_shots
    from .screenshot_rhythm import rhythm_shots

    seen = plan_of(window)[1].viewport().size()
    width, height = stage.width, stage.height
    print(f"the canvas shows {seen.width()}×{seen.height()} px, "
          f"{seen.width() * seen.height() / (width * height):.1%} of the {width}×{height} window")
    window_shots(app, window, camera)
    command_shots(app, window, camera)
    closing_shots(app, window, camera)
    rhythm_shots(app, window, camera)
    plan_score_shots(app, window, camera)
    compare_shots(app, window, camera)
    merge_shots(app, window, camera)
    assert plan_of(window)[0].undo_stack.count() == 0, "the pictures must not change the demo"
    first_plan_shots(app, window, camera)
    window.close()
    return 0


def window_shots(app: QApplication, window: MainWindow, camera: Camera) -> None:
    """The window on the demo plan: both themes, a drag and the note after its drop, the
    inspector, health, map, fit to window, presentation mode."""
    from .theme import apply_theme

    document, canvas = plan_of(window)
    leading = next(o.id for o in document.snapshot.objectives.values() if o.title == LEADING)
    window.focus_objective(leading)  # readable: the chief's card and the cards aligned to it
    canvas.centerOn(canvas.canvas_scene.cards[leading].sceneBoundingRect().center()
                    + QPointF(0, 150))
    settle(app)
    camera.save("window-light")
    apply_theme(app, "dark")
    settle(app)
    camera.save("window-dark")
    apply_theme(app, "light")
    settle(app)

    held = _drag_highlight(app, document, canvas, leading)
    camera.save("drag-highlight")
    _drop_and_undo(app, document, canvas, camera, held)

    kr = next(k for k in document.snapshot.key_results_of(leading) if k.kind == "increase")
    document.select("key_results", kr.id)
    settle(app)
    for dock, name in (("inspector", "inspector-key-result"), ("health", "health-panel")):
        window.docks[dock].raise_()  # in the compact layout they share a column, as tabs
        settle(app)
        camera.save(name, camera.where(window.docks[dock]))
    window.docks["inspector"].raise_()

    window.tabs.setCurrentIndex(1)
    map_tab = window.map_tab
    wait_for(app, lambda: map_tab.job is None and not map_tab._stale)
    settle(app)
    map_tab.view.fit()
    camera.save("map-tab")
    window.tabs.setCurrentIndex(0)

    canvas.fit_all()  # every card a title-only chip, each title still readable
    settle(app)
    camera.save("fit-to-window")

    size = window.size()
    window.focus_objective(leading)
    window.actions_.offsite.setChecked(True)  # presentation mode
    window.showNormal()  # an offscreen "full screen" is tiny; show the mode at a projector's size
    window.resize(size)
    settle(app, 0.5)
    canvas.frame_focus()
    settle(app)
    camera.save("presentation-mode")
    QTest.keyClick(canvas, Qt.Key.Key_Down)  # one step down the tree: the view follows
    settle(app)
    camera.save("presentation-mode-walk")
    window.actions_.offsite.setChecked(False)
    window.showNormal()
    window.resize(size)
    canvas.set_zoom(1.0)
    settle(app)


def _dragged_id(document: PlanDocument, canvas: CanvasView, leading: str) -> str:
    """The vice president's card nearest the chief's that is not aligned to it yet."""
    snapshot, cards = document.snapshot, canvas.canvas_scene.cards
    top_rank = snapshot.level_of(leading).rank
    chief_x = cards[leading].x()
    candidates = [o.id for o in snapshot.objectives.values()
                  if snapshot.level_of(o.id).rank == top_rank + 1 and o.id in cards
                  and parent_of(snapshot, o.id) != leading]
    return min(candidates, key=lambda i: (abs(cards[i].x() - chief_x), i))


def _mouse(kind: QEvent.Type, at: QPoint, button: Qt.MouseButton) -> QMouseEvent:
    held = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease \
        else Qt.MouseButton.LeftButton
    return QMouseEvent(kind, QPointF(at), QPointF(at), button, held,
                       Qt.KeyboardModifier.NoModifier)


def _drop_and_undo(app: QApplication, document: PlanDocument, canvas: CanvasView,
                   camera: Camera, at: QPoint) -> None:
    """Let go of the held drag at `at`: the note names what changed, with Undo; its Undo takes
    the change back, and the stack is emptied again so the demo stays as it was built."""
    QApplication.sendEvent(canvas.viewport(), _mouse(QEvent.Type.MouseButtonRelease, at,
                                                     Qt.MouseButton.LeftButton))
    settle(app)
    note = canvas.drop_note
    assert document.undo_stack.count() == 1 and note.isVisible(), "the drop changed nothing"
    camera.save("drop-note")
    QTest.mouseClick(note.undo, Qt.MouseButton.LeftButton)
    settle(app)
    assert document.undo_stack.index() == 0 and not note.isVisible()
    document.undo_stack.clear()


def _drag_highlight(app: QApplication, document: PlanDocument, canvas: CanvasView,
                    leading: str) -> QPoint:
    """Hold a vice president's card over the chief's card, as a planner's drag would; returns
    where it is held."""
    target = canvas.canvas_scene.cards[leading]
    canvas.set_zoom(0.8)
    canvas.centerOn(target.sceneBoundingRect().center() + QPointF(0, 160))
    settle(app)
    card = canvas.canvas_scene.cards[_dragged_id(document, canvas, leading)]
    start = canvas.mapFromScene(card.mapToScene(QPointF(card.card_rect().width() / 2, 18)))
    end = canvas.mapFromScene(target.sceneBoundingRect().center())
    viewport = canvas.viewport()
    QApplication.sendEvent(viewport, _mouse(QEvent.Type.MouseButtonPress, start,
                                            Qt.MouseButton.LeftButton))
    for step in range(1, 11):
        point = QPoint(start.x() + (end.x() - start.x()) * step // 10,
                       start.y() + (end.y() - start.y()) * step // 10)
        QApplication.sendEvent(viewport, _mouse(QEvent.Type.MouseMove, point,
                                                Qt.MouseButton.NoButton))
    settle(app)
    return end


if __name__ == "__main__":
    raise SystemExit(main())
