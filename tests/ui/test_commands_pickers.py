"""The searchable pickers: typed words filter, Enter picks, Esc cancels, a refused target says
why; what they list agrees with the rules, and a large plan's picker shows a first page."""

from __future__ import annotations

from pathlib import Path

import pytest
from okrdesk_ui import picker_choices
from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.pickers import SHOWN_AT_MOST, Picker
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from okrdesk import ops
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from okrdesk.synthetic import generate_plan
from tests.ui.dialog_driving import type_text
from tests.ui.test_commands_support import modal, snapshot_of
from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures
from tests.ui.test_window_support import objective_titled

LEADING = "Become the leading electric car dealership in the region"


def open_align_picker(window: MainWindow, qtbot: QtBot, objective_id: str) -> Picker:
    assert window.document is not None
    window.document.select("objectives", objective_id)
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # Align up to…
    picker = modal(qtbot, Picker)
    assert isinstance(picker, Picker)
    return picker


def lowest_objective(snapshot: Snapshot) -> str:
    return max(snapshot.objectives, key=lambda o: (snapshot.level_of(o).rank, o))


def test_typed_words_filter_in_any_order_and_enter_picks(
    window: MainWindow, qtbot: QtBot,
) -> None:
    snapshot = snapshot_of(window)
    child = lowest_objective(snapshot)
    picker = open_align_picker(window, qtbot, child)
    everything = len(picker.shown())
    parent = next(c for c in picker.shown() if not c.indent and picker.refusal(c) is None)
    owner = snapshot.units[snapshot.objectives[parent.payload[0]].owner_id]
    first_word = parent.text.split()[0]
    # The owner may be "Tomás Ferreira": QTest.keyClicks aborts on letters outside ASCII.
    type_text(picker.filter, f"{owner.name.split()[0]} {first_word}")
    shown = picker.shown()
    assert 0 < len(shown) < everything
    assert all(owner.name.split()[0].lower() in c.search and first_word.lower() in c.search
               for c in shown)
    assert picker.current() is shown[0]
    QTest.keyClick(picker.filter, Qt.Key.Key_Down)  # the list follows the arrows from the field
    assert picker.current() is shown[1]
    QTest.keyClick(picker.filter, Qt.Key.Key_Up)
    QTest.keyClick(picker.filter, Qt.Key.Key_Return)
    assert not picker.isVisible()
    target, under = picker_choices.alignment_target(shown[0].payload)
    after = snapshot_of(window).objectives[child]
    kr = snapshot_of(window).key_results[after.parent_kr_id or ""]
    assert kr.objective_id == target and (under is None or kr.id == under)


def test_escape_cancels_and_changes_nothing(window: MainWindow, qtbot: QtBot) -> None:
    snapshot = snapshot_of(window)
    child = lowest_objective(snapshot)
    before = snapshot.objectives[child].parent_kr_id
    steps = window.document.undo_stack.count()
    picker = open_align_picker(window, qtbot, child)
    QTest.keyClicks(picker.filter, "a")
    QTest.keyClick(picker.filter, Qt.Key.Key_Escape)
    assert not picker.isVisible()
    assert snapshot_of(window).objectives[child].parent_kr_id == before
    assert window.document.undo_stack.count() == steps


def test_a_refused_target_is_greyed_last_and_explained(window: MainWindow, qtbot: QtBot) -> None:
    leading = objective_titled(window, LEADING)  # the company's: nothing is above it
    snapshot = snapshot_of(window)
    low = snapshot.objectives[lowest_objective(snapshot)]
    picker = open_align_picker(window, qtbot, leading)
    assert all(picker.refusal(c) is not None for c in picker.shown())
    assert "None of these can be chosen" in picker.message.text()
    QTest.keyClicks(picker.filter, low.title)
    row = picker.current()
    assert row is not None and row.payload == (low.id, None)
    expected = ops.alignment_refusal(ops.SnapshotFacts(snapshot), leading, low.id)
    assert expected is not None
    index = picker.list.currentIndex()
    assert "Not possible:" in str(index.data(Qt.ItemDataRole.DisplayRole))
    assert index.data(Qt.ItemDataRole.ToolTipRole) == expected
    QTest.keyClick(picker.filter, Qt.Key.Key_Return)
    assert picker.isVisible()  # refused: it stays, with the rule's reason
    assert picker.message.text() == expected
    assert snapshot_of(window).objectives[leading].parent_kr_id is None
    picker.close()


def test_what_the_pickers_list_agrees_with_the_rules(window: MainWindow) -> None:
    snapshot = snapshot_of(window)
    facts = ops.SnapshotFacts(snapshot)
    for child in snapshot.objectives:
        listed = picker_choices.alignment_choices(snapshot, child)
        valid = {c.payload[0] for c in listed.rows
                 if not c.indent and listed.refusal(c) is None}
        assert valid == {p for p in snapshot.objectives if p != child
                         and ops.alignment_refusal(facts, child, p) is None}, child
        linked = picker_choices.contribution_choices(snapshot, child)
        assert {c.payload for c in linked.rows if linked.refusal(c) is None} == {
            t for t in snapshot.objectives
            if t != child and ops.contribution_refusal(facts, child, t) is None}, child
    for kr_id in list(snapshot.key_results)[:40]:
        people = picker_choices.delegation_choices(snapshot, kr_id)
        assert {c.payload for c in people.rows if people.refusal(c) is None} == {
            u for u in snapshot.units if ops.delegation_refusal(facts, kr_id, u) is None}


@pytest.fixture(scope="module")
def large_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_plan(tmp_path_factory.mktemp("large") / "large.okr", 400)


def test_a_large_plans_picker_shows_a_first_page_and_says_how_many_more(
    large_plan: Path, qtbot: QtBot, data_home: Path,
) -> None:
    plan = Plan.open(large_plan, read_only=True)
    try:
        with plan.read() as connection:
            snapshot = Snapshot.load(connection)
    finally:
        plan.close()
    child = lowest_objective(snapshot)
    facts = ops.SnapshotFacts(snapshot)
    listed = picker_choices.alignment_choices(snapshot, child)
    valid = {c.payload[0] for c in listed.rows
             if not c.indent and listed.refusal(c) is None}
    assert valid == {p for p in snapshot.objectives
                     if p != child and ops.alignment_refusal(facts, child, p) is None}
    parent = QWidget()
    qtbot.addWidget(parent)
    picker = Picker(parent, "Align up to", "", listed, lambda _payload: None)
    assert len(picker.shown()) == SHOWN_AT_MOST < len(listed.rows)
    picker.list.setCurrentIndex(picker.model.index(1, 0))
    assert "more match" in picker.message.text()
