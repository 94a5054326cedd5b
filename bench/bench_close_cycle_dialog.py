"""The closing dialog on synthetic plans, for every objective of 2027-Q1: the time to build and
show it, the slowest and median step of scrolling it a page at a time and of jumping to its end,
a keystroke in the filter, a keystroke in a note (the note line of a score moved away from its
proposal), and the time of OK (the cycle closed with the proposed scores, through the window's
undo stack). Runs offscreen unless QT_QPA_PLATFORM says otherwise.

    .venv/bin/python bench/bench_close_cycle_dialog.py [--people 50 100 500 1650]

50 people give about 150 objectives in 2027-Q1 (and 450 key results), 100 about 290, 500 about
1,500 and 1,650 about 5,000. Prints wall and CPU time and the load average; each figure is a
single run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

PAGES = 30  # page steps scrolled
FILTER = "grow"  # typed a letter at a time, then taken back


def timed(step: Callable[[], object], app: Any) -> tuple[float, float]:
    """Wall and CPU seconds of `step` and the events it left (layouts, painting)."""
    wall, cpu = time.perf_counter(), time.process_time()
    step()
    app.processEvents()
    return time.perf_counter() - wall, time.process_time() - cpu


def steps(times: list[tuple[float, float]]) -> str:
    walls = [wall * 1000 for wall, _ in times]
    return f"median {statistics.median(walls):.0f} ms, slowest {max(walls):.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, nargs="+", default=[50, 100, 500, 1650])
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from okrdesk_ui.document import PlanDocument
    from PySide6.QtWidgets import QApplication

    from okrdesk.storage import Plan
    from okrdesk.synthetic import generate_plan

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        for people in args.people:
            path = generate_plan(Path(folder) / f"plan-{people}.okr", people)
            document = PlanDocument(Plan.open(path))
            try:
                print(f"{people} people: {measure(app, document)}; "
                      f"load {os.getloadavg()[0]:.2f}", flush=True)
            finally:
                document.close()


def measure(app: Any, document: Any) -> str:
    from okrdesk_ui.dialogs.close_cycle import CloseCycleDialog
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QDoubleSpinBox, QLineEdit

    cycle = document.snapshot.cycle_named("2027-Q1")
    made: list[CloseCycleDialog] = []

    def open_dialog() -> None:
        made.append(CloseCycleDialog(document, cycle.id))
        made[0].resize(980, 680)
        made[0].show()

    opened = timed(open_dialog, app)
    dialog = made[0]
    objectives = len(dialog.proposal.objectives)
    scores = sum(1 + len(o.key_results) for o in dialog.proposal.objectives)
    bar = dialog.list_area.verticalScrollBar()
    pages = [timed(lambda: bar.setValue(bar.value() + bar.pageStep()), app)
             for _ in range(PAGES)]
    end = timed(lambda: bar.setValue(bar.maximum()), app)
    top = timed(lambda: bar.setValue(0), app)
    dialog.filter.setFocus()
    letters = [timed(lambda key=key: QTest.keyClick(dialog.filter, key), app) for key in FILTER]
    letters += [timed(lambda: QTest.keyClick(dialog.filter, Qt.Key.Key_Backspace), app)
                for _ in FILTER]
    score = next(w for w in dialog.list_area.widget().findChildren(QDoubleSpinBox)
                 if w.isVisible())
    proposed = score.value()
    score.setValue(1.0 if proposed < 0.5 else 0.0)  # its note is now needed
    note = next(w for w in dialog.list_area.widget().findChildren(QLineEdit)
                if w.objectName() == "closingNote" and w.isVisible())
    note.setFocus()
    typing = [timed(lambda: QTest.keyClick(note, "a"), app) for _ in range(20)]
    note.clear()
    score.setValue(proposed)
    closed, stall = close(app, dialog, document, cycle.id)  # the dialog, accepted, is gone
    return (f"{objectives} objectives, {scores} scores; "
            f"open {opened[0]:.2f} s wall ({opened[1]:.2f} s CPU); "
            f"page down {steps(pages)}; to the end {end[0] * 1000:.0f} ms, "
            f"to the top {top[0] * 1000:.0f} ms; filter key {steps(letters)}; "
            f"note key {steps(typing)}; OK {closed[0]:.2f} s wall ({closed[1]:.2f} s CPU), "
            f"longest wait of the event loop meanwhile {stall * 1000:.0f} ms")


def close(app: Any, dialog: Any, document: Any, cycle_id: str) -> tuple[tuple[float, float], float]:
    """Press OK and wait for the cycle to be closed (a big one closes in a worker thread): wall
    and CPU seconds (of the whole process), and the longest the event loop waited to run."""
    wall, cpu = time.perf_counter(), time.process_time()
    dialog.close_cycle()  # a small cycle is closed when this returns
    beat = time.perf_counter()
    stall = beat - wall
    while document.snapshot.cycles[cycle_id].closed_at is None:
        app.processEvents()
        now = time.perf_counter()
        stall, beat = max(stall, now - beat), now
        time.sleep(0.002)
    app.processEvents()
    return (time.perf_counter() - wall, time.process_time() - cpu), stall


if __name__ == "__main__":
    main()
