"""File > Merge a draft… and the merge review window: a draft of Olivia Chen's part is taken
out and edited, the plan changes the same title meanwhile; the review shows the draft's change
and the conflict with both values, a click and a key settle it, Merge writes it all, and one
Ctrl+Z takes the whole merge back (each checked in the plan file). A plain plan offered as a
draft is refused with the reason, and the plan stays as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.merge_review.model import CHOICE, DRAFT, PLAN, WHAT
from okrdesk_ui.merge_review.window import MergeReviewWindow
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from okrdesk import ops
from okrdesk.drafts.take_out import take_out_draft
from okrdesk.storage import Plan
from tests.ui.dialog_driving import in_next_dialog, type_into
from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures
from tests.ui.test_window_support import read_one

OWN = "Turn more test drives into sales in the North region"
KR = "Test drive to sale conversion"
TITLE_SQL = "SELECT title FROM objectives WHERE id = :id"
TARGET_SQL = "SELECT target_value FROM key_results WHERE id = :id"


def ids(window: MainWindow) -> tuple[str, str, str]:
    """Olivia Chen, her objective and its key result."""
    assert window.document is not None
    snapshot = window.document.snapshot
    olivia = next(u.id for u in snapshot.units.values() if u.name == "Olivia Chen")
    objective = next(o.id for o in snapshot.objectives.values() if o.title == OWN)
    kr = next(k for k in snapshot.key_results.values()
              if k.objective_id == objective and k.title == KR)
    return olivia, objective, kr.id


def draft_with_edits(window: MainWindow, folder: Path) -> Path:
    """Take Olivia's part out, change her title and a target in the draft, then the same
    title in the plan (through the window, as an edit would)."""
    document = window.document
    assert document is not None
    olivia, objective, kr = ids(window)
    path = take_out_draft(document.plan, olivia, None, folder / "olivia draft.okr")
    with Plan.open(path) as draft:
        ops.edit_objective(draft, objective, title="Draft title")
        ops.edit_key_result(draft, kr, target_value=45)
    document.run("Rename", lambda: ops.edit_objective(document.plan, objective,
                                                       title="Plan title"))
    return path


def choose_file(window: MainWindow, path: Path) -> list[str]:
    """Ctrl+Alt+G (File > Merge a draft…), the file's name typed into the file dialog."""
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, QFileDialog)
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert name is not None
        type_into(name, str(path))
        QTest.keyClick(name, Qt.Key.Key_Return)

    errors = in_next_dialog(fill)
    window.activateWindow()
    QApplication.processEvents()
    QTest.keySequence(window, QKeySequence("Ctrl+Alt+G"))
    return errors


def review_window(window: MainWindow, qtbot: QtBot) -> MergeReviewWindow:
    commands = window.actions_.merge_commands
    qtbot.waitUntil(lambda: commands.dialog is not None, timeout=30_000)
    dialog = commands.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.activateWindow()  # as a desktop does for a window just opened: its keys answer
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def shown_line(dialog: MergeReviewWindow, starts: str) -> QModelIndex:
    """The line whose text starts so, scrolled into view."""
    model = dialog.model
    for group in range(model.rowCount()):
        parent = model.index(group, 0)
        for row in range(model.rowCount(parent)):
            index = model.index(row, WHAT, parent)
            if str(model.data(index)).startswith(starts):
                dialog.tree.scrollTo(index)
                return index
    raise AssertionError(f"no line starts with {starts!r}")


def text(dialog: MergeReviewWindow, index: QModelIndex, column: int) -> str:
    return str(dialog.model.data(index.siblingAtColumn(column)))


def click_line(dialog: MergeReviewWindow, index: QModelIndex) -> None:
    rect = dialog.tree.visualRect(index)
    QTest.mouseClick(dialog.tree.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, rect.center())


def test_merge_a_draft_settling_a_conflict_then_undo_it_whole(
        window: MainWindow, qtbot: QtBot, tmp_path: Path, demo_plan: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OKRDESK_AUTHOR", "dana")  # who the plan's history says changed it
    file_menu = [a.text() for a in window.actions_.menus["file"].actions()]
    assert "&Merge a draft…" in file_menu
    _, objective, kr = ids(window)
    draft = draft_with_edits(window, tmp_path)
    assert choose_file(window, draft) == []
    dialog = review_window(window, qtbot)

    change = shown_line(dialog, f"Key result “{KR}”: target")
    assert (text(dialog, change, PLAN), text(dialog, change, DRAFT)) == ("30", "45")
    assert text(dialog, change, CHOICE) == "from the draft"
    conflict = shown_line(dialog, "Objective: title")  # in its own group
    assert (text(dialog, conflict, PLAN), text(dialog, conflict, DRAFT)) == (
        "Plan title", "Draft title")
    assert text(dialog, conflict.parent(), WHAT) == "Plan title — Olivia Chen   (1 to resolve)"
    assert not dialog.merge_button.isEnabled()
    assert "2 conflicts to resolve" in dialog.status.text()

    dialog.show_base.click()  # the base, on demand
    assert not dialog.tree.isColumnHidden(3)
    click_line(dialog, conflict)
    assert dialog.resolver.plan_value.text() == "Plan title"
    assert dialog.resolver.draft_value.text() == "Draft title"
    assert dialog.resolver.base_value.text() == OWN
    said = dialog.resolver.plan_change.text()  # who changed the plan's side, from its history
    assert said.startswith("Changed in the plan by dana on ") and said.endswith(" — Rename")
    assert dialog.resolver.plan_change.isVisible()
    assert dialog.model.data(conflict.siblingAtColumn(PLAN),
                             Qt.ItemDataRole.ToolTipRole) == f"Plan title\n{said}"
    QTest.mouseClick(dialog.resolver.take_draft, Qt.MouseButton.LeftButton)
    assert text(dialog, conflict, CHOICE) == "take the draft's"
    assert "1 conflict to resolve" in dialog.status.text()
    assert not dialog.merge_button.isEnabled()

    QTest.keyClick(dialog, Qt.Key.Key_F8)  # the next conflict: the key result standing for it
    qtbot.waitUntil(lambda: text(dialog, dialog.tree.currentIndex(), WHAT).startswith(
        "Key result “Plan title”: title"))  # a button's shortcut clicks it a moment later
    other = dialog.tree.currentIndex()
    QTest.keyClick(dialog, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # Take the draft's
    qtbot.waitUntil(lambda: text(dialog, other, CHOICE) == "take the draft's")
    assert dialog.merge_button.isEnabled()
    assert read_one(demo_plan, TITLE_SQL, id=objective) == "Plan title"  # nothing yet

    QTest.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert read_one(demo_plan, TITLE_SQL, id=objective) == "Draft title"
    assert read_one(demo_plan, TARGET_SQL, id=kr) == 45
    document = window.document
    assert document is not None
    assert document.undo_stack.undoText() == "Merge draft of Olivia Chen"

    window.activateWindow()
    QApplication.processEvents()
    QTest.keySequence(window, QKeySequence("Ctrl+Z"))
    assert read_one(demo_plan, TITLE_SQL, id=objective) == "Plan title"
    assert read_one(demo_plan, TARGET_SQL, id=kr) == 30
    assert document.undo_stack.undoText() == "Rename"


def test_conflicts_only_and_cancel_leave_the_plan_as_it_was(
        window: MainWindow, qtbot: QtBot, tmp_path: Path, demo_plan: Path) -> None:
    _, objective, kr = ids(window)
    assert choose_file(window, draft_with_edits(window, tmp_path)) == []
    dialog = review_window(window, qtbot)
    lines = sum(dialog.model.rowCount(dialog.model.index(g, 0))
                for g in range(dialog.model.rowCount()))
    QTest.keyClick(dialog, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # conflicts only
    qtbot.waitUntil(dialog.conflicts_only.isChecked)
    shown = [dialog.model.entry(dialog.model.index(r, 0, dialog.model.index(g, 0)))
             for g in range(dialog.model.rowCount())
             for r in range(dialog.model.rowCount(dialog.model.index(g, 0)))]
    assert len(shown) == 2 < lines and all(e is not None and e.conflict for e in shown)
    conflict = shown_line(dialog, "Objective: title")
    click_line(dialog, conflict)
    QTest.keyClick(dialog, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)  # Edit:
    qtbot.waitUntil(dialog.resolver.edit.isChecked)
    editor = dialog.resolver.editor
    assert editor is not None and editor.isEnabled()
    type_into(editor.focusProxy() or editor, "Both titles")
    assert text(dialog, conflict, CHOICE) == "edited: Both titles"
    QTest.keyClick(dialog, Qt.Key.Key_Escape)  # Cancel
    assert not dialog.isVisible()
    assert read_one(demo_plan, TITLE_SQL, id=objective) == "Plan title"
    assert read_one(demo_plan, TARGET_SQL, id=kr) == 30
    assert window.document is not None and window.document.undo_stack.count() == 1


def test_a_plain_plan_offered_as_a_draft_is_refused_and_changes_nothing(
        window: MainWindow, qtbot: QtBot, tmp_path: Path, demo_plan: Path) -> None:
    _, objective, _ = ids(window)
    plain = tmp_path / "plain copy.okr"
    shutil.copyfile(demo_plan, plain)
    assert choose_file(window, plain) == []
    commands = window.actions_.merge_commands
    qtbot.waitUntil(lambda: isinstance(commands.message, QMessageBox), timeout=30_000)
    box = commands.message
    assert box is not None and box.objectName() == "mergeRefusedBox"
    assert box.windowTitle() == "This draft cannot be merged"
    assert box.text().startswith("plain copy.okr is not a draft: it records no plan")
    assert box.text().endswith("The plan is unchanged.")
    assert commands.dialog is None
    QTest.keyClick(box, Qt.Key.Key_Return)
    assert window.document is not None and window.document.undo_stack.count() == 0
    assert read_one(demo_plan, TITLE_SQL, id=objective) == OWN


def test_a_row_deleted_in_the_draft_and_changed_in_the_plan_is_settled_by_a_side(
        window: MainWindow, qtbot: QtBot, tmp_path: Path, demo_plan: Path) -> None:
    """The choice is looked at again in the background (a whole row can bring more
    questions) before Merge is enabled; the draft's side deletes the key result."""
    document = window.document
    assert document is not None
    olivia, _, kr = ids(window)
    draft_path = take_out_draft(document.plan, olivia, None, tmp_path / "olivia.okr")
    with Plan.open(draft_path) as draft:
        ops.delete_key_result(draft, kr)
    document.run("Retarget", lambda: ops.edit_key_result(document.plan, kr, target_value=33))
    assert choose_file(window, draft_path) == []
    dialog = review_window(window, qtbot)
    conflict = shown_line(dialog, f"Key result “{KR}”")
    assert (text(dialog, conflict, PLAN), text(dialog, conflict, DRAFT)) == (KR, "removed")
    click_line(dialog, conflict)
    assert not dialog.resolver.edit.isVisible()  # a whole row: a side, no editor
    QTest.keyClick(dialog, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.model.choices.get(conflict_key(dialog, conflict)) == "draft")
    qtbot.waitUntil(dialog.merge_button.isEnabled, timeout=30_000)  # looked at again
    QTest.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert read_one(demo_plan, "SELECT COUNT(*) FROM key_results WHERE id = :id", id=kr) == 0
    document.undo_stack.undo()
    assert read_one(demo_plan, TARGET_SQL, id=kr) == 33


def conflict_key(dialog: MergeReviewWindow, index: QModelIndex) -> str:
    entry = dialog.model.entry(index)
    assert entry is not None
    return entry.key


def test_a_side_the_plan_cannot_take_is_said_at_once_and_keeps_merge_disabled(
        window: MainWindow, qtbot: QtBot, tmp_path: Path, demo_plan: Path) -> None:
    """The draft aligns Olivia's objective under a key result the plan deletes meanwhile:
    taking the draft's side is refused by name as soon as it is looked at again, before any
    Merge; keeping the plan's side lifts the refusal, and the merge keeps the plan's
    alignment."""
    document = window.document
    assert document is not None
    olivia, objective, _ = ids(window)
    snapshot = document.snapshot
    parent_kr = snapshot.key_results[snapshot.objectives[objective].parent_kr_id or ""]
    other = next(k for k in snapshot.key_results_of(parent_kr.objective_id)
                 if k.id != parent_kr.id)
    draft_path = take_out_draft(document.plan, olivia, None, tmp_path / "olivia.okr")
    with Plan.open(draft_path) as draft:
        ops.align_up(draft, objective, parent_kr.objective_id, under_kr_id=other.id)
    document.run("Delete", lambda: ops.delete_key_result(document.plan, other.id))
    assert choose_file(window, draft_path) == []
    dialog = review_window(window, qtbot)
    [entry] = dialog.model.conflicts()
    click_line(dialog, dialog.model.index_of(entry.key))
    QTest.keyClick(dialog, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # Take the draft's
    refused = "cannot keep the draft's alignment: the key result it aligns to is no longer"
    qtbot.waitUntil(lambda: refused in dialog.status.text(), timeout=30_000)
    assert dialog.job is None and not dialog.merge_button.isEnabled()
    assert refused in dialog.merge_button.toolTip()

    QTest.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # Keep the plan's
    qtbot.waitUntil(dialog.merge_button.isEnabled, timeout=30_000)
    assert dialog.status.text().startswith("Ready")
    QTest.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert read_one(demo_plan, "SELECT parent_kr_id FROM objectives WHERE id = :id",
                    id=objective) == parent_kr.id
