"""Start of the Arrange worker process as the desktop app meets it: Qt loaded in the calling
program, a light main script (as main.py is). Each run is a fresh program, so the first Arrange
pays for starting the fork server (cold); the second reuses it (warm). Also reports whether the
worker loaded Qt (Linux: read from /proc)."""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import subprocess
import sys


def once() -> dict[str, float | bool]:
    # Imported here, not at the top: a worker re-imports the main script, as it does main.py.
    import multiprocessing
    import threading
    import time
    from pathlib import Path

    import okrdesk_ui.app  # noqa: F401 - the app's Qt, loaded in the calling program
    from okrdesk_ui.canvas.arrange import LayoutInput, lay_out_in_worker

    data = LayoutInput(cards=(("a", 200.0, 80.0), ("b", 200.0, 80.0)), lanes=(("a",), ("b",)),
                       aligned=(("a", "b"),), contributes=())
    figures: dict[str, float | bool] = {}
    qt_seen = False
    for label in ("cold", "warm"):
        started = time.perf_counter()
        thread = threading.Thread(target=lay_out_in_worker, args=(data, threading.Event()))
        thread.start()
        while thread.is_alive():
            for child in multiprocessing.active_children():
                maps = Path(f"/proc/{child.pid}/maps")
                with contextlib.suppress(OSError):
                    qt_seen = qt_seen or "PySide6" in maps.read_text()
            time.sleep(0.005)
        figures[label] = time.perf_counter() - started
    figures["worker_loads_qt"] = qt_seen
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.once:
        print(json.dumps(once()))
        return
    runs = [json.loads(subprocess.run([sys.executable, __file__, "--once"], check=True,
                                      capture_output=True, text=True).stdout)
            for _ in range(args.runs)]
    for label in ("cold", "warm"):
        print(f"{label}: median {statistics.median(r[label] for r in runs):.2f} s "
              f"(runs: {', '.join(f'{r[label]:.2f}' for r in runs)})")
    print(f"worker loads Qt: {any(r['worker_loads_qt'] for r in runs)}")


if __name__ == "__main__":
    main()
