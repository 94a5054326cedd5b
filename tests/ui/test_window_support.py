"""Shared set-up of the window tests: the demo plan on disk, a shown window on it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.settings import AppSettings
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from okrdesk.demo import build_demo
from okrdesk.storage import Plan

__all__ = ["data_home", "demo_plan", "demo_template", "window"]  # fixtures the tests share


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo plan, built once per test run and copied for each test."""
    return build_demo(tmp_path_factory.mktemp("template") / "demo.okr")


@pytest.fixture
def demo_plan(tmp_path: Path, demo_template: Path) -> Path:
    path = tmp_path / "demo.okr"
    shutil.copyfile(demo_template, path)
    return path


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's data folder (QStandardPaths.AppDataLocation) moved into the test's folder."""
    folder = tmp_path / "data-home"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder


@pytest.fixture
def window(qtbot: QtBot, demo_plan: Path, data_home: Path) -> Iterator[MainWindow]:
    shown = MainWindow(AppSettings())
    qtbot.addWidget(shown)
    assert shown.open_path(demo_plan)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.close()
    shown.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # no window piles up


@contextmanager
def big_plan_window(qtbot: QtBot, template: Path, folder: Path,
                    size: tuple[int, int]) -> Iterator[MainWindow]:
    """A window of `size` on a copy of the plan `template`, its first frame drawn (the canvas
    makes what it needs for the cards near the view then); closed afterwards."""
    path = folder / "plan.okr"
    path.write_bytes(template.read_bytes())
    shown = MainWindow(AppSettings())
    qtbot.addWidget(shown)
    assert shown.open_path(path)
    shown.resize(*size)
    shown.show()
    qtbot.waitExposed(shown)
    QApplication.processEvents()  # the first frame
    yield shown
    shown.close()
    shown.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def read_one(path: Path, sql: str, **params: object) -> object:
    """One value read straight from a plan file, through a fresh read-only opening."""
    plan = Plan.open(path, read_only=True)
    try:
        with plan.read() as connection:
            return connection.execute(text(sql), params).scalar_one()
    finally:
        plan.close()


def objective_titled(window: MainWindow, title: str) -> str:
    assert window.document is not None
    for objective in window.document.snapshot.objectives.values():
        if objective.title == title:
            return objective.id
    raise AssertionError(f"no objective titled {title!r}")
