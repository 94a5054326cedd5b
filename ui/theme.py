"""Light and dark looks: a Fusion palette plus small style sheets from resources/styles.

The default choice, "system", follows the platform's light or dark setting (Qt's colour scheme)
and switches when the platform does.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication

STYLE_FILES = ("base.qss",)
SYSTEM = "system"
LOOKS = ("light", "dark")
THEME_CHOICES = (SYSTEM, *LOOKS)  # what a planner can choose; "system" is the default
Role = QPalette.ColorRole

_COLOURS: dict[str, dict[QPalette.ColorRole, str]] = {
    "light": {
        Role.Window: "#f3f4f6", Role.WindowText: "#1d232b", Role.Base: "#ffffff",
        Role.AlternateBase: "#f5f7fa", Role.Text: "#1d232b", Role.Button: "#eceff3",
        Role.ButtonText: "#1d232b", Role.Highlight: "#1f6feb", Role.HighlightedText: "#ffffff",
        Role.ToolTipBase: "#ffffff", Role.ToolTipText: "#1d232b", Role.PlaceholderText: "#7d8590",
        Role.Link: "#0969da", Role.Mid: "#c9ced6", Role.Dark: "#aab2bd", Role.Light: "#ffffff",
    },
    "dark": {
        Role.Window: "#1f2328", Role.WindowText: "#e6edf3", Role.Base: "#16191d",
        Role.AlternateBase: "#1d2126", Role.Text: "#e6edf3", Role.Button: "#2b3138",
        Role.ButtonText: "#e6edf3", Role.Highlight: "#388bfd", Role.HighlightedText: "#ffffff",
        Role.ToolTipBase: "#2b3138", Role.ToolTipText: "#e6edf3", Role.PlaceholderText: "#7d8590",
        Role.Link: "#58a6ff", Role.Mid: "#3d454e", Role.Dark: "#0d1117", Role.Light: "#4b5561",
    },
}


def resource_path(*parts: str) -> Path:
    """A file shipped in the `resources` folder, found the same way in a bundle."""
    try:
        found = resources.files("okrdesk_resources").joinpath(*parts)
    except (ModuleNotFoundError, TypeError):
        found = None
    if isinstance(found, Path):
        return found
    return Path(__file__).resolve().parent.parent.joinpath("resources", *parts)


def style_sheet(name: str) -> str:
    texts = []
    for file_name in (*STYLE_FILES, f"{name}.qss"):
        path = resource_path("styles", file_name)
        if path.is_file():
            texts.append(path.read_text(encoding="utf-8"))
    return "\n".join(texts)


def palette(name: str) -> QPalette:
    result = QPalette()
    for role, colour in _COLOURS.get(name, _COLOURS["light"]).items():
        result.setColor(role, QColor(colour))
    disabled = QColor("#8b949e")
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        result.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return result


def system_look(scheme: Qt.ColorScheme | None = None) -> str:
    """The look the platform asks for: dark for a dark colour scheme, else light."""
    if scheme is None:
        scheme = QApplication.styleHints().colorScheme()
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def apply_theme(app: QApplication, choice: str) -> str:
    """Switch the whole app to a theme choice and return the look shown (light or dark).

    Widgets and the canvas follow the palette change. With "system" the app keeps following
    the platform's colour scheme until another theme is chosen.
    """
    choice = choice if choice in THEME_CHOICES else SYSTEM
    look = system_look() if choice == SYSTEM else choice
    app.setProperty("okrdeskThemeChoice", choice)
    _paint(app, look)
    if not app.property("okrdeskFollowsScheme"):
        app.styleHints().colorSchemeChanged.connect(
            lambda scheme: _scheme_changed(app, scheme))
        app.setProperty("okrdeskFollowsScheme", True)
    return look


def _scheme_changed(app: QApplication, scheme: Qt.ColorScheme) -> None:
    if theme_choice(app) == SYSTEM:
        _paint(app, system_look(scheme))


def _paint(app: QApplication, look: str) -> None:
    app.setStyle("Fusion")
    app.setPalette(palette(look))
    app.setStyleSheet(style_sheet(look))
    app.setProperty("okrdeskTheme", look)


def current_theme(app: QApplication) -> str:
    """The look shown now: light or dark."""
    value = app.property("okrdeskTheme")
    return value if isinstance(value, str) else "light"


def theme_choice(app: QApplication) -> str:
    """The theme chosen: system, light or dark."""
    value = app.property("okrdeskThemeChoice")
    return value if isinstance(value, str) and value in THEME_CHOICES else SYSTEM


def app_icon() -> QIcon:
    """The app's icon, sharp at every size (SVG, with PNG sizes as a fallback)."""
    icon = QIcon()
    svg = resource_path("icons", "okrdesk.svg")
    if svg.is_file():
        icon.addFile(str(svg))
    for size in (16, 24, 32, 48, 64, 128, 256):
        png = resource_path("icons", "png", f"okrdesk-{size}.png")
        if png.is_file():
            icon.addFile(str(png))
    return icon


def action_icon(name: str) -> QIcon:
    path = resource_path("icons", "actions", f"{name}.svg")
    return QIcon(str(path)) if path.is_file() else QIcon()
