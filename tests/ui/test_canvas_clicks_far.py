"""Right-clicks and double-clicks on key-result rows of cards the view has not drawn yet: rows
are made only near the view, so the click itself must find the row under the pointer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from okrdesk_ui.canvas.items import ROW_RECT, CardItem, row_top
from okrdesk_ui.canvas.targets import TargetKind
from okrdesk_ui.canvas.theme import CARD_PAD
from okrdesk_ui.canvas.view import CanvasView
from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.plan_menus import KEY_RESULT_KEYS
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from okrdesk.synthetic import generate_plan
from tests.ui.test_commands_support import right_click
from tests.ui.test_window_support import big_plan_window, data_home  # noqa: F401 - a fixture

PEOPLE = 250  # enough cards that most lie far from the first view


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_plan(tmp_path_factory.mktemp("far") / "template.okr", PEOPLE, seed=5)


@pytest.fixture
def window(qtbot: QtBot, template: Path, tmp_path: Path,
           data_home: Path) -> Iterator[MainWindow]:  # noqa: F811
    with big_plan_window(qtbot, template, tmp_path, (1920, 1080)) as shown:
        yield shown


def canvas_of(window: MainWindow) -> CanvasView:
    assert window.canvas is not None
    return window.canvas


def far_card(canvas: CanvasView, skip: int = 0) -> CardItem:
    """A card with two key results or more, far from the first view, not drawn yet."""
    undrawn = [card for card in canvas.canvas_scene.cards.values()
               if not card.rows_made and len(card.face.rows) >= 2]
    undrawn.sort(key=lambda card: -card.scenePos().x())
    assert len(undrawn) > skip
    return undrawn[skip]


def row_point(card: CardItem, index: int) -> QPointF:
    """The middle of a card's row `index`, worked out without making the rows."""
    return card.mapToScene(QPointF(CARD_PAD + ROW_RECT.width() / 2,
                                   row_top(index) + ROW_RECT.height() / 2))


def test_a_right_click_on_an_undrawn_row_offers_that_key_result(window: MainWindow,
                                                                qtbot: QtBot) -> None:
    canvas = canvas_of(window)
    card = far_card(canvas)
    point = row_point(card, 1)
    canvas.centerOn(point)  # no frame drawn there before the click
    assert not card.rows_made
    menu = right_click(qtbot, canvas.viewport(), canvas.mapFromScene(point))
    kr_id = card.face.rows[1].kr_id
    assert canvas.context_target.kind is TargetKind.KEY_RESULT
    assert canvas.context_target.row_id == kr_id
    assert window.document is not None and window.document.selected == ("key_results", kr_id)
    offered = {action.objectName() for action in menu.actions() if not action.isSeparator()}
    assert "kr.delegate" in offered and offered <= set(KEY_RESULT_KEYS)
    QTest.keyClick(menu, Qt.Key.Key_Escape)


def test_a_double_click_on_an_undrawn_row_opens_that_key_result(window: MainWindow) -> None:
    canvas = canvas_of(window)
    card = far_card(canvas, skip=1)
    point = row_point(card, 0)
    canvas.centerOn(point)
    assert not card.rows_made
    QTest.mouseDClick(canvas.viewport(), Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier, canvas.mapFromScene(point))
    assert window.document is not None
    assert window.document.selected == ("key_results", card.face.rows[0].kr_id)
    row = card.row_for(card.face.rows[0].kr_id)
    assert row is not None and row.marks.selected
    seen = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
    assert seen.contains(card.sceneBoundingRect().center())
