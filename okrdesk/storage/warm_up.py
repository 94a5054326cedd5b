"""The modules that changing a plan needs (SQLAlchemy, the model, transactions), loaded in the
background once a window shows its plan, so that the first change does not wait for them.

Opening a plan and reading it take sqlite3 alone; `Plan.engine` waits here before it loads
SQLAlchemy itself, so two threads never import it at once.
"""

from __future__ import annotations

import importlib
import threading

WRITE_PATH = ("sqlalchemy", "sqlalchemy.orm", "okrdesk.model.tables", "okrdesk.storage.engine",
              "okrdesk.storage.transaction")

_started: threading.Thread | None = None
_guard = threading.Lock()


def start() -> None:
    """Load the write path's modules in a background thread (once)."""
    global _started
    with _guard:
        if _started is not None:
            return
        _started = threading.Thread(target=_load, name="okrdesk-warm-up", daemon=True)
        _started.start()


def wait() -> None:
    """Return once the background loading, if started, is done."""
    thread = _started
    if thread is not None and thread is not threading.current_thread():
        thread.join()


def _load() -> None:
    for name in WRITE_PATH:
        importlib.import_module(name)
