"""The Organisation panel edits the organisation: people and teams added with their details,
renamed in place, moved under another manager by dragging, removed with a hand-over; levels
and functions added, renamed, reordered and removed; plan settings. Real keys, clicks and
drag events; each change checked in the plan file and undone with Ctrl+Z."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from okrdesk_ui.dialogs.plan_settings import PlanSettingsDialog
from okrdesk_ui.dialogs.remove_unit import RemoveUnitDialog
from okrdesk_ui.dialogs.unit_details import UnitDetailsDialog
from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.panels.organisation import OrganisationPanel
from okrdesk_ui.settings import AppSettings
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMenu, QWidget
from pytestqt.qtbot import QtBot

from okrdesk import ops
from okrdesk.starters import NewPlan, as_is, build_plan, shipped_starter

from .dialog_driving import (
    choose,
    click,
    drag_onto,
    in_next_dialog,
    reopened,
    type_into,
    type_text,
)
from .test_window_support import data_home

__all__ = ["data_home"]


@pytest.fixture
def startup_plan(tmp_path: Path) -> Path:
    starter = shipped_starter("startup")
    return build_plan(tmp_path / "acme.okr", NewPlan(
        "Acme", 2028, starter, as_is(starter.levels), as_is(starter.functions),
        with_people=False)).path


@pytest.fixture
def window(qtbot: QtBot, startup_plan: Path, data_home: Path) -> Iterator[MainWindow]:
    shown = MainWindow(AppSettings())
    qtbot.addWidget(shown)
    assert shown.open_path(startup_plan)
    shown.resize(1280, 720)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.close()
    shown.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def panel_of(window: MainWindow) -> OrganisationPanel:
    return window.organisation


def undo(window: MainWindow) -> None:
    """Ctrl+Z, the window active again as after a dialog closes on a desktop."""
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    QTest.keyClick(window.organisation.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def toolbar_button(window: MainWindow, key: str) -> QWidget | None:
    return panel_of(window).button_for(key)


def people(path: Path) -> dict[str, tuple[str, str | None]]:
    """name -> (level name, manager name) as the plan file holds them."""
    snapshot = reopened(path)
    units = snapshot.units
    return {u.name: (snapshot.levels[u.level_id].name,
                     units[u.manager_id].name if u.manager_id else None)
            for u in units.values()}


def choose_row(window: MainWindow, key: str) -> None:
    panel = panel_of(window)
    item = panel.item_for(key)
    assert item is not None, key
    tree = panel.tree
    tree.scrollToItem(item)
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, tree.visualItemRect(item).center())
    assert tree.currentItem() is item


def name_editor(window: MainWindow) -> QLineEdit:
    """The line where a name is being typed in place."""
    editors = [e for e in panel_of(window).tree.viewport().findChildren(QLineEdit)
               if e.isVisible()]
    assert len(editors) == 1, editors
    return editors[0]


def unit_id(window: MainWindow, name: str) -> str:
    assert window.document is not None
    return next(u.id for u in window.document.snapshot.units.values() if u.name == name)


def level_id(window: MainWindow, name: str) -> str:
    assert window.document is not None
    return next(lv.id for lv in window.document.snapshot.levels.values() if lv.name == name)


def add_person(window: MainWindow, name: str, level: str | None, manager: str | None,
               *, start: str = "button") -> None:
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, UnitDetailsDialog)
        type_into(dialog.name, name)
        if level is not None:
            choose(dialog.level, level)
        if manager is not None:
            choose(dialog.manager, manager)
        type_into(dialog.email, f"{name.split()[0].lower()}@acme.example")
        click(dialog.ok_button)

    errors = in_next_dialog(fill)
    if start == "button":
        click(toolbar_button(window, "unit.add"))
    else:
        QTest.keyClick(panel_of(window).tree, Qt.Key.Key_Insert)
    assert errors == []


def test_build_an_organisation_and_undo_it_step_by_step(window: MainWindow,
                                                        startup_plan: Path, qtbot: QtBot) -> None:
    path = startup_plan
    add_person(window, "Ada Okafor", "Founders", None)
    add_person(window, "Ben Lee", "Leads", "Ada")
    add_person(window, "Cy Rao", "Leads", "Ada")
    choose_row(window, f"unit:{unit_id(window, 'Ben Lee')}")
    add_person(window, "Dee Moss", None, None, start="insert")  # under Ben, a level down
    choose_row(window, f"unit:{unit_id(window, 'Ben Lee')}")
    add_person(window, "Eve Park", None, None, start="insert")
    assert people(path) == {"Ada Okafor": ("Founders", None), "Ben Lee": ("Leads", "Ada Okafor"),
                            "Cy Rao": ("Leads", "Ada Okafor"), "Dee Moss": ("Team", "Ben Lee"),
                            "Eve Park": ("Team", "Ben Lee")}
    assert reopened(path).units[unit_id(window, "Eve Park")].email == "eve@acme.example"

    # F2 renames in place; Enter commits.
    choose_row(window, f"unit:{unit_id(window, 'Dee Moss')}")
    QTest.keyClick(panel_of(window).tree, Qt.Key.Key_F2)
    editor = name_editor(window)
    assert editor.text() == "Dee Moss"
    QTest.keyClicks(editor, "Dee Moss-Ross")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Dee Moss-Ross" in people(path))

    # Eve dragged onto Cy reports to Cy.
    panel = panel_of(window)
    eve, cy = unit_id(window, "Eve Park"), unit_id(window, "Cy Rao")
    target = panel.unit_item(cy)
    assert target is not None
    assert drag_onto(panel.tree, panel.tree.unit_mime(eve), target)
    assert people(path)["Eve Park"] == ("Team", "Cy Rao")

    # Ben removed: his report goes to the chosen new owner.
    def hand_over(dialog: QDialog) -> None:
        assert isinstance(dialog, RemoveUnitDialog)
        choose(dialog.successor, "Cy")
        dialog.to_successor.setFocus()
        QTest.keyClick(dialog.to_successor, Qt.Key.Key_Space)
        assert dialog.to_successor.isChecked()
        click(dialog.remove_button)

    errors = in_next_dialog(hand_over)
    choose_row(window, f"unit:{unit_id(window, 'Ben Lee')}")
    QTest.keyClick(panel_of(window).tree, Qt.Key.Key_Delete)
    assert errors == []
    assert "Ben Lee" not in people(path)
    assert people(path)["Dee Moss-Ross"] == ("Team", "Cy Rao")

    # A level added at the bottom, then moved above Team with Alt+Up.
    click(toolbar_button(window, "level.add"))
    editor = name_editor(window)
    QTest.keyClicks(editor, "Interns")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    order = lambda: [lv.name for lv in reopened(path).ordered_levels()]  # noqa: E731
    qtbot.waitUntil(lambda: order() == ["Founders", "Leads", "Team", "Interns"])
    choose_row(window, f"level:{level_id(window, 'Interns')}")
    QTest.keyClick(panel_of(window).tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert order() == ["Founders", "Leads", "Interns", "Team"]

    # Each step undone with Ctrl+Z, newest first.
    undo(window)
    assert order() == ["Founders", "Leads", "Team", "Interns"]
    undo(window)
    assert order() == ["Founders", "Leads", "Team"]
    undo(window)
    assert people(path)["Ben Lee"] == ("Leads", "Ada Okafor")
    assert people(path)["Dee Moss-Ross"] == ("Team", "Ben Lee")
    undo(window)
    assert people(path)["Eve Park"] == ("Team", "Ben Lee")
    undo(window)
    assert "Dee Moss" in people(path)
    for count in (4, 3, 2, 1, 0):
        undo(window)
        assert len(people(path)) == count


def test_a_drop_that_would_make_a_loop_is_refused_with_its_reason(
        window: MainWindow, startup_plan: Path) -> None:
    add_person(window, "Ada Okafor", "Founders", None)
    add_person(window, "Ben Lee", "Leads", "Ada")
    panel = panel_of(window)
    hints: list[str] = []
    panel.hint.connect(hints.append)
    target = panel.unit_item(unit_id(window, "Ben Lee"))
    assert target is not None
    assert not drag_onto(panel.tree, panel.tree.unit_mime(unit_id(window, "Ada Okafor")), target)
    assert "Ada Okafor cannot report to Ben Lee" in hints[-1]
    assert people(startup_plan)["Ada Okafor"] == ("Founders", None)


def test_removing_an_owner_hands_their_objectives_to_a_valid_one(
        window: MainWindow, startup_plan: Path) -> None:
    add_person(window, "Ada Okafor", "Founders", None)
    add_person(window, "Ben Lee", "Leads", "Ada")
    add_person(window, "Cy Rao", "Leads", "Ada")
    add_person(window, "Dee Moss", "Team", "Ben")
    assert window.document is not None
    plan, snapshot = window.document.plan, window.document.snapshot
    year = next(c.id for c in snapshot.cycles.values() if c.name == "2028")
    top = ops.create_objective(plan, unit_id(window, "Ada Okafor"), year, "Grow").new_id(
        "objectives")
    ben_goal = ops.create_objective(plan, unit_id(window, "Ben Lee"), year, "Ship v2").new_id(
        "objectives")
    ops.align_up(plan, ben_goal, top)

    def look(dialog: QDialog) -> None:
        assert isinstance(dialog, RemoveUnitDialog)
        offered = [dialog.successor.itemText(i) for i in range(dialog.successor.count())]
        # Ada would own an objective aligned to her own; Dee sits below nobody's objective
        # here but is not above Ben's children (none) and is below Ada: valid.
        assert [text.split(" — ")[0] for text in offered] == ["Cy Rao", "Dee Moss"]
        choose(dialog.successor, "Cy")
        click(dialog.remove_button)

    errors = in_next_dialog(look)
    choose_row(window, f"unit:{unit_id(window, 'Ben Lee')}")
    QTest.keyClick(panel_of(window).tree, Qt.Key.Key_Delete)
    assert errors == []
    after = reopened(startup_plan)
    assert after.units[after.objectives[ben_goal].owner_id].name == "Cy Rao"
    assert people(startup_plan)["Dee Moss"] == ("Team", "Ada Okafor")  # Ben's manager
    undo(window)
    assert reopened(startup_plan).objectives[ben_goal].owner_id == unit_id(window, "Ben Lee")


def test_the_context_menu_holds_the_commands_of_the_row(window: MainWindow,
                                                        startup_plan: Path) -> None:
    panel = panel_of(window)
    leads = panel.item_for(f"level:{level_id(window, 'Leads')}")
    assert leads is not None
    menu = panel.context_menu_for(leads)
    assert isinstance(menu, QMenu)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert "Move level &up" in texts and "Remove level" in texts
    menu.popup(panel.tree.mapToGlobal(panel.tree.rect().center()))
    action = next(a for a in menu.actions() if a.text() == "Move level &up")
    QTest.mouseClick(menu, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     menu.actionGeometry(action).center())
    assert [lv.name for lv in reopened(startup_plan).ordered_levels()] == [
        "Leads", "Founders", "Team"]


def test_a_level_with_people_is_not_removed_and_the_reason_is_shown(
        window: MainWindow, startup_plan: Path) -> None:
    add_person(window, "Ada Okafor", "Founders", None)
    choose_row(window, f"level:{level_id(window, 'Founders')}")
    QTest.keyClick(panel_of(window).tree, Qt.Key.Key_Delete)
    assert "Ada Okafor" in window.statusBar().currentMessage()
    assert len(reopened(startup_plan).levels) == 3


def test_functions_are_added_renamed_and_removed_in_place(window: MainWindow,
                                                          startup_plan: Path, qtbot: QtBot) -> None:
    click(toolbar_button(window, "function.add"))
    editor = name_editor(window)
    type_text(editor, "Legal ⚖ قانون")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    names = lambda: sorted(f.name for f in reopened(startup_plan).functions.values())  # noqa: E731
    qtbot.waitUntil(lambda: "Legal ⚖ قانون" in names())
    assert window.document is not None
    legal = next(f.id for f in window.document.snapshot.functions.values()
                 if f.name.startswith("Legal"))
    choose_row(window, f"function:{legal}")
    QTest.keyClick(panel_of(window).tree, Qt.Key.Key_F2)
    editor = name_editor(window)
    QTest.keyClick(editor, Qt.Key.Key_Escape)  # Esc leaves the name as it was
    qtbot.waitUntil(lambda: not editor.isVisible())
    assert "Legal ⚖ قانون" in names()
    choose_row(window, f"function:{legal}")
    QTest.keyClick(panel_of(window).tree, Qt.Key.Key_Delete)
    assert names() == ["Engineering", "Growth", "Product"]
    undo(window)
    assert "Legal ⚖ قانون" in names()


def test_a_new_level_left_with_esc_leaves_nothing_behind(window: MainWindow,
                                                        startup_plan: Path, qtbot: QtBot) -> None:
    click(toolbar_button(window, "level.add"))
    editor = name_editor(window)
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: panel_of(window).item_for("new:level") is None)
    assert len(reopened(startup_plan).levels) == 3


def test_plan_settings_change_together_and_undo_as_one(window: MainWindow,
                                                       startup_plan: Path) -> None:
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, PlanSettingsDialog)
        type_into(dialog.name, "Acme “Next” 2028")
        type_into(dialog.max_key_results, "3")
        type_into(dialog.bottom_up, "60")
        QTest.keyClick(dialog.bottom_up, Qt.Key.Key_Return)

    errors = in_next_dialog(fill)
    window.commands.action("plan.settings").trigger()
    assert errors == []
    after = reopened(startup_plan)
    assert (after.setting("plan_name"), after.setting("max_key_results"),
            after.setting("bottom_up_target")) == ("Acme “Next” 2028", "3", "0.6")
    undo(window)
    assert reopened(startup_plan).setting("plan_name") == "Acme"
    assert reopened(startup_plan).setting("max_key_results") == "5"
