"""Pictures of the quarter's rhythm on the demo plan, on a day of its year (its check-ins are
dated in 2027): the canvas with the stale marks of the key results left without news, and a
key result's check-ins with its sparkline after a check-in typed into the inspector. The day
is set as tests set it (`okrdesk.clock.today`) and the window follows it as it does at
midnight; the check-in is undone and the day put back afterwards, so the demo stays as it was
built."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from okrdesk import clock

from .screenshot_kit import Camera, plan_of, settle

if TYPE_CHECKING:
    from .document import PlanDocument
    from .main_window import MainWindow

RHYTHM_DAY = date(2027, 10, 5)  # five days after the demo's last quarterly check-ins
LEADING = "Become the leading electric car dealership in the region"
SHARE = "Grow our regional EV market share"
CHECK_IN = ("13.4", "7", "Autumn campaign is live; the north still lags behind.")


@contextmanager
def as_of(document: PlanDocument, day: date) -> Iterator[None]:
    """Today is `day` while inside; the window is told of it as of a new day, both ways."""
    real: Callable[[], date] = clock.today
    setattr(clock, "today", lambda: day)  # noqa: B010 - the override tests use
    document.day_watch.check()
    try:
        yield
    finally:
        setattr(clock, "today", real)  # noqa: B010
        document.day_watch.check()


def rhythm_shots(app: QApplication, window: MainWindow, camera: Camera) -> None:
    document, canvas = plan_of(window)
    steps_before = document.undo_stack.count()
    selected = document.selected
    window.statusBar().clearMessage()  # what earlier pictures left there
    with as_of(document, RHYTHM_DAY):
        settle(app)
        snapshot = document.snapshot
        leading = next(o.id for o in snapshot.objectives.values() if o.title == LEADING)
        window.focus_objective(leading)  # the chief's card and the cards aligned to it
        canvas.set_zoom(1.0)
        canvas.centerOn(canvas.canvas_scene.cards[leading].sceneBoundingRect().center()
                        + QPointF(0, 150))
        settle(app)
        camera.save("stale-marks")
        share = next(kr.id for kr in snapshot.key_results_of(leading) if kr.title == SHARE)
        document.select("key_results", share)
        window.docks["inspector"].raise_()
        settle(app)
        _check_in(app, window)
        camera.save("check-ins", camera.where(window.docks["inspector"]))
        while document.undo_stack.index() > steps_before:  # the demo stays as it was built
            document.undo_stack.undo()
        document.undo_stack.clear()
    document.select(*selected)
    settle(app)


def _check_in(app: QApplication, window: MainWindow) -> None:
    """Type a check-in into the inspector's form and record it with its button."""
    panel = window.inspector.key_result_form.check_ins
    value, confidence, note = CHECK_IN
    QTest.mouseClick(panel.value, Qt.MouseButton.LeftButton)
    QTest.keyClicks(panel.value, value)
    panel.confidence.setFocus()
    panel.confidence.selectAll()
    QTest.keyClicks(panel.confidence, confidence)
    QTest.keyClick(panel.confidence, Qt.Key.Key_Tab)
    QTest.mouseClick(panel.note, Qt.MouseButton.LeftButton)
    QTest.keyClicks(panel.note, note)
    QTest.mouseClick(panel.record, Qt.MouseButton.LeftButton)
    settle(app)
    newest = panel.history.item(0, 3)
    assert newest is not None and newest.text() == note, "the check-in was not recorded"
