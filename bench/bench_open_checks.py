"""What vetting costs when a large plan opens: the plain load against the vetted opens.

    .venv/bin/python bench/bench_open_checks.py [--people 10000] [--repeat 5]

"plain load" reads the snapshot through an immutable connection with no checks at all;
"open (write)" is Plan.open + Snapshot.load as the app opens a plan; "open (read-only)" is the
same with read_only=True (the commands check, map and export), which reads a private copy.
The vetting steps are then timed one by one on the same file. Medians in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from okrdesk.storage.engine import plan_engine
from okrdesk.storage.private_copy import PrivateCopy
from okrdesk.storage.rows import row_problems
from okrdesk.storage.schema import expected_schema, read_schema, schema_differences
from okrdesk.synthetic import generate_plan


def median_ms(action: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def plain_load(path: Path) -> None:
    engine = plan_engine(path, inspect_only=True)
    with engine.connect() as connection:
        Snapshot.load(connection)
    engine.dispose()


def vetted_load(path: Path, read_only: bool) -> None:
    with Plan.open(path, read_only=read_only) as plan, plan.read() as connection:
        Snapshot.load(connection)


def step(path: Path, name: str) -> Callable[[], object]:
    def run() -> object:
        engine = plan_engine(path, inspect_only=True)
        try:
            with engine.connect() as connection:
                driver = connection.connection.driver_connection
                assert driver is not None
                if name == "quick_check":
                    return driver.execute("PRAGMA quick_check").fetchall()
                if name == "schema":
                    return schema_differences(expected_schema(3), read_schema(connection))
                return row_problems(driver, expected_schema(3))
        finally:
            engine.dispose()
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = generate_plan(Path(folder) / "large.okr", args.people)
        with Plan.open(path, read_only=True) as plan, plan.read() as connection:
            objectives = connection.exec_driver_sql("SELECT count(*) FROM objectives").scalar()
        expected_schema(3)  # built once per process, as in the app
        size_mb = path.stat().st_size / 1e6
        print(f"{args.people:,} people, {objectives:,} objectives, file {size_mb:.1f} MB")
        plain = median_ms(lambda: plain_load(path), args.repeat)
        rows = [("plain load (no checks)", plain),
                ("open (write) + load", median_ms(lambda: vetted_load(path, False), args.repeat)),
                ("open (read-only) + load",
                 median_ms(lambda: vetted_load(path, True), args.repeat)),
                ("  quick_check", median_ms(step(path, "quick_check"), args.repeat)),
                ("  schema comparison", median_ms(step(path, "schema"), args.repeat)),
                ("  row checks", median_ms(step(path, "rows"), args.repeat)),
                ("  private copy", median_ms(lambda: PrivateCopy(path).discard(), args.repeat))]
        for name, ms in rows:
            extra = f"  (+{ms - plain:,.0f} ms)" if name.startswith("open") else ""
            print(f"{name:<26} {ms:8,.0f} ms{extra}")


if __name__ == "__main__":
    main()
