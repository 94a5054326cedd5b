"""A large plan on the canvas: key-result rows only near the view, Arrange folding long lanes
and its undo giving the canvas back its size, quality findings counted after the first frame."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from okrdesk_ui.canvas import CanvasView
from okrdesk_ui.canvas.items import CardItem, KrRowItem
from okrdesk_ui.canvas.lanes import SLOT_WIDTH
from okrdesk_ui.canvas.theme import LANE_LABEL_WIDTH
from okrdesk_ui.document import PlanDocument
from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.settings import AppSettings
from PySide6.QtCore import QRectF
from pytestqt.qtbot import QtBot

from okrdesk.storage import Plan
from okrdesk.synthetic import generate_plan
from tests.ui.test_window_support import data_home  # noqa: F401 - a fixture

PEOPLE = 700  # about 2,100 cards and 6,300 key results
RESULT_WAIT_MS = 90_000


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_plan(tmp_path_factory.mktemp("big") / "template.okr", PEOPLE, seed=3)


@pytest.fixture
def view(template: Path, tmp_path: Path, qtbot: QtBot) -> Iterator[CanvasView]:
    path = tmp_path / "plan.okr"
    shutil.copy(template, path)
    document = PlanDocument(Plan.open(path))
    shown = CanvasView(document)
    qtbot.addWidget(shown)
    shown.resize(1200, 800)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    if shown.arranger.job is not None:
        job = shown.arranger.job
        shown.arranger.cancel()
        job.wait(10)
    shown.close()
    document.close()


def seen(view: CanvasView) -> QRectF:
    return view.mapToScene(view.viewport().rect()).boundingRect()


def with_rows(view: CanvasView) -> list[CardItem]:
    return [card for card in view.canvas_scene.cards.values() if card.rows_made]


def test_rows_are_made_for_the_cards_near_the_view_only(view: CanvasView, qtbot: QtBot) -> None:
    scene = view.canvas_scene
    view.set_zoom(1.0)
    view.centerOn(scene.sceneRect().left() + 700, scene.sceneRect().center().y())
    view.viewport().repaint()
    in_view = [c for c in scene.cards.values() if seen(view).intersects(c.sceneBoundingRect())]
    assert in_view and all(card.rows_made for card in in_view)
    made = with_rows(view)
    assert len(made) < len(scene.cards) // 4
    rows = [i for i in scene.items() if isinstance(i, KrRowItem)]
    assert len(rows) == sum(len(c.face.rows) for c in made) < len(scene.snapshot.key_results) // 4
    far = max(scene.cards.values(), key=lambda c: c.pos().x())
    assert not far.rows_made
    view.centerOn(far)  # scrolling there draws it, rows and all
    view.viewport().repaint()
    assert far.rows_made and len(far.rows) == len(far.face.rows)
    assert all(row.isVisible() and row.scene() is scene for row in far.rows)


def test_edges_exist_for_every_aligned_card_and_end_on_the_right_row(view: CanvasView) -> None:
    scene = view.canvas_scene
    snapshot = scene.snapshot
    aligned = {i for i in scene.cards if snapshot.objectives[i].parent_kr_id is not None}
    assert set(scene.align_edges) == {i for i in aligned
                                      if scene.align_edges.get(i) is not None}
    assert len(scene.align_edges) > len(scene.cards) // 2
    child, edge = max(scene.align_edges.items(), key=lambda item: item[1].source.pos().x())
    row = edge.target  # asked for, the row is made
    assert isinstance(row, KrRowItem) and row.face.kr_id == snapshot.objectives[child].parent_kr_id
    end = edge.points[-1]
    top = row.sceneBoundingRect()
    assert top.top() - 1 <= end[1] <= top.bottom() + 4


def test_a_drop_finds_the_row_of_a_card_not_drawn_yet(view: CanvasView) -> None:
    scene = view.canvas_scene
    card = max(scene.cards.values(), key=lambda c: c.pos().x())
    assert not card.rows_made and card.face.rows
    point = card.mapToScene(card.card_rect().center().x(), card.height - 20)
    row = scene.row_at(point)
    assert row is not None and row.card is card


def test_arrange_folds_long_lanes_and_undo_gives_the_canvas_back_its_size(
        view: CanvasView, qtbot: QtBot) -> None:
    scene, stack = view.canvas_scene, view.document.undo_stack
    before = QRectF(scene.sceneRect())
    columns = scene.lanes.columns
    view.arrange()
    qtbot.waitUntil(lambda: stack.count() == 1, timeout=RESULT_WAIT_MS)
    bound = LANE_LABEL_WIDTH + (columns + 1) * SLOT_WIDTH
    assert scene.sceneRect().width() <= bound  # not one row thousands of cards wide
    places = {(c.level_id, c.spot) for c in scene.cards.values()}
    assert len(places) == len(scene.cards)  # no two cards of a lane on one spot
    stack.undo()
    assert scene.sceneRect() == before
    view.fit_all()
    shown = [c for c in scene.cards.values() if seen(view).intersects(c.sceneBoundingRect())]
    assert len(shown) == len(scene.cards)


def test_quality_findings_are_counted_after_the_first_frame(
        template: Path, tmp_path: Path, qtbot: QtBot, data_home: Path) -> None:  # noqa: F811
    path = tmp_path / "plan.okr"
    shutil.copy(template, path)
    window = MainWindow(AppSettings())
    qtbot.addWidget(window)
    assert window.open_path(path)
    assert window.document is not None
    assert not window.document.analytics.findings_counted  # nothing counted before drawing
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(200)  # the panels take their places
    window.docks["health"].show()  # the panel counts them once it is drawn
    window.docks["health"].raise_()
    document = window.document
    qtbot.waitUntil(lambda: document.analytics.findings_counted, timeout=20_000)
    listed = window.health.finding_list
    assert listed.count() == max(len(window.health.findings), 1)
    assert "Reading" not in (listed.item(0).text() if listed.item(0) else "")
    window.close()
