"""An unexpected error is logged with its traceback, shown with the log's path, and the window
goes on working; a hard crash leaves its trace in the fault file beside the log."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from okrdesk_ui.crash_handler import CrashHandler
from okrdesk_ui.logging_setup import FAULTS_NAME, LOG_NAME, AppLog, log_folder, start_logging
from okrdesk_ui.main_window import MainWindow
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures


@pytest.fixture
def app_log(tmp_path: Path) -> Iterator[AppLog]:
    started = start_logging(tmp_path / "logs")
    yield started
    started.close()


@pytest.fixture
def crashes(app_log: AppLog) -> Iterator[CrashHandler]:
    handler = CrashHandler(app_log.path)
    handler.install()
    yield handler
    handler.uninstall()
    if handler.dialog is not None:
        handler.dialog.close()


def test_the_log_lives_in_the_state_folder(monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    folder = log_folder()
    assert folder.name == "logs"
    assert folder.is_relative_to(tmp_path / "state")


@pytest.mark.qt_no_exception_capture  # the app's own hook is what is tested
def test_an_error_in_a_slot_shows_the_log_and_the_window_goes_on(
    window: MainWindow, qtbot: QtBot, app_log: AppLog, crashes: CrashHandler,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert window.canvas is not None

    def fit_all_breaks() -> None:
        raise RuntimeError("the canvas cannot fit itself")

    monkeypatch.setattr(window.canvas, "fit_all", fit_all_breaks)
    QTest.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)  # Fit to window
    qtbot.waitUntil(lambda: crashes.dialog is not None and crashes.dialog.isVisible())
    assert crashes.dialog is not None
    assert str(app_log.path) in crashes.dialog.text()
    assert "the canvas cannot fit itself" in crashes.dialog.text()
    logged = app_log.path.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in logged
    assert "fit_all_breaks" in logged and "RuntimeError: the canvas cannot fit itself" in logged

    crashes.dialog.accept()
    qtbot.waitUntil(lambda: crashes.dialog is None)
    monkeypatch.undo()
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.search_field.hasFocus())
    QTest.keyClicks(window.search_field, "leading electric")
    QTest.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.document is not None
    chosen = window.document.selected
    assert chosen[0] == "objectives"
    assert "leading electric" in window.document.snapshot.objectives[chosen[1]].title.lower()


@pytest.mark.qt_no_exception_capture
def test_an_error_in_another_thread_reaches_the_dialog(
    qtbot: QtBot, app_log: AppLog, crashes: CrashHandler,
) -> None:
    def work() -> None:
        raise ValueError("a worker tripped")

    thread = threading.Thread(target=work, name="map worker")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: crashes.dialog is not None and crashes.dialog.isVisible())
    assert crashes.dialog is not None and "a worker tripped" in crashes.dialog.text()
    logged = app_log.path.read_text(encoding="utf-8")
    assert "Unexpected error in map worker" in logged and "ValueError: a worker tripped" in logged


@pytest.mark.qt_no_exception_capture
def test_errors_while_the_dialog_is_open_are_logged_without_a_second_dialog(
    qtbot: QtBot, app_log: AppLog, crashes: CrashHandler,
) -> None:
    for number in (1, 2):
        try:
            raise KeyError(f"missing {number}")
        except KeyError:
            sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    dialogs = [w for w in QApplication.topLevelWidgets()
               if w.objectName() == "crashDialog" and w.isVisible()]
    assert len(dialogs) == 1
    logged = app_log.path.read_text(encoding="utf-8")
    assert "missing 1" in logged and "missing 2" in logged


def test_a_hard_crash_is_written_to_the_fault_file(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    script = ("import faulthandler, sys\n"
              "from okrdesk_ui.logging_setup import start_logging\n"
              f"start_logging({str(folder)!r})\n"
              "faulthandler._sigsegv()\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert result.returncode != 0
    faults = (folder / FAULTS_NAME).read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in faults
    assert "OKR Desk" in (folder / LOG_NAME).read_text(encoding="utf-8")
