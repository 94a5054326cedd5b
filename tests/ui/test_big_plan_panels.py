"""A large plan's window: the Objectives list and the Organisation tree are filled after the
window is first drawn, a batch at a time, yet complete whenever something asks; the mini-map
is drawn without making the cards' faces; Ctrl+F finds a card the list has not reached."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.panels.gradual_fill import FIRST
from okrdesk_ui.panels.objective_list import ObjectiveListPanel
from okrdesk_ui.panels.organisation import UNIT_ROLE, OrganisationPanel
from okrdesk_ui.settings import AppSettings
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from okrdesk.rulebook import view_objectives
from okrdesk.synthetic import generate_plan
from tests.ui.test_window_support import data_home  # noqa: F401 - a fixture

PEOPLE = 600  # about 1,800 objectives and 600 people: more than one batch of each


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_plan(tmp_path_factory.mktemp("big") / "template.okr", PEOPLE, seed=5)


@pytest.fixture
def plan_path(template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "plan.okr"
    shutil.copy(template, path)
    return path


@pytest.fixture
def window(qtbot: QtBot, plan_path: Path, data_home: Path) -> Iterator[MainWindow]:  # noqa: F811
    opened = MainWindow(AppSettings())
    qtbot.addWidget(opened)
    assert opened.open_path(plan_path)
    yield opened
    opened.close()


def held(window: MainWindow) -> list[str]:
    assert window.document is not None
    return view_objectives(window.document.snapshot, window.document.cycle_id)


def test_the_panels_fill_after_the_first_frame(window: MainWindow, qtbot: QtBot) -> None:
    listing, organisation = window.objective_list, window.organisation
    assert len(held(window)) > FIRST
    assert listing.list.topLevelItemCount() == 0 and listing.filling.pending
    assert organisation.tree.topLevelItemCount() == 0 and organisation.filling.pending
    window.show()
    window.docks["objectives"].raise_()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not listing.filling.pending, timeout=20_000)
    assert listing.list.topLevelItemCount() == len(held(window))
    assert sorted(listing.shown_ids()) == sorted(held(window))
    titles = [listing.list.topLevelItem(i).text(0)  # type: ignore[union-attr]
              for i in range(listing.list.topLevelItemCount())]
    assert titles == sorted(titles, key=str.casefold)


def test_the_list_is_complete_when_asked_before_it_is_drawn(window: MainWindow) -> None:
    assert window.document is not None
    listing = ObjectiveListPanel(window.document)  # never shown
    assert listing.list.topLevelItemCount() == 0
    assert sorted(listing.shown_ids()) == sorted(held(window))
    assert not listing.filling.pending


def test_the_organisation_is_complete_when_a_row_is_asked_for(window: MainWindow) -> None:
    assert window.document is not None
    snapshot = window.document.snapshot
    panel = OrganisationPanel(window.document)  # never shown
    last = max(snapshot.units.values(), key=lambda unit: unit.name.lower())
    item = panel.unit_item(last.id)
    assert item is not None and item.data(0, UNIT_ROLE) == f"unit:{last.id}"
    assert item.parent() is not None and item.parent().isExpanded()
    rows = [i for i in panel._all_items() if str(i.data(0, UNIT_ROLE)).startswith("unit:")]
    with_function = sum(1 for unit in snapshot.units.values() if unit.function_id)
    assert len(rows) == len(snapshot.units) + with_function  # under a level, and a function


def test_a_click_on_a_column_sorts_the_whole_list(window: MainWindow, qtbot: QtBot) -> None:
    listing = window.objective_list
    window.show()
    window.docks["objectives"].raise_()
    qtbot.waitExposed(window)
    header = listing.list.header()
    owner_column = QPoint(header.sectionViewportPosition(1) + 10, header.height() // 2)
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, owner_column)
    assert header.sortIndicatorSection() == 1
    listing.filling.finish()
    owners = [listing.list.topLevelItem(i).text(1)  # type: ignore[union-attr]
              for i in range(listing.list.topLevelItemCount())]
    assert len(owners) == len(held(window))
    assert owners == sorted(owners, key=str.casefold)


def test_ctrl_f_finds_a_card_the_list_has_not_reached(window: MainWindow,
                                                      qtbot: QtBot) -> None:
    assert window.document is not None and window.canvas is not None
    snapshot = window.document.snapshot
    last = max(held(window), key=lambda o: snapshot.objectives[o].title.casefold())
    title = snapshot.objectives[last].title
    assert sum(1 for o in held(window) if snapshot.objectives[o].title == title) == 1
    window.show()
    qtbot.waitExposed(window)
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(window.search_field, title)
    QTest.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.document.selected == ("objectives", last)


def test_the_minimap_draws_without_making_faces(window: MainWindow, qtbot: QtBot) -> None:
    assert window.canvas is not None
    window.show()
    qtbot.waitExposed(window)
    minimap = window.canvas.minimap
    qtbot.waitUntil(lambda: not minimap.blank, timeout=20_000)
    cards = window.canvas.canvas_scene.cards
    assert set(minimap.colours.band_of) >= set(cards)
    made = sum(1 for card in cards.values() if card._face is not None)  # made, not asked for
    assert made < len(cards) / 2  # only the cards drawn or read have faces
    for objective_id in list(cards)[:50]:
        card = cards[objective_id]
        expected = "orphan" if card.face.orphan else card.face.band
        assert minimap.colours.band_of[objective_id] == expected
