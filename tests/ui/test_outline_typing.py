"""The outline view typed from the keyboard alone: objectives, key results read from their
words, edits, deletes and moves, each one undo step, on a real plan file."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.panels.outline import OutlinePanel
from okrdesk_ui.settings import AppSettings
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from okrdesk import ops
from okrdesk.model import KrKind
from okrdesk.snapshot import ObjectiveRow
from tests.core.builders import small_org

Key = Qt.Key


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    path = tmp_path / "team.okr"
    small_org(path).close()
    shown = MainWindow(AppSettings())
    qtbot.addWidget(shown)
    assert shown.open_path(path)
    shown.show()
    shown.activateWindow()
    qtbot.waitExposed(shown)
    yield shown
    shown.close()
    shown.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def open_outline(window: MainWindow, owner: str) -> OutlinePanel:
    """Ctrl+Alt+O shows the outline; the owner is typed into the chooser, then Enter."""
    QTest.keyClick(window, Key.Key_O, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier)
    assert window.docks["outline"].isVisible()
    found = window.outline_commands.panel()
    assert isinstance(found, OutlinePanel)
    panel: OutlinePanel = found
    assert QApplication.focusWidget() is panel.tree
    field = panel.owner_box.lineEdit()
    assert field is not None
    field.setFocus()
    field.selectAll()
    QTest.keyClicks(field, owner)
    QTest.keyClick(field, Key.Key_Return)
    assert panel.owner_box.currentText() == owner
    tree = panel.tree
    assert tree is not None
    tree.setFocus()
    return panel


def line_editor() -> QLineEdit:
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.objectName() == "outlineLineEditor"
    return editor


def type_line(text: str, *then: Key) -> None:
    """Type `text` key by key (a character beyond one UTF-16 unit, such as an emoji, arrives in
    one key event, as an input method sends it), then press `then` (default Enter)."""
    editor = line_editor()
    for char in text:
        if len(char.encode("utf-16-le")) > 2:
            QApplication.sendEvent(editor, QKeyEvent(QEvent.Type.KeyPress, 0,
                                                     Qt.KeyboardModifier.NoModifier, char))
        else:
            QTest.keyClicks(editor, char)
    for pressed in then or (Key.Key_Return,):
        QTest.keyClick(line_editor(), pressed)  # Enter and Tab open a new line editor


def key(widget: object, pressed: Key, modifiers: Qt.KeyboardModifier =
        Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(widget, pressed, modifiers)  # type: ignore[call-overload]


def objectives_of(window: MainWindow, owner: str) -> list[ObjectiveRow]:
    document = window.document
    assert document is not None
    owner_id = next(u.id for u in document.snapshot.units.values() if u.name == owner)
    mine = [o for o in document.snapshot.objectives.values() if o.owner_id == owner_id]
    return sorted(mine, key=lambda o: (o.position, o.created_at))


def outline_texts(panel: OutlinePanel) -> list[str]:
    texts = []
    for index in range(panel.tree.topLevelItemCount()):
        top = panel.tree.topLevelItem(index)
        assert top is not None
        texts.append(top.text(0))
        texts += [f"  {top.child(c).text(0)}" for c in range(top.childCount())]
    return texts


def test_two_objectives_with_three_key_results_each_typed_from_the_keyboard(
        window: MainWindow) -> None:
    panel = open_outline(window, "Kim Park")
    key(panel.tree, Key.Key_Return)  # an empty outline: Enter opens the first objective
    type_line("Grow EU revenue")
    type_line("", Key.Key_Tab)  # the next line becomes a key result of the objective above
    type_line("Raise NPS from 30 to 45")
    type_line("Cut churn from 4% to 2%")
    type_line("Launch the partner portal by June")
    type_line("", Key.Key_Backtab)  # back to the margin: the next objective
    type_line("Build a team that stays 🚀")
    type_line("", Key.Key_Tab)
    type_line("Hire 5 engineers")
    type_line("Keep attrition below 10%")
    type_line("Improve onboarding")
    type_line("", Key.Key_Return)  # Enter on an empty line ends the typing
    assert QApplication.focusWidget() is panel.tree

    document = window.document
    assert document is not None
    grow, team = objectives_of(window, "Kim Park")
    assert (grow.title, team.title) == ("Grow EU revenue", "Build a team that stays 🚀")
    assert grow.cycle_id == team.cycle_id == document.cycle_id
    read = [(kr.title, kr.kind, kr.start_value, kr.target_value, kr.unit)
            for kr in document.snapshot.key_results_of(grow.id)]
    assert read == [("Raise NPS from 30 to 45", KrKind.INCREASE, 30.0, 45.0, "NPS"),
                    ("Cut churn from 4% to 2%", KrKind.DECREASE, 4.0, 2.0, "%"),
                    ("Launch the partner portal by June", KrKind.MILESTONE, None, None, "")]
    assert [kr.kind for kr in document.snapshot.key_results_of(team.id)] == [
        KrKind.INCREASE, KrKind.STAY_BELOW, KrKind.NO_METRIC]
    assert outline_texts(panel) == [
        "Grow EU revenue", "  Raise NPS from 30 to 45", "  Cut churn from 4% to 2%",
        "  Launch the partner portal by June", "Build a team that stays 🚀",
        "  Hire 5 engineers", "  Keep attrition below 10%", "  Improve onboarding"]
    kr_item = panel.tree.topLevelItem(0).child(0)  # type: ignore[union-attr]
    assert kr_item is not None and kr_item.text(1) == "increase from 30 to 45 · NPS"
    assert document.undo_stack.count() == 8  # one step per line
    key(window, Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [kr.title for kr in document.snapshot.key_results_of(team.id)] == [
        "Hire 5 engineers", "Keep attrition below 10%"]


def test_enter_in_the_middle_types_the_line_where_the_caret_is(window: MainWindow) -> None:
    document = window.document
    assert document is not None
    plan, kim = document.plan, next(u.id for u in document.snapshot.units.values()
                                    if u.name == "Kim Park")
    first = ops.create_objective(plan, kim, document.cycle_id, "First").new_id("objectives")
    ops.create_objective(plan, kim, document.cycle_id, "Last")
    ops.add_key_result(plan, first, "One")
    ops.add_key_result(plan, first, "Three")
    panel = open_outline(window, "Kim Park")
    one = panel.item_for("key_results", document.snapshot.krs_of[first][0])
    panel.tree.setCurrentItem(one)
    key(panel.tree, Key.Key_Return)
    type_line("Keep uptime above 99.9%", Key.Key_Return, Key.Key_Escape)
    panel.tree.setCurrentItem(panel.item_for("objectives", first))
    key(panel.tree, Key.Key_Return)
    type_line("Between", Key.Key_Return, Key.Key_Escape)
    assert outline_texts(panel) == ["First", "  One", "  Keep uptime above 99.9%", "  Three",
                                    "Between", "Last"]
    assert [o.title for o in objectives_of(window, "Kim Park")] == ["First", "Between", "Last"]
    current = panel.tree.currentItem()
    assert current is not None and current.text(0) == "Between"


def test_f2_edits_delete_asks_and_ctrl_arrows_reorder(window: MainWindow) -> None:
    document = window.document
    assert document is not None
    panel = open_outline(window, "Sam Lee")
    key(panel.tree, Key.Key_Return)
    type_line("Grow revenue")
    type_line("", Key.Key_Tab)
    type_line("Raise NPS from 30 to 45")
    type_line("", Key.Key_Backtab)
    type_line("Open Nordics", Key.Key_Return, Key.Key_Escape)
    grow, nordics = objectives_of(window, "Sam Lee")

    panel.tree.setCurrentItem(panel.item_for("key_results", document.snapshot.krs_of[grow.id][0]))
    key(panel.tree, Key.Key_F2)
    editor = line_editor()
    editor.selectAll()
    type_line("Raise NPS from 30 to 50")
    kr = document.snapshot.key_results_of(grow.id)[0]
    assert (kr.title, kr.target_value) == ("Raise NPS from 30 to 50", 50.0)  # read again

    panel.tree.setCurrentItem(panel.item_for("objectives", nordics.id))
    key(panel.tree, Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [o.title for o in objectives_of(window, "Sam Lee")] == ["Open Nordics",
                                                                   "Grow revenue"]
    current = panel.tree.currentItem()
    assert current is not None and current.text(0) == "Open Nordics"  # the caret follows

    panel.tree.setCurrentItem(panel.item_for("objectives", grow.id))
    answers: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        answers.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Cancel))
    key(panel.tree, Key.Key_Delete)
    assert answers == ["Delete “Grow revenue”?"]
    assert grow.id in document.snapshot.objectives  # Cancel: nothing deleted
    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Yes))
    key(panel.tree, Key.Key_Delete)
    assert grow.id not in document.snapshot.objectives
    panel.tree.setCurrentItem(panel.item_for("objectives", nordics.id))
    key(panel.tree, Key.Key_Delete)  # no key results: deleted without a question
    assert objectives_of(window, "Sam Lee") == []
    assert len(answers) == 2


def test_changes_made_elsewhere_keep_the_caret_and_an_open_line(window: MainWindow) -> None:
    document = window.document
    assert document is not None
    panel = open_outline(window, "Kim Park")
    key(panel.tree, Key.Key_Return)
    type_line("Grow EU revenue")
    type_line("Second", Key.Key_Return, Key.Key_Escape)
    grow, second = objectives_of(window, "Kim Park")
    panel.tree.setCurrentItem(panel.item_for("objectives", second.id))
    ops.edit_objective(document.plan, grow.id, title="Grow EU revenue fast")  # elsewhere
    assert outline_texts(panel) == ["Grow EU revenue fast", "Second"]
    current = panel.tree.currentItem()
    assert current is not None and current.text(0) == "Second"
    key(panel.tree, Key.Key_Return)
    QTest.keyClicks(line_editor(), "Third, typed while")
    ops.edit_objective(document.plan, grow.id, title="Grow")  # while a line is open
    assert line_editor().text() == "Third, typed while"
    type_line(" the plan changed", Key.Key_Return, Key.Key_Escape)
    assert [o.title for o in objectives_of(window, "Kim Park")] == [
        "Grow", "Second", "Third, typed while the plan changed"]
    assert outline_texts(panel) == ["Grow", "Second", "Third, typed while the plan changed"]


def test_a_refused_line_stays_open_with_the_reason_shown(window: MainWindow) -> None:
    panel = open_outline(window, "Kim Park")
    key(panel.tree, Key.Key_Return)
    line_editor().setText("x" * 501)
    key(line_editor(), Key.Key_Return)
    assert "at most 500 characters" in window.statusBar().currentMessage()
    assert line_editor().text() == "x" * 501  # nothing lost: shorten it and Enter again
    QTest.keyClick(line_editor(), Key.Key_End)  # the text comes back selected
    QTest.keyClick(line_editor(), Key.Key_Backspace)
    QTest.keyClick(line_editor(), Key.Key_Return)
    QTest.keyClick(line_editor(), Key.Key_Escape)
    assert [len(o.title) for o in objectives_of(window, "Kim Park")] == [500]


def test_this_cycle_shows_every_owner(window: MainWindow) -> None:
    document = window.document
    assert document is not None
    units = {u.name: u.id for u in document.snapshot.units.values()}
    ops.create_objective(document.plan, units["Sam Lee"], document.cycle_id, "Sales first")
    ops.create_objective(document.plan, units["Alex Chen"], document.cycle_id, "Company goal")
    panel = open_outline(window, "Kim Park")
    assert outline_texts(panel) == []
    panel.mode_box.setFocus()
    key(panel.mode_box, Key.Key_Down)
    assert panel.mode_box.currentText() == "This cycle"
    assert outline_texts(panel) == ["Company goal", "Sales first"]  # top level first
    top = panel.tree.topLevelItem(0)
    assert top is not None and top.text(1) == "Alex Chen"


@pytest.mark.slow
def test_a_30000_objective_plan_builds_only_the_chosen_rows(qtbot: QtBot, tmp_path: Path) -> None:
    from okrdesk_ui.document import PlanDocument

    from okrdesk.storage import Plan
    from okrdesk.synthetic import generate_plan

    document = PlanDocument(Plan.open(generate_plan(tmp_path / "big.okr", 10_000, seed=1)))
    try:
        assert len(document.snapshot.objectives) > 30_000
        start = time.perf_counter()
        panel = OutlinePanel(document)
        qtbot.addWidget(panel)
        built = time.perf_counter() - start
        shown = panel.tree.topLevelItemCount()
        assert 0 < shown < 20 and built < 1.0
        panel.show()
        panel.activateWindow()
        qtbot.waitExposed(panel)
        qtbot.waitUntil(panel.isActiveWindow)
        panel.tree.setFocus()
        panel.tree.setCurrentItem(panel.tree.topLevelItem(shown - 1))
        start = time.perf_counter()
        key(panel.tree, Key.Key_Return)
        type_line("Typed on a big plan", Key.Key_Return, Key.Key_Escape)
        typed = time.perf_counter() - start
        assert panel.tree.topLevelItemCount() == shown + 1 and typed < 1.0
        panel.set_mode("cycle")  # the whole year: the first rows, then a note of the rest
        assert panel.tree.topLevelItemCount() == 401
        last = panel.tree.topLevelItem(400)
        assert last is not None and "more objectives" in last.text(0)
    finally:
        document.close()
