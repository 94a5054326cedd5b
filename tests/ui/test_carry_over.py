"""Carrying over in the app: the copy dialog from a selected card, its preview, one undo step;
adding a year from the cycle switcher; the inspector's "carried over from"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from okrdesk_ui.dialogs.carry_over import CarryOverDialog
from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.settings import AppSettings
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from okrdesk import ops
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from tests.core.builders import small_org
from tests.ui.test_canvas_support import header_point

ADDRESS = "sam.lee@voltline.example"
DROPPED = "The copy of “Grow EU sales” will not be aligned to “Win Europe”, which is not copied."


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    """Win Europe (Alex) ← Grow EU sales (Sam) ← Fill the EU pipeline (Kim), all in 2027-Q1;
    Grow EU sales has a measured key result with a check-in."""
    path = tmp_path / "plan.okr"
    with small_org(path) as org:
        ops.set_unit_email(org.plan, org.people["Sam Lee"], ADDRESS)
        win = org.objective("Alex Chen", "Win Europe", cycle="2027-Q1")
        grow = org.objective("Sam Lee", "Grow EU sales", cycle="2027-Q1")
        customers = org.key_result(grow, "New EU customers", unit="customers", start_value=0,
                                   target_value=50, current_value=10)
        ops.record_check_in(org.plan, customers, value=20, confidence=0.7, note="Good month")
        org.align_up(grow, win)
        pipeline = org.objective("Kim Park", "Fill the EU pipeline", cycle="2027-Q1")
        org.align_up(pipeline, grow)
    return path


@pytest.fixture
def window(qtbot: QtBot, plan_path: Path, tmp_path: Path,
           monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    shown = MainWindow(AppSettings())
    qtbot.addWidget(shown)
    assert shown.open_path(plan_path)
    shown.resize(1600, 1000)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    for dialog in shown.findChildren(QWidget):
        if dialog.isWindow() and dialog is not shown:
            dialog.close()
    shown.close()
    shown.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def shown_child(window: MainWindow, kind: type[QWidget], name: str) -> QWidget | None:
    """The dialog of that name now open (one closed waits to be deleted, unseen)."""
    shown = [w for w in window.findChildren(kind, name) if w.isVisible()]
    assert len(shown) <= 1
    return shown[0] if shown else None


def snapshot_of(window: MainWindow) -> Snapshot:
    assert window.document is not None
    return window.document.snapshot


def titled(window: MainWindow, title: str, cycle: str = "2027-Q1") -> str:
    snapshot = snapshot_of(window)
    found = [o.id for o in snapshot.objectives.values()
             if o.title == title and snapshot.cycles[o.cycle_id].name == cycle]
    assert len(found) == 1, (title, cycle)
    return found[0]


def cycle_named(window: MainWindow, name: str) -> str:
    cycle = snapshot_of(window).cycle_named(name)
    assert cycle is not None
    return cycle.id


def click_card(window: MainWindow, objective_id: str) -> None:
    """Show the card's cycle, bring the card into view and click its title."""
    assert window.document is not None and window.canvas is not None
    window.cycle_switcher.choose(snapshot_of(window).objectives[objective_id].cycle_id)
    view = window.canvas
    view.center_on_objective(objective_id)
    card = view.canvas_scene.cards[objective_id]
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, view.mapFromScene(header_point(card)))
    assert window.document.selected == ("objectives", objective_id)


def open_dialog(window: MainWindow, qtbot: QtBot, keys: str) -> CarryOverDialog:
    QTest.keySequence(window, keys)
    qtbot.waitUntil(lambda: window.findChild(CarryOverDialog) is not None)
    dialog = window.findChild(CarryOverDialog)
    assert isinstance(dialog, CarryOverDialog)
    qtbot.waitExposed(dialog)
    return dialog


def dropped_texts(dialog: CarryOverDialog) -> list[str]:
    return [dialog.dropped.item(i).text() for i in range(dialog.dropped.count())]


def reopened(path: Path) -> Snapshot:
    with Plan.open(path, read_only=True) as plan, plan.read() as connection:
        return Snapshot.load(connection)


def test_carrying_a_subtree_over_from_a_selected_card_is_one_undo_step(
        window: MainWindow, qtbot: QtBot, plan_path: Path) -> None:
    grow = titled(window, "Grow EU sales")
    pipeline = titled(window, "Fill the EU pipeline")
    before = len(snapshot_of(window).objectives)
    click_card(window, grow)
    dialog = open_dialog(window, qtbot, "Ctrl+Shift+T")
    assert dialog.target.currentText().strip() == "2027-Q2"  # the quarter after
    # its own key result, and the one that stands for the pipeline
    assert "2 objectives and 2 key results will be copied into 2027-Q2" in dialog.summary.text()
    assert "1 link among them" in dialog.summary.text()  # the pipeline's alignment to Grow
    assert dropped_texts(dialog) == [DROPPED]
    assert "no check-ins" in dialog.reset.text()
    QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(CarryOverDialog) is None)

    snapshot = snapshot_of(window)
    grow_copy = snapshot.objectives[titled(window, "Grow EU sales", "2027-Q2")]
    pipeline_copy = snapshot.objectives[titled(window, "Fill the EU pipeline", "2027-Q2")]
    assert (grow_copy.copied_from_id, pipeline_copy.copied_from_id) == (grow, pipeline)
    assert grow_copy.parent_kr_id is None  # Win Europe was not copied
    aligned_to = snapshot.key_results[pipeline_copy.parent_kr_id or ""]
    assert aligned_to.objective_id == grow_copy.id  # kept inside the copy
    customers = next(kr for kr in snapshot.key_results_of(grow_copy.id)
                     if kr.title == "New EU customers")
    assert customers.current_value == 0 and customers.confidence is None  # started afresh
    assert window.document is not None
    assert window.document.selected == ("objectives", grow_copy.id)  # the copy is shown
    assert len(reopened(plan_path).objectives) == before + 2

    QTest.keySequence(window, "Ctrl+Z")
    assert len(snapshot_of(window).objectives) == before
    assert {o.cycle_id for o in reopened(plan_path).objectives.values()} == {
        cycle_named(window, "2027-Q1")}


def test_copying_one_objective_into_a_new_year_from_the_menu(
        window: MainWindow, qtbot: QtBot) -> None:
    grow = titled(window, "Grow EU sales")
    click_card(window, grow)
    menu = window.findChild(QWidget, "cycleMenu")
    assert menu is not None
    copy_action = window.commands.action("objective.copy_to_cycle")
    assert copy_action in menu.actions() and copy_action.isEnabled()
    copy_action.trigger()
    dialog = window.findChild(CarryOverDialog)
    assert isinstance(dialog, CarryOverDialog)
    assert "1 objective and 1 key result" in dialog.summary.text()
    assert DROPPED in dropped_texts(dialog)
    assert any("stays aligned to “Grow EU sales”, not to its copy" in text
               for text in dropped_texts(dialog))
    assert dialog.add_year.text() == "Add 2028"
    QTest.mouseClick(dialog.add_year, Qt.MouseButton.LeftButton)
    assert dialog.target.currentText().strip() == "2028-Q1"  # a quarter goes to the first one
    assert "into 2028-Q1" in dialog.summary.text()
    QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    copy = titled(window, "Grow EU sales", "2028-Q1")
    assert snapshot_of(window).objectives[copy].copied_from_id == grow
    assert window.document is not None
    assert window.document.undo_stack.count() == 2  # the year, then the copy


def test_copy_this_cycle_from_the_cycle_switcher(window: MainWindow, qtbot: QtBot) -> None:
    switcher = window.cycle_switcher
    switcher.choose(cycle_named(window, "2027-Q1"))
    pick_from_switcher(switcher, "Copy this cycle to…", qtbot)
    dialog = window.findChild(CarryOverDialog)
    assert isinstance(dialog, CarryOverDialog)
    assert switcher.currentText().strip() == "2027-Q1"  # the shown cycle stays shown
    assert "3 objectives" in dialog.summary.text()
    assert dialog.dropped_heading.text().startswith("No link")
    QTest.keyClick(dialog, Qt.Key.Key_Return)
    assert len(snapshot_of(window).objectives) == 6


def pick_from_switcher(switcher: QWidget, text: str, qtbot: QtBot) -> None:
    """Open the switcher's list with the mouse and click the entry with that text."""
    QTest.mouseClick(switcher, Qt.MouseButton.LeftButton)
    view = switcher.view()  # type: ignore[attr-defined]
    qtbot.waitUntil(view.isVisible)
    index = switcher.findText(text)  # type: ignore[attr-defined]
    assert index >= 0, text
    model_index = view.model().index(index, 0)
    view.scrollTo(model_index)
    rect = view.visualRect(model_index)
    # a list just opened ignores a release for a double-click's time, as for a real hand
    qtbot.wait(QApplication.doubleClickInterval() + 50)
    QTest.mouseMove(view.viewport(), rect.center())
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, rect.center())


def test_adding_a_year_from_the_cycle_switcher(window: MainWindow, qtbot: QtBot,
                                               plan_path: Path) -> None:
    switcher = window.cycle_switcher
    pick_from_switcher(switcher, "Add a year…", qtbot)
    qtbot.waitUntil(lambda: shown_child(window, QInputDialog, "addYearDialog") is not None)
    dialog = shown_child(window, QInputDialog, "addYearDialog")
    assert isinstance(dialog, QInputDialog) and dialog.intValue() == 2028
    QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    names = [switcher.itemText(i).strip() for i in range(switcher.count())]
    assert names[names.index("2027-Q4") + 1:names.index("2027-Q4") + 6] == [
        "2028", "2028-Q1", "2028-Q2", "2028-Q3", "2028-Q4"]
    assert {"2028", "2028-Q4"} <= {c.name for c in reopened(plan_path).cycles.values()}
    # arrow keys on the closed switcher step through cycles, never into a command
    switcher.setFocus()
    for _ in range(switcher.count()):
        QTest.keyClick(switcher, Qt.Key.Key_Down)
    assert shown_child(window, QInputDialog, "addYearDialog") is None
    assert len([c for c in snapshot_of(window).cycles.values() if c.kind == "year"]) == 2


def click_remove(box: QWidget) -> None:
    button = box.findChild(QWidget, "removeCycleButton")
    assert button is not None
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def test_removing_an_empty_year_from_the_switcher_and_a_refusal(
        window: MainWindow, qtbot: QtBot) -> None:
    assert window.document is not None
    window.document.run("Add year", lambda: ops.add_year(window.document.plan, 2029))
    window.cycle_switcher.choose(cycle_named(window, "2029"))
    pick_from_switcher(window.cycle_switcher, "Remove this cycle…", qtbot)
    box = shown_child(window, QMessageBox, "removeCycleDialog")
    assert isinstance(box, QMessageBox) and "2029 and its quarters" in box.text()
    click_remove(box)
    assert snapshot_of(window).cycle_named("2029") is None
    assert window.document.cycle_id in snapshot_of(window).cycles  # another one is shown
    window.cycle_switcher.choose(cycle_named(window, "2027"))
    window.commands.action("cycle.remove").trigger()
    box = shown_child(window, QMessageBox, "removeCycleDialog")
    assert box is not None
    click_remove(box)
    assert snapshot_of(window).cycle_named("2027") is not None
    assert "holds 3 objectives" in window.statusBar().currentMessage()


def click_link(label: QLabel) -> None:
    """Click the first line of a label whose whole text is a link."""
    line = label.fontMetrics().height()
    QTest.mouseClick(label, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(label.contentsMargins().left() + 4, line // 2 + 1))


def test_the_inspector_says_what_a_copy_was_carried_over_from(
        window: MainWindow, qtbot: QtBot) -> None:
    assert window.document is not None
    document = window.document
    grow = titled(window, "Grow EU sales")
    document.run("Copy", lambda: ops.copy_objectives(document.plan, [grow],
                                                     cycle_named(window, "2027-Q2")))
    copy = titled(window, "Grow EU sales", "2027-Q2")
    click_card(window, copy)
    form = window.inspector.objective_form
    assert form.copied_from.isVisible()
    assert "Carried over from 2027-Q1: “Grow EU sales”" in form.copied_from.text()
    assert form.owner_email.text() == ADDRESS
    click_link(form.copied_from)
    assert document.selected == ("objectives", grow)
    assert document.cycle_id == cycle_named(window, "2027-Q1")
    assert not form.copied_from.isVisible()  # the original is no copy

    document.run("Delete", lambda: ops.delete_objective(document.plan, grow))
    document.select("objectives", copy)
    assert form.copied_from.text() == "Copied from an objective since deleted."


def test_the_inspector_buttons_run_the_registrys_commands(window: MainWindow,
                                                          qtbot: QtBot) -> None:
    form = window.inspector.objective_form
    grow = titled(window, "Grow EU sales")
    click_card(window, grow)
    missing = [key for key, button in form.command_buttons.items()
               if key not in window.commands]
    assert missing == []
    duplicate = form.command_buttons["objective.duplicate"]
    assert duplicate.isVisible() and duplicate.isEnabled()
    QTest.mouseClick(duplicate, Qt.MouseButton.LeftButton)
    assert titled(window, "Grow EU sales (copy)")
    copy_button = form.command_buttons["objective.copy_to_cycle"]
    QTest.mouseClick(copy_button, Qt.MouseButton.LeftButton)
    assert window.findChild(CarryOverDialog) is not None


def test_add_a_quarter_from_the_cycle_menu_then_undo(qtbot: QtBot, window: MainWindow) -> None:
    from okrdesk_ui.dialogs.add_cycle import AddCycleDialog

    action = window.commands.action("cycle.add")
    assert action.shortcut().toString() == "Ctrl+Alt+Y"
    QTest.keyClick(window, Qt.Key.Key_Y,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    dialog = window.findChild(AddCycleDialog, "addCycleDialog")
    assert dialog is not None and dialog.isVisible()
    QTest.keyClicks(dialog.name, "2027-Q5")
    dialog.kind.setCurrentIndex(dialog.kind.findData("quarter"))
    QTest.keyClicks(dialog.starts, "2027-12-01")
    QTest.keyClicks(dialog.ends, "2027-11-01")  # before the start: refused, the dialog stays
    QTest.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.isVisible() and "before it starts" in dialog.problem.text()
    dialog.ends.clear()
    QTest.keyClicks(dialog.ends, "2027-12-31")
    QTest.keyClick(dialog.name, Qt.Key.Key_Return)
    assert window.document is not None
    added = [c for c in window.document.snapshot.cycles.values() if c.name == "2027-Q5"]
    assert len(added) == 1 and added[0].kind == "quarter"
    assert window.document.snapshot.cycles[added[0].parent_id].name == "2027"
    window.commands.action("edit.undo").trigger()
    assert all(c.name != "2027-Q5" for c in window.document.snapshot.cycles.values())
