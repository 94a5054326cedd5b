"""A plan that fails while the window takes it up is closed again: its lock is released, the
plan that was open stays open, and the next opening in the same session can write to it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from okrdesk_ui import main_window as main_window_module
from okrdesk_ui.main_window import MainWindow
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from okrdesk.errors import StorageError
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures


def shown_errors() -> list[str]:
    return [w.text() for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == "errorBox" and w.isVisible()]


def writable_again(path: Path) -> bool:
    """A fresh opening (as another window would make) gets the plan for writing."""
    plan = Plan.open(path)
    try:
        return not plan.read_only
    finally:
        plan.close()


@pytest.fixture
def other_plan(tmp_path: Path, demo_template: Path) -> Path:
    path = tmp_path / "other.okr"
    shutil.copyfile(demo_template, path)
    return path


def test_a_plan_that_cannot_be_read_is_closed_again(
    window: MainWindow, other_plan: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert window.document is not None
    first = window.document

    def read_fails(cls: type[Snapshot], _connection: object) -> Snapshot:
        raise StorageError(f"{other_plan.name}: reading failed: the disk reported an error")

    monkeypatch.setattr(Snapshot, "load", classmethod(read_fails))
    assert not window.open_path(other_plan)
    qtbot.waitUntil(lambda: bool(shown_errors()))
    assert "the disk reported an error" in shown_errors()[0]
    assert window.document is first  # the plan that was open stays open
    monkeypatch.undo()
    assert writable_again(other_plan)
    assert window.open_path(other_plan)
    assert window.document is not None and not window.document.read_only


def test_a_window_that_cannot_show_a_plan_closes_it_and_keeps_the_old_one(
    window: MainWindow, other_plan: Path, demo_plan: Path, qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    panel = main_window_module.HealthPanel
    failures = ["the health panel could not be built"]

    def health_panel_fails_once(document: object) -> object:
        if failures:
            raise RuntimeError(failures.pop())
        return panel(document)

    monkeypatch.setattr(main_window_module, "HealthPanel", health_panel_fails_once)
    assert not window.open_path(other_plan)
    qtbot.waitUntil(lambda: bool(shown_errors()))
    assert "the health panel could not be built" in shown_errors()[0]
    assert writable_again(other_plan)
    assert window.document is not None
    assert window.document.plan.path == demo_plan and not window.document.read_only
    assert window.open_path(other_plan)
    assert window.document.plan.path == other_plan and not window.document.read_only
