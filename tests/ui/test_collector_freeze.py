"""The opened plan's objects are kept out of the cycle collector's passes after the first frame
(ui/collector.py); edits made afterwards are still collected, and opening another plan hands
the frozen objects back to the collector."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from okrdesk_ui import collector
from okrdesk_ui.main_window import MainWindow
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures
from tests.ui.test_window_support import objective_titled, read_one

LEADING = "Become the leading electric car dealership in the region"
TITLE_SQL = "SELECT title FROM objectives WHERE id = :i"
EDITS = 50


def rss_mib() -> float:
    with open("/proc/self/statm") as statm:  # resident pages now (not the peak)
        return int(statm.read().split()[1]) * 4096 / 2**20


def rename(window: MainWindow, objective_id: str, title: str) -> None:
    window.focus_objective(objective_id)
    field = window.inspector.objective_form.title
    field.setFocus()
    field.selectAll()
    QTest.keyClicks(field, title)
    QTest.keyClick(field, Qt.Key.Key_Return)


def tracked_after_collecting() -> int:
    gc.collect()
    return len(gc.get_objects())


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads /proc for RSS")
def test_edits_after_the_freeze_are_collected_and_another_plan_thaws(
        window: MainWindow, demo_plan: Path, tmp_path: Path, qtbot: QtBot,
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert window.canvas is not None
    qtbot.waitUntil(lambda: window.canvas is not None and window.canvas.viewport().isVisible())
    monkeypatch.setitem(collector._state, "done", False)  # whatever ran before in this program
    try:
        collector.freeze_opened_plan()
        frozen = gc.get_freeze_count()
        assert collector.is_frozen() and frozen > 1000
        objective_id = objective_titled(window, LEADING)
        counts, sizes = [], []
        for edit in range(EDITS):
            rename(window, objective_id, f"Lead EV sales {edit}")
            if edit in (9, EDITS - 1):
                counts.append(tracked_after_collecting())
                sizes.append(rss_mib())
        assert read_one(demo_plan, TITLE_SQL, i=objective_id) == f"Lead EV sales {EDITS - 1}"
        # The edits' objects stay with the collector; frozen ones they replace are still freed.
        assert gc.get_freeze_count() <= frozen
        grown = counts[1] - counts[0]
        assert grown < 50 * (EDITS - 10), f"{grown:,} objects kept by 40 edits"
        assert sizes[1] - sizes[0] < 40, f"{sizes[1] - sizes[0]:.0f} MiB more after 40 edits"
        other = tmp_path / "other.okr"
        other.write_bytes(demo_plan.read_bytes())
        assert window.open_path(other)
        assert not collector.is_frozen() and gc.get_freeze_count() == 0
    finally:
        collector.thaw()
