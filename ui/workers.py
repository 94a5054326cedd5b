"""Long work off the GUI thread: one job, its outcome as signals, and a cancel that never blocks."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from okrdesk.errors import OkrDeskError


class Job(QObject):
    """Runs `work()` in a background thread and reports in the GUI thread.

    `succeeded(result)` or `failed(message)` arrives exactly once, unless the job was cancelled:
    then nothing arrives and the result, when it comes, is dropped. Work that can stop early is
    made with `Job.stoppable`: it receives the job's `cancel_event` and should stop when it is set.
    """

    succeeded = Signal(object)
    failed = Signal(str)
    _outcome = Signal(bool, object)

    def __init__(self, work: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self.cancel_event = threading.Event()
        self._thread: threading.Thread | None = None
        self._outcome.connect(self._report)

    @classmethod
    def stoppable(cls, work: Callable[[threading.Event], Any],
                  parent: QObject | None = None) -> Job:
        """A job whose work is given the cancel event, so that a cancel really stops it."""
        job = cls(lambda: None, parent)
        cancel_event = job.cancel_event
        job._work = lambda: work(cancel_event)
        return job

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="okrdesk-job", daemon=True)
        self._thread.start()

    def cancel(self) -> None:
        self.cancel_event.set()

    def wait(self, timeout_s: float | None = None) -> bool:
        """Block until the thread ends (tests and shutdown only); True if it has ended."""
        if self._thread is not None:
            self._thread.join(timeout_s)
        return not self.running

    def _run(self) -> None:
        try:
            outcome: tuple[bool, object] = (True, self._work())
        except OkrDeskError as error:
            outcome = (False, str(error))
        except Exception as error:  # a failure in the work must never reach the event loop
            outcome = (False, self.tr("The work stopped with an unexpected error: {error}")
                       .format(error=error))
        with contextlib.suppress(RuntimeError):  # the window that asked has closed meanwhile
            self._outcome.emit(*outcome)

    def _report(self, ok: bool, value: object) -> None:
        if self.cancelled:
            return
        if ok:
            self.succeeded.emit(value)
        else:
            self.failed.emit(str(value))
