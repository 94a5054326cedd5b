"""The health panel's parts that lead elsewhere: a stale key result chosen with a real click
brings its objective's card into view with the key result itself chosen (the inspector shows
it), and the plan score's "Details…" link opens the Plan score window."""

from __future__ import annotations

from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.plan_score_window import PlanScoreWindow
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.test_check_in_rhythm import _group, kr_titled, plan_path, window  # noqa: F401


def test_choosing_a_stale_key_result_chooses_it_in_the_inspector(
        window: MainWindow, qtbot: QtBot) -> None:  # noqa: F811
    document = window.document
    assert document is not None and window.canvas is not None
    health = window.health
    window.docks["health"].show()
    window.docks["health"].raise_()
    qtbot.waitUntil(lambda: health.stale_count == 1)
    row = _group(health.attention, "Stale key results (1)").child(0)
    health.attention.scrollToItem(row)
    QApplication.processEvents()
    spot = health.attention.visualItemRect(row).center()
    QTest.mouseClick(health.attention.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    partners = kr_titled(window, "Sign partners")
    assert document.selected == ("key_results", partners)
    form = window.inspector.key_result_form
    qtbot.waitUntil(form.isVisible)
    grow = document.snapshot.key_results[partners].objective_id
    card = window.canvas.canvas_scene.card(grow)
    assert card is not None
    seen = window.canvas.mapToScene(window.canvas.viewport().rect()).boundingRect()
    assert seen.contains(card.sceneBoundingRect().center())  # its card brought into view


def test_the_plan_scores_details_link_opens_the_plan_score_window(
        window: MainWindow, qtbot: QtBot) -> None:  # noqa: F811
    health = window.health
    window.docks["health"].show()
    window.docks["health"].raise_()
    section = health.plan_score
    qtbot.waitUntil(lambda: section.score is not None)
    assert "Details…" in section.text()
    section.setFocus()  # the link is reached from the keyboard as from the mouse
    QTest.keyClick(section, Qt.Key.Key_Tab)
    QTest.keyClick(section, Qt.Key.Key_Return)
    shown = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, PlanScoreWindow) and w.isVisible()]
    assert len(shown) == 1
    qtbot.waitUntil(lambda: shown[0].score is not None)
    assert shown[0].score == section.score
    shown[0].close()
