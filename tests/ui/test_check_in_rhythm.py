"""The rhythm of check-ins in the app: a back-dated check-in typed with real keys, a low
confidence refused without a note, the sparkline's points, the stale mark on a card and the
stale key results in the health panel, the expected status in the inspector, the cadence in
the plan settings."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from okrdesk_ui.canvas.hover import card_tip
from okrdesk_ui.dialogs.plan_settings import PlanSettingsDialog
from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.panels.check_ins import CheckInPanel
from okrdesk_ui.settings import AppSettings
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QTreeWidget,
    QTreeWidgetItem,
)
from pytestqt.qtbot import QtBot

from okrdesk import clock, ops
from okrdesk.check_ins import check_in_history
from okrdesk.storage import Plan
from tests.core.builders import small_org
from tests.ui.dialog_driving import in_next_dialog

TODAY = date(2027, 2, 15)  # 45 of 2027-Q1's 89 days gone


@pytest.fixture
def plan_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Grow EU sales (2027-Q1): "Sign partners" checked in on 2027-01-20 and 2027-02-01
    (stale by a weekly cadence), "Open offices" checked in on 2027-02-12 (fresh)."""
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    path = tmp_path / "plan.okr"
    with small_org(path) as org:
        grow = org.objective("Sam Lee", "Grow EU sales", cycle="2027-Q1")
        partners = org.key_result(grow, "Sign partners", start_value=0, target_value=40)
        offices = org.key_result(grow, "Open offices", start_value=0, target_value=4)
        ops.record_check_in(org.plan, partners, value=5, at="2027-01-20")
        ops.record_check_in(org.plan, partners, value=12, confidence=0.6, at="2027-02-01")
        ops.record_check_in(org.plan, offices, value=1, at="2027-02-12")
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
    shown.close()
    shown.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def kr_titled(window: MainWindow, title: str) -> str:
    assert window.document is not None
    return next(kr.id for kr in window.document.snapshot.key_results.values()
                if kr.title == title)


def panel_for(window: MainWindow, title: str) -> CheckInPanel:
    assert window.document is not None
    window.document.select("key_results", kr_titled(window, title))
    return window.inspector.key_result_form.check_ins


def test_a_back_dated_check_in_is_typed_and_recorded(window: MainWindow,
                                                     plan_path: Path) -> None:
    panel = panel_for(window, "Open offices")
    assert panel.chosen_day() == TODAY
    assert (panel.when.minimumDate().toPython(), panel.when.maximumDate().toPython()) == (
        date(2027, 1, 1), TODAY)
    panel.when.setFocus()
    panel.when.setSelectedSection(QDateEdit.Section.DaySection)
    QTest.keyClicks(panel.when, "10")  # the 15th becomes the 10th
    QTest.keyClick(panel.when, Qt.Key.Key_Tab)
    assert panel.when.text() == "2027-02-10"
    panel.value.setFocus()
    QTest.keyClicks(panel.value, "2")
    panel.confidence.setFocus()
    panel.confidence.selectAll()
    QTest.keyClicks(panel.confidence, "7")
    QTest.keyClick(panel.confidence, Qt.Key.Key_Tab)
    assert panel.confidence.text() == "7/10"
    QTest.mouseClick(panel.record, Qt.MouseButton.LeftButton)
    assert window.document is not None
    with Plan.open(plan_path, read_only=True) as plan:
        newest = check_in_history(plan, kr_titled(window, "Open offices"))
    assert [(entry.at[:10], entry.value, entry.confidence) for entry in newest] == [
        ("2027-02-12", 1.0, None), ("2027-02-10", 2.0, 0.7)]
    assert panel.history.item(1, 2).text() == "7/10"
    assert panel.chosen_day() == TODAY  # the form is ready for the next one


def test_a_low_confidence_is_refused_without_a_note(window: MainWindow,
                                                     plan_path: Path) -> None:
    panel = panel_for(window, "Sign partners")
    panel.confidence.setFocus()
    panel.confidence.selectAll()
    QTest.keyClicks(panel.confidence, "2")
    QTest.keyClick(panel.confidence, Qt.Key.Key_Tab)
    assert panel.hint.isVisible() and "3/10 or less needs a note" in panel.hint.text()
    QTest.mouseClick(panel.record, Qt.MouseButton.LeftButton)
    assert "low confidence (2/10, 3/10 or less) needs a note" in panel.hint.text()
    assert panel.history.rowCount() == 2  # nothing recorded
    panel.note.setFocus()
    QTest.keyClicks(panel.note, "Legal review")
    assert not panel.hint.isVisible()
    QTest.mouseClick(panel.record, Qt.MouseButton.LeftButton)
    assert panel.history.rowCount() == 3
    assert panel.history.item(0, 2).text() == "2/10"


def test_the_sparkline_draws_the_values_by_date(window: MainWindow) -> None:
    panel = panel_for(window, "Sign partners")
    line = panel.sparkline
    line.resize(120, 40)
    assert line.values == [("2027-01-20T12:00:00.000000+00:00", 5.0),
                           ("2027-02-01T12:00:00.000000+00:00", 12.0)]
    first, last = line.points()
    # the target (40) tops the scale, the lowest value (5) is its bottom
    assert (first.x(), first.y()) == pytest.approx((4.0, 36.0))
    assert (last.x(), last.y()) == pytest.approx((116.0, 36 - 32 * 7 / 35))
    assert line.target_y() == pytest.approx(4.0)
    assert "5 → 12" in line.toolTip()


def test_a_stale_key_result_is_marked_on_its_card_and_counted_in_health(
        window: MainWindow, qtbot: QtBot) -> None:
    assert window.document is not None and window.canvas is not None
    scene = window.canvas.canvas_scene
    grow = next(o.id for o in window.document.snapshot.objectives.values()
                if o.title == "Grow EU sales")
    qtbot.waitUntil(window.document.rhythm.known)  # worked out once the canvas was drawn
    card = scene.card(grow)
    assert card is not None
    rows = {row.title: row.stale_days for row in card.face.rows}
    assert rows == {"Sign partners": 14, "Open offices": None}
    assert card.face.stale == 1
    assert "stale: no check-in for 14 days" in card_tip(card.face)
    health = window.health
    window.docks["health"].show()
    qtbot.waitUntil(lambda: health.stale_count == 1)
    assert "1 stale key results" in health.summary.text()
    group = _group(health.attention, "Stale key results (1)")
    assert group.child(0).text(0) == "Sign partners (14 days, Grow EU sales)"
    # checking in (note only) takes the mark away, on the card and in the panel
    panel = panel_for(window, "Sign partners")
    panel.note.setFocus()
    QTest.keyClicks(panel.note, "Two more in legal review")
    QTest.mouseClick(panel.record, Qt.MouseButton.LeftButton)
    card = scene.card(grow)
    assert card is not None and card.face.stale == 0
    qtbot.waitUntil(lambda: health.stale_count == 0)
    assert _group(health.attention, "Stale key results (0)").childCount() == 0


def test_the_inspector_shows_the_expected_status_beside_the_hand_set_one(
        window: MainWindow) -> None:
    assert window.document is not None
    grow = next(o.id for o in window.document.snapshot.objectives.values()
                if o.title == "Grow EU sales")
    window.document.select("objectives", grow)
    form = window.inspector.objective_form
    # (12/40 + 1/4) / 2 = 27.5 % done, 45/89 of the quarter gone: within 30 points
    assert form.expected.text() == "Expected: at risk (51 % of the cycle gone, 28 % done)"
    form.status.choose("on_track")
    assert form.status.currentData() == "on_track"
    assert form.expected.isVisible()
    offices = panel_for(window, "Open offices")
    expected = window.inspector.key_result_form.expected
    assert offices is not None
    assert expected.text() == "Expected: at risk (51 % of the cycle gone, 25 % done)"


def test_the_cadence_is_set_in_the_plan_settings(window: MainWindow, qtbot: QtBot) -> None:
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, PlanSettingsDialog)
        assert dialog.cadence.currentData() == "weekly"
        dialog.cadence.setFocus()
        QTest.keyClick(dialog.cadence, Qt.Key.Key_Down)  # fortnightly
        QTest.keyClick(dialog.cadence, Qt.Key.Key_Return)

    errors = in_next_dialog(fill)
    window.commands.action("plan.settings").trigger()
    assert errors == []
    assert window.document is not None
    assert window.document.snapshot.setting("check_in_cadence") == "fortnightly"
    grow = next(o.id for o in window.document.snapshot.objectives.values()
                if o.title == "Grow EU sales")
    card = window.canvas.canvas_scene.card(grow) if window.canvas else None
    assert card is not None and card.face.stale == 0  # 14 days is within a fortnight


def test_the_cadence_is_set_alone_from_the_cycle_menu_and_undone(
        window: MainWindow, qtbot: QtBot, plan_path: Path) -> None:
    """Ctrl+Alt+W: the cadences in a list, the plan's chosen; two Downs and Enter set monthly
    in the plan file (no key result stale any more), Ctrl+Z sets weekly back."""
    cycle_menu = next(a.menu() for a in window.menuBar().actions()
                      if a.menu() is not None and a.menu().objectName() == "cycleMenu")
    assert "cycle.cadence" in [a.objectName() for a in cycle_menu.actions()]
    switcher = window.cycle_switcher
    assert "cycle.cadence" in [switcher.command_key(i) for i in range(switcher.count())]
    menu = window.closing_commands.switcher_menu(switcher.rect().center())
    assert menu is not None and "cycle.cadence" in [a.objectName() for a in menu.actions()]
    menu.close()

    document = window.document
    assert document is not None
    grow = next(o.id for o in document.snapshot.objectives.values() if o.title == "Grow EU sales")

    def stale() -> int:
        card = window.canvas.canvas_scene.card(grow) if window.canvas else None
        assert card is not None
        return int(card.face.stale)

    qtbot.waitUntil(lambda: stale() == 1)  # Sign partners, 14 days without a check-in
    window.activateWindow()
    QApplication.processEvents()
    QTest.keySequence(window, QKeySequence("Ctrl+Alt+W"))
    dialog = window.cadence_command.dialog
    assert dialog is not None and dialog.isVisible()
    combo = dialog.findChild(QComboBox)
    assert combo is not None
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "weekly (7 days)", "fortnightly (14 days)", "monthly (30 days)"]
    assert combo.currentText() == "weekly (7 days)"
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Down)
    QTest.keyClick(combo, Qt.Key.Key_Down)
    QTest.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    with Plan.open(plan_path, read_only=True) as plan, plan.read() as connection:
        stored = connection.exec_driver_sql(
            "SELECT value FROM settings WHERE key = 'check_in_cadence'").scalar()
    assert stored == "monthly"
    assert document.undo_stack.undoText() == "Set check-in cadence"
    qtbot.waitUntil(lambda: stale() == 0)  # 14 days is within a month; marks follow at once

    QTest.keySequence(window, QKeySequence("Ctrl+Z"))
    assert document.snapshot.setting("check_in_cadence", "weekly") == "weekly"
    qtbot.waitUntil(lambda: stale() == 1)
    assert window.cadence_command.choose("weekly") is False  # the cadence it has: no step


def _group(tree: QTreeWidget, text: str) -> QTreeWidgetItem:
    for index in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(index)
        if item.text(0) == text:
            return item
    raise AssertionError(f"no group {text!r}")
