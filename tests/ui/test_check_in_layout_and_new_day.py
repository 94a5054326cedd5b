"""A key result's page on a laptop's screen: the sparkline, the check-in form with its button
and the latest check-in are in sight without scrolling (and the whole page on a 1920x1080
screen). A new day while the plan is open: stale marks, the health panel's stale key results,
the expected status and the check-in form's last day follow at midnight, not at the next
change."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.new_day import LONGEST_WAIT_MS, ms_to_next_midnight
from okrdesk_ui.settings import AppSettings
from PySide6.QtCore import QEvent, QRect, QSize
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from okrdesk import clock, ops
from tests.core.builders import small_org
from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures

LAPTOP, DESKTOP = QSize(1280, 720), QSize(1920, 1080)
SHARE = "Grow our regional EV market share"  # three check-ins in the demo


@pytest.fixture
def open_at(qtbot: QtBot, demo_plan: Path, data_home: Path,
            ) -> Iterator[Callable[[QSize], MainWindow]]:
    opened: list[MainWindow] = []

    def opener(size: QSize) -> MainWindow:
        window = MainWindow(AppSettings())
        qtbot.addWidget(window)
        assert window.open_path(demo_plan)
        window.resize(size)
        window.show()
        qtbot.waitExposed(window)
        QApplication.processEvents()
        opened.append(window)
        return window

    yield opener
    for window in opened:
        window.close()
        window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def key_result_page(window: MainWindow, title: str) -> QScrollArea:
    """Select the key result and bring the inspector forward: its scrolling page."""
    document = window.document
    assert document is not None
    kr_id = next(kr.id for kr in document.snapshot.key_results.values() if kr.title == title)
    document.select("key_results", kr_id)
    window.docks["inspector"].raise_()
    QApplication.processEvents()
    area = window.inspector.currentWidget()
    assert isinstance(area, QScrollArea) and area.widget() is window.inspector.key_result_form
    return area


def in_sight(area: QScrollArea, widget: QWidget, rect: QRect | None = None) -> bool:
    """Whether `widget` (or `rect` of it) is wholly inside the scroll area's viewport."""
    shown = rect if rect is not None else widget.rect()
    corner = widget.mapTo(area.viewport(), shown.topLeft())
    return widget.isVisible() and area.viewport().rect().contains(QRect(corner, shown.size()))


def test_at_1280x720_checking_in_needs_no_scrolling(
        open_at: Callable[[QSize], MainWindow]) -> None:
    window = open_at(LAPTOP)
    area = key_result_page(window, SHARE)
    page = window.inspector.key_result_form
    panel = page.check_ins
    assert area.verticalScrollBar().value() == 0
    assert not area.horizontalScrollBar().isVisible()
    for widget in (page.title, panel.sparkline, panel.when, panel.value, panel.confidence,
                   panel.note, panel.record):
        assert in_sight(area, widget), widget.accessibleName()
    assert panel.history.rowCount() == 3
    newest = panel.history.visualItemRect(panel.history.item(0, 0))
    assert in_sight(area, panel.history.viewport(), newest)  # the latest check-in
    assert panel.history.item(0, 0).text() == "2027-09-30"


def test_at_1920x1080_the_whole_page_is_in_sight(
        open_at: Callable[[QSize], MainWindow]) -> None:
    window = open_at(DESKTOP)
    area = key_result_page(window, SHARE)
    page = window.inspector.key_result_form
    assert not area.verticalScrollBar().isVisible()
    for widget in (page.check_ins.record, page.kind, page.target, page.confidence, page.delete):
        assert in_sight(area, widget), widget.accessibleName()
    history = page.check_ins.history  # the history takes the height the page leaves
    assert history.height() > history.minimumHeight() + 60


@pytest.fixture
def day(monkeypatch: pytest.MonkeyPatch) -> list[date]:
    """Today, as the program sees it: set `day[0]` to move on."""
    today = [date(2027, 2, 15)]
    monkeypatch.setattr(clock, "today", lambda: today[0])
    return today


@pytest.fixture
def rhythm_window(qtbot: QtBot, tmp_path: Path, day: list[date],
                  monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    """Grow EU sales (2027-Q1): "Sign partners" last checked in on 2027-02-01, "Open offices"
    on 2027-02-12; a weekly cadence."""
    path = tmp_path / "plan.okr"
    with small_org(path) as org:
        grow = org.objective("Sam Lee", "Grow EU sales", cycle="2027-Q1")
        partners = org.key_result(grow, "Sign partners", start_value=0, target_value=40)
        offices = org.key_result(grow, "Open offices", start_value=0, target_value=4)
        ops.record_check_in(org.plan, partners, value=12, at="2027-02-01")
        ops.record_check_in(org.plan, offices, value=1, at="2027-02-12")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    window = MainWindow(AppSettings())
    qtbot.addWidget(window)
    assert window.open_path(path)
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_new_day_marks_stale_key_results_and_moves_the_expected_status(
        rhythm_window: MainWindow, qtbot: QtBot, day: list[date]) -> None:
    window = rhythm_window
    document, canvas = window.document, window.canvas
    assert document is not None and canvas is not None
    grow = next(o.id for o in document.snapshot.objectives.values() if o.title == "Grow EU sales")
    qtbot.waitUntil(document.rhythm.known)
    card = canvas.canvas_scene.card(grow)
    assert card is not None and card.face.stale == 1  # Sign partners, 14 days
    health = window.health
    window.docks["health"].show()
    qtbot.waitUntil(lambda: health.stale_count == 1)
    area = key_result_page(window, "Open offices")
    page = window.inspector.key_result_form
    assert area.widget() is page
    assert page.expected.text() == "Expected: at risk (51 % of the cycle gone, 25 % done)"
    assert page.check_ins.chosen_day() == date(2027, 2, 15)

    watch = document.day_watch
    assert watch.timer.isActive()  # waiting for midnight, an hour at most (to a second)
    assert watch.timer.remainingTime() <= min(
        ms_to_next_midnight(datetime.now().astimezone()) + 1000, LONGEST_WAIT_MS) + 1000
    day[0] = date(2027, 2, 20)  # Open offices: 8 days without a check-in
    watch.timer.start(0)  # midnight comes
    qtbot.waitUntil(lambda: card.face.stale == 2)
    qtbot.waitUntil(lambda: health.stale_count == 2)
    assert page.expected.text() == "Expected: off track (56 % of the cycle gone, 25 % done)"
    assert page.check_ins.chosen_day() == date(2027, 2, 20)  # the form was left at today
    assert page.check_ins.when.maximumDate().toPython() == date(2027, 2, 20)
    assert watch.timer.isActive() and watch.timer.remainingTime() > 0  # armed again
    assert document.undo_stack.count() == 0  # a new day changes nothing in the plan


def test_the_same_day_again_tells_nothing(rhythm_window: MainWindow, qtbot: QtBot) -> None:
    document = rhythm_window.document
    assert document is not None
    told: list[object] = []
    document.day_changed.connect(told.append)
    document.day_watch.timer.start(0)  # woken early: the date has not moved on
    qtbot.waitUntil(lambda: document.day_watch.timer.remainingTime() > 1000)
    assert told == []


def test_the_wait_reaches_midnight_across_a_change_to_summer_time(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    try:
        late = datetime(2027, 3, 27, 23, 59, 30).astimezone()
        assert ms_to_next_midnight(late) == 30_000
        after = datetime(2027, 3, 28, 0, 30).astimezone()  # clocks go forward at 2:00 that day
        assert ms_to_next_midnight(after) == (22 * 60 + 30) * 60 * 1000
    finally:
        monkeypatch.undo()
        time.tzset()
