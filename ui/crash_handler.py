"""Unexpected errors: logged with their traceback and shown in a dialog naming the log file.

`sys.excepthook` receives errors raised in Qt slots and event handlers (PySide6 reports them
there and carries on), `threading.excepthook` those of other threads. The app stays up: the
plan on disk holds every change committed before the error.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from .translation import QT_TR_NOOP, tr

log = logging.getLogger("okrdesk_ui.crash")

TITLE = QT_TR_NOOP("Something went wrong")


class CrashHandler(QObject):
    """Installs the hooks; `error_reported(summary)` reaches the GUI thread from any thread."""

    error_reported = Signal(str)

    def __init__(self, log_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_path = log_path
        self.dialog: QMessageBox | None = None
        self._previous: tuple[object, object] | None = None
        self.error_reported.connect(self.show_dialog)  # queued when sent from another thread

    def install(self) -> None:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self._python_error
        threading.excepthook = self._thread_error

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous  # type: ignore[assignment]
            self._previous = None

    def _python_error(self, kind: type[BaseException], error: BaseException,
                      trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        log.error("Unexpected error", exc_info=(kind, error, trace))
        if sys.stderr is not None:  # a windowed program on Windows has no stderr
            traceback.print_exception(kind, error, trace, file=sys.stderr)
        self.error_reported.emit(summary(error))

    def _thread_error(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit or args.exc_value is None:
            return
        name = args.thread.name if args.thread is not None else "a worker thread"
        log.error("Unexpected error in %s", name,
                  exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
        self.error_reported.emit(summary(args.exc_value))

    def show_dialog(self, what: str) -> None:
        """One dialog at a time; errors that follow while it is open are only logged."""
        if self.dialog is not None and self.dialog.isVisible():
            return
        parent: QWidget | None = QApplication.activeWindow()
        box = QMessageBox(QMessageBox.Icon.Critical, tr(TITLE), message(what, self.log_path),
                          QMessageBox.StandardButton.Ok, parent)
        box.setObjectName("crashDialog")
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        folder = box.addButton(self.tr("Show log folder"), QMessageBox.ButtonRole.ActionRole)
        folder.clicked.connect(self.show_log_folder)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._dialog_gone)
        self.dialog = box
        box.open()

    def show_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_path.parent)))

    def _dialog_gone(self, _result: int = 0) -> None:
        self.dialog = None


def summary(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0]}" if text else type(error).__name__


def message(what: str, log_path: Path) -> str:
    return tr("OKR Desk ran into a problem it did not expect ({what}).\n\n"
              "Your plan is safe: every change made before this is saved in the plan file, and "
              "you can go on working.\n\n"
              "The details are in the log:\n{log}").format(what=what, log=log_path)
