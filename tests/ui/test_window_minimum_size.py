"""The window's minimum size with the app's own look (its style sheet pads every widget): a
laptop's 1280x720 screen, less a 48-pixel panel, still holds the whole window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.settings import AppSettings
from okrdesk_ui.theme import apply_theme
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QScrollArea
from pytestqt.qtbot import QtBot

from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures

LAPTOP = QSize(1280, 720)
PANEL = 48  # a desktop's own bar takes this much of the screen's height


@pytest.fixture
def app_look() -> Iterator[None]:
    """The look the app starts with, then the application as it was (later tests measure)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    names = ("okrdeskThemeChoice", "okrdeskTheme")
    properties = {name: app.property(name) for name in names}
    sheet, colours, style = app.styleSheet(), app.palette(), app.style().name()
    apply_theme(app, AppSettings().theme())
    yield
    for name, value in properties.items():
        app.setProperty(name, value)
    app.setStyle(style)
    app.setPalette(colours)
    app.setStyleSheet(sheet)


def test_the_window_fits_a_laptop_with_the_apps_look(
        app_look: None, qtbot: QtBot, demo_plan: Path, data_home: Path) -> None:
    window = MainWindow(AppSettings())
    qtbot.addWidget(window)
    assert window.open_path(demo_plan)
    window.resize(LAPTOP)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    minimum = window.minimumSizeHint()
    assert minimum.width() <= LAPTOP.width() and minimum.height() <= LAPTOP.height() - PANEL
    health = window.docks["health"].widget()  # taller than its tab: it scrolls instead
    assert isinstance(health, QScrollArea) and health.widget() is window.health
