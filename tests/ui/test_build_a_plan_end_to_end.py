"""A company's OKRs built from File > New plan with real mouse and key events only: three levels,
five people with their managers (one moved under another by a drag), three objectives written
on the canvas with key results typed in plain words, an alignment and a delegation dragged on
the canvas, a contributes-to link added with its picker and removed from its context menu. The
plan file's export is then checked, and the undo stack holds one step per gesture."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from okrdesk_ui.canvas import CanvasView
from okrdesk_ui.canvas.items import CardItem, KrRowItem
from okrdesk_ui.canvas.targets import TargetKind, target_at
from okrdesk_ui.canvas.theme import CARD_WIDTH, LANE_LABEL_WIDTH
from okrdesk_ui.dialogs.new_plan import NewPlanDialog
from okrdesk_ui.dialogs.unit_details import UnitDetailsDialog
from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.pickers import Picker
from okrdesk_ui.settings import AppSettings
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QDrag, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLineEdit,
    QListWidget,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)
from pytestqt.qtbot import QtBot

from okrdesk.interchange import export_plan

from .dialog_driving import choose, click, drag_onto, in_next_dialog, row_centre, type_into
from .test_canvas_support import drag, header_point
from .test_commands_support import choose as choose_in_menu
from .test_commands_support import modal, right_click
from .test_window_support import data_home

__all__ = ["data_home"]  # a fixture the test uses

Rows = list[dict[str, Any]]

PEOPLE = (  # name, level, manager typed in the details dialog
    ("Ada Okafor", "Leadership", None),
    ("Ben Lee", "Heads", "Ada"),
    ("Cy Rao", "Heads", "Ada"),
    ("Dee Moss", "Teams", "Ben"),
    ("Eve Park", "Teams", "Ben"),
)
NPS, CHURN, PORTAL, UPTIME = ("Raise NPS from 30 to 45", "Cut churn from 4% to 2%",
                              "Launch the partner portal by June", "Keep uptime above 99.9%")


@pytest.fixture
def window(qtbot: QtBot, data_home: Path) -> Iterator[MainWindow]:
    """The window as the app opens it with no plan."""
    shown = MainWindow(AppSettings())
    qtbot.addWidget(shown)
    shown.resize(1600, 1000)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    assert QTest.qWaitForWindowActive(shown)
    yield shown
    shown.close()
    shown.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


# -- the steps, each as a planner does it --------------------------------------------------------


def back_to(window: MainWindow) -> None:
    """The window active again, as a desktop makes it when a dialog closes (the offscreen
    platform leaves no window active)."""
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def steps(window: MainWindow) -> int:
    assert window.document is not None
    count: int = window.document.undo_stack.count()
    return count


def click_menu(window: MainWindow, menu_text: str, action_text: str) -> None:
    """Click a menu of the menu bar, then one of its items."""
    bar = window.menuBar()
    title = next(a for a in bar.actions() if a.text().replace("&", "") == menu_text)
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     bar.actionGeometry(title).center())
    menu = title.menu()
    assert isinstance(menu, QMenu)
    QTest.qWaitForWindowExposed(menu)
    item = next(a for a in menu.actions() if a.text().replace("&", "") == action_text)
    QTest.mouseClick(menu, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     menu.actionGeometry(item).center())


def edit_in_place(names: QListWidget | QTreeWidget) -> QLineEdit:
    editors = [e for e in names.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1, editors
    return editors[0]


def start_the_plan(window: MainWindow, path: Path) -> None:
    """File > New plan: the empty starter, its one level renamed and a second one added."""

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, NewPlanDialog)
        choose(dialog.starter_choice, "Empty")
        type_into(dialog.company, "Northwind “Tea” 🍵")
        type_into(dialog.year.lineEdit(), "2028")
        names = dialog.levels.names
        first = names.item(0)
        assert first is not None and first.text() == "Company"
        QTest.mouseClick(names.viewport(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier, names.visualItemRect(first).center())
        QTest.keyClick(names, Qt.Key.Key_F2)
        editor = edit_in_place(names)
        QTest.keyClicks(editor, "Leadership")
        QTest.keyClick(editor, Qt.Key.Key_Return)
        click(dialog.levels.add_button)
        editor = edit_in_place(names)
        QTest.keyClicks(editor, "Heads")
        QTest.keyClick(editor, Qt.Key.Key_Return)
        type_into(dialog.save_path, str(path))
        click(dialog.create_button)

    errors = in_next_dialog(fill)
    click_menu(window, "File", "New plan…")
    assert errors == []
    back_to(window)
    assert window.document is not None and window.document.plan.path == path


def add_level(window: MainWindow, name: str) -> None:
    """The Organisation panel's "add level" button; the name typed in place."""
    click(window.organisation.button_for("level.add"))
    editor = edit_in_place(window.organisation.tree)
    QTest.keyClicks(editor, name)
    QTest.keyClick(editor, Qt.Key.Key_Return)


def add_person(window: MainWindow, name: str, level: str, manager: str | None) -> None:
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, UnitDetailsDialog)
        type_into(dialog.name, name)
        choose(dialog.level, level)
        if manager is not None:
            choose(dialog.manager, manager)
        type_into(dialog.email, f"{name.split()[0].lower()}@northwind.example")
        click(dialog.ok_button)

    errors = in_next_dialog(fill)
    click(window.organisation.button_for("unit.add"))
    assert errors == []
    back_to(window)


def person_row(window: MainWindow, name: str) -> QTreeWidgetItem:
    assert window.document is not None
    unit_id = next(u.id for u in window.document.snapshot.units.values() if u.name == name)
    item: QTreeWidgetItem | None = window.organisation.unit_item(unit_id)
    assert item is not None
    return item


def drag_person_onto(window: MainWindow, name: str, manager: str) -> None:
    """Press on a person's row and move with the button held: the tree starts its own drag.
    The offscreen platform ends a drag at once, so what that drag carries is then taken over
    the manager's row and dropped there with the events a real drag sends."""
    tree = window.organisation.tree
    viewport = tree.viewport()
    start = row_centre(tree, person_row(window, name))
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 6):
        point = start + QPoint(0, 6 * step)
        QApplication.sendEvent(viewport, QMouseEvent(
            QEvent.Type.MouseMove, QPointF(point), QPointF(viewport.mapToGlobal(point)),
            Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    started = tree.findChildren(QDrag)
    assert len(started) == 1, "the tree did not start a drag"
    mime = started[0].mimeData()
    assert drag_onto(tree, mime, person_row(window, manager))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       start)


def view_of(window: MainWindow) -> CanvasView:
    assert window.canvas is not None
    return window.canvas


def card_titled(window: MainWindow, title: str) -> CardItem:
    view = view_of(window)
    found = [card for card in view.canvas_scene.cards.values() if card.face.title == title]
    assert len(found) == 1, f"{len(found)} cards titled {title!r}"
    return found[0]


def row_titled(window: MainWindow, title: str) -> KrRowItem:
    rows = [row for card in view_of(window).canvas_scene.cards.values() for row in card.rows
            if row.face.title == title]
    assert len(rows) == 1, f"{len(rows)} key-result rows titled {title!r}"
    return rows[0]


def empty_spot(window: MainWindow, level: str) -> QPointF:
    """A scene point in a lane, right of its cards."""
    scene = view_of(window).canvas_scene
    lane = next(lane for lane in scene.lanes.lanes if lane.name == level)
    cards = [c for c in scene.cards.values() if c.level_id == lane.level_id]
    x = max((c.spot[0] + CARD_WIDTH for c in cards), default=LANE_LABEL_WIDTH) + 90
    return QPointF(x, lane.top + lane.height / 2)


def fit(window: MainWindow) -> None:
    """Ctrl+0: the whole canvas in view."""
    QTest.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)


def write_objective(window: MainWindow, level: str, title: str, owner: str | None,
                    key_results: tuple[str, ...]) -> None:
    """Double-click an empty spot of the lane, type the title, pick the owner by type-ahead,
    then Insert and the key results, one per line; Esc ends."""
    view = view_of(window)
    spot = empty_spot(window, level)
    view.centerOn(spot)
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                      view.mapFromScene(spot))
    QTest.keyClicks(focused(), title)
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    if owner is not None:  # several people at the level: the list of them is open
        QTest.keyClicks(focused(), owner)
        popup = QApplication.activePopupWidget()
        assert popup is not None and popup.isVisible()
        QTest.keyClick(popup, Qt.Key.Key_Down)
        QTest.keyClick(popup, Qt.Key.Key_Return)
    card = card_titled(window, title)
    assert window.document is not None
    assert window.document.selected == ("objectives", card.objective_id)
    QTest.keyClick(focused(), Qt.Key.Key_Insert)
    for phrase in key_results:
        QTest.keyClicks(focused(), phrase)
        QTest.keyClick(focused(), Qt.Key.Key_Return)
    QTest.keyClick(focused(), Qt.Key.Key_Escape)


def click_card(window: MainWindow, title: str) -> None:
    view = view_of(window)
    point = header_point(card_titled(window, title))
    view.centerOn(point)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     view.mapFromScene(point))


def link_point(window: MainWindow, link_id: str) -> QPointF:
    """A point of the link's edge that no card covers."""
    scene = view_of(window).canvas_scene
    for _box, line in scene.link_edges[link_id].segments:
        middle = QPointF(line.center())
        if target_at(scene, middle, view_of(window).zoom).kind is TargetKind.LINK:
            return middle
    raise AssertionError("every point of the link is under a card")


def undo(window: MainWindow) -> None:
    back_to(window)  # after the context menu
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


# -- what the plan file says ---------------------------------------------------------------------


def by_id(rows: Rows) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in rows}


def measures(exported: dict[str, Any], objective_id: str) -> list[tuple[Any, ...]]:
    return [(k["title"], k["kind"], k["start_value"], k["target_value"], k["unit"])
            for k in exported["key_results"] if k["objective_id"] == objective_id
            and k["kind"] != "objective"]


# -- the proof -----------------------------------------------------------------------------------


def test_a_company_built_from_new_plan_with_the_mouse_and_keyboard(
        window: MainWindow, tmp_path: Path, qtbot: QtBot) -> None:
    path = tmp_path / "northwind.okr"
    start_the_plan(window, path)
    assert steps(window) == 0

    # The organisation: a third level, five people, Eve moved under Cy by a drag.
    add_level(window, "Teams")
    qtbot.waitUntil(lambda: steps(window) == 1)
    for name, level, manager in PEOPLE:
        add_person(window, name, level, manager)
    assert steps(window) == 6
    drag_person_onto(window, "Eve Park", "Cy Rao")
    assert steps(window) == 7

    # Three objectives written on the canvas, one per level, with their key results.
    tabs = window.tabs.tabBar()
    QTest.mouseClick(tabs, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     tabs.tabRect(0).center())
    assert window.tabs.currentWidget() is view_of(window)
    write_objective(window, "Leadership", "Delight our customers", None, (NPS, CHURN))
    assert steps(window) == 10
    write_objective(window, "Heads", "Win the partners", "Ben", (PORTAL,))
    write_objective(window, "Teams", "Ship self-service", "Dee", (UPTIME,))
    assert steps(window) == 14

    # An alignment: the Heads card dragged onto the Leadership card.
    fit(window)
    view = view_of(window)
    drag(view, header_point(card_titled(window, "Win the partners")),
         header_point(card_titled(window, "Delight our customers")))
    assert steps(window) == 15

    # A delegation: Ben's key result dragged down into the Teams lane, next to Dee's card.
    fit(window)
    portal = row_titled(window, PORTAL)
    dee_card = card_titled(window, "Ship self-service")
    below = dee_card.sceneBoundingRect().topRight() + QPointF(60, 20)
    drag(view, portal.sceneBoundingRect().center(), below)
    assert steps(window) == 16

    # A contributes-to link, chosen in its picker (Ctrl+Shift+L), then removed from its menu.
    click_card(window, "Ship self-service")
    QTest.keyClick(focused(), Qt.Key.Key_L,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    picker = modal(qtbot, Picker)
    assert isinstance(picker, Picker)
    QTest.keyClicks(picker.filter, "win partners")
    QTest.keyClick(picker.filter, Qt.Key.Key_Return)
    assert not picker.isVisible()
    back_to(window)
    assert steps(window) == 17
    assert window.document is not None
    (link_id,) = window.document.snapshot.contributions
    fit(window)
    point = link_point(window, link_id)
    menu = right_click(qtbot, view.viewport(), view.mapFromScene(point))
    assert window.document.selected == ("contributions", link_id)
    choose_in_menu(menu, "link.remove")
    assert steps(window) == 18

    # The plan file, read afresh through the export.
    exported = export_plan(path)
    levels = sorted(exported["levels"], key=lambda lv: lv["rank"])
    assert [lv["name"] for lv in levels] == ["Leadership", "Heads", "Teams"]
    level_name = {lv["id"]: lv["name"] for lv in levels}
    units = by_id(exported["units"])
    people = {u["name"]: (level_name[u["level_id"]],
                          units[u["manager_id"]]["name"] if u["manager_id"] else None,
                          u["email"]) for u in units.values()}
    assert people == {
        "Ada Okafor": ("Leadership", None, "ada@northwind.example"),
        "Ben Lee": ("Heads", "Ada Okafor", "ben@northwind.example"),
        "Cy Rao": ("Heads", "Ada Okafor", "cy@northwind.example"),
        "Dee Moss": ("Teams", "Ben Lee", "dee@northwind.example"),
        "Eve Park": ("Teams", "Cy Rao", "eve@northwind.example"),
    }
    objectives = {o["title"]: o for o in exported["objectives"]}
    assert set(objectives) == {"Delight our customers", "Win the partners", "Ship self-service",
                               PORTAL}
    owner = {title: units[o["owner_id"]]["name"] for title, o in objectives.items()}
    assert owner == {"Delight our customers": "Ada Okafor", "Win the partners": "Ben Lee",
                     "Ship self-service": "Dee Moss", PORTAL: "Dee Moss"}
    top, heads, team = (objectives[t] for t in ("Delight our customers", "Win the partners",
                                                "Ship self-service"))
    assert measures(exported, top["id"]) == [(NPS, "increase", 30, 45, "NPS"),
                                             (CHURN, "decrease", 4, 2, "%")]
    assert measures(exported, heads["id"]) == [(PORTAL, "milestone", None, None, "")]
    assert measures(exported, team["id"]) == [(UPTIME, "stay_above", None, 99.9, "%")]
    key_results = by_id(exported["key_results"])
    aligned_under = key_results[heads["parent_kr_id"]]
    assert (aligned_under["objective_id"], aligned_under["kind"]) == (top["id"], "objective")
    delegated = objectives[PORTAL]
    assert delegated["origin"] == "delegated"
    assert measures(exported, delegated["id"]) == [(PORTAL, "milestone", None, None, "")]
    assert key_results[delegated["parent_kr_id"]]["title"] == PORTAL
    assert key_results[delegated["parent_kr_id"]]["objective_id"] == heads["id"]
    assert top["parent_kr_id"] is None and team["parent_kr_id"] is None
    assert exported["contributions"] == []

    # Ctrl+Z undoes the last gesture: the link is back, in the file too.
    undo(window)
    assert steps(window) == 18 and window.document.undo_stack.index() == 17
    assert [c["id"] for c in export_plan(path)["contributions"]] == [link_id]
