"""Plans changed outside the app, or left with work in their log by a crash, in the window: a
broken link or a loop opens and says so, a value the model cannot hold is refused without
leaving the plan locked, and recovered work is announced with the copy kept."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.settings import AppSettings
from pytestqt.qtbot import QtBot

from okrdesk.storage import Plan
from tests.core.plan_states import killed_while_writing
from tests.core.test_storage_hand_edits import REFUSED, REPORTED, edited
from tests.ui.test_window_support import data_home, demo_plan, demo_template

__all__ = ["data_home", "demo_plan", "demo_template"]


def shown_window(qtbot: QtBot) -> MainWindow:
    window = MainWindow(AppSettings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.mark.parametrize("case", sorted(REPORTED))
def test_a_plan_with_broken_links_opens_says_so_and_can_be_worked_on(
        qtbot: QtBot, demo_plan: Path, data_home: Path, tmp_path: Path, case: str) -> None:
    edit, expected = REPORTED[case]
    (tmp_path / "edited").mkdir()
    path = edited(demo_plan, tmp_path / "edited", edit)
    window = shown_window(qtbot)
    errors: list[tuple[str, str]] = []
    window.error_shown.connect(lambda title, text: errors.append((title, text)))
    assert window.open_path(path), errors
    assert window.banner.isVisible()
    assert "changed outside OKR Desk" in window.banner.text() and expected in window.banner.text()
    assert window.document is not None and not window.document.read_only
    assert not window.grab().isNull()  # every view paints the damaged plan
    for cycle_id in list(window.document.snapshot.cycles):
        window.document.set_cycle(cycle_id)
        qtbot.wait(1)
    assert not window.grab().isNull()
    assert errors == []


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_plan_the_model_cannot_hold_is_refused_and_left_unlocked(
        qtbot: QtBot, demo_plan: Path, data_home: Path, tmp_path: Path, case: str) -> None:
    edit, expected = REFUSED[case]
    (tmp_path / "edited").mkdir()
    path = edited(demo_plan, tmp_path / "edited", edit)
    window = shown_window(qtbot)
    errors: list[tuple[str, str]] = []
    window.error_shown.connect(lambda title, text: errors.append((title, text)))
    assert not window.open_path(path)
    assert errors and expected in errors[-1][1]
    assert not any(p.name.endswith(".lock") for p in path.parent.iterdir())
    mended = tmp_path / "mended.okr"
    shutil.copyfile(demo_plan, mended)
    assert window.open_path(mended)  # the window goes on working, writable
    assert window.document is not None and not window.document.read_only


def test_work_recovered_from_the_log_is_announced_with_the_copy_named(
        qtbot: QtBot, data_home: Path, tmp_path: Path) -> None:
    path = killed_while_writing(tmp_path / "made" / "plan.okr", tmp_path / "found")
    window = shown_window(qtbot)
    assert window.open_path(path)
    assert window.document is not None
    recovered = window.document.plan.recovery_backup_path
    assert recovered is not None and recovered.exists()
    assert "Recovered" in window.banner.text() and recovered.name in window.banner.text()
    assert window.banner.isVisible()
    assert len(window.document.snapshot.levels) > 100  # the work that waited in the log
    window.close()
    # The recovered work is in the file itself.
    with Plan.open(path, read_only=True) as plan, plan.read() as connection:
        count = connection.exec_driver_sql("SELECT count(*) FROM levels").scalar_one()
    assert count > 100
