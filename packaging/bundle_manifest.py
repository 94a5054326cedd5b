"""What goes into the OKR Desk bundle and what is trimmed out of it.

The PyInstaller spec (okrdesk.spec) reads these lists; tests check them without building.
Destinations are paths inside the bundle's `_internal` folder, with forward slashes.
"""

from __future__ import annotations

import fnmatch
import posixpath
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
APP_ID = "org.okrdesk.OKRDesk"
MIME_TYPE = "application/x-okrdesk-plan"
CLI_NAME = "okrdesk"
GUI_NAME = "okrdesk-gui"
BUNDLE_NAME = "okrdesk"

# Modules the app never imports; excluding them keeps their Qt libraries out as well.
EXCLUDED_MODULES = [
    "tkinter",
    "ssl",
    "unittest",
    "pydoc_data",
    "lib2to3",
    "idlelib",
    "ensurepip",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "mypy",
    "ruff",
    "IPython",
    "matplotlib",
    "numpy",
    "scipy",
    "pandas",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuickTest",
    "PySide6.QtNetwork",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebEngineQuick",
    "PySide6.QtWebChannel",
    "PySide6.QtWebSockets",
    "PySide6.Qt3DCore",
    "PySide6.Qt3DRender",
    "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
    "PySide6.QtTest",
    "PySide6.QtSql",
    "PySide6.QtDBus",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtConcurrent",
    "PySide6.QtXml",
    "sqlalchemy.testing",
]

# Files collected by the hooks that the app does not use. Qt platform plugins kept: xcb and
# wayland (desktops), offscreen and minimal (headless runs and the smoke test).
TRIMMED = [
    "PySide6/Qt/translations/*",
    "PySide6/Qt/qml/*",
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/platforms/libqminimalegl.so",
    "PySide6/Qt/plugins/platforms/libqlinuxfb.so",
    "PySide6/Qt/plugins/platforms/libqvnc.so",
    "PySide6/Qt/plugins/platforms/libqvkkhrdisplay.so",
    "PySide6/Qt/plugins/egldeviceintegrations/*",
    "PySide6/Qt/plugins/generic/*",
    "PySide6/Qt/plugins/tls/*",
    "PySide6/Qt/plugins/networkinformation/*",
    "PySide6/Qt/plugins/qmltooling/*",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/wayland-graphics-integration-client/*-server.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libfullscreen-shell-v1.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libivi-shell.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libwl-shell-plugin.so",
    "PySide6/Qt/plugins/imageformats/libqpdf.so",
    "PySide6/Qt/plugins/imageformats/libqtga.so",
    "PySide6/Qt/plugins/imageformats/libqwbmp.so",
    "PySide6/Qt/plugins/imageformats/libqtiff.so",
    "PySide6/Qt/plugins/imageformats/libqwebp.so",
    "PySide6/Qt/plugins/imageformats/libqicns.so",
    "PySide6/Qt/lib/libQt6Pdf.so.6",
    "PySide6/Qt/lib/libQt6Network.so.6",
    "PySide6/Qt/lib/libQt6Qml*.so.6",
    "PySide6/Qt/lib/libQt6Quick*.so.6",
    "PySide6/Qt/lib/libQt6EglFs*.so.6",
    "PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6",
    "pygraphviz/tests/*",
    "*/__pycache__/*",
]

# Development tools inside the app's package that the bundle does not carry: the screenshot
# script drives the window with QtTest, which the bundle leaves out.
DEVELOPMENT_MODULES = ("okrdesk_ui.screenshots", "okrdesk_ui.screenshot_")


def in_bundle(module: str) -> bool:
    """Whether a module of the app goes into the bundle (for collect_submodules' filter)."""
    return not module.startswith(DEVELOPMENT_MODULES)


# The Python library is loaded by the executables by name, never linked from another library.
LOADED_BY_NAME = "libpython*"

# Distributions whose metadata the app reads at run time (its own version, and the versions in
# the About dialog).
METADATA = ["okrdesk", "SQLAlchemy", "alembic", "pygraphviz", "pypdf", "filelock",
            "python-calamine", "rustpy-xlsxwriter", "reportlab", "PySide6-Essentials",
            "shiboken6"]

# Folders inside the project that the app reads as files at run time.
# (package, include .py files): the Alembic migrations are loaded from source by Alembic.
DATA_PACKAGES = [
    ("okrdesk", False), ("okrdesk.storage.migrations", True), ("okrdesk_resources", False),
]
# reportlab's own files the scorecards read (okrdesk/scorecards/fonts.py): Bitstream Vera, the
# font where the system has no DejaVu Sans (Windows, macOS), and its licence; not its other
# fonts. Patterns relative to the reportlab package, for collect_data_files' `includes`.
REPORTLAB_FILES = ["fonts/Vera*.ttf", "fonts/bitstream-vera-license.txt"]
# Modules loaded by a name in a string, which PyInstaller's analysis cannot follow: rl-accel's
# `_rl_accel`, reportlab's C speed-ups, which reportlab/lib/rl_accel.py imports inside exec().
# Without it reportlab silently falls back to Python and scorecards take half as long again.
DYNAMIC_IMPORTS = ["_rl_accel"]


def trimmed(destination: str) -> bool:
    """True when a collected file at `destination` is left out of the bundle."""
    path = destination.replace("\\", "/")
    return any(fnmatch.fnmatch(path, pattern) for pattern in TRIMMED)


def kept(entry: tuple[str, str, str]) -> bool:
    """Whether a PyInstaller TOC entry (destination, source, kind) stays in the bundle.

    A symbolic link is dropped together with the file it points to.
    """
    destination, source, kind = entry
    if trimmed(destination):
        return False
    if kind == "SYMLINK":
        target = posixpath.normpath(posixpath.join(posixpath.dirname(destination), source))
        return not trimmed(target)
    return True


def icon_for(platform: str) -> Path | None:
    """The application icon in the format each platform's executable wants."""
    icons = ROOT / "resources" / "icons"
    if platform.startswith("win"):
        return icons / "okrdesk.ico"
    if platform == "darwin":
        return icons / "okrdesk.icns"
    return None


def macos_info_plist(version: str) -> dict[str, object]:
    """Info.plist entries: the app's identity and `.okr` plan files opening in it."""
    return {
        "CFBundleName": "OKR Desk",
        "CFBundleDisplayName": "OKR Desk",
        "CFBundleIdentifier": APP_ID,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "NSHighResolutionCapable": True,
        "LSMinimumSystemVersion": "12.0",
        "CFBundleDocumentTypes": [
            {
                "CFBundleTypeName": "OKR Desk plan",
                "CFBundleTypeRole": "Editor",
                "LSHandlerRank": "Owner",
                "LSItemContentTypes": [f"{APP_ID}.plan"],
                "CFBundleTypeIconFile": "okrdesk.icns",
            }
        ],
        "UTExportedTypeDeclarations": [
            {
                "UTTypeIdentifier": f"{APP_ID}.plan",
                "UTTypeDescription": "OKR Desk plan",
                "UTTypeConformsTo": ["public.data", "public.database"],
                "UTTypeTagSpecification": {
                    "public.filename-extension": ["okr"],
                    "public.mime-type": [MIME_TYPE],
                },
            }
        ],
    }


def unreferenced_libraries(
    binaries: list[tuple[str, str, str]], needed_by: Callable[[str], set[str]]
) -> set[str]:
    """Top-level shared libraries that no kept binary needs any more, directly or indirectly.

    Trimming a plugin leaves behind the system libraries only it needed (a GTK theme plugin
    pulls in GTK's whole stack); `needed_by(source)` gives the library names a file links to.
    """
    top_level = {
        dest: src
        for dest, src, kind in binaries
        if "/" not in dest and kind == "BINARY" and not fnmatch.fnmatch(dest, LOADED_BY_NAME)
    }
    reached: set[str] = set()
    pending = [src for dest, src, kind in binaries if dest not in top_level and kind != "SYMLINK"]
    while pending:
        for name in needed_by(pending.pop()):
            if name in top_level and name not in reached:
                reached.add(name)
                pending.append(top_level[name])
    return set(top_level) - reached
