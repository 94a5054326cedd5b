"""Arrange on a large plan: time from the command to the stored result, and the longest gap
between frames of the canvas drawn every 16 ms meanwhile."""

from __future__ import annotations

import argparse
import tempfile
import time
from itertools import pairwise
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=1700)
    args = parser.parse_args()
    from okrdesk_ui.canvas import CanvasView
    from okrdesk_ui.document import PlanDocument
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from okrdesk.storage import Plan
    from okrdesk.synthetic import generate_plan

    app = QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        path = generate_plan(Path(folder) / "large.okr", args.people)
        document = PlanDocument(Plan.open(path))
        view = CanvasView(document)
        view.resize(1600, 1000)
        view.show()
        app.processEvents()
        frames: list[float] = []
        paints: list[float] = []

        def frame() -> None:
            start = time.perf_counter()
            view.viewport().repaint()
            paints.append(time.perf_counter() - start)
            frames.append(start)

        timer = QTimer()
        timer.timeout.connect(frame)
        timer.start(16)
        arrived: list[float] = []
        started = time.perf_counter()
        view.arrange()
        assert view.arranger.job is not None
        view.arranger.busy_changed.connect(lambda _b: arrived.append(time.perf_counter()))
        returned = time.perf_counter() - started
        while document.undo_stack.count() == 0 and view.arranger.busy:
            app.processEvents()
            time.sleep(0.001)
        done = time.perf_counter() - started
        timer.stop()
        layout_frames = [f for f in frames if f < arrived[0]]
        gaps = [b - a for a, b in pairwise(layout_frames)]
        store = done - (arrived[0] - started)
        print(f"cards {len(view.canvas_scene.cards):,}; arrange() returned in "
              f"{returned * 1000:.0f} ms; layout arrived after {arrived[0] - started:.2f} s, "
              f"stored {store:.2f} s later; "
              f"{len(layout_frames)} frames during the layout, "
              f"longest gap {max(gaps, default=0) * 1000:.0f} ms, "
              f"longest paint {max(paints, default=0) * 1000:.0f} ms")
        view.close()
        document.close()


if __name__ == "__main__":
    main()
