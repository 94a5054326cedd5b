"""The Arrange worker process started from the desktop app loads no Qt (it would cost seconds
at every cold start): the libraries mapped into the running worker are read from /proc."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
import time
from pathlib import Path

import pytest
from okrdesk_ui.canvas.arrange import lay_out_in_worker
from PySide6.QtWidgets import QApplication

from okrdesk.arrange import WORKER_NAME
from tests.core.test_arrange_layout import tree_input

pytestmark = pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs /proc")


def mapped_files(pid: int) -> set[str]:
    lines = Path(f"/proc/{pid}/maps").read_text().splitlines()
    return {line.split()[-1] for line in lines if len(line.split()) >= 6}


def test_the_arrange_worker_loads_no_qt(qapp: QApplication) -> None:
    assert any("QtWidgets" in name for name in mapped_files(os.getpid()))  # the caller has Qt
    data = tree_input((5, 60, 600, 1500))  # about a second inside Graphviz
    result: list[dict[str, float]] = []
    thread = threading.Thread(
        target=lambda: result.append(lay_out_in_worker(data, threading.Event())))
    thread.start()
    worker = running(WORKER_NAME)
    seen: set[str] = set()
    while thread.is_alive():  # the whole life of the worker, its imports done long before
        with contextlib.suppress(OSError):
            seen |= mapped_files(worker)
        time.sleep(0.05)
    thread.join()
    assert len(result) == 1 and len(result[0]) == len(data.cards)
    assert any("graphviz" in name.lower() for name in seen)
    assert not [name for name in seen if "PySide6" in name or "shiboken" in name]


def running(name: str, timeout_s: float = 30) -> int:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = [p.pid for p in multiprocessing.active_children() if p.name == name]
        if found and found[0] is not None:
            return found[0]
        time.sleep(0.02)
    raise AssertionError(f"no {name} process started")
