"""The Plan score window: opened with its shortcut, it shows the plan's and the owners' scores
as the core works them out; a reason leads to its objective, and an edit made in the app changes
the score shown. The health panel's section shows the same score."""

from __future__ import annotations

from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.plan_score_commands import PLAN_SCORE_KEY
from okrdesk_ui.plan_score_window import ID_ROLE, PlanScoreWindow
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from okrdesk.analytics.plan_score import plan_score
from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures


def open_by_keyboard(window: MainWindow, qtbot: QtBot) -> PlanScoreWindow:
    window.activateWindow()
    window.canvas.setFocus()  # type: ignore[union-attr]
    sequence = QKeySequence(PLAN_SCORE_KEY)[0]
    QTest.keyClick(window, sequence.key(), sequence.keyboardModifiers())
    dialog = window.findChild(PlanScoreWindow, "planScoreWindow")
    assert isinstance(dialog, PlanScoreWindow)
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.score is not None)
    return dialog


def owner_row(dialog: PlanScoreWindow, name: str) -> QTreeWidgetItem | None:
    tree = dialog.tree
    return next((item for i in range(tree.topLevelItemCount())
                 if (item := tree.topLevelItem(i)) is not None and item.text(0) == name), None)


def click(dialog: PlanScoreWindow, item: QTreeWidgetItem) -> None:
    dialog.tree.scrollToItem(item)
    rect = dialog.tree.visualItemRect(item)
    QTest.mouseClick(dialog.tree.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, rect.center())


def test_the_window_shows_the_scores_and_a_reason_leads_to_its_objective(
        window: MainWindow, qtbot: QtBot) -> None:
    document = window.document
    assert document is not None
    assert window.commands.action("view.plan_score").shortcut() == QKeySequence(PLAN_SCORE_KEY)
    dialog = open_by_keyboard(window, qtbot)
    expected = plan_score(document.snapshot, document.cycle_id)
    assert expected.score is not None and expected.score < 100
    assert f"{expected.score}/100" in dialog.heading.text()
    plan = dialog.tree.topLevelItem(0)
    assert plan is not None and plan.text(1) == f"{expected.score}/100"
    assert [plan.child(i).text(0) for i in range(plan.childCount())] == [  # type: ignore[union-attr]
        f"{rule.name}: {rule.reason}" for rule in expected.points]
    for owner in expected.owners:
        row = owner_row(dialog, owner.name)
        if not owner.points:
            assert row is None  # counted in the row of owners with nothing taken off
            continue
        assert row is not None and row.text(1) == f"{owner.score}/100"
        assert [row.child(i).text(0) for i in range(row.childCount())] == [  # type: ignore[union-attr]
            point.reason for point in owner.points]

    lowest = expected.owners[0]
    row = owner_row(dialog, lowest.name)
    assert row is not None and row.isExpanded()
    reason = row.child(row.childCount() - 1)
    assert reason is not None
    click(dialog, reason)
    assert document.selected == ("objectives", lowest.points[-1].objective_ids[0])
    assert document.selected[1] == reason.data(0, ID_ROLE)


def test_an_edit_in_the_app_changes_the_score(window: MainWindow, qtbot: QtBot) -> None:
    document = window.document
    assert document is not None
    dialog = open_by_keyboard(window, qtbot)
    before = dialog.score
    assert before is not None and before.score is not None
    why = next(owner for owner in before.owners
               if owner.points and all(p.rule == "why" for p in owner.points))
    row = owner_row(dialog, why.name)
    assert row is not None and row.text(1) == f"{why.score}/100" and why.score < 100
    row.setExpanded(True)
    reason = row.child(0)
    assert reason is not None
    click(dialog, reason)
    objective_id = why.points[0].objective_ids[0]
    assert document.selected == ("objectives", objective_id)

    form = window.inspector.objective_form
    assert form.objective_id == objective_id
    window.activateWindow()  # back from the score window to the inspector
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    form.description.setFocus()
    QTest.keyClicks(form.description, "Customers who wait do not come back.")
    form.title.setFocus()  # leaving the description keeps it
    qtbot.waitUntil(lambda: document.snapshot.objectives[objective_id].description != "")
    qtbot.waitUntil(lambda: dialog.score is not before)
    assert owner_row(dialog, why.name) is None  # nothing taken off any more
    after = dialog.score
    assert after is not None and after.score is not None
    assert after == plan_score(document.snapshot, document.cycle_id)
    assert next(r for r in after.rules if r.rule == "why").failing == \
        next(r for r in before.rules if r.rule == "why").failing - 1
    assert after.score > before.score


def test_the_health_panel_shows_the_plan_score(window: MainWindow, qtbot: QtBot) -> None:
    document = window.document
    assert document is not None
    panel = window.health
    window.docks["health"].show()
    window.docks["health"].raise_()
    qtbot.waitUntil(lambda: panel.plan_score.score is not None)
    expected = plan_score(document.snapshot, document.cycle_id)
    assert panel.plan_score.score == expected
    assert f"Plan score {expected.score}/100" in panel.plan_score.text()
    assert expected.points[0].name in panel.plan_score.text()
