"""Python's cycle collector paused while a workbook is read or imported.

A large workbook becomes millions of objects that all live on (cells, rows, then the plan's
rows). The collector would walk them again and again as they pile up, about a fifth of the
time of a 10,000-person import, and free nothing: they form no reference cycles. It runs
again when the outermost read or import is done.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
