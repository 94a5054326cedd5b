"""Opening plans: the demo, bad files, read-only plans, Save As, New, recent files, start-up."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from okrdesk_ui import app as app_module
from okrdesk_ui import files
from okrdesk_ui.main_window import SAVED_TEXT, MainWindow
from okrdesk_ui.settings import AppSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from okrdesk import ops
from okrdesk.formats import SCHEMA_VERSION
from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures
from tests.ui.test_window_support import objective_titled, read_one

ROOT = Path(__file__).resolve().parents[2]
LEADING = "Become the leading electric car dealership in the region"


def error_boxes(window: MainWindow) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox) if box.isVisible()]


def test_window_opens_the_demo_plan_with_every_panel(window: MainWindow, demo_plan: Path) -> None:
    assert window.document is not None
    assert window.document.plan.path == demo_plan
    assert "Voltline" in window.windowTitle() or demo_plan.name in window.windowTitle()
    assert window.tabs.tabText(0) == "Canvas" and window.tabs.tabText(1) == "Map"
    count = len(window.document.snapshot.objectives)
    assert window.canvas is not None and len(window.canvas.canvas_scene.cards) > 0
    assert 0 < len(window.objective_list.shown_ids()) <= count
    assert window.organisation.tree.topLevelItemCount() == 2  # levels, functions
    assert window.saved_label.text() == SAVED_TEXT
    assert not window.banner.isVisible()
    assert window.cycle_switcher.currentText().strip() == "2027"
    assert AppSettings().recent_files()[0] == demo_plan.resolve()


@pytest.mark.parametrize("content", [b"just some notes\n", b'{"plan": "json"}'])
def test_a_bad_file_shows_the_reason_and_keeps_the_plan(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, demo_plan: Path, content: bytes,
) -> None:
    bad = tmp_path / "notes.okr"
    bad.write_bytes(content)
    with qtbot.waitSignal(window.error_shown) as shown:
        assert not window.open_path(bad)
    title, message = shown.args
    assert "cannot be opened" in title
    assert "notes.okr" in message and "not an OKR Desk plan" in message
    boxes = error_boxes(window)
    assert boxes and boxes[0].text() == message
    boxes[0].close()
    assert window.document is not None and window.document.plan.path == demo_plan
    assert bad.read_bytes() == content  # the bad file is untouched


def test_a_newer_plan_says_to_update(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                     demo_template: Path) -> None:
    newer = tmp_path / "future.okr"
    data = bytearray(demo_template.read_bytes())
    data[60:64] = struct.pack(">i", SCHEMA_VERSION + 1)  # user_version: the plan format
    newer.write_bytes(bytes(data))
    with qtbot.waitSignal(window.error_shown) as shown:
        assert not window.open_path(newer)
    assert "newer OKR Desk" in shown.args[1]
    assert window.document is not None and window.document.plan.path.name == "demo.okr"
    window.document.run("still editable", lambda: ops.edit_objective(
        window.document.plan, objective_titled(window, LEADING), status="at_risk"))
    assert read_one(window.document.plan.path, "SELECT status FROM objectives WHERE title = :t",
                    t=LEADING) == "at_risk"


def test_a_second_window_on_the_same_plan_is_read_only(
    window: MainWindow, qtbot: QtBot, demo_plan: Path,
) -> None:
    second = MainWindow(AppSettings())
    qtbot.addWidget(second)
    assert second.open_path(demo_plan)
    second.show()
    assert second.document is not None and second.document.read_only
    assert second.banner.isVisible()
    assert "Read-only" in second.banner.text() and "another window" in second.banner.text()
    objective_id = objective_titled(second, LEADING)
    second.document.select("objectives", objective_id)
    form = second.inspector.objective_form
    assert not form.title.isEnabled() and not form.add_kr.isEnabled()
    with qtbot.waitSignal(second.document.refused):
        second.document.run("Rename", lambda: ops.edit_objective(
            second.document.plan, objective_id, title="Changed"))
    assert read_one(demo_plan, "SELECT title FROM objectives WHERE id = :i", i=objective_id) \
        == LEADING
    second.close()


def test_save_as_copies_the_plan_and_switches_to_the_copy(
    window: MainWindow, tmp_path: Path, demo_plan: Path,
) -> None:
    assert window.document is not None
    objective_id = objective_titled(window, LEADING)
    copy = tmp_path / "copies" / "offsite"
    copy.parent.mkdir()
    assert window.save_as(copy)
    assert window.document.plan.path == copy.with_suffix(".okr")
    assert not window.document.read_only
    window.document.run("Edit", lambda: ops.edit_objective(window.document.plan, objective_id,
                                                           title="Lead the EV market"))
    assert read_one(copy.with_suffix(".okr"), "SELECT title FROM objectives WHERE id = :i",
                    i=objective_id) == "Lead the EV market"
    assert read_one(demo_plan, "SELECT title FROM objectives WHERE id = :i",
                    i=objective_id) == LEADING
    assert not (demo_plan.parent / "demo.okr.lock").exists()  # the original is closed


def test_save_as_onto_the_open_plan_is_refused(window: MainWindow, qtbot: QtBot,
                                               demo_plan: Path) -> None:
    with qtbot.waitSignal(window.error_shown) as shown:
        assert not window.save_as(demo_plan)
    assert "is the plan that is open" in shown.args[1]
    assert window.document is not None and window.document.plan.path == demo_plan


def test_new_plan_and_recent_files(window: MainWindow, tmp_path: Path, demo_plan: Path) -> None:
    assert window.create_plan_at(tmp_path / "fresh", "Fresh start")
    assert window.document is not None
    assert window.document.plan.path == tmp_path / "fresh.okr"
    assert window.document.snapshot.setting("plan_name") == "Fresh start"
    assert "Fresh start" in window.windowTitle()
    recent = AppSettings().recent_files()
    assert recent[:2] == [(tmp_path / "fresh.okr").resolve(), demo_plan.resolve()]
    menu = window.actions_.recent_menu
    assert [action.text() for action in menu.actions()][:2] == ["fresh.okr", "demo.okr"]
    menu.actions()[1].trigger()
    assert window.document.plan.path == demo_plan


def test_first_start_builds_the_demo_in_the_data_folder(qtbot: QtBot, data_home: Path) -> None:
    window = app_module.open_window(None, AppSettings())
    qtbot.addWidget(window)
    assert window.document is not None
    path = window.document.plan.path
    assert path == files.demo_plan_path() and path.is_relative_to(data_home)
    assert len(window.document.snapshot.objectives) > 20
    window.close()
    again = app_module.open_window(None, AppSettings())  # the last plan opens next time
    qtbot.addWidget(again)
    assert again.document is not None and again.document.plan.path == path
    again.close()


def test_main_py_opens_a_given_plan_and_quits_by_itself(tmp_path: Path,
                                                       demo_plan: Path) -> None:
    """The real start: a fresh process, its own settings and data folders, offscreen."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", app_module.QUIT_AFTER: "800",
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), str(demo_plan)], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    settings = next((tmp_path / "config").rglob("*.conf")).read_text(encoding="utf-8")
    assert str(demo_plan) in settings  # it opened the plan (and remembered it)
    assert not (demo_plan.parent / "demo.okr.lock").exists()  # and closed it cleanly
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").rglob("*.okr"))
