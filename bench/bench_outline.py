"""Pasting an outline into a plan: parsing, reading the key results, one transaction, the views.

    .venv/bin/python bench/bench_outline.py [--lines 200] [--runs 9] [--people 0] [--no-window]

Prints medians in milliseconds over the runs, each on the plan as it was (the paste is undone
between runs):
- core: parse the text, then `ops.create_outline` with the snapshot and live analytics following
  the change set, as in the app; inside it, the time spent in `Transaction.insert`;
- floor: the same rows inserted with raw sqlite3 (`executemany`, one transaction) into a copy
  of the plan, for what SQLite alone costs;
- window: the app's whole paste (parse, `document.run`, the canvas, panels and outline view
  updating) on a shown window, offscreen.
`--people N` pastes into a synthetic plan of N people instead of the demo plan.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from okrdesk import ops
from okrdesk.analytics import LiveAnalytics
from okrdesk.authoring import OutlineObjective, parse_outline, read_key_result
from okrdesk.clock import new_id, utc_now
from okrdesk.demo import build_demo
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from okrdesk.storage.transaction import Transaction

PHRASES = (
    "Raise NPS from 30 to 45", "Cut churn from 4% to 2%", "Keep uptime above 99.9%",
    "Launch the partner portal by June", "Grow ARR to $5M", "Win 30 Fortune 500 companies",
    "Hire 5 engineers", "Reduce p95 latency to 200ms", "Improve onboarding for new customers",
)


def outline_text(lines: int) -> str:
    """An e-mail-like outline: a greeting, numbered objectives, tab-indented bullets."""
    rows = ["Hi all, the Q3 OKRs as agreed:", ""]
    phrases = itertools.cycle(PHRASES)
    number = 1
    while len(rows) < lines:
        rows.append(f"{number}. Grow segment {number} in the region")
        rows += [f"\t• {next(phrases)} ({number}.{k})" for k in range(1, 5)]
        rows.append("")
        number += 1
    return "\n".join(rows[:lines]) + "\n"


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


@contextmanager
def timed_inserts(spent: list[float]) -> Iterator[None]:
    """Add the time spent inside Transaction.insert to `spent[0]` while the block runs."""
    original = Transaction.insert

    def insert(self: Transaction, table: str, **values: Any) -> dict[str, Any]:
        start = time.perf_counter()
        try:
            return original(self, table, **values)
        finally:
            spent[0] += time.perf_counter() - start

    Transaction.insert = insert  # type: ignore[method-assign]
    try:
        yield
    finally:
        Transaction.insert = original  # type: ignore[method-assign]


def owner_and_cycle(snapshot: Snapshot) -> tuple[str, str]:
    owner = min(snapshot.units.values(), key=lambda u: u.name)
    cycle = snapshot.cycle_named("2027-Q3") or next(iter(snapshot.cycles.values()))
    return owner.id, cycle.id


def bench_core(path: Path, text: str, runs: int) -> dict[str, float]:
    plan = Plan.open(path)
    try:
        with plan.read() as connection:
            snapshot = Snapshot.load(connection)
        analytics = LiveAnalytics(snapshot)
        plan.subscribe(snapshot.apply)
        plan.subscribe(analytics.apply)
        owner, cycle = owner_and_cycle(snapshot)
        parse, create, total, inserts = [], [], [], []
        for _ in range(runs):
            spent = [0.0]
            start = time.perf_counter()
            objectives = parse_outline(text).objectives
            parsed = time.perf_counter()
            with timed_inserts(spent):
                changes = ops.create_outline(plan, owner, cycle, objectives)
            done = time.perf_counter()
            parse.append(parsed - start)
            create.append(done - parsed)
            total.append(done - start)
            inserts.append(spent[0])
            plan.apply(changes.inverse())
        return {"parse": median_ms(parse), "create": median_ms(create),
                "total": median_ms(total), "inserts": median_ms(inserts),
                "objectives": len(objectives),
                "key_results": sum(len(o.key_results) for o in objectives)}
    finally:
        plan.close()


def raw_rows(objectives: list[OutlineObjective], owner: str,
             cycle: str) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    objective_rows, kr_rows = [], []
    for position, objective in enumerate(objectives):
        now, oid = utc_now(), new_id()
        objective_rows.append((oid, objective.title, "", owner, cycle, "own", "committed",
                               "published", position, now, now))
        for kr_position, title in enumerate(objective.key_results):
            reading = read_key_result(title)
            kr_rows.append((new_id(), oid, reading.title, reading.kind.value, "own",
                            reading.unit, reading.start, reading.target, 1.0, kr_position,
                            now, now))
    return objective_rows, kr_rows


def bench_floor(path: Path, text: str, runs: int, folder: Path) -> float:
    """Raw sqlite3, the same rows (parsing and reading included, as in the core figure)."""
    plan = Plan.open(path, read_only=True)
    with plan.read() as reading:
        owner, cycle = owner_and_cycle(Snapshot.load(reading))
    plan.close()
    times = []
    for run in range(runs):
        copy = folder / f"floor-{run}.okr"
        shutil.copyfile(path, copy)
        connection = sqlite3.connect(copy, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        start = time.perf_counter()
        objectives = parse_outline(text).objectives
        objective_rows, kr_rows = raw_rows(objectives, owner, cycle)
        connection.execute("BEGIN IMMEDIATE")
        connection.executemany(
            "INSERT INTO objectives (id, title, description, owner_id, cycle_id, origin, "
            "commitment, visibility, position, created_at, updated_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?)", objective_rows)
        connection.executemany(
            "INSERT INTO key_results (id, objective_id, title, kind, origin, unit, start_value,"
            " target_value, weight, position, created_at, updated_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", kr_rows)
        connection.execute("COMMIT")
        times.append(time.perf_counter() - start)
        connection.close()
    return median_ms(times)


def bench_window(path: Path, text: str, runs: int) -> float:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from okrdesk_ui.main_window import MainWindow
    from okrdesk_ui.settings import AppSettings
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setOrganizationName("OKR Desk Bench")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      tempfile.mkdtemp(prefix="okrdesk-bench-"))
    app = QApplication.instance() or QApplication([])
    window = MainWindow(AppSettings())
    assert window.open_path(path)
    window.show()
    app.processEvents()
    document = window.document
    assert document is not None
    owner, cycle = owner_and_cycle(document.snapshot)
    document.set_cycle(cycle)
    app.processEvents()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        pasted = parse_outline(text).objectives
        document.run("Paste outline", lambda pasted=pasted: ops.create_outline(
            document.plan, owner, cycle, pasted))
        app.processEvents()
        times.append(time.perf_counter() - start)
        document.undo_stack.undo()
        app.processEvents()
    window.close()
    return median_ms(times)


def measure(label: str, work: Callable[[], float]) -> None:
    print(f"{label}: {work():.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=200)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--people", type=int, default=0)
    parser.add_argument("--no-window", action="store_true")
    args = parser.parse_args()
    text = outline_text(args.lines)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        if args.people:
            from okrdesk.synthetic import generate_plan
            path = generate_plan(folder / "plan.okr", args.people, seed=1)
        else:
            path = build_demo(folder / "plan.okr")
        core = bench_core(path, text, args.runs)
        print(f"outline of {args.lines} lines: {core['objectives']} objectives, "
              f"{core['key_results']} key results; median of {args.runs} runs")
        print(f"core end to end: {core['total']:.1f} ms (parse {core['parse']:.1f} ms, "
              f"create_outline {core['create']:.1f} ms, of which Transaction.insert "
              f"{core['inserts']:.1f} ms)")
        measure("floor, raw sqlite3 (parse and reading included)",
                lambda: bench_floor(path, text, args.runs, folder))
        if not args.no_window:
            measure("window end to end (document.run and every view updated)",
                    lambda: bench_window(path, text, args.runs))


if __name__ == "__main__":
    main()
