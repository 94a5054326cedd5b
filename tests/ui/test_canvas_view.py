"""The canvas as a view of the plan: building, following changes, navigation, modes."""

from __future__ import annotations

from pathlib import Path

from okrdesk_ui.canvas import CanvasView, key_result_mime, objective_mime
from okrdesk_ui.canvas.edges import EdgeKind
from okrdesk_ui.canvas.framing import label_boxes
from okrdesk_ui.document import PlanDocument
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QEnterEvent, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from okrdesk import ops
from okrdesk.storage import Plan
from okrdesk.synthetic import generate_plan
from tests.ui.test_canvas_support import Canvas, canvas, click, header_point

__all__ = ["canvas"]


def test_cards_sit_in_the_lane_of_their_owners_level(canvas: Canvas) -> None:
    scene, org = canvas.view.canvas_scene, canvas.org
    assert set(scene.cards) == set(canvas.ids.values()) - {canvas.ids["revenue"]}
    tops = [lane.top for lane in scene.lanes.lanes]
    assert tops == sorted(tops)  # the top level first
    for name, level in (("win", "C-suite"), ("grow", "Vice Presidents"),
                        ("pipeline", "Directors")):
        card = canvas.card(name)
        lane = scene.lanes.get(org.levels[level])
        assert lane is not None and card.level_id == lane.level_id
        assert lane.top <= card.scenePos().y() < lane.top + lane.height
    assert canvas.card("quarter").face.cycle_name == "2027-Q1"  # a year shows its quarters
    assert canvas.card("win").face.rows[0].title == "Revenue from Europe"
    assert abs(canvas.card("win").face.rows[0].progress - 0.4) < 1e-9  # type: ignore[operator]


def test_orphans_stand_out(canvas: Canvas) -> None:
    assert canvas.card("grow").face.orphan  # a VP objective aligned to nothing
    assert not canvas.card("win").face.orphan  # the top level aligns to nothing by nature
    ops.align_up(canvas.org.plan, canvas.ids["grow"], canvas.ids["win"])
    assert not canvas.card("grow").face.orphan


def test_a_change_updates_only_the_items_it_touches(canvas: Canvas) -> None:
    scene = canvas.view.canvas_scene
    before = dict(scene.cards)
    faces = {i: card.face for i, card in before.items()}
    ops.align_up(canvas.org.plan, canvas.ids["pipeline"], canvas.ids["grow"])
    assert scene.cards == before  # the same items, none rebuilt
    changed = {i for i, card in scene.cards.items() if card.face is not faces[i]}
    assert changed == {canvas.ids["pipeline"], canvas.ids["grow"]}
    edge = scene.align_edges[canvas.ids["pipeline"]]
    assert edge.kind is EdgeKind.BOTTOM_UP


def test_a_delegated_objective_gets_a_top_down_edge(canvas: Canvas) -> None:
    new = canvas.org.delegate(canvas.ids["revenue"], "Sam Lee")
    scene = canvas.view.canvas_scene
    assert scene.align_edges[new].kind is EdgeKind.TOP_DOWN
    assert scene.align_edges[new].target is canvas.row("revenue")
    ops.delete_objective(canvas.org.plan, new)
    assert new not in scene.cards and new not in scene.align_edges


def test_switching_cycle_shows_that_cycles_objectives(canvas: Canvas) -> None:
    quarter = canvas.org.cycles["2027-Q1"]
    canvas.document.set_cycle(quarter)
    assert set(canvas.view.canvas_scene.cards) == {canvas.ids["quarter"]}
    assert canvas.card("quarter").face.cycle_name == ""


def test_clicks_and_the_document_share_one_selection(canvas: Canvas) -> None:
    click(canvas.view, header_point(canvas.card("grow")))
    assert canvas.document.selected == ("objectives", canvas.ids["grow"])
    assert canvas.card("grow").marks.selected
    click(canvas.view, canvas.row("revenue").sceneBoundingRect().center())
    assert canvas.document.selected == ("key_results", canvas.ids["revenue"])
    assert canvas.row("revenue").marks.selected and not canvas.card("grow").marks.selected
    canvas.document.select("objectives", canvas.ids["win"])
    assert canvas.card("win").marks.selected


def test_arrow_keys_move_the_selection_to_the_nearest_card(canvas: Canvas) -> None:
    view = canvas.view
    canvas.document.select("objectives", canvas.ids["grow"])
    QTest.keyClick(view, Qt.Key.Key_Up)
    assert canvas.document.selected == ("objectives", canvas.ids["win"])
    QTest.keyClick(view, Qt.Key.Key_Down)
    assert canvas.document.selected[1] in (canvas.ids["grow"], canvas.ids["brand"])
    canvas.document.select("objectives", canvas.ids["grow"])
    assert canvas.card("brand").scenePos().x() < canvas.card("grow").scenePos().x()
    QTest.keyClick(view, Qt.Key.Key_Left)
    assert canvas.document.selected == ("objectives", canvas.ids["brand"])
    QTest.keyClick(view, Qt.Key.Key_Right)
    assert canvas.document.selected == ("objectives", canvas.ids["grow"])
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert canvas.card("grow").marks.selected


def test_find_and_centre(canvas: Canvas) -> None:
    view = canvas.view
    assert view.find("eu") == [canvas.ids["win"], canvas.ids["grow"], canvas.ids["pipeline"]]
    assert view.find("Alex Chen") == [canvas.ids["win"]]
    assert view.find("revenue from") == [canvas.ids["win"]]  # its key results count too
    assert view.find("nothing like this") == []
    view.center_on_objective(canvas.ids["pipeline"])
    assert canvas.document.selected == ("objectives", canvas.ids["pipeline"])
    centre = view.mapToScene(view.viewport().rect().center())
    assert canvas.card("pipeline").sceneBoundingRect().adjusted(-5, -5, 5, 5).contains(centre)


def test_zoom_steps_and_fit(canvas: Canvas) -> None:
    view = canvas.view
    view.fit_all()
    fitted = view.zoom
    view.zoom_in()
    assert abs(view.zoom - fitted * 1.25) < 1e-6
    view.zoom_out()
    view.zoom_out()
    assert view.zoom < fitted
    QTest.keyClick(view, Qt.Key.Key_Plus)
    assert abs(view.zoom - fitted) < 1e-6


def test_presentation_mode_dims_what_is_outside_the_selected_tree_if_asked(
        canvas: Canvas) -> None:
    ops.align_up(canvas.org.plan, canvas.ids["grow"], canvas.ids["win"])
    canvas.document.select("objectives", canvas.ids["win"])
    canvas.view.set_offsite_mode(True)
    assert canvas.card("brand").opacity() == 1.0  # dimming is off unless chosen
    canvas.view.set_dimming(True)
    assert canvas.card("win").opacity() == 1.0 and canvas.card("grow").opacity() == 1.0
    assert canvas.card("brand").opacity() < 0.5
    assert canvas.view.canvas_scene.theme.type_scale > 1.0
    canvas.view.set_offsite_mode(False)
    assert canvas.card("brand").opacity() == 1.0


def test_arrange_is_one_undo_step_that_stores_every_moved_card(canvas: Canvas) -> None:
    plan = canvas.org.plan
    ops.align_up(plan, canvas.ids["grow"], canvas.ids["win"])
    canvas.view.arrange()
    assert canvas.document.undo_stack.count() == 1
    stored = canvas.org.snapshot().canvas_positions
    assert set(stored) == set(canvas.view.canvas_scene.cards)
    for objective_id, position in stored.items():
        assert canvas.view.canvas_scene.cards[objective_id].spot == (position.x, position.y)
    canvas.document.undo_stack.undo()
    assert not canvas.org.snapshot().canvas_positions


def test_the_drop_handler_takes_the_mime_data_of_other_panels(canvas: Canvas) -> None:
    handler = canvas.view.drop_handler
    verdict = handler.judge(key_result_mime(canvas.ids["revenue"]),
                            header_point(canvas.card("pipeline")))
    assert verdict.allowed and "Kim Park" in verdict.text
    verdict = handler.judge(objective_mime(canvas.ids["grow"]), header_point(canvas.card("win")))
    assert verdict.allowed and "becomes a key result" in verdict.text
    assert not handler.judge(objective_mime("no-such-id"), QPointF(0, 0)).allowed
    handler.drop(objective_mime(canvas.ids["grow"]), header_point(canvas.card("win")))
    assert canvas.org.row("objectives", canvas.ids["grow"])["parent_kr_id"] is not None


def test_renders_readably_and_as_blocks_when_zoomed_out(canvas: Canvas, tmp_path: Path) -> None:
    view = canvas.view
    view.resetTransform()
    view.centerOn(canvas.card("win"))
    near = tmp_path / "near.png"
    assert view.grab().save(str(near))
    view.fit_all()
    view.zoom_out()
    view.zoom_out()
    far = tmp_path / "far.png"
    assert view.grab().save(str(far))
    for path in (near, far):
        image = QImage(str(path))
        colours = {image.pixel(x, y) for x in range(0, image.width(), 23)
                   for y in range(0, image.height(), 23)}
        assert len(colours) > 4  # lanes, cards, text: not a blank picture


def test_a_large_plan_gets_a_mini_map(tmp_path: Path, qtbot: QtBot) -> None:
    path = generate_plan(tmp_path / "big.okr", 40, seed=3)
    plan = Plan.open(path)
    document = PlanDocument(plan)
    view = CanvasView(document)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    assert len(view.canvas_scene.cards) > 40
    assert view.minimap.isVisible()
    qtbot.waitUntil(lambda: not view.minimap.blank)
    view.resetTransform()
    before = view.mapToScene(view.viewport().rect().center())
    QTest.mouseClick(view.minimap, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     view.minimap.rect().bottomRight() - QPoint(20, 20))
    after = view.mapToScene(view.viewport().rect().center())
    assert after != before
    view.close()
    document.close()


def test_lane_names_stay_at_the_left_edge_whatever_the_scroll(canvas: Canvas) -> None:
    view, scene = canvas.view, canvas.view.canvas_scene
    view.resize(600, 500)
    view.set_zoom(1.0)
    view.centerOn(scene.sceneRect().right() - 300, scene.lanes.lanes[1].top + 100)
    assert view.mapFromScene(QPointF(0, 0)).x() < 0  # the lanes' own start is out of view
    boxes = label_boxes(view, scene)
    assert boxes
    viewport = QRectF(view.viewport().rect())
    for _item, box, shown in boxes:
        assert viewport.contains(box) and shown.contains(box)
        assert box.left() < 10 and box.width() > 40
    assert {item.lane.name for item, _box, _shown in boxes} >= {"Vice Presidents"}
    view.fit_all()
    for _item, box, _shown in label_boxes(view, scene):
        assert box.left() >= view.mapFromScene(QPointF(0, 0)).x()


def test_the_mini_map_is_see_through_until_the_mouse_is_over_it(tmp_path: Path,
                                                               qtbot: QtBot) -> None:
    document = PlanDocument(Plan.open(generate_plan(tmp_path / "big.okr", 40, seed=3)))
    view = CanvasView(document)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    minimap = view.minimap
    qtbot.waitUntil(lambda: not minimap.blank)
    rect = view.sceneRect()
    assert abs(minimap.width() / minimap.height() - rect.width() / rect.height()) < 0.5
    assert minimap.geometry().right() < view.viewport().geometry().right()
    assert not minimap.hovered
    QApplication.sendEvent(minimap, QEnterEvent(QPointF(5, 5), QPointF(5, 5), QPointF(5, 5)))
    assert minimap.hovered
    QApplication.sendEvent(minimap, QEvent(QEvent.Type.Leave))
    assert not minimap.hovered
    view.close()
    document.close()
