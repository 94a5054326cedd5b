"""Ctrl-C during a command: remembered, so that it is reported as what it is.

Python turns SIGINT into KeyboardInterrupt wherever the program happens to be. Inside SQLite
that is the progress handler, whose exception SQLite swallows: the statement then fails as
"interrupted" and surfaces as a database error with its whole SQL text. `InterruptWatch`
notes that the signal came, so the command line can report any error that follows as the
interruption it is. A KeyboardInterrupt raised inside a callback Python does not let fail (a
garbage collector's weakref callback, a `__del__`) would be lost, and the command would go on
to the end: the watch raises it again at the next point that can fail.
"""

from __future__ import annotations

import signal
import sys
import threading
from types import FrameType, TracebackType
from typing import Any

AGAIN_AFTER = 0.001  # seconds


class InterruptWatch:
    """While active, SIGINT raises KeyboardInterrupt as usual and sets `received`."""

    def __init__(self) -> None:
        self.received = False
        self._previous: Any = None
        self._previous_hook: Any = None
        self._installed = False

    def __enter__(self) -> InterruptWatch:
        watchable = threading.current_thread() is threading.main_thread()
        if watchable and signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
            self._previous = signal.signal(signal.SIGINT, self._received)
            self._previous_hook = sys.unraisablehook
            sys.unraisablehook = self._unraisable
            self._installed = True
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._installed:
            signal.signal(signal.SIGINT, self._previous)
            sys.unraisablehook = self._previous_hook
            self._installed = False

    def _received(self, _signum: int, _frame: FrameType | None) -> None:
        self.received = True
        raise KeyboardInterrupt

    def _unraisable(self, unraisable: Any) -> None:
        if self._installed and isinstance(unraisable.exc_value, KeyboardInterrupt):
            # Sent again from a thread, so that the handler runs once the callback (and this
            # hook, which cannot fail either) has returned; lost again, it is sent again.
            again = threading.Timer(AGAIN_AFTER, signal.raise_signal, (signal.SIGINT,))
            again.daemon = True
            again.start()
            return
        self._previous_hook(unraisable)


def quiet_from_now_on() -> None:
    """The program's work is done: from here a Ctrl-C could only land in Python's own shutdown
    (its threads' clean-up) and print a traceback there instead of the program ending as it
    was about to. Only for a program's entry, never inside a longer-lived one."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
