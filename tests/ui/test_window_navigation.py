"""Finding things: list filters, Ctrl+F, the cycle switcher, the organisation tree; the looks."""

from __future__ import annotations

from pathlib import Path

from okrdesk_ui.canvas import key_result_mime
from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.settings import AppSettings
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDropEvent, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures
from tests.ui.test_window_support import objective_titled, read_one

LEADING = "Become the leading electric car dealership in the region"


def test_filters_narrow_the_objective_list(window: MainWindow) -> None:
    assert window.document is not None
    snapshot = window.document.snapshot
    panel = window.objective_list
    every = set(panel.shown_ids())
    top = snapshot.ordered_levels()[0]
    panel.set_filters(level_id=top.id)
    shown = set(panel.shown_ids())
    assert shown and shown < every
    assert all(snapshot.level_of(o).id == top.id for o in shown)
    panel.set_filters(level_id="", orphans_only=True)
    orphans = set(panel.shown_ids())
    assert orphans == set(window.health.report.orphans)  # type: ignore[union-attr]
    panel.set_filters(orphans_only=False, status="at_risk")
    assert all(snapshot.objectives[o].status == "at_risk" for o in panel.shown_ids())
    panel.set_filters(status="", text="electric car")
    assert panel.shown_ids() == [objective_titled(window, LEADING)]


def test_choosing_a_person_lists_their_objectives(window: MainWindow) -> None:
    assert window.document is not None
    owner = window.document.snapshot.objectives[objective_titled(window, LEADING)].owner_id
    item = window.organisation.unit_item(owner)
    assert item is not None
    window.organisation.tree.itemClicked.emit(item, 0)
    shown = window.objective_list.shown_ids()
    assert objective_titled(window, LEADING) in shown
    assert all(window.document.snapshot.objectives[o].owner_id == owner for o in shown)


def test_choosing_an_objective_in_the_list_selects_and_centres_it(window: MainWindow) -> None:
    objective_id = objective_titled(window, LEADING)
    window.objective_list.set_filters(text="electric car")
    item = window.objective_list.list.topLevelItem(0)
    assert item is not None
    window.objective_list.list.itemClicked.emit(item, 0)
    assert window.document is not None
    assert window.document.selected == ("objectives", objective_id)
    assert window.canvas is not None
    card = window.canvas.canvas_scene.cards[objective_id]
    centre = window.canvas.mapToScene(window.canvas.viewport().rect().center())
    assert card.sceneBoundingRect().adjusted(-80, -80, 80, 80).contains(centre)


def test_ctrl_f_finds_and_centres_a_card(window: MainWindow, qtbot: QtBot) -> None:
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_field.hasFocus()
    QTest.keyClicks(window.search_field, "leading electric")
    QTest.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.document is not None
    assert window.document.selected == ("objectives", objective_titled(window, LEADING))
    assert "match" in window.statusBar().currentMessage()
    window.search_field.setText("no such card anywhere")
    QTest.keyClick(window.search_field, Qt.Key.Key_Return)
    assert "No card matches" in window.statusBar().currentMessage()


def test_the_cycle_switcher_sets_the_cycle_everywhere(window: MainWindow) -> None:
    assert window.document is not None
    quarter = window.document.snapshot.cycle_named("2027-Q2")
    assert quarter is not None
    window.cycle_switcher.choose(quarter.id)
    assert window.document.cycle_id == quarter.id
    assert window.objective_list.filters.cycle_id == quarter.id
    window.health.refresh()
    assert "2027-Q2" in window.health.summary.text()


def test_a_key_result_dropped_on_a_person_is_delegated(window: MainWindow,
                                                       demo_plan: Path) -> None:
    assert window.document is not None
    snapshot = window.document.snapshot
    objective_id = objective_titled(window, LEADING)
    kr = next(k for k in snapshot.key_results_of(objective_id) if k.kind != "objective")
    below = next(u for u in snapshot.units.values()
                 if snapshot.levels[u.level_id].rank == 1)
    item = window.organisation.unit_item(below.id)
    assert item is not None
    tree = window.organisation.tree
    tree.scrollToItem(item)
    point = QPointF(tree.visualItemRect(item).center())
    mime = key_result_mime(kr.id)  # held here: the event only points to it
    drop = QDropEvent(point, Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    tree.dropEvent(drop)
    table, new_id = window.document.selected
    assert table == "objectives"
    assert read_one(demo_plan, "SELECT parent_kr_id FROM objectives WHERE id = :i",
                    i=new_id) == kr.id
    assert read_one(demo_plan, "SELECT owner_id FROM objectives WHERE id = :i",
                    i=new_id) == below.id


def test_offsite_mode_goes_full_screen_with_large_type(window: MainWindow) -> None:
    window.actions_.set_theme("light")  # under the app's style sheet, as in use
    size = window.search_field.font().pointSizeF()
    QTest.keyClick(window, Qt.Key.Key_F11)
    assert window.actions_.offsite.isChecked()
    assert window.isFullScreen()
    assert window.search_field.font().pointSizeF() > size * 1.3
    assert all(dock.isHidden() for dock in window.docks.values())
    QTest.keyClick(window, Qt.Key.Key_F11)
    assert not window.isFullScreen()
    assert window.search_field.font().pointSizeF() == size
    assert not window.docks["inspector"].isHidden()


def test_the_dark_theme_is_applied_and_remembered(window: MainWindow) -> None:
    window.actions_.theme_actions["dark"].trigger()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert app.palette().color(QPalette.ColorRole.Window).lightness() < 80
    assert AppSettings().theme() == "dark"
    window.actions_.theme_actions["light"].trigger()
    assert app.palette().color(QPalette.ColorRole.Window).lightness() > 200


def test_the_layout_is_remembered(window: MainWindow, qtbot: QtBot, demo_plan: Path) -> None:
    window.docks["history"].hide()
    window.close()
    again = MainWindow(AppSettings())
    qtbot.addWidget(again)
    again.open_path(demo_plan)
    assert again.docks["history"].isHidden()
    assert not again.docks["inspector"].isHidden()
    again.close()


def test_the_objective_list_follows_changes_that_it_shows(window: MainWindow,
                                                          qtbot: QtBot) -> None:
    from okrdesk import ops

    document = window.document
    assert document is not None
    panel = window.objective_list
    panel.set_filters(orphans_only=True)
    (orphan,) = panel.shown_ids()
    leading = objective_titled(window, LEADING)
    plan = document.plan
    document.run("Rename", lambda: ops.edit_objective(plan, orphan, title="Expenses, renamed"))
    document.run("Align up", lambda: ops.align_up(plan, orphan, leading))
    qtbot.waitUntil(lambda: panel.shown_ids() == [])  # no longer an orphan
    panel.set_filters(orphans_only=False, text="renamed")
    assert panel.shown_ids() == [orphan]
