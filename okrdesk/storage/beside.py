"""One check of a large plan run on a second connection, in a thread, beside the others.

SQLite does the work of each check with Python's lock released, so on a machine with a second
core the checks of a large plan take about as long as the longest of them rather than their
sum. The outcome is the one the checks give one after another: vetting reads this check's
result only where it would have run it, and an error it met is raised then, as it would have
been raised then (an earlier problem wins, as before).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable

Check = Callable[[sqlite3.Connection], list[str]]


class CheckBeside:
    """`check` on a connection that `connect` makes, started now in a thread of its own."""

    def __init__(self, connect: Callable[[], sqlite3.Connection], check: Check) -> None:
        self._connect, self._check = connect, check
        self._result: list[str] = []
        self._error: BaseException | None = None
        self._guard = threading.Lock()
        self._running: sqlite3.Connection | None = None
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="okrdesk-vetting", daemon=True)
        self._thread.start()

    def result(self) -> list[str]:
        """The check's result, once it is done; what it raised is raised here."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._result

    def stop(self) -> None:
        """Interrupt the check if it still runs (its result will not be read), and wait."""
        with self._guard:
            self._stopping = True
            if self._running is not None:
                self._running.interrupt()
        self._thread.join()

    def _run(self) -> None:
        try:
            connection = self._connect()
        except BaseException as error:  # raised in the caller's thread by result()
            self._error = error
            return
        try:
            with self._guard:
                if self._stopping:
                    return
                self._running = connection
            self._result = self._check(connection)
        except BaseException as error:
            self._error = error
        finally:
            with self._guard:
                self._running = None
            connection.close()
