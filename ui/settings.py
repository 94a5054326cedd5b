"""What the app remembers between runs: window layout, recent plans, theme (QSettings)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from .theme import SYSTEM, THEME_CHOICES

MAX_RECENT = 8


class AppSettings:
    """Typed access to the app's QSettings; every getter tolerates missing or odd values."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings or QSettings()

    # -- recent plans ----------------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        value = self._settings.value("files/recent", [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return []
        return [Path(str(item)) for item in value if str(item)][:MAX_RECENT]

    def add_recent(self, path: Path) -> None:
        path = path.resolve()
        recent = [p for p in self.recent_files() if p != path]
        self._settings.setValue("files/recent", [str(p) for p in [path, *recent][:MAX_RECENT]])

    def remove_recent(self, path: Path) -> None:
        recent = [p for p in self.recent_files() if p != path.resolve() and p != path]
        self._settings.setValue("files/recent", [str(p) for p in recent])

    def last_plan(self) -> Path | None:
        recent = self.recent_files()
        return recent[0] if recent else None

    # -- look -------------------------------------------------------------------------------

    def theme(self) -> str:
        """The theme chosen: system (the default: follow the platform), light or dark."""
        value = str(self._settings.value("view/theme", SYSTEM))
        return value if value in THEME_CHOICES else SYSTEM

    def set_theme(self, name: str) -> None:
        self._settings.setValue("view/theme", name if name in THEME_CHOICES else SYSTEM)

    def minimap_shown(self) -> bool:
        """Whether the canvas shows its overview in a corner (View > Mini-map)."""
        return str(self._settings.value("view/minimap", "true")).lower() != "false"

    def set_minimap_shown(self, shown: bool) -> None:
        self._settings.setValue("view/minimap", "true" if shown else "false")

    # -- window layout ----------------------------------------------------------------------

    def geometry(self) -> QByteArray | None:
        return _bytes(self._settings.value("window/geometry"))

    def window_state(self) -> QByteArray | None:
        return _bytes(self._settings.value("window/state"))

    def save_layout(self, geometry: QByteArray, state: QByteArray) -> None:
        self._settings.setValue("window/geometry", geometry)
        self._settings.setValue("window/state", state)

    def sync(self) -> None:
        self._settings.sync()


def _bytes(value: object) -> QByteArray | None:
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, bytes | bytearray) and value:
        return QByteArray(bytes(value))
    return None
