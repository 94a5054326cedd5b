"""Qt tests: offscreen, with QSettings and the log folder in temporary folders, never the
user's."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    from PySide6.QtCore import QCoreApplication, QSettings

    folder = tmp_path_factory.mktemp("settings")
    QCoreApplication.setOrganizationName("OKR Desk Tests")
    QCoreApplication.setApplicationName("OKR Desk Tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    os.environ["XDG_STATE_HOME"] = str(folder / "state")  # the app's log folder
    yield folder


@pytest.fixture(autouse=True)
def no_button_left_down() -> Iterator[None]:
    """Each test ends with no mouse button held: QTest's double-click leaves its button down
    in the application's state, and the canvas never lets card items go while a button is
    down, so the next test would see a drag that never ends."""
    yield
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    held = QApplication.mouseButtons()
    if held == Qt.MouseButton.NoButton:
        return
    target = QWidget()
    for button in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton,
                   Qt.MouseButton.MiddleButton):
        if held & button:
            QTest.mouseRelease(target, button, Qt.KeyboardModifier.NoModifier, QPoint(1, 1))
    target.deleteLater()
