"""View > Compare with…: opened with its shortcut, the chooser takes a plan file typed in (or a
cycle), the Compare window lists the differences grouped, a click on one selects its objective
on the canvas, and the map highlights them."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from okrdesk_ui.compare_chooser import CompareChoice, CompareChooser
from okrdesk_ui.compare_commands import COMPARE_KEY
from okrdesk_ui.compare_window import ID_ROLE, CompareWindow
from okrdesk_ui.main_window import MainWindow
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTreeWidgetItem, QWidget
from pytestqt.qtbot import QtBot

from okrdesk import ops
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from okrdesk.synthetic import generate_plan
from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures
from tests.ui.test_window_support import big_plan_window

WAIT_MS = 60_000


def older_copy(demo_template: Path, folder: Path) -> tuple[Path, dict[str, str]]:
    """The demo as it stood before: one objective not yet made, one titled otherwise, and one
    that has since been removed."""
    path = folder / "older.okr"
    shutil.copyfile(demo_template, path)
    with Plan.open(path) as plan:
        with plan.read() as connection:
            snapshot = Snapshot.load(connection)
        year = snapshot.cycle_named("2027")
        assert year is not None
        ours = sorted((o for o in snapshot.objectives.values()
                       if o.cycle_id == year.id and not snapshot.aligned_to_kr.get(o.id)
                       and not any(snapshot.aligned_to_kr.get(k) for k in snapshot.krs_of[o.id])),
                      key=lambda o: o.title)
        newer, renamed = ours[0], ours[1]
        ops.delete_objective(plan, newer.id)
        ops.edit_objective(plan, renamed.id, title="An older title")
        owner = snapshot.objectives[renamed.id].owner_id
        gone = ops.create_objective(plan, owner, year.id, "Since dropped").new_id("objectives")
    return path, {"added": newer.id, "changed": renamed.id, "removed": gone}


def press(window: MainWindow, shortcut: str) -> None:
    window.activateWindow()
    window.canvas.setFocus()  # type: ignore[union-attr]
    sequence = QKeySequence(shortcut)[0]
    QTest.keyClick(window, sequence.key(), sequence.keyboardModifiers())


def chooser_of(window: MainWindow, qtbot: QtBot) -> CompareChooser:
    press(window, COMPARE_KEY)
    chooser = window.findChild(CompareChooser, "compareChooser")
    assert isinstance(chooser, CompareChooser)
    qtbot.waitUntil(chooser.isVisible)
    return chooser


def click(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     widget.rect().center())


def compare_window(window: MainWindow, qtbot: QtBot) -> CompareWindow:
    def shown() -> list[CompareWindow]:
        return [w for w in window.findChildren(CompareWindow) if w.isVisible()]

    qtbot.waitUntil(lambda: bool(shown()))
    [dialog] = shown()
    qtbot.waitUntil(lambda: dialog.diff is not None, timeout=WAIT_MS)  # compared off the thread
    return dialog


def group(dialog: CompareWindow, title: str) -> QTreeWidgetItem:
    tree = dialog.tree
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        if item is not None and item.text(0).startswith(title):
            return item
    raise AssertionError(f"no group {title}")


def click_item(dialog: CompareWindow, item: QTreeWidgetItem) -> None:
    dialog.tree.scrollToItem(item)
    rect = dialog.tree.visualItemRect(item)
    QTest.mouseClick(dialog.tree.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, rect.center())


def test_compare_with_an_older_copy_and_select_a_difference(
        window: MainWindow, qtbot: QtBot, demo_template: Path, tmp_path: Path) -> None:
    document = window.document
    assert document is not None
    older, ids = older_copy(demo_template, tmp_path)
    view_menu = window.actions_.menus["view"]
    assert window.commands.action("view.compare") in view_menu.actions()
    chooser = chooser_of(window, qtbot)
    assert chooser.file_button.isChecked() and not chooser.ok_button.isEnabled()
    chooser.path_field.setFocus()
    QTest.keyClicks(chooser.path_field, str(older))
    click(chooser.ok_button)
    dialog = compare_window(window, qtbot)
    assert dialog.diff is not None
    assert [d.id_b for d in dialog.diff.added] == [ids["added"]]
    assert [d.id_a for d in dialog.diff.removed] == [ids["removed"]]
    assert [d.id_b for d in dialog.diff.changed] == [ids["changed"]]
    assert "older.okr" in dialog.heading.text()
    assert "1 added, 1 removed, 1 changed, 0 re-aligned" in dialog.heading.text()

    changed = group(dialog, "Changed (1)")
    row = changed.child(0)
    assert row is not None and row.child(0) is not None
    assert row.child(0).text(0).startswith("Title: An older title → ")  # type: ignore[union-attr]
    click_item(dialog, row)
    assert document.selected == ("objectives", ids["changed"])
    added = group(dialog, "Added (1)").child(0)
    assert added is not None
    click_item(dialog, added)
    assert document.selected == ("objectives", ids["added"])
    removed = group(dialog, "Removed (1)").child(0)
    assert removed is not None and removed.data(0, ID_ROLE) is None  # not in this plan
    click_item(dialog, removed)
    assert document.selected == ("objectives", ids["added"])  # nothing else chosen

    with qtbot.waitSignal(window.map_tab.preview_ready, timeout=WAIT_MS):
        click(dialog.map_button)
    assert window.tabs.currentWidget() is window.map_tab
    assert window.map_tab.request().compare == str(older)
    pages = window.map_tab.view.frames
    assert pages
    svg = "".join(p.read_text("utf-8") for p in Path(window.map_tab._folder.name).glob("*.svg"))
    assert "compare&#45;added" in svg and "compare&#45;changed" in svg
    dialog.close()
    QApplication.processEvents()
    assert window.map_tab.request().compare is None  # closing the window ends highlighting


def test_compare_the_shown_cycle_with_another(window: MainWindow, qtbot: QtBot) -> None:
    document = window.document
    assert document is not None
    q2 = document.snapshot.cycle_named("2027-Q2")
    assert q2 is not None
    document.set_cycle(q2.id)
    chooser = chooser_of(window, qtbot)
    assert chooser.cycle_box.currentText() == "2027-Q1"  # the one before, first chosen
    click(chooser.cycle_button)
    click(chooser.ok_button)
    dialog = compare_window(window, qtbot)
    assert dialog.diff is not None
    assert (dialog.diff.label_a, dialog.diff.label_b) == ("2027-Q1", "2027-Q2")
    added = group(dialog, "Added").child(0)
    assert added is not None
    target = added.data(0, ID_ROLE)
    assert document.snapshot.objectives[target].cycle_id == q2.id
    click_item(dialog, added)
    assert document.selected == ("objectives", target)
    removed = group(dialog, "Removed").child(0)
    assert removed is not None
    gone = removed.data(0, ID_ROLE)  # in the other cycle of this plan: it can be shown
    click_item(dialog, removed)
    assert document.selected == ("objectives", gone)
    assert document.cycle_id == document.snapshot.objectives[gone].cycle_id


# -- off the GUI thread -----------------------------------------------------------------------

PEOPLE = 1_500  # a plan that takes a good part of a second to read and compare


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_plan(tmp_path_factory.mktemp("synthetic") / "plan.okr", PEOPLE, seed=3)


@pytest.fixture
def big_window(qtbot: QtBot, synthetic: Path, tmp_path: Path,
               data_home: Path) -> Iterator[tuple[MainWindow, Path]]:
    """A window on a copy of the synthetic plan, and an older copy of it to compare with."""
    older = tmp_path / "older.okr"
    shutil.copyfile(synthetic, older)
    with Plan.open(older) as plan:
        with plan.read() as connection:
            first = min(Snapshot.load(connection).objectives)
        ops.edit_objective(plan, first, title="An older title")
    with big_plan_window(qtbot, synthetic, tmp_path, (1280, 720)) as shown:
        yield shown, older


def test_the_window_stays_responsive_while_comparing_and_fills_when_done(
        big_window: tuple[MainWindow, Path], qtbot: QtBot) -> None:
    window, older = big_window
    dialog = window.compare_commands.show_window(CompareChoice(path=older))
    assert dialog is not None and dialog.isVisible()
    job = dialog.job
    assert job is not None and dialog.running
    assert dialog.busy_row.isVisible() and dialog.tree.topLevelItemCount() == 0
    assert not dialog.again_button.isEnabled() and not dialog.map_button.isEnabled()
    assert dialog.heading.text() == "Comparing this plan with older.okr…"
    turns: list[bool] = []
    ticker = QTimer(dialog)
    ticker.setInterval(5)
    ticker.timeout.connect(lambda: turns.append(job.running))
    ticker.start()
    with qtbot.waitSignal(dialog.filled, timeout=WAIT_MS) as filled:
        pass
    ticker.stop()
    assert sum(turns) >= 3, turns  # the event loop turned while the comparison ran
    assert filled.args == [dialog.diff] and dialog.diff is not None
    assert [d.title for d in dialog.diff.changed] == [
        window.document.snapshot.objectives[dialog.diff.changed[0].id_b].title]  # type: ignore[union-attr]
    assert "1 changed" in dialog.heading.text()
    assert not dialog.busy_row.isVisible() and dialog.again_button.isEnabled()
    assert group(dialog, "Changed (1)").childCount() == 1


def test_cancel_leaves_no_window_half_filled(
        big_window: tuple[MainWindow, Path], qtbot: QtBot) -> None:
    window, older = big_window
    heard: list[object] = []
    window.error_shown.connect(lambda *args: heard.append(args))
    dialog = window.compare_commands.show_window(CompareChoice(path=older))
    assert dialog is not None and dialog.job is not None
    dialog.filled.connect(heard.append)
    job = dialog.job
    click(dialog.cancel_button)  # before its result can arrive: that needs the event loop
    assert not dialog.isVisible() and not dialog.running
    assert job.wait(WAIT_MS / 1000)
    qtbot.wait(100)  # the dropped result had its chance to arrive
    assert heard == [] and dialog.diff is None and dialog.tree.topLevelItemCount() == 0

    dialog = window.compare_commands.show_window(CompareChoice(path=older))
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.diff is not None, timeout=WAIT_MS)
    shown = (dialog.diff, dialog.heading.text(), dialog.tree.topLevelItemCount(),
             group(dialog, "Changed (1)").child(0).text(0))  # type: ignore[union-attr]
    dialog.filled.connect(heard.append)
    click(dialog.again_button)
    assert dialog.running and dialog.busy_row.isVisible()
    job = dialog.job
    assert job is not None
    click(dialog.cancel_button)  # the earlier comparison stays, whole
    assert dialog.isVisible() and not dialog.running and not dialog.busy_row.isVisible()
    assert job.wait(WAIT_MS / 1000)
    qtbot.wait(100)
    assert (dialog.diff, dialog.heading.text(), dialog.tree.topLevelItemCount(),
            group(dialog, "Changed (1)").child(0).text(0)) == shown  # type: ignore[union-attr]
    assert dialog.again_button.isEnabled() and heard == []


def test_a_file_that_is_not_a_plan_is_told_and_the_window_closes(
        window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    notes = tmp_path / "notes.okr"
    notes.write_text("not a plan", "utf-8")
    with qtbot.waitSignal(window.error_shown, timeout=WAIT_MS) as shown:
        dialog = window.compare_commands.show_window(CompareChoice(path=notes))
    assert shown.args is not None
    title, message = shown.args
    assert title == "The plans cannot be compared"
    assert "notes.okr: is not an OKR Desk plan" in message
    assert dialog is not None and not dialog.isVisible() and dialog.diff is None
