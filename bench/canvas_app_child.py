"""One program started by bench_canvas.py: the real app (or a bare PySide6 window) up to its first
painted frame, then pans and a quit. It prints `name value` lines; times are `time.time()`, so the
starting program can measure from the moment it started this one.

    python bench/canvas_app_child.py bare
    python bench/canvas_app_child.py app [PLAN] [--measure]
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import time
from pathlib import Path

started = time.time()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

HEARTBEAT_MS = 10
WATCH_S = 3.0  # after the first frame: the longest the window does not answer
PAN_FRAMES = 60


def say(name: str, value: float) -> None:
    print(name, repr(value), flush=True)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # peak, in MiB


def bare() -> None:
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QLabel("OKR Desk", window))
    window.resize(1440, 900)

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and watched is window:
                say("painted", time.time())
                app.quit()
            return False

    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    app.exec()


def app(arguments: list[str], measure: bool) -> None:
    say("python", started)
    import okrdesk_ui.app as app_module
    from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    say("imported", time.time())
    opening = app_module.open_window

    def open_window(*args: object, **kwargs: object) -> object:
        window = opening(*args, **kwargs)  # type: ignore[arg-type]
        canvas = window.canvas
        assert canvas is not None
        watcher = FirstFrame(window, canvas.viewport())
        window.setProperty("bench", True)
        window._bench_watcher = watcher  # type: ignore[attr-defined]
        canvas.viewport().installEventFilter(watcher)
        return window

    class FirstFrame(QObject):
        def __init__(self, window: object, viewport: QObject) -> None:
            super().__init__()
            self.window, self.viewport, self.seen = window, viewport, False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and watched is self.viewport and not self.seen:
                self.seen = True
                QTimer.singleShot(0, self.after_first_frame)
            return False

        def after_first_frame(self) -> None:
            say("painted", time.time())
            say("cpu_painted", time.process_time())  # CPU seconds of this program until then
            say("rss_painted", rss_mb())
            if measure:
                watch_then(lambda: pan_and_quit(self.window))
            else:
                quit_now(self.window)

    def watch_then(then: object) -> None:
        clock, beat = QElapsedTimer(), QTimer()
        clock.start()
        gaps: list[int] = []
        last = [0]

        def tick() -> None:
            now = clock.elapsed()
            gaps.append(now - last[0])
            last[0] = now
            if now >= WATCH_S * 1000:
                beat.stop()
                say("longest_wait_ms", float(max(gaps)))
                then()  # type: ignore[operator]

        beat.timeout.connect(tick)
        beat.start(HEARTBEAT_MS)
        QApplication.instance()._bench_beat = beat  # type: ignore[union-attr]

    def pan_and_quit(window: object) -> None:
        canvas = window.canvas  # type: ignore[attr-defined]
        for label, zoom in (("100", 1.0), ("fit", None)):
            if zoom is None:
                canvas.fit_all()
            else:
                canvas.set_zoom(zoom)
                canvas.centerOn(canvas.sceneRect().center())
            canvas.viewport().repaint()
            bar = canvas.horizontalScrollBar()
            frames = []
            for step in range(PAN_FRAMES):
                bar.setValue(bar.value() + (30 if step % 40 < 20 else -30))
                begin = time.perf_counter()
                canvas.viewport().repaint()
                frames.append((time.perf_counter() - begin) * 1000)
            say(f"pan_{label}_median_ms", statistics.median(frames))
            say(f"pan_{label}_p90_ms", sorted(frames)[int(len(frames) * 0.9)])
        say("rss_peak", rss_mb())
        quit_now(window)

    def quit_now(window: object) -> None:
        say("closing", time.time())
        window.close()  # type: ignore[attr-defined]
        QApplication.quit()

    app_module.open_window = open_window  # type: ignore[assignment]
    app_module.main(arguments, leave_at_once=True)


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        app([a for a in sys.argv[2:] if a != "--measure"], "--measure" in sys.argv)
