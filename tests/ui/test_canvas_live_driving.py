"""Driving the canvas live, with real mouse events: pans never touch the plan file, a press that
barely moves is a click, Esc takes a drag back, and a drop says what it will do before the
mouse is let go and what it did after, with an Undo that takes it back."""

from __future__ import annotations

from pathlib import Path

from okrdesk_ui.canvas.drop import short
from okrdesk_ui.canvas.view import CanvasView
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.core.builders import table_dump
from tests.ui.test_canvas_support import Canvas, canvas, drag, header_point

__all__ = ["canvas"]

LEFT, MIDDLE = Qt.MouseButton.LeftButton, Qt.MouseButton.MiddleButton
NONE = Qt.KeyboardModifier.NoModifier


def file_bytes(path: Path) -> dict[str, bytes]:
    """The plan file and its write-ahead log, byte for byte."""
    return {p.name: p.read_bytes() for p in sorted(path.parent.glob(path.name + "*"))
            if not p.name.endswith("-shm")}


def scrolled(view: CanvasView) -> tuple[int, int]:
    return view.horizontalScrollBar().value(), view.verticalScrollBar().value()


def press(view: CanvasView, at: QPoint, button: Qt.MouseButton = LEFT) -> None:
    QTest.mousePress(view.viewport(), button, NONE, at)


def move(view: CanvasView, at: QPoint, held: Qt.MouseButton = LEFT) -> None:
    viewport = view.viewport()
    QApplication.sendEvent(viewport, QMouseEvent(
        QEvent.Type.MouseMove, QPointF(at), QPointF(viewport.mapToGlobal(at)),
        Qt.MouseButton.NoButton, held, NONE))


def release(view: CanvasView, at: QPoint, button: Qt.MouseButton = LEFT) -> None:
    QTest.mouseRelease(view.viewport(), button, NONE, at)


def sweep(view: CanvasView, begin: QPoint, end: QPoint, held: Qt.MouseButton = LEFT,
          steps: int = 8) -> None:
    for step in range(1, steps + 1):
        move(view, begin + (end - begin) * (step / steps), held)


def zoomed_in(canvas: Canvas) -> CanvasView:
    """The view close up on a card, with room to pan every way."""
    view = canvas.view
    view.resize(900, 600)
    view.set_zoom(3.0)
    grow = canvas.card("grow").sceneBoundingRect()
    view.centerOn(grow.left() + 60, grow.top() + 18)
    bars = (view.horizontalScrollBar(), view.verticalScrollBar())
    assert all(bar.minimum() + 150 < bar.value() < bar.maximum() - 150 for bar in bars)
    return view


def empty_spot(canvas: Canvas) -> QPoint:
    """A point of the viewport over a lane, with no card under it."""
    view, scene = canvas.view, canvas.view.canvas_scene
    for y in range(100, view.viewport().height() - 100, 20):
        for x in range(100, view.viewport().width() - 100, 20):
            point = view.mapToScene(QPoint(x, y))
            if scene.card_at(point) is None and scene.lanes.lane_at(point.y()) is not None:
                return QPoint(x, y)
    raise AssertionError("no empty spot in view")


def test_dragging_empty_space_pans_and_changes_no_file(canvas: Canvas) -> None:
    path, plan = canvas.org.plan.path, canvas.org.plan
    view = zoomed_in(canvas)
    before, rows, home = file_bytes(path), table_dump(plan), canvas.card("grow").scenePos()
    start = empty_spot(canvas)
    at = scrolled(view)
    press(view, start)
    sweep(view, start, start + QPoint(-120, -90))
    release(view, start + QPoint(-120, -90))

    assert scrolled(view) == (at[0] + 120, at[1] + 90)
    assert file_bytes(path) == before
    assert table_dump(plan) == rows
    assert canvas.card("grow").scenePos() == home
    assert canvas.document.undo_stack.count() == 0


def test_the_middle_button_pans_even_over_a_card(canvas: Canvas) -> None:
    path, plan = canvas.org.plan.path, canvas.org.plan
    view = zoomed_in(canvas)
    grow = canvas.card("grow")
    before, rows, home = file_bytes(path), table_dump(plan), grow.scenePos()
    start = view.mapFromScene(header_point(grow))
    at = scrolled(view)
    press(view, start, MIDDLE)
    sweep(view, start, start + QPoint(120, 90), MIDDLE)
    release(view, start + QPoint(120, 90), MIDDLE)

    assert scrolled(view) == (at[0] - 120, at[1] - 90)
    assert grow.scenePos() == home and not grow.marks.target
    assert canvas.document.selected == ("", "")  # not even a click on the card
    assert file_bytes(path) == before
    assert table_dump(plan) == rows


def test_space_held_makes_a_left_drag_on_a_card_pan(canvas: Canvas) -> None:
    plan = canvas.org.plan
    view = zoomed_in(canvas)
    grow = canvas.card("grow")
    rows, home = table_dump(plan), grow.scenePos()
    start = view.mapFromScene(header_point(grow))
    at = scrolled(view)
    QTest.keyPress(view, Qt.Key.Key_Space)
    press(view, start)
    sweep(view, start, start + QPoint(-100, 60))
    release(view, start + QPoint(-100, 60))
    QTest.keyRelease(view, Qt.Key.Key_Space)

    assert scrolled(view) == (at[0] + 100, at[1] - 60)
    assert grow.scenePos() == home
    assert table_dump(plan) == rows
    drag(view, header_point(grow), header_point(canvas.card("win")))  # Space let go: drags
    assert canvas.document.undo_stack.count() == 1


def test_the_wheel_pans_and_ctrl_wheel_zooms_without_changing_the_plan(canvas: Canvas) -> None:
    plan = canvas.org.plan
    view = zoomed_in(canvas)
    rows, zoom, at = table_dump(plan), view.zoom, scrolled(view)
    centre = QPointF(view.viewport().rect().center())

    def wheel(dy: int, modifiers: Qt.KeyboardModifier = NONE) -> None:
        QApplication.sendEvent(view.viewport(), QWheelEvent(
            centre, QPointF(view.viewport().mapToGlobal(centre)), QPoint(0, 0), QPoint(0, dy),
            Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase, False))

    wheel(-120)
    assert scrolled(view)[1] > at[1] and view.zoom == zoom
    wheel(120, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom > zoom
    assert table_dump(plan) == rows


def test_a_press_that_moves_less_than_the_drag_distance_is_a_click(canvas: Canvas) -> None:
    path, plan, view = canvas.org.plan.path, canvas.org.plan, canvas.view
    grow = canvas.card("grow")
    before, rows, home = file_bytes(path), table_dump(plan), grow.scenePos()
    said: list[str] = []
    view.status_message.connect(said.append)
    start = view.mapFromScene(header_point(grow))
    short_of = QPoint(QApplication.startDragDistance() - 1, 0)
    press(view, start)
    sweep(view, start, start + short_of, steps=4)
    assert grow.scenePos() == home and not canvas.card("win").marks.target
    release(view, start + short_of)

    assert grow.scenePos() == home
    assert canvas.document.selected == ("objectives", canvas.ids["grow"])
    assert file_bytes(path) == before and table_dump(plan) == rows
    assert canvas.document.undo_stack.count() == 0
    assert not said and not view.drop_note.isVisible()


def test_esc_cancels_a_drag_and_the_card_goes_back(canvas: Canvas) -> None:
    plan, view = canvas.org.plan, canvas.view
    grow, win = canvas.card("grow"), canvas.card("win")
    rows, home = table_dump(plan), grow.scenePos()
    said: list[str] = []
    view.status_message.connect(said.append)
    start, aim = view.mapFromScene(header_point(grow)), view.mapFromScene(header_point(win))
    press(view, start)
    sweep(view, start, aim)
    assert win.marks.hovered and grow.opacity() < 1
    assert view.drop_note.isVisible()

    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert grow.scenePos() == home and grow.opacity() == 1.0
    assert not win.marks.target and not win.marks.hovered
    assert not view.drop_note.isVisible()
    assert "cancelled" in said[-1]
    sweep(view, aim, aim + QPoint(5, 5), steps=2)  # the button is still held: nothing follows
    release(view, aim)

    assert grow.scenePos() == home
    assert table_dump(plan) == rows
    assert canvas.document.undo_stack.count() == 0


def test_a_drop_is_said_before_release_and_noted_after_with_an_undo(canvas: Canvas,
                                                                    qtbot: QtBot) -> None:
    plan, view, document = canvas.org.plan, canvas.view, canvas.document
    grow, revenue = canvas.card("grow"), canvas.row("revenue")
    rows = table_dump(plan)
    said: list[str] = []
    view.status_message.connect(said.append)
    start = view.mapFromScene(header_point(grow))
    aim = view.mapFromScene(revenue.sceneBoundingRect().center())
    press(view, start)
    sweep(view, start, aim)

    preview = "Align “Grow EU sales” under key result “Revenue from Europe” of “Win Europe”."
    assert said[-1] == preview
    assert view.drop_note.text.text() == preview and view.drop_note.isVisible()
    assert not view.drop_note.undo.isVisible()  # nothing to undo yet
    assert revenue.marks.hovered and canvas.card("win").marks.target
    assert grow.opacity() == 0.6
    qtbot.waitUntil(lambda: not grow.sceneBoundingRect().intersects(
        revenue.sceneBoundingRect()))  # the held card steps aside from the row aimed at
    assert table_dump(plan) == rows  # nothing happens before the mouse is let go

    release(view, aim)
    assert canvas.org.snapshot().objectives[canvas.ids["grow"]].parent_kr_id == \
        canvas.ids["revenue"]
    assert said[-1] == ""  # the preview does not stay in the status bar
    note = view.drop_note
    assert note.isVisible() and note.undo.isVisible()
    assert note.text.text() == ("Aligned “Grow EU sales” under key result “Revenue from "
                                "Europe” of “Win Europe”.")
    assert document.undo_stack.undoText() == "Align “Grow EU sales” under “Revenue from Europe”"
    assert not revenue.marks.hovered and not canvas.card("win").marks.target

    QTest.mouseClick(note.undo, LEFT)
    assert table_dump(plan) == rows
    assert document.undo_stack.index() == 0 and document.undo_stack.canRedo()
    assert not note.isVisible()


def test_the_note_goes_when_its_step_is_undone_elsewhere_or_its_time_is_up(
        canvas: Canvas, qtbot: QtBot) -> None:
    view, stack = canvas.view, canvas.document.undo_stack
    drag(view, header_point(canvas.card("grow")), header_point(canvas.card("win")))
    assert view.drop_note.isVisible()
    assert "is now a key result of “Win Europe”" in view.drop_note.text.text()
    stack.undo()  # Edit > Undo
    assert not view.drop_note.isVisible()
    stack.redo()
    assert not view.drop_note.isVisible()  # a redo brings no stale note back

    drag(view, header_point(canvas.card("brand")), header_point(canvas.card("win")))
    view.drop_note.timer.setInterval(50)
    view.drop_note.timer.start()
    qtbot.waitUntil(lambda: not view.drop_note.isVisible(), timeout=2000)
    assert stack.count() == 2  # hiding the note undoes nothing


def test_the_row_under_the_pointer_is_marked_and_no_lane_is_flooded(canvas: Canvas) -> None:
    view = canvas.view
    revenue = canvas.row("revenue")
    away = canvas.lane_point("Managers", view.canvas_scene.lanes.width - 60, dy=20)
    assert view.canvas_scene.card_at(away) is None
    lane_colour_before = view.grab().toImage().pixelColor(view.mapFromScene(away))
    start = view.mapFromScene(revenue.sceneBoundingRect().center())
    aim = view.mapFromScene(canvas.lane_point("Directors", 900))
    press(view, start)
    sweep(view, start, aim)

    lanes = view.canvas_scene.lane_items
    directors = lanes[canvas.org.levels["Directors"]]
    assert directors.marks.hovered
    assert [lane for lane in lanes.values() if lane.marks.hovered] == [directors]
    assert view.grab().toImage().pixelColor(view.mapFromScene(away)) == lane_colour_before
    release(view, start)  # back on its own card: nothing is delegated
    assert not any(lane.marks.target or lane.marks.hovered for lane in lanes.values())
    assert canvas.document.undo_stack.count() == 0


def test_a_release_of_another_button_does_not_end_a_drag(canvas: Canvas) -> None:
    view = canvas.view
    grow, win = canvas.card("grow"), canvas.card("win")
    start, aim = view.mapFromScene(header_point(grow)), view.mapFromScene(header_point(win))
    press(view, start)
    sweep(view, start, aim)
    release(view, aim, Qt.MouseButton.RightButton)
    assert canvas.document.undo_stack.count() == 0 and win.marks.hovered
    release(view, aim)
    assert canvas.document.undo_stack.count() == 1


def test_titles_are_named_whole_or_cut_at_a_word() -> None:
    assert short("Grow EU sales") == "Grow EU sales"
    long = "Become the leading electric car dealership in the whole region"
    named = short(long)
    assert len(named) <= 40 and named.endswith("…")
    assert long.startswith(named[:-1]) and named[-2] != " "
