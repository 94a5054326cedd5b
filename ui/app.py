"""Start the desktop app: `main.py [PLAN]` opens PLAN, else the last plan, else the demo plan.

OKRDESK_QUIT_AFTER_MS=N makes the app quit cleanly (exit code 0) after N milliseconds, so that a
smoke test of a bundle can start it and see it come up and go down by itself.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

# The core's modules before Qt's: once PySide6 is loaded, its import hook reads the source of
# every module imported after it. SQLAlchemy and the model are not among them: a plan opens
# and is read with sqlite3 alone, and they load in the background after the first frame.
# isort: split
import okrdesk.analytics.live
import okrdesk.ops
import okrdesk.snapshot
import okrdesk.storage.plan

# isort: split
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

import okrdesk
from okrdesk.errors import OkrDeskError
from okrdesk.storage import warm_up

from . import collector, files
from .crash_handler import CrashHandler
from .logging_setup import start_logging
from .main_window import MainWindow
from .settings import AppSettings
from .theme import app_icon, apply_theme
from .translation import tr

ORGANISATION = "OKR Desk"
APPLICATION = "OKR Desk"
QUIT_AFTER = "OKRDESK_QUIT_AFTER_MS"
USAGE = "usage: okrdesk-gui [--version] [PLAN.okr]"
WARM_UP_DELAY_MS = 100  # after the first frame: the window's own work first

log = logging.getLogger("okrdesk_ui")


def application(argv: Sequence[str]) -> QApplication:
    """The one QApplication, named so QSettings and the data folder are OKR Desk's."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    if not QCoreApplication.organizationName():
        QCoreApplication.setOrganizationName(ORGANISATION)
    if not QCoreApplication.applicationName():
        QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(okrdesk.__version__)
    app = QApplication([sys.argv[0] if sys.argv else "okrdesk", *argv])
    app.setApplicationDisplayName("OKR Desk")
    app.setDesktopFileName("org.okrdesk.OKRDesk")
    return app


def open_window(requested: str | None, settings: AppSettings | None = None) -> MainWindow:
    """A window on the start-up plan; if that plan cannot open, the demo plan, with the reason."""
    settings = settings or AppSettings()
    window = MainWindow(settings)
    try:
        path = files.startup_plan(requested, settings)
    except OkrDeskError as error:
        window.show_error(tr("The demo plan cannot be made"), str(error))
        return window
    if not window.open_path(path) and window.document is None:
        try:
            window.open_path(files.ensure_demo_plan())
        except OkrDeskError as error:
            window.show_error(tr("The demo plan cannot be made"), str(error))
    return window


class AfterFirstPaint(QObject):
    """Runs `action` `delay_ms` after `widget` was first painted (its frame complete)."""

    def __init__(self, widget: QWidget, action: Callable[[], None], delay_ms: int = 0) -> None:
        super().__init__(widget)
        self._action, self._delay_ms = action, delay_ms
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(self._delay_ms, self._action)
        return False


def quit_after_ms() -> int | None:
    value = os.environ.get(QUIT_AFTER, "").strip()
    if not value:
        return None
    try:
        return max(0, int(value))
    except ValueError:
        print(f"{QUIT_AFTER} must be a number of milliseconds, not {value!r}", file=sys.stderr)
        return None


def main(argv: Sequence[str] | None = None, *, leave_at_once: bool = False) -> int:
    """Run the app; `leave_at_once` (the installed command) ends the process as soon as the
    window is closed and the plan file with it, instead of taking every canvas item apart."""
    multiprocessing.freeze_support()  # a bundled app's map worker starts here, then stops
    if multiprocessing.parent_process() is not None:
        return 0  # a worker process re-reading the main script never opens a window
    arguments = list(sys.argv[1:] if argv is None else argv)
    if any(a in ("-h", "--help") for a in arguments):
        print(USAGE)
        return 0
    if "--version" in arguments:
        print(f"okrdesk-gui {okrdesk.__version__}")
        return 0
    plans = [a for a in arguments if not a.startswith("-")]
    if len(plans) > 1:
        print(USAGE, file=sys.stderr)
        return 2
    app = application([a for a in arguments if a.startswith("-")])
    app_log = start_logging()
    crashes = CrashHandler(app_log.path, app)  # errors in slots: logged, shown, app stays up
    crashes.install()
    settings = AppSettings()
    apply_theme(app, settings.theme())
    app.setWindowIcon(app_icon())
    window = open_window(str(Path(plans[0])) if plans else None, settings)
    # SQLAlchemy and the model for the first change, loaded while the planner looks.
    AfterFirstPaint(window, warm_up.start, WARM_UP_DELAY_MS)
    # The opened plan's objects out of the cycle collector's passes (see collector.py).
    AfterFirstPaint(window, collector.freeze_opened_plan)
    window.show()
    delay = quit_after_ms()
    if delay is not None:
        QTimer.singleShot(delay, window.close)
        QTimer.singleShot(delay, app.quit)
    try:
        code = int(app.exec())
    finally:
        if window.document is not None:
            window.close()  # the plan file is closed with the window
        log.info("OKR Desk closed")
        crashes.uninstall()
        app_log.close()
    if leave_at_once and window.document is None:
        leave(code)
    return code


def leave(code: int) -> NoReturn:
    """End the process now. Called once the plan file is closed: what is left is memory
    (a large plan's canvas holds some hundred thousand Qt objects, seconds to take apart)."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)
