"""Default placement: a tidy tree on the demo plan, stored positions first, the same every time;
the view opens on the top of the tree."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from okrdesk_ui.canvas import CanvasView
from okrdesk_ui.canvas.lanes import SLOT_WIDTH
from okrdesk_ui.canvas.placement import Grid, Node, isotonic_spread, place
from okrdesk_ui.canvas.theme import CARD_WIDTH
from okrdesk_ui.canvas.view import READABLE
from okrdesk_ui.document import PlanDocument
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from okrdesk import ops
from okrdesk.demo import build_demo
from okrdesk.rulebook import children_of, parent_of
from okrdesk.storage import Plan
from okrdesk.synthetic import generate_plan
from tests.ui.test_canvas_support import Canvas, canvas, header_point

__all__ = ["canvas"]

Spots = dict[str, tuple[float, float]]


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo") / "demo.okr")


def open_view(path: Path, qtbot: QtBot, size: tuple[int, int] = (1400, 900)) -> CanvasView:
    view = CanvasView(PlanDocument(Plan.open(path)))
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    return view


def close(view: CanvasView) -> None:
    view.close()
    view.document.close()


@pytest.fixture
def demo(demo_path: Path, qtbot: QtBot) -> Iterator[CanvasView]:
    view = open_view(demo_path, qtbot)
    yield view
    close(view)


def aligned_pairs(view: CanvasView) -> list[tuple[str, str]]:
    """(child, parent) for every aligned card whose parent is on the canvas too."""
    cards, snapshot = view.canvas_scene.cards, view.document.snapshot
    pairs = []
    for objective_id in cards:
        parent = parent_of(snapshot, objective_id)
        if parent in cards:
            pairs.append((objective_id, parent))
    return pairs


def spread_and_crossings(view: CanvasView, spots: Spots) -> tuple[float, int]:
    """Total horizontal distance from each aligned card to its parent, and how many of these
    edges cross between the same two lanes."""
    pairs = aligned_pairs(view)
    cards = view.canvas_scene.cards
    spread = sum(abs(spots[child][0] - spots[parent][0]) for child, parent in pairs)
    crossings = 0
    for index, (child, parent) in enumerate(pairs):
        for other, other_parent in pairs[index + 1:]:
            same_lanes = (cards[child].level_id == cards[other].level_id
                          and cards[parent].level_id == cards[other_parent].level_id)
            if same_lanes and ((spots[child][0] - spots[other][0])
                               * (spots[parent][0] - spots[other_parent][0]) < 0):
                crossings += 1
    return spread, crossings


def shuffled(view: CanvasView, spots: Spots, seed: int) -> Spots:
    """The same places, dealt to the cards of each lane in a random order."""
    rng = random.Random(seed)
    by_lane: dict[str, list[str]] = {}
    for objective_id, card in view.canvas_scene.cards.items():
        by_lane.setdefault(card.level_id, []).append(objective_id)
    result: Spots = {}
    for ids in by_lane.values():
        places = [spots[i] for i in ids]
        rng.shuffle(places)
        result.update(zip(ids, places, strict=True))
    return result


def spots_of(view: CanvasView) -> Spots:
    return {i: card.spot for i, card in view.canvas_scene.cards.items()}


def assert_no_overlaps(view: CanvasView) -> None:
    boxes = sorted(((card.sceneBoundingRect().adjusted(5, 5, -5, -5), i)
                    for i, card in view.canvas_scene.cards.items()),
                   key=lambda box: box[0].left())
    for index, (box, objective_id) in enumerate(boxes):
        for other, other_id in boxes[index + 1:]:
            if other.left() > box.right():
                break
            assert not box.intersects(other), (objective_id, other_id)


def test_the_demo_plan_opens_as_a_tidy_tree(demo: CanvasView) -> None:
    assert not demo.document.snapshot.canvas_positions  # nothing stored: all default places
    spots = spots_of(demo)
    pairs = aligned_pairs(demo)
    assert len(pairs) > 30
    spread, crossings = spread_and_crossings(demo, spots)
    random_orders = [spread_and_crossings(demo, shuffled(demo, spots, seed)) for seed in range(8)]
    assert spread < 0.25 * min(s for s, _ in random_orders)
    assert crossings <= 0.1 * min(c for _, c in random_orders)
    assert_no_overlaps(demo)


def test_children_sit_under_their_parent(demo: CanvasView) -> None:
    cards = demo.canvas_scene.cards
    children: dict[str, list[str]] = {}
    for child, parent in aligned_pairs(demo):
        if cards[child].level_id != cards[parent].level_id:
            children.setdefault(parent, []).append(child)
    centred = 0
    for parent, below in children.items():
        middle = sum(cards[c].spot[0] for c in below) / len(below)
        # a parent's children are centred under it, give or take room for their neighbours
        if abs(middle - cards[parent].spot[0]) <= SLOT_WIDTH:
            centred += 1
    assert centred >= 0.8 * len(children)


def test_the_default_layout_is_the_same_at_every_opening(demo_path: Path, qtbot: QtBot) -> None:
    first = open_view(demo_path, qtbot)
    spots = spots_of(first)
    close(first)
    second = open_view(demo_path, qtbot, size=(900, 700))
    assert spots_of(second) == spots
    close(second)


def test_stored_positions_win_and_the_rest_still_fit(demo_path: Path, tmp_path: Path,
                                                    qtbot: QtBot) -> None:
    path = tmp_path / "placed.okr"
    path.write_bytes(demo_path.read_bytes())
    view = open_view(path, qtbot)
    chosen = sorted(view.canvas_scene.cards)[:3]
    close(view)
    plan = Plan.open(path)
    for number, objective_id in enumerate(chosen):
        ops.place_card(plan, objective_id, 5000.0 + 400 * number, 60.0)
    plan.close()
    view = open_view(path, qtbot)
    for number, objective_id in enumerate(chosen):
        assert view.canvas_scene.cards[objective_id].spot == (5000.0 + 400 * number, 60.0)
    others = {i: s for i, s in spots_of(view).items() if i not in chosen}
    spread, _ = spread_and_crossings(view, {**others, **{
        i: view.canvas_scene.cards[i].spot for i in chosen}})
    random_orders = [spread_and_crossings(view, shuffled(view, spots_of(view), seed))
                     for seed in range(8)]
    assert spread < 0.5 * min(s for s, _ in random_orders)
    close(view)


def test_the_view_opens_on_the_top_of_the_tree(demo: CanvasView) -> None:
    scene = demo.canvas_scene
    seen = demo.mapToScene(demo.viewport().rect()).boundingRect()
    top_lane = scene.lanes.lanes[0]
    assert seen.top() <= top_lane.top + 1  # the C-suite lane from its top
    assert demo.zoom >= READABLE - 1e-9
    top_cards = [c for c in scene.cards.values() if c.level_id == top_lane.level_id]
    assert any(seen.contains(c.sceneBoundingRect()) for c in top_cards)
    demo.zoom_in()  # once the user moves the view, a resize no longer re-frames it
    zoom = demo.zoom
    demo.resize(1000, 700)
    assert demo.zoom == zoom


def test_presentation_mode_shows_the_selected_card_with_its_family_readable(
        demo: CanvasView) -> None:
    snapshot = demo.document.snapshot
    chief = next(o.id for o in snapshot.objectives.values()
                 if o.title.startswith("Become the leading"))
    demo.document.select("objectives", chief)
    demo.set_offsite_mode(True)
    assert demo.zoom >= demo.presentation.readable_zoom() - 1e-9
    seen = demo.mapToScene(demo.viewport().rect()).boundingRect()
    cards = demo.canvas_scene.cards
    assert seen.contains(cards[chief].sceneBoundingRect())
    children = [c for c in children_of(snapshot, chief) if c in cards]
    assert children and any(seen.intersects(cards[c].sceneBoundingRect()) for c in children)
    demo.set_offsite_mode(False)


def test_a_new_card_finds_a_free_place_under_its_parent(canvas: Canvas) -> None:
    new = canvas.org.delegate(canvas.ids["revenue"], "Sam Lee")
    scene = canvas.view.canvas_scene
    card, parent = scene.cards[new], canvas.card("win")
    assert abs(card.spot[0] - parent.spot[0]) <= 2 * SLOT_WIDTH
    assert_no_overlaps(canvas.view)


def away_and_back(view: CanvasView, start: QPointF) -> None:
    """Press, drag well away, come back and let go where the press was."""
    viewport = view.viewport()
    begin = view.mapFromScene(start)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, begin)
    for point in (begin + QPoint(60, 0), begin + QPoint(150, 0), begin + QPoint(60, 0), begin):
        QApplication.sendEvent(viewport, QMouseEvent(
            QEvent.Type.MouseMove, QPointF(point), QPointF(viewport.mapToGlobal(point)),
            Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       begin)


def test_letting_go_where_a_drag_began_changes_nothing(canvas: Canvas) -> None:
    messages: list[str] = []
    canvas.view.status_message.connect(messages.append)
    card = canvas.card("grow")
    spot = card.spot
    away_and_back(canvas.view, header_point(card))
    assert canvas.document.undo_stack.count() == 0
    assert canvas.ids["grow"] not in canvas.org.snapshot().canvas_positions
    assert card.spot == spot and card.pos().x() == spot[0]
    assert messages[-1] == "The card is back where it was."


def test_a_large_plan_is_stacked_in_columns_without_overlaps(tmp_path: Path,
                                                             qtbot: QtBot) -> None:
    view = open_view(generate_plan(tmp_path / "big.okr", 150, seed=5), qtbot)
    scene = view.canvas_scene
    assert len(scene.cards) > 300
    assert_no_overlaps(view)
    biggest = max(sum(1 for c in scene.cards.values() if c.level_id == lane.level_id)
                  for lane in scene.lanes.lanes)
    assert scene.lanes.width < 0.5 * biggest * SLOT_WIDTH  # stacked, not one endless row
    spots = spots_of(view)
    spread, _ = spread_and_crossings(view, spots)
    assert spread < 0.3 * min(spread_and_crossings(view, shuffled(view, spots, s))[0]
                              for s in range(3))
    close(view)


# -- the placement on its own ---------------------------------------------------------------

GRID = Grid(left=100.0, slot_width=SLOT_WIDTH, slot_heights=(200.0, 200.0),
            lane_padding=70.0)


def test_a_parents_children_are_centred_under_it_in_key_result_order() -> None:
    nodes = [Node("boss", 0, tie=("Ann", 0, "Top")),
             Node("c", 1, "boss", 2, ("Cy", 0, "c")), Node("a", 1, "boss", 0, ("Zed", 0, "a")),
             Node("b", 1, "boss", 1, ("Bo", 0, "b")), Node("loner", 1, tie=("Al", 0, "x"))]
    spots = place(nodes, GRID, {}).spots
    assert spots["a"][0] < spots["b"][0] < spots["c"][0] < spots["loner"][0]  # rows, then others
    assert abs(spots["b"][0] - spots["boss"][0]) < 1
    assert all(row == 0 for _x, row in spots.values())


def test_cards_with_a_stored_position_pull_their_children_and_stay_put() -> None:
    nodes = [Node("kid", 1, "fixed"), Node("other", 1, tie=("B", 0, "other"))]
    spots = place(nodes, GRID, {"fixed": 2000.0}).spots
    assert "fixed" not in spots
    assert abs(spots["kid"][0] - 2000.0) < 1


def test_the_spread_keeps_cards_apart_and_otherwise_where_they_are_wanted() -> None:
    assert isotonic_spread([0.0, 500.0, 900.0], [1, 1, 1], 100.0, 0.0) == [0.0, 500.0, 900.0]
    spread = isotonic_spread([300.0, 300.0, 300.0], [1, 1, 1], 100.0, 0.0)
    assert spread == [200.0, 300.0, 400.0]  # centred on where all three are wanted
    assert isotonic_spread([-50.0, 0.0], [1, 1], CARD_WIDTH, 10.0)[0] == 10.0
