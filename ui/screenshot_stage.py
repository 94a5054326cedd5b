"""The stage every screenshot program starts from: its command line (a folder, --size), an
offscreen screen as large as the window, settings and data kept in a scratch folder, and the
demo plan open in a window of that size."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from .screenshot_kit import Camera, offscreen_screen, settle

if TYPE_CHECKING:
    from .main_window import MainWindow


@dataclass(frozen=True)
class Stage:
    app: QApplication
    window: MainWindow
    camera: Camera
    plans: Path  # the folder holding the demo plan
    width: int
    height: int


def demo_stage(prog: str, argv: list[str] | None, *,
               default_folder: Path | None = None) -> Stage:
    """Parse `FOLDER [--size WxH]`, then open the demo plan in a light-themed window."""
    parser = argparse.ArgumentParser(prog=prog)
    if default_folder is None:
        parser.add_argument("folder", type=Path)
    else:
        parser.add_argument("folder", nargs="?", default=default_folder, type=Path)
    parser.add_argument("--size", default="1920x1080", help="the window's size, WIDTHxHEIGHT")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    try:
        width, height = (int(part) for part in args.size.lower().split("x"))
    except ValueError:
        parser.error(f"--size {args.size}: write the size as WIDTHxHEIGHT, e.g. 1280x720")
    folder: Path = args.folder
    folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="okrdesk-shots-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    offscreen_screen(width, height, work)
    os.environ["XDG_DATA_HOME"] = str(work / "data")
    QCoreApplication.setOrganizationName("OKR Desk Screenshots")
    QCoreApplication.setApplicationName("OKR Desk Screenshots")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work))
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)

    from okrdesk.demo import build_demo

    from .main_window import MainWindow
    from .settings import AppSettings
    from .theme import apply_theme

    plans = work / "Plans"
    plans.mkdir()
    plan = build_demo(plans / "Voltline demo.okr")
    apply_theme(app, "light")
    window = MainWindow(AppSettings())
    window.open_path(plan)
    window.move(0, 0)
    window.resize(width, height)
    window.show()
    settle(app)
    return Stage(app, window, Camera(window, folder), plans, width, height)
