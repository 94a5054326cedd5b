"""Gestures on the canvas, driven by real mouse events; each checks what is in the plan file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from tests.core.builders import table_dump
from tests.ui.test_canvas_support import Canvas, canvas, drag, header_point

__all__ = ["canvas"]


def on_disk(path: Path) -> Snapshot:
    """The plan as a fresh opening of its file reads it."""
    plan = Plan.open(path, read_only=True)
    try:
        with plan.read() as connection:
            return Snapshot.load(connection)
    finally:
        plan.close()


def test_dragging_a_card_onto_a_higher_card_aligns_it_up(canvas: Canvas) -> None:
    path, ids, view = canvas.org.plan.path, canvas.ids, canvas.view
    drag(view, header_point(canvas.card("grow")), header_point(canvas.card("win")))

    plan = on_disk(path)
    stand_in = plan.objectives[ids["grow"]].parent_kr_id
    assert stand_in is not None
    assert plan.key_results[stand_in].objective_id == ids["win"]
    assert plan.key_results[stand_in].kind == "objective"
    assert canvas.document.undo_stack.count() == 1
    edge = view.canvas_scene.align_edges[ids["grow"]]
    assert edge.target is canvas.card("win").row_for(stand_in)

    canvas.document.undo_stack.undo()
    plan = on_disk(path)
    assert plan.objectives[ids["grow"]].parent_kr_id is None
    assert stand_in not in plan.key_results
    assert ids["grow"] not in view.canvas_scene.align_edges
    assert len(canvas.card("win").rows) == 1

    canvas.document.undo_stack.redo()
    assert on_disk(path).objectives[ids["grow"]].parent_kr_id == stand_in
    assert ids["grow"] in view.canvas_scene.align_edges


def test_dropping_on_a_key_result_row_aligns_under_that_key_result(canvas: Canvas) -> None:
    path, ids = canvas.org.plan.path, canvas.ids
    before_krs = set(on_disk(path).key_results)
    drag(canvas.view, header_point(canvas.card("grow")),
         canvas.row("revenue").sceneBoundingRect().center())

    plan = on_disk(path)
    assert plan.objectives[ids["grow"]].parent_kr_id == ids["revenue"]
    assert set(plan.key_results) == before_krs  # no stand-in key result was made
    assert canvas.view.canvas_scene.align_edges[ids["grow"]].target is canvas.row("revenue")

    canvas.document.undo_stack.undo()
    assert on_disk(path).objectives[ids["grow"]].parent_kr_id is None
    canvas.document.undo_stack.redo()
    assert on_disk(path).objectives[ids["grow"]].parent_kr_id == ids["revenue"]


def test_dragging_a_key_result_into_a_lower_lane_delegates_it(canvas: Canvas) -> None:
    path, ids, org = canvas.org.plan.path, canvas.ids, canvas.org
    pipeline = canvas.card("pipeline")
    target = QPointF(pipeline.sceneBoundingRect().left() - 120, pipeline.scenePos().y() + 30)
    assert canvas.view.canvas_scene.card_at(target) is None
    drag(canvas.view, canvas.row("revenue").sceneBoundingRect().center(), target)

    plan = on_disk(path)
    new = [o for o in plan.objectives.values() if o.parent_kr_id == ids["revenue"]]
    assert len(new) == 1
    delegated = new[0]
    assert delegated.origin == "delegated"
    assert delegated.owner_id == org.people["Kim Park"]  # the owner of the nearest card there
    assert delegated.title == "Revenue from Europe"
    assert delegated.id in plan.canvas_positions  # the card stays where it was dropped
    assert canvas.document.selected == ("objectives", delegated.id)
    card = canvas.view.canvas_scene.cards[delegated.id]
    assert card.level_id == org.levels["Directors"]
    assert abs(card.scenePos().x() - (target.x() - 30)) < 1
    assert canvas.document.undo_stack.count() == 1

    canvas.document.undo_stack.undo()
    plan = on_disk(path)
    assert delegated.id not in plan.objectives
    assert delegated.id not in plan.canvas_positions
    assert delegated.id not in canvas.view.canvas_scene.cards
    canvas.document.undo_stack.redo()
    assert on_disk(path).objectives[delegated.id].parent_kr_id == ids["revenue"]
    assert delegated.id in canvas.view.canvas_scene.cards


def test_delegating_into_an_empty_lane_takes_its_only_person(canvas: Canvas) -> None:
    path, ids, org = canvas.org.plan.path, canvas.ids, canvas.org
    drag(canvas.view, canvas.row("revenue").sceneBoundingRect().center(),
         canvas.lane_point("Managers", 700))
    new = [o for o in on_disk(path).objectives.values() if o.parent_kr_id == ids["revenue"]]
    assert [o.owner_id for o in new] == [org.people["Lee Moss"]]


def test_an_invalid_drop_changes_nothing_and_says_why(canvas: Canvas) -> None:
    plan, view = canvas.org.plan, canvas.view
    before = table_dump(plan)
    win = canvas.card("win")
    home = win.scenePos()
    said: list[str] = []
    view.status_message.connect(said.append)
    drag(view, header_point(win), header_point(canvas.card("grow")))
    assert "cannot align" in said[-1]
    assert table_dump(plan) == before
    assert win.scenePos() == home
    assert canvas.document.undo_stack.count() == 0

    said.clear()  # a key result dragged onto a card of its own level
    drag(view, canvas.row("revenue").sceneBoundingRect().center(),
         canvas.lane_point("C-suite", canvas.view.canvas_scene.lanes.width - 100))
    assert "cannot be delegated" in said[-1]
    assert table_dump(plan) == before
    assert canvas.document.undo_stack.count() == 0


def test_dropping_in_another_lane_does_not_move_the_card(canvas: Canvas) -> None:
    plan, view = canvas.org.plan, canvas.view
    before = table_dump(plan)
    grow = canvas.card("grow")
    said: list[str] = []
    view.status_message.connect(said.append)
    drag(view, header_point(grow), canvas.lane_point("Team members", 900))
    assert "own lane" in said[-1]
    assert table_dump(plan) == before


def test_dragging_a_card_within_its_lane_moves_it_and_keeps_the_place(canvas: Canvas) -> None:
    path, ids, view = canvas.org.plan.path, canvas.ids, canvas.view
    grow = canvas.card("grow")
    home = grow.scenePos()
    start = header_point(grow)
    end = start + QPointF(0, 0)
    end.setX(view.canvas_scene.lanes.width - 200)
    drag(view, start, end)

    stored = on_disk(path).canvas_positions[ids["grow"]]
    lane = view.canvas_scene.lane_of(grow)
    assert abs(stored.x - (end.x() - (start.x() - home.x()))) < 1
    assert abs(stored.y - (home.y() - lane.top)) < 1
    assert abs(grow.scenePos().x() - stored.x) < 0.5

    canvas.document.undo_stack.undo()
    assert ids["grow"] not in on_disk(path).canvas_positions
    assert grow.scenePos() == home
    canvas.document.undo_stack.redo()
    assert on_disk(path).canvas_positions[ids["grow"]].x == stored.x
    assert abs(grow.scenePos().x() - stored.x) < 0.5

    reopened = on_disk(path)  # a new canvas on the same file puts the card at the same place
    assert reopened.canvas_positions[ids["grow"]].y == stored.y


def test_alt_drop_links_a_contribution_instead(canvas: Canvas) -> None:
    path, ids = canvas.org.plan.path, canvas.ids
    drag(canvas.view, header_point(canvas.card("brand")), header_point(canvas.card("grow")),
         Qt.KeyboardModifier.AltModifier)
    plan = on_disk(path)
    links = [(c.source_id, c.target_id) for c in plan.contributions.values()]
    assert links == [(ids["brand"], ids["grow"])]
    assert plan.objectives[ids["brand"]].parent_kr_id is None
    assert len(canvas.view.canvas_scene.link_edges) == 1
    canvas.document.undo_stack.undo()
    assert not on_disk(path).contributions
    assert not canvas.view.canvas_scene.link_edges


def test_valid_targets_are_highlighted_while_dragging(canvas: Canvas) -> None:
    view = canvas.view
    viewport = view.viewport()
    start = view.mapFromScene(header_point(canvas.card("pipeline")))
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    point = start + (view.mapFromScene(header_point(canvas.card("grow"))) - start) * 0.5
    QApplication.sendEvent(viewport, QMouseEvent(
        QEvent.Type.MouseMove, QPointF(point), QPointF(viewport.mapToGlobal(point)),
        Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    marked = {name for name in ("win", "grow", "brand", "pipeline")
              if canvas.card(name).marks.target}
    assert marked == {"win", "grow", "brand"}  # higher objectives: valid
    assert not canvas.card("pipeline").marks.target
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       start)
    assert not any(canvas.card(n).marks.target for n in ("win", "grow", "brand"))
