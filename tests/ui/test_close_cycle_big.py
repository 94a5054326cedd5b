"""The closing dialog on a quarter of some 1,500 objectives (a synthetic plan of 500 people):
widgets only near the view, the keyboard across objectives built and not, what was typed kept
while out of view, the plan's refusal bringing the missing note into view, and closing in a
worker thread as one undo step; the plan file holds what was typed."""

from __future__ import annotations

from pathlib import Path

import pytest
from okrdesk_ui.dialogs.close_cycle import CloseCycleDialog
from okrdesk_ui.document import PlanDocument
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDoubleSpinBox, QLineEdit
from pytestqt.qtbot import QtBot

from okrdesk.storage import Plan
from okrdesk.synthetic import generate_plan
from tests.ui.test_close_cycle import CTRL, SHIFT, reopened


def test_a_quarter_of_fifteen_hundred_objectives(tmp_path: Path, qtbot: QtBot) -> None:
    """Widgets only near the view: filter by an owner, type a score and its note far down the
    list with the keyboard, move another score at the very end without a note (refused, the
    note brought into view), add it and close; the plan file holds what was typed."""
    path = generate_plan(tmp_path / "quarter.okr", 500)
    document = PlanDocument(Plan.open(path))
    quarter = document.snapshot.cycle_named("2027-Q1")
    assert quarter is not None
    dialog = CloseCycleDialog(document, quarter.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    entries, listed = dialog.entries, dialog.list_area
    assert len(entries) > 1500 and 0 < len(dialog.blocks) < 20

    owner = entries[len(entries) * 9 // 10].objective.owner
    QTest.mouseClick(dialog.filter, Qt.MouseButton.LeftButton)
    QTest.keyClicks(dialog.filter, owner)
    assert 0 < len(listed.shown) < len(entries)
    far = entries[listed.shown[-1]]
    score, note = reach_objective_score(dialog, far.objective.id)
    typed = 0.2 if far.objective.score >= 0.5 else 0.9
    QTest.keyClick(score, Qt.Key.Key_A, CTRL)
    QTest.keyClicks(score, f"{typed}")
    QTest.keyClick(score, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is note and note.property("required")
    QTest.keyClicks(note, "Reorganised in the middle of the quarter")
    QTest.keyClick(note, Qt.Key.Key_Return)  # moves on
    assert QApplication.focusWidget() is not note and dialog.isVisible()

    QTest.mouseClick(dialog.filter, Qt.MouseButton.LeftButton)
    QTest.keyClick(dialog.filter, Qt.Key.Key_A, CTRL)
    QTest.keyClick(dialog.filter, Qt.Key.Key_Delete)
    assert len(listed.shown) == len(entries)
    last = entries[-1]
    score, _note = reach_objective_score(dialog, last.objective.id)
    for _ in range(3):  # 0.3 away from the proposal: a note is needed
        QTest.keyClick(score, Qt.Key.Key_Down if last.objective.score >= 0.5 else Qt.Key.Key_Up)
    moved = last.scores[last.objective.id]
    assert abs(moved - last.objective.score) > 0.25
    assert all(block.entry is not far for block in dialog.blocks)  # dropped, kept in its entry
    QTest.mouseClick(dialog.filter, Qt.MouseButton.LeftButton)
    listed.verticalScrollBar().setValue(0)
    assert all(block.entry is not last for block in dialog.blocks)

    QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)  # closes in a worker thread
    assert dialog.busy.isVisible() and not dialog.ok.isEnabled()
    qtbot.waitUntil(lambda: dialog.step is None, timeout=60000)
    assert dialog.isVisible() and "add a note" in dialog.problem.text()  # refused
    assert not dialog.busy.isVisible() and dialog.ok.isEnabled()
    focused = QApplication.focusWidget()
    assert focused is not None and focused.objectName() == "closingNote"
    assert listed.index_of(focused) == len(entries) - 1
    top = focused.mapTo(listed.viewport(), focused.rect().topLeft()).y()
    assert top >= 0 and top + focused.height() <= listed.viewport().height()
    QTest.keyClicks(focused, "Stopped: the market moved")
    with qtbot.waitSignal(dialog.closed, timeout=60000):
        QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        QTest.keyClick(dialog, Qt.Key.Key_Escape)  # ignored: closing is not stopped halfway
        assert dialog.isVisible()
    assert document.undo_stack.count() == 1 and document.snapshot.cycles[quarter.id].closed_at
    saved = reopened(path)
    document.undo_stack.undo()  # one step takes the whole closing back
    assert reopened(path).cycles[quarter.id].closed_at is None
    document.close()

    assert saved.cycles[quarter.id].closed_at is not None
    assert saved.objective_scores[far.objective.id].value == pytest.approx(typed)
    assert saved.objective_scores[far.objective.id].note == \
        "Reorganised in the middle of the quarter"
    assert saved.objective_scores[last.objective.id].value == pytest.approx(moved)
    assert saved.objective_scores[last.objective.id].note == "Stopped: the market moved"
    assert len(saved.objective_scores) >= len(entries)


def reach_objective_score(dialog: CloseCycleDialog,
                          objective_id: str) -> tuple[QDoubleSpinBox, QLineEdit]:
    """Shift+Tab from the OK button, into the last objective shown and back to its score;
    that score field and its note."""
    dialog.ok.setFocus()
    for _ in range(40):
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, Qt.Key.Key_Tab, SHIFT)
        block = next((b for b in dialog.blocks if b.objective.id == objective_id), None)
        if block is not None and QApplication.focusWidget() is block.lines[0].score:
            return block.lines[0].score, block.lines[0].note
    raise AssertionError("Shift+Tab never reached the objective's score")
