"""The app's log: a rotating file in the platform's state folder, and Python's fault handler.

On Linux the folder is `$XDG_STATE_HOME/OKR Desk/OKR Desk/logs` (`~/.local/state/...`); on
Windows and macOS Qt's state location for the app. A hard crash (a segmentation fault in a
library) is written by `faulthandler` to `faults.log` beside the log.
"""

from __future__ import annotations

import faulthandler
import logging
import platform
import sys
from dataclasses import dataclass, field
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import QStandardPaths, qVersion

import okrdesk

LOG_NAME = "okrdesk.log"
FAULTS_NAME = "faults.log"
MAX_BYTES = 1_000_000
BACKUPS = 4
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

log = logging.getLogger("okrdesk_ui")


def log_folder() -> Path:
    """The folder the app logs to (not created here)."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.StateLocation)
    base = Path(location) if location else Path.home() / ".okrdesk"
    return base / "logs"


@dataclass
class AppLog:
    """The log file and fault file now in use; `close()` takes both down again."""

    path: Path
    faults_path: Path
    handler: logging.Handler
    _faults: TextIO | None = field(default=None, repr=False)
    _faults_were_on: bool = field(default=False, repr=False)

    def close(self) -> None:
        logging.getLogger().removeHandler(self.handler)
        self.handler.close()
        if self._faults is not None:
            faulthandler.disable()
            self._faults.close()
            self._faults = None
            if self._faults_were_on and sys.__stderr__ is not None:
                faulthandler.enable(file=sys.__stderr__, all_threads=True)


def start_logging(folder: Path | str | None = None) -> AppLog:
    """Log INFO and above of every logger to a rotating file; hard crashes to a fault file."""
    folder = Path(folder) if folder else log_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
    handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                  encoding="utf-8", delay=False)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(logging.INFO)
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    faults_path = folder / FAULTS_NAME
    faults = faults_path.open("a", encoding="utf-8")
    faults_were_on = faulthandler.is_enabled()
    faulthandler.enable(file=faults, all_threads=True)
    log.info("OKR Desk %s started (Python %s, Qt %s, %s)", okrdesk.__version__,
             platform.python_version(), qVersion(), sys.platform)
    return AppLog(path, faults_path, handler, faults, faults_were_on)
