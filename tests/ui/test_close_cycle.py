"""Closing a cycle in the app: the dialog from its shortcut, a score moved away from the proposal
needs a note (the plan refuses without one and the dialog keeps what was typed), the scores and
the closed state in the plan file, the summary and carrying unfinished objectives over; a closed
cycle refuses a drag and an edit in the inspector, shows a banner and the final scores; undo
reopens it, redo closes it, Cycle > Reopen cycle opens it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from okrdesk_ui.dialogs.close_cycle import CloseCycleDialog
from okrdesk_ui.dialogs.close_cycle_summary import ClosingSummaryDialog
from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.settings import AppSettings
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from tests.core.builders import small_org
from tests.ui.test_canvas_support import drag, header_point

CLOSE_KEYS = "Ctrl+Alt+C"
REOPEN_KEYS = "Ctrl+Alt+Shift+C"
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    """In 2027-Q1: Win Europe (Alex, committed, progress 0.4), Grow EU sales (Sam,
    aspirational, 0.8) and Refresh the logo (Noor, no key results)."""
    path = tmp_path / "plan.okr"
    with small_org(path) as org:
        win = org.objective("Alex Chen", "Win Europe", cycle="2027-Q1")
        org.key_result(win, "Revenue from Europe", unit="M EUR", start_value=0,
                       target_value=10, current_value=4)
        grow = org.objective("Sam Lee", "Grow EU sales", cycle="2027-Q1",
                             commitment="aspirational")
        org.key_result(grow, "New EU customers", start_value=0, target_value=50,
                       current_value=40)
        org.objective("Noor Haddad", "Refresh the logo", cycle="2027-Q1")
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
    shown.cycle_switcher.choose(cycle_id(shown, "2027-Q1"))
    yield shown
    for dialog in shown.findChildren(QWidget):
        if dialog.isWindow() and dialog is not shown:
            dialog.close()
    shown.close()
    shown.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def snapshot_of(window: MainWindow) -> Snapshot:
    assert window.document is not None
    return window.document.snapshot


def cycle_id(window: MainWindow, name: str) -> str:
    cycle = snapshot_of(window).cycle_named(name)
    assert cycle is not None
    return cycle.id


def titled(snapshot: Snapshot, title: str, cycle: str = "2027-Q1") -> str:
    found = [o.id for o in snapshot.objectives.values()
             if o.title == title and snapshot.cycles[o.cycle_id].name == cycle]
    assert len(found) == 1, (title, cycle)
    return found[0]


def reopened(path: Path) -> Snapshot:
    with Plan.open(path, read_only=True) as plan, plan.read() as connection:
        return Snapshot.load(connection)


def shown_dialog(window: MainWindow, qtbot: QtBot, kind: type[QDialog]) -> QDialog:
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(kind)))
    dialog = next(d for d in window.findChildren(kind) if d.isVisible())
    qtbot.waitExposed(dialog)
    return dialog


def open_closing(window: MainWindow, qtbot: QtBot) -> CloseCycleDialog:
    assert window.canvas is not None
    window.canvas.setFocus()
    QTest.keySequence(window, CLOSE_KEYS)
    dialog = shown_dialog(window, qtbot, CloseCycleDialog)
    assert isinstance(dialog, CloseCycleDialog)
    return dialog


def close_unchanged(window: MainWindow, qtbot: QtBot) -> None:
    """Close 2027-Q1 with the proposed scores; dismiss the summary with Esc."""
    dialog = open_closing(window, qtbot)
    QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    summary = shown_dialog(window, qtbot, ClosingSummaryDialog)
    QTest.keyClick(summary, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not summary.isVisible())
    window.activateWindow()


def press(window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    assert window.canvas is not None
    window.canvas.setFocus()  # not a text field, which keeps Ctrl+Z for itself
    QTest.keyClick(window, key, modifiers)


def test_close_with_a_note_then_carry_over(window: MainWindow, qtbot: QtBot,
                                           plan_path: Path) -> None:
    dialog = open_closing(window, qtbot)
    win = titled(snapshot_of(window), "Win Europe")
    line = next(line for block in dialog.blocks for line in block.lines if line.row_id == win)
    assert line.value() == pytest.approx(0.4) and not line.note.property("required")
    QTest.mouseClick(line.score, Qt.MouseButton.LeftButton)
    for _ in range(4):  # 0.4 -> 0.8 in steps of 0.1
        QTest.keyClick(line.score, Qt.Key.Key_Up)
    assert line.value() == pytest.approx(0.8)
    assert line.note.property("required")
    assert line.reason is not None and line.reason.isVisible() and "0.4" in line.reason.text()

    QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)  # no note yet: refused
    assert dialog.isVisible() and "add a note" in dialog.problem.text()
    assert line.value() == pytest.approx(0.8) and dialog.focusWidget() is line.note
    assert reopened(plan_path).cycles[cycle_id(window, "2027-Q1")].closed_at is None

    QTest.keyClicks(line.note, "Two large deals signed after the quarter's numbers")
    QTest.keyClick(line.note, Qt.Key.Key_Return)  # moves on; only the button closes
    assert dialog.isVisible() and dialog.focusWidget() is not line.note
    grow = next(block for block in dialog.blocks if block.objective.title == "Grow EU sales")
    QTest.mouseClick(grow.reflections["learned"], Qt.MouseButton.LeftButton)
    QTest.keyClicks(grow.reflections["learned"], "Dealers sell what they can demo")
    QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    summary = shown_dialog(window, qtbot, ClosingSummaryDialog)
    assert not dialog.isVisible()
    saved = reopened(plan_path)
    assert saved.cycles[cycle_id(window, "2027-Q1")].closed_at is not None
    assert saved.objective_scores[win].value == pytest.approx(0.8)
    assert saved.objective_scores[win].note.startswith("Two large deals")
    assert saved.objective_scores[grow.objective.id].learned == "Dealers sell what they can demo"
    revenue = snapshot_of(window).key_results_of(win)[0].id
    assert saved.kr_scores[revenue].value == pytest.approx(0.4)

    assert isinstance(summary, ClosingSummaryDialog)
    assert "3 objectives scored" in summary.figures.text()
    short = [summary.short.item(i).text() for i in range(summary.short.count())]
    assert any("Win Europe" in text for text in short)  # committed, 0.8 < 1.0
    assert not any("Grow EU sales" in text for text in short)  # aspirational, 0.8 >= 0.7
    assert summary.carry.isVisible() and "2027-Q2" in summary.carry.text()
    logo = next(i for i in range(summary.unfinished.count())
                if summary.unfinished.item(i).text() == "Refresh the logo")
    summary.unfinished.setFocus()
    summary.unfinished.setCurrentRow(logo)
    QTest.keyClick(summary.unfinished, Qt.Key.Key_Space)  # untick: it stops here
    QTest.mouseClick(summary.carry, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not summary.isVisible())
    carried = reopened(plan_path)
    in_q2 = {o.title for o in carried.objectives.values()
             if carried.cycles[o.cycle_id].name == "2027-Q2"}
    assert in_q2 == {"Win Europe", "Grow EU sales"}


def test_a_closed_cycle_refuses_changes_and_undo_reopens_it(
        window: MainWindow, qtbot: QtBot, plan_path: Path) -> None:
    q1 = cycle_id(window, "2027-Q1")
    assert window.commands.applies("cycle.close")
    assert not window.commands.applies("cycle.reopen")
    close_unchanged(window, qtbot)
    assert window.closed_banner.isVisible()
    assert "2027-Q1 is closed" in window.closed_banner.text.text()
    assert "(closed)" in window.cycle_switcher.currentText()
    assert not window.commands.applies("cycle.close")
    assert window.commands.applies("cycle.reopen")

    snapshot = snapshot_of(window)
    logo, win = titled(snapshot, "Refresh the logo"), titled(snapshot, "Win Europe")
    before = reopened(plan_path).objectives
    assert window.canvas is not None
    cards = window.canvas.canvas_scene.cards
    window.canvas.center_on_objective(win)
    assert cards[logo].face.final_score == pytest.approx(0.0)
    drag(window.canvas, header_point(cards[logo]), header_point(cards[win]))
    assert "2027-Q1 is closed" in window.statusBar().currentMessage()
    assert reopened(plan_path).objectives == before

    window.focus_objective(win)
    form = window.inspector.objective_form
    assert form.final_score.isVisible() and "Final score 0.4" in form.final_score.text()
    form.title.setFocus()
    form.title.selectAll()
    QTest.keyClicks(form.title, "Win the world")
    QTest.keyClick(form.title, Qt.Key.Key_Return)
    assert "reopen it to change it" in window.statusBar().currentMessage()
    assert reopened(plan_path).objectives[win].title == "Win Europe"

    press(window, Qt.Key.Key_Z, CTRL)  # undo the closing
    assert reopened(plan_path).cycles[q1].closed_at is None
    assert not window.closed_banner.isVisible()
    press(window, Qt.Key.Key_Z, CTRL | SHIFT)  # redo it
    assert reopened(plan_path).cycles[q1].closed_at is not None
    assert window.closed_banner.isVisible()

    window.canvas.setFocus()
    QTest.keySequence(window, REOPEN_KEYS)
    assert reopened(plan_path).cycles[q1].closed_at is None
    assert reopened(plan_path).objective_scores[win].value == pytest.approx(0.4)  # kept
    assert window.commands.applies("cycle.close") and not window.closed_banner.isVisible()
    assert "(closed)" not in window.cycle_switcher.currentText()


def test_no_next_cycle_offers_nothing(window: MainWindow, qtbot: QtBot) -> None:
    window.cycle_switcher.choose(cycle_id(window, "2027-Q4"))
    dialog = open_closing(window, qtbot)
    assert dialog.blocks == []
    QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    summary = shown_dialog(window, qtbot, ClosingSummaryDialog)
    assert isinstance(summary, ClosingSummaryDialog)
    assert not summary.carry.isVisible() and not summary.unfinished.isVisible()
    assert "nothing" in summary.offer.text().lower()


def test_the_switcher_offers_close_and_reopen(window: MainWindow, qtbot: QtBot) -> None:
    switcher = window.cycle_switcher
    keys = [switcher.command_key(i) for i in range(switcher.count())]
    assert "cycle.close" in keys and "cycle.reopen" in keys
    menu = window.closing_commands.switcher_menu(switcher.rect().center())
    assert menu is not None
    names = [action.objectName() for action in menu.actions()]
    assert "cycle.close" in names and "cycle.reopen" not in names  # only what applies
    menu.close()
    cycle_menu = [a.menu() for a in window.menuBar().actions()
                  if a.menu() is not None and a.menu().objectName() == "cycleMenu"]
    assert cycle_menu and "cycle.close" in [a.objectName() for a in cycle_menu[0].actions()]


def test_a_hundred_and_fifty_objectives_scroll_filter_and_tab(tmp_path: Path,
                                                              qtbot: QtBot) -> None:
    from okrdesk_ui.document import PlanDocument

    people = ("Alex Chen", "Sam Lee", "Kim Park", "Dana Ross", "Noor Haddad")
    with small_org(tmp_path / "big.okr") as org:
        for number in range(150):
            objective = org.objective(people[number % 5], f"Objective {number:03}",
                                      cycle="2027-Q1")
            org.key_result(objective, f"Measure {number:03}", start_value=0, target_value=10,
                           current_value=number % 11)
        document = PlanDocument(org.plan)
        dialog = CloseCycleDialog(document, org.cycles["2027-Q1"])
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        assert len(dialog.entries) == 150 and dialog.shown.text().startswith("150 of 150")
        assert 0 < len(dialog.blocks) < 20  # widgets only for the objectives near the view
        bar = dialog.list_area.verticalScrollBar()
        assert bar.maximum() > 0 and bar.value() == 0

        dialog.list_area.block(148).reflections["decided"].setFocus()
        last = dialog.list_area.block(149)  # Tab walks on into the next objective's fields
        order = [last.lines[0].score, last.lines[0].note, last.lines[1].score,
                 last.lines[1].note, last.reflections["achieved"], last.reflections["learned"],
                 last.reflections["decided"], dialog.ok]
        for expected in order:
            focused = QApplication.focusWidget()
            assert focused is not None
            QTest.keyClick(focused, Qt.Key.Key_Tab)
            assert QApplication.focusWidget() is expected
        assert bar.value() > 0  # the list scrolled to follow the keyboard
        QTest.keyClick(dialog.ok, Qt.Key.Key_Tab, SHIFT)  # back into the list, at its end
        assert QApplication.focusWidget() is last.reflections["decided"]

        QTest.keyClicks(dialog.filter, "Kim")
        assert dialog.shown.text().startswith("30 of 150") and bar.value() == 0
        assert [dialog.entries[i].objective.owner for i in dialog.list_area.shown] == \
            ["Kim Park"] * 30
        assert dialog.blocks and all(b.objective.owner == "Kim Park" for b in dialog.blocks)
        QTest.keyClick(dialog.filter, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is dialog.owner
        QTest.keyClick(dialog.owner, Qt.Key.Key_Tab)  # on into the list
        assert QApplication.focusWidget() is dialog.blocks[0].lines[0].score
        dialog.filter.clear()
        dialog.owner.setCurrentIndex(dialog.owner.findData("Sam Lee"))
        assert len(dialog.list_area.shown) == 30
        dialog.close()
        document.close()

