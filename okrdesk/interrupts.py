"""Ctrl-C during a command: remembered, so that it is reported as what it is.

Python turns SIGINT into KeyboardInterrupt wherever the program happens to be. Inside SQLite
that is the progress handler, whose exception SQLite swallows: the statement then fails as
"interrupted" and surfaces as a database error with its whole SQL text. `InterruptWatch`
notes that the signal came, so the command line can report any error that follows as the
interruption it is.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType, TracebackType
from typing import Any


class InterruptWatch:
    """While active, SIGINT raises KeyboardInterrupt as usual and sets `received`."""

    def __init__(self) -> None:
        self.received = False
        self._previous: Any = None
        self._installed = False

    def __enter__(self) -> InterruptWatch:
        watchable = threading.current_thread() is threading.main_thread()
        if watchable and signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
            self._previous = signal.signal(signal.SIGINT, self._received)
            self._installed = True
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._installed:
            signal.signal(signal.SIGINT, self._previous)
            self._installed = False

    def _received(self, _signum: int, _frame: FrameType | None) -> None:
        self.received = True
        raise KeyboardInterrupt


def quiet_from_now_on() -> None:
    """The program's work is done: from here a Ctrl-C could only land in Python's own shutdown
    (its threads' clean-up) and print a traceback there instead of the program ending as it
    was about to. Only for a program's entry, never inside a longer-lived one."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
