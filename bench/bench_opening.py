"""The core's part of opening a plan in the app, part by part, beside a floor.

    .venv/bin/python bench/bench_opening.py [--people 1000 10000] [--repeat 5]

For each synthetic plan (three objectives and about nine key results per person):
"open" is Plan.open (header, lock, vetting, connection); "of which vetting" runs the same
checks (storage/vetting.py) alone on an immutable connection; "snapshot" reads every table
into a Snapshot (Plan.reading); "alignment index" builds the health figures' index
(analytics/index.py). "open + snapshot, as the window" is Plan.open with the snapshot's load
as its first reading, as the window opens a plan: a large plan (from 16 MB, about 3,000
people) is read while it is vetted (storage/first_read.py), in less than the two apart. "floor" is
raw sqlite3 reading the same tables into tuples and nothing else. Medians of wall time in
milliseconds, with the processor time of the same runs beside it ("cpu"), which a busy
machine disturbs less.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path

from okrdesk.analytics.index import AlignmentIndex
from okrdesk.snapshot import ROW_CLASSES, Snapshot
from okrdesk.storage import Plan
from okrdesk.storage.connect import Connector
from okrdesk.storage.vetting import vet_connection
from okrdesk.synthetic import generate_plan

Part = Callable[[], object]


def floor(path: Path) -> None:
    connection, _clock = Connector(path, inspect_only=True).open()
    try:
        connection.execute("BEGIN")
        for row_class in ROW_CLASSES:
            columns = ", ".join(f'"{f.name}"' for f in fields(row_class))
            connection.execute(f'SELECT {columns} FROM "{row_class.table}"').fetchall()
    finally:
        connection.close()


def vetting(path: Path) -> None:
    connection, _clock = Connector(path, inspect_only=True).open()
    try:
        vet_connection(connection, path, 3)
    finally:
        connection.close()


def measure(part: Part) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    part()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def one_opening(path: Path) -> dict[str, tuple[float, float]]:
    """Each part once, in the order the app runs them."""
    figures = {"floor": measure(lambda: floor(path)),
               "of which vetting": measure(lambda: vetting(path))}
    plans: list[Plan] = []
    figures["open"] = measure(lambda: plans.append(Plan.open(path)))
    snapshots: list[Snapshot] = []

    def snapshot() -> None:
        with plans[0].reading() as connection:
            snapshots.append(Snapshot.load(connection))

    figures["snapshot"] = measure(snapshot)
    figures["alignment index"] = measure(lambda: AlignmentIndex(snapshots[0]))
    plans[0].close()
    figures["open + snapshot, as the window"] = measure(lambda: as_the_window(path))
    return figures


def as_the_window(path: Path) -> Snapshot:
    """The plan opened and its snapshot read as the window does (ui/files.py, document.py)."""
    with Plan.open(path, first_read=Snapshot.load) as plan:
        if isinstance(plan.first_reading, Snapshot):
            return plan.first_reading
        with plan.reading() as connection:
            return Snapshot.load(connection)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for people in args.people:
            path = generate_plan(Path(folder) / f"people-{people}.okr", people, seed=1)
            one_opening(path)  # warms the file cache and the compiled checks
            runs = [one_opening(path) for _ in range(args.repeat)]
            core = [sum(run[p][0] for p in ("open", "snapshot", "alignment index"))
                    for run in runs]
            print(f"{people:,} people (load average {os.getloadavg()[0]:.1f}), medians of "
                  f"{args.repeat}: core's part {statistics.median(core):.0f} ms")
            for part in ("open", "of which vetting", "snapshot", "open + snapshot, as the window",
                         "alignment index", "floor"):
                wall = statistics.median(run[part][0] for run in runs)
                cpu = statistics.median(run[part][1] for run in runs)
                print(f"  {part:31s} {wall:7.1f} ms  (cpu {cpu:7.1f} ms)")


if __name__ == "__main__":
    main()
