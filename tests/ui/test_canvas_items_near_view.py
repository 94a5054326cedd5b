"""A plan of a few thousand objectives on the canvas: card items are made only for the cards in
and around the part of the canvas drawn, and made when a scroll, a zoom, a selection or a drop
needs one; edges run between cards whether their items are made or not."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from okrdesk_ui.canvas.card_place import CardPlace
from okrdesk_ui.canvas.far_cards import FAR_BELOW
from okrdesk_ui.canvas.items import ROW_RECT, CardItem, row_top
from okrdesk_ui.canvas.near_view import HELD_AT_MOST
from okrdesk_ui.canvas.scene import CanvasScene
from okrdesk_ui.canvas.theme import CARD_WIDTH
from okrdesk_ui.canvas.view import CanvasView
from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.panels.objective_rows import ID_ROLE
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from okrdesk.ops.rules import SnapshotFacts, alignment_refusal
from okrdesk.rulebook import parent_of
from okrdesk.synthetic import generate_plan
from tests.ui.test_canvas_support import drag, header_point
from tests.ui.test_window_support import big_plan_window, data_home  # noqa: F401 - a fixture

PEOPLE = 1000  # about 3,000 objectives: more cards than items are kept for
assert PEOPLE * 3 > HELD_AT_MOST


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_plan(tmp_path_factory.mktemp("near") / "template.okr", PEOPLE, seed=7)


@pytest.fixture
def window(qtbot: QtBot, template: Path, tmp_path: Path,
           data_home: Path) -> Iterator[MainWindow]:  # noqa: F811
    with big_plan_window(qtbot, template, tmp_path, (1280, 800)) as shown:
        yield shown


def canvas_of(window: MainWindow) -> CanvasView:
    assert window.canvas is not None
    return window.canvas


def seen(canvas: CanvasView) -> QRectF:
    return canvas.mapToScene(canvas.viewport().rect()).boundingRect()


def items_in_scene(scene: CanvasScene) -> set[str]:
    return {item.objective_id for item in scene.items() if isinstance(item, CardItem)}


def unmade(scene: CanvasScene, *, own_cycle: bool = False) -> list[CardPlace]:
    """The cards that have no item, farthest right first; `own_cycle`: only those of the
    cycle shown (choosing one of another cycle in a list shows that cycle instead)."""
    snapshot, cycle_id = scene.snapshot, scene.document.cycle_id
    return sorted((p for p in scene.cards.places.values() if p.item is None and (
                   not own_cycle or snapshot.objectives[p.objective_id].cycle_id == cycle_id)),
                  key=lambda p: (-p.x, p.y))


def test_only_the_cards_near_the_view_are_items(window: MainWindow) -> None:
    canvas = canvas_of(window)
    scene = canvas.canvas_scene
    canvas.viewport().repaint()
    made = items_in_scene(scene)
    assert made == set(scene.cards.made)  # no item outside the store, none lost
    assert 0 < len(made) < len(scene.cards) // 5
    in_view = {i for i, p in scene.cards.places.items() if seen(canvas).intersects(p.scene_rect())}
    assert in_view and in_view <= made
    assert all(scene.cards.made[i].rows_made for i in in_view)
    for objective_id in made:  # each item where its card's place says
        place = scene.cards.places[objective_id]
        assert scene.cards.made[objective_id].pos() == QPointF(place.x, place.y)


def test_scrolling_and_zooming_out_make_the_cards_then_in_view(window: MainWindow,
                                                               qtbot: QtBot) -> None:
    canvas = canvas_of(window)
    scene = canvas.canvas_scene
    far = unmade(scene)[0]
    canvas.centerOn(far.scene_rect().center())  # a scroll to the far right
    canvas.viewport().repaint()
    card = far.item
    assert card is not None and card.scene() is scene and card.rows_made
    assert len(card.rows) == len(far.kr_ids) and all(row.isVisible() for row in card.rows)
    assert card in scene.items(far.scene_rect().center())
    canvas.set_zoom(FAR_BELOW * 1.1)  # about as far out as cards are items: a frame on each half
    for share in (0.25, 0.75):
        canvas.centerOn(scene.sceneRect().width() * share, scene.sceneRect().center().y())
        canvas.viewport().repaint()
        in_view = [p for p in scene.cards.places.values()
                   if seen(canvas).intersects(p.scene_rect())]
        assert len(in_view) > 300 and all(p.item is not None for p in in_view)
    assert len(scene.cards.made) > HELD_AT_MOST
    first = min(scene.cards.places.values(), key=lambda p: (p.y, p.x))
    canvas.set_zoom(1.0)
    canvas.centerOn(first.scene_rect().center())
    canvas.viewport().repaint()
    qtbot.waitUntil(lambda: len(scene.cards.made) <= HELD_AT_MOST)  # far ones let go
    assert far.item is None and first.item is not None
    assert items_in_scene(scene) == set(scene.cards.made)
    in_view = [p for p in scene.cards.places.values() if seen(canvas).intersects(p.scene_rect())]
    assert in_view and all(p.item is not None and p.item.rows_made for p in in_view)


def test_the_whole_plan_far_out_is_drawn_without_items(window: MainWindow) -> None:
    canvas = canvas_of(window)
    scene = canvas.canvas_scene
    made = set(scene.cards.made)
    canvas.fit_all()
    assert canvas.zoom < FAR_BELOW  # a card is a few pixels: no titles to read
    canvas.viewport().repaint()
    assert set(scene.cards.made) == made  # no item made for all that is in view
    image = canvas.viewport().grab().toImage()
    card_colour, drawn = scene.theme.card, 0
    blocks = [p for p in unmade(scene) if seen(canvas).contains(p.scene_rect())][::97]
    assert len(blocks) > 20
    for place in blocks:  # the far layer draws each as a card: light inside its border
        middle = canvas.mapFromScene(QPointF(place.x + CARD_WIDTH / 2, place.y + 20))
        pixel = image.pixelColor(middle)
        drawn += abs(pixel.lightness() - card_colour.lightness()) < 12
    assert drawn >= len(blocks) * 0.9
    target = blocks[len(blocks) // 2]  # a click there is on that card, made now
    QTest.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier,
                     canvas.mapFromScene(target.scene_rect().center()))
    assert window.document is not None
    assert window.document.selected == ("objectives", target.objective_id)
    assert target.item is not None and target.item.scene() is scene


def test_an_edge_runs_to_a_card_whose_item_is_not_made(window: MainWindow) -> None:
    canvas = canvas_of(window)
    scene = canvas.canvas_scene
    edges = [e for e in scene.align_edges.values()
             if e.source_place.item is None and e.target_place.item is None]
    assert edges
    edge = edges[0]
    source, target = edge.source_place, edge.target_place
    index = target.row_index(edge.kr_id or "")
    assert index is not None
    drawn_from_places = list(edge.points)
    start, end = drawn_from_places[0], drawn_from_places[-1]
    assert start[0] == source.x + CARD_WIDTH / 2  # from the middle of the card's top
    assert start[1] in (source.y, source.y + source.height)
    row_middle = target.y + row_top(index) + ROW_RECT.height() / 2
    assert end[0] in (target.x, target.x + CARD_WIDTH) and end[1] == row_middle  # beside its row
    canvas.set_zoom(1.0)
    canvas.centerOn(edge.source_place.scene_rect().center())
    canvas.viewport().repaint()  # the edge is drawn from its card in view
    assert edge in scene.edges_near(seen(canvas))
    row = edge.target  # made on request, with its card
    edge.refresh()
    assert edge.points == drawn_from_places  # the same curve from the items as from the places
    assert row.sceneBoundingRect().top() - 1 <= edge.points[-1][1] <= (
        row.sceneBoundingRect().bottom() + 4)


def test_choosing_a_far_objective_in_the_list_makes_and_shows_its_card(
        window: MainWindow, qtbot: QtBot) -> None:
    canvas = canvas_of(window)
    scene = canvas.canvas_scene
    far = unmade(scene, own_cycle=True)[0]
    listing = window.objective_list
    window.docks["objectives"].show()
    window.docks["objectives"].raise_()
    listing.filling.finish()
    row = next(listing.list.topLevelItem(i) for i in range(listing.list.topLevelItemCount())
               if listing.list.topLevelItem(i).data(0, ID_ROLE) == far.objective_id)
    listing.list.scrollToItem(row)
    QTest.mouseClick(listing.list.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier,
                     listing.list.visualItemRect(row).center())
    assert window.document is not None
    assert window.document.selected == ("objectives", far.objective_id)
    card = far.item
    assert card is not None and card.scene() is scene and card.marks.selected
    assert seen(canvas).contains(card.sceneBoundingRect().center())
    canvas.viewport().repaint()
    assert card.isVisible() and far.item is card  # drawn, and kept


def test_a_key_result_chosen_in_the_inspector_brings_its_far_card_back(
        window: MainWindow, qtbot: QtBot) -> None:
    canvas = canvas_of(window)
    scene = canvas.canvas_scene
    assert window.document is not None
    far = next(p for p in unmade(scene, own_cycle=True) if len(p.kr_ids) >= 2)
    window.document.select("objectives", far.objective_id)  # as the Organisation panel does
    card = far.item
    assert card is not None and card.marks.selected
    first = min(scene.cards.places.values(), key=lambda p: (p.y, p.x))
    canvas.centerOn(first.scene_rect().center())  # away again
    canvas.viewport().repaint()
    assert not seen(canvas).intersects(card.sceneBoundingRect())
    inspector = window.inspector
    window.docks["inspector"].show()
    window.docks["inspector"].raise_()
    keys = inspector.objective_form.key_results
    qtbot.waitUntil(keys.isVisible)
    assert keys.count() == len(far.kr_ids)
    point = keys.visualItemRect(keys.item(1)).center()
    for press in (QTest.mouseClick, QTest.mouseDClick):  # a double-click, as a mouse sends it
        press(keys.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert window.document.selected == ("key_results", far.kr_ids[1])
    row = card.row_for(far.kr_ids[1])
    assert far.item is card and row is not None and row.marks.selected
    assert seen(canvas).contains(row.sceneBoundingRect().center())


def test_a_drop_on_a_card_made_by_the_scroll_aligns_with_real_mouse_events(
        window: MainWindow) -> None:
    canvas = canvas_of(window)
    scene = canvas.canvas_scene
    assert window.document is not None
    snapshot = window.document.snapshot
    facts = SnapshotFacts(snapshot)
    lanes = [lane.level_id for lane in scene.lanes.lanes]
    below = dict(pairwise(lanes))
    places = scene.cards.places.values()
    child, parent = next(
        (child, parent) for parent in unmade(scene) if parent.level_id in below
        for child in places if child.level_id == below[parent.level_id]
        and abs(child.x - parent.x) < 500 and abs(child.y - parent.y) < 900
        and parent_of(snapshot, child.objective_id) != parent.objective_id
        and alignment_refusal(facts, child.objective_id, parent.objective_id) is None)
    assert parent.item is None
    canvas.set_zoom(0.6)
    both = child.scene_rect().united(parent.scene_rect())
    canvas.centerOn(both.center())  # the scroll: the next frame makes the parent's item
    canvas.viewport().repaint()
    target, dragged = parent.item, scene.card(child.objective_id)
    assert target is not None and dragged is not None
    drag(canvas, header_point(dragged), header_point(target))
    after = window.document.snapshot
    assert parent_of(after, child.objective_id) == parent.objective_id
    edge = scene.align_edges[child.objective_id]
    assert edge.target_place is parent and edge.target_card is target
