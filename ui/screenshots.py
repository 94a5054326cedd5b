"""Render the main states of the window to PNGs:
`python -m okrdesk_ui.screenshots docs/screenshots`.

Runs on the demo plan, in a temporary folder with its own settings, so nothing of the user's is
read or changed. Works offscreen (QT_QPA_PLATFORM=offscreen).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from okrdesk.rulebook import parent_of

SIZE = (1600, 960)
LEADING = "Become the leading electric car dealership in the region"


def settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def wait_for(app: QApplication, done: Callable[[], bool], limit_s: float = 60.0) -> None:
    end = time.monotonic() + limit_s
    while not done() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def save(widget: QWidget, folder: Path, name: str) -> Path:
    path = folder / f"{name}.png"
    widget.grab().save(str(path))
    print(f"wrote {path}")
    return path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0] if args else "docs/screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    work = Path(tempfile.mkdtemp(prefix="okrdesk-shots-"))
    os.environ["XDG_DATA_HOME"] = str(work / "data")
    QCoreApplication.setOrganizationName("OKR Desk Screenshots")
    QCoreApplication.setApplicationName("OKR Desk Screenshots")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work))
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)

    from okrdesk.demo import build_demo

    from .main_window import MainWindow
    from .settings import AppSettings
    from .theme import apply_theme

    plan = build_demo(work / "Voltline demo.okr")
    apply_theme(app, "light")
    window = MainWindow(AppSettings())
    window.open_path(plan)
    window.resize(*SIZE)
    window.show()
    settle(app)
    document, canvas = window.document, window.canvas
    assert document is not None and canvas is not None
    leading = next(o.id for o in document.snapshot.objectives.values() if o.title == LEADING)
    document.select("objectives", leading)  # the view stays as it opened: the top of the tree
    settle(app)
    save(window, folder, "window-light")

    apply_theme(app, "dark")
    settle(app)
    save(window, folder, "window-dark")
    apply_theme(app, "light")
    settle(app)

    start = _drag_highlight(app, window, leading)
    save(window, folder, "drag-highlight")
    _drag_back(app, window, start)
    assert document.undo_stack.count() == 0, "the screenshots must not change the plan"

    kr = next(k for k in document.snapshot.key_results_of(leading) if k.kind == "increase")
    document.select("key_results", kr.id)
    settle(app)
    save(window.docks["inspector"], folder, "inspector-key-result")
    save(window.docks["health"], folder, "health-panel")

    window.tabs.setCurrentIndex(1)
    wait_for(app, lambda: window.map_tab.job is None and not window.map_tab._stale)
    settle(app)
    window.map_tab.view.fit()
    save(window, folder, "map-tab")
    window.tabs.setCurrentIndex(0)

    window.actions_.offsite.setChecked(True)
    window.showNormal()  # an offscreen "full screen" is tiny; show the mode at a projector's size
    window.resize(*SIZE)
    settle(app, 0.5)
    window.focus_objective(leading)
    settle(app)
    save(window, folder, "offsite-mode")
    window.actions_.offsite.setChecked(False)
    window.close()
    return 0


def _dragged_id(window: QWidget, leading: str) -> str:
    """The vice president's card nearest the chief's that is not aligned to it yet."""
    document = window.document  # type: ignore[attr-defined]
    snapshot = document.snapshot
    cards = window.canvas.canvas_scene.cards  # type: ignore[attr-defined]
    top_rank = snapshot.level_of(leading).rank
    chief_x = cards[leading].x()
    candidates = [o.id for o in snapshot.objectives.values()
                  if snapshot.level_of(o.id).rank == top_rank + 1 and o.id in cards
                  and parent_of(snapshot, o.id) != leading]
    return min(candidates, key=lambda i: (abs(cards[i].x() - chief_x), i))


def _start_point(window: QWidget, leading: str) -> QPoint:
    canvas = window.canvas  # type: ignore[attr-defined]
    card = canvas.canvas_scene.cards[_dragged_id(window, leading)]
    point: QPoint = canvas.mapFromScene(card.mapToScene(QPointF(card.card_rect().width() / 2,
                                                                 18)))
    return point


def _drag_back(app: QApplication, window: QWidget, begin: QPoint) -> None:
    """Let go where the drag began: the card stays where it was, the highlights go."""
    canvas = window.canvas  # type: ignore[attr-defined]
    start = QPointF(begin)
    no_modifier = Qt.KeyboardModifier.NoModifier
    move = QMouseEvent(QEvent.Type.MouseMove, start, start, Qt.MouseButton.NoButton,
                       Qt.MouseButton.LeftButton, no_modifier)
    release = QMouseEvent(QEvent.Type.MouseButtonRelease, start, start,
                          Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton, no_modifier)
    for event in (move, release):
        QApplication.sendEvent(canvas.viewport(), event)
    settle(app)


def _drag_highlight(app: QApplication, window: QWidget, leading: str) -> QPoint:
    """Hold a vice president's card over the chief's card, as a planner's drag would; returns
    where the drag began."""
    canvas = window.canvas  # type: ignore[attr-defined]
    cards = canvas.canvas_scene.cards
    target = cards[leading]
    canvas.set_zoom(0.8)
    canvas.centerOn(target.sceneBoundingRect().center() + QPointF(0, 160))
    settle(app)
    start = _start_point(window, leading)
    end = canvas.mapFromScene(target.sceneBoundingRect().center())
    viewport = canvas.viewport()
    press = QMouseEvent(QEvent.Type.MouseButtonPress, QPointF(start), QPointF(start),
                        Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, press)
    for step in range(1, 11):
        point = QPoint(start.x() + (end.x() - start.x()) * step // 10,
                       start.y() + (end.y() - start.y()) * step // 10)
        move = QMouseEvent(QEvent.Type.MouseMove, QPointF(point), QPointF(point),
                           Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton,
                           Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(viewport, move)
    settle(app)
    return start


if __name__ == "__main__":
    raise SystemExit(main())
