"""The theme follows the system's light or dark setting by default; light and dark stay
choosable from the View menu and are remembered."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.settings import AppSettings
from okrdesk_ui.theme import current_theme, palette, theme_choice
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures


@pytest.fixture
def app() -> Iterator[QApplication]:
    """The application, given back afterwards exactly as it was: its style sheet, palette and
    style change the size of every widget the later tests measure."""
    instance = QApplication.instance()
    assert isinstance(instance, QApplication)
    names = ("okrdeskThemeChoice", "okrdeskTheme")
    properties = {name: instance.property(name) for name in names}
    sheet, colours, style = instance.styleSheet(), instance.palette(), instance.style().name()
    yield instance
    instance.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Unknown)
    for name, value in properties.items():
        instance.setProperty(name, value)
    instance.setStyle(style)
    instance.setPalette(colours)
    instance.setStyleSheet(sheet)


def window_colour(app: QApplication) -> str:
    return str(app.palette().color(QPalette.ColorRole.Window).name())


def platform_says(app: QApplication, scheme: Qt.ColorScheme) -> None:
    """What Qt sends when the platform's setting changes (offscreen Qt never changes it)."""
    app.styleHints().colorSchemeChanged.emit(scheme)


def test_system_is_the_default_and_follows_the_platform(app: QApplication,
                                                        window: MainWindow) -> None:
    assert AppSettings().theme() == "system"
    assert window.actions_.theme_actions["system"].isChecked()
    window.actions_.theme_actions["system"].trigger()
    assert theme_choice(app) == "system"
    platform_says(app, Qt.ColorScheme.Dark)
    assert current_theme(app) == "dark"
    assert window_colour(app) == palette("dark").color(QPalette.ColorRole.Window).name()
    platform_says(app, Qt.ColorScheme.Light)
    assert current_theme(app) == "light"
    assert window_colour(app) == palette("light").color(QPalette.ColorRole.Window).name()


def test_a_chosen_theme_stays_whatever_the_platform_says(app: QApplication,
                                                         window: MainWindow) -> None:
    window.actions_.theme_actions["dark"].trigger()
    assert current_theme(app) == "dark" and AppSettings().theme() == "dark"
    platform_says(app, Qt.ColorScheme.Light)
    assert current_theme(app) == "dark"
    window.actions_.theme_actions["light"].trigger()
    platform_says(app, Qt.ColorScheme.Dark)
    assert current_theme(app) == "light" and AppSettings().theme() == "light"
    window.actions_.theme_actions["system"].trigger()
    assert AppSettings().theme() == "system"
    platform_says(app, Qt.ColorScheme.Dark)
    assert current_theme(app) == "dark"


def test_the_view_menu_offers_the_three_themes(window: MainWindow) -> None:
    view_menu = next(action.menu() for action in window.menuBar().actions()
                     if action.text() == "&View")
    texts = [action.text() for action in view_menu.actions()]
    assert {"System theme", "Light theme", "Dark theme"} <= set(texts)


def test_an_unknown_theme_in_the_settings_means_system() -> None:
    settings = AppSettings()
    settings._settings.setValue("view/theme", "purple")
    assert settings.theme() == "system"
