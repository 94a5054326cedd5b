"""Carrying a whole quarter over to the next one: the copy, its undo and its redo.

    .venv/bin/python bench/bench_copy.py [--people 300] [--runs 5]

Prints medians over the runs, each on a fresh copy of a synthetic plan:
- copy: `ops.copy_cycle` from 2027-Q1 into 2027-Q2 (one transaction, every row recorded);
- undo and redo: `plan.apply` of the change set's inverse, then of the change set;
- floor: the same rows (objectives and key results as the copy wrote them, new ids) inserted
  with raw sqlite3 `executemany` in one transaction, into another copy of the plan.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from okrdesk import ops
from okrdesk.snapshot import Snapshot
from okrdesk.storage import ChangeSet, Plan
from okrdesk.synthetic import generate_plan


def timed_copy(template: Path, folder: Path) -> tuple[float, float, float, ChangeSet]:
    path = folder / "plan.okr"
    shutil.copyfile(template, path)
    with Plan.open(path) as plan:
        with plan.read() as connection:
            snapshot = Snapshot.load(connection)
        source, target = snapshot.cycle_named("2027-Q1"), snapshot.cycle_named("2027-Q2")
        assert source is not None and target is not None
        started = time.perf_counter()
        changes = ops.copy_cycle(plan, source.id, target.id)
        copied = time.perf_counter()
        plan.apply(changes.inverse())
        undone = time.perf_counter()
        plan.apply(changes)
        redone = time.perf_counter()
    return copied - started, undone - copied, redone - undone, changes


def timed_floor(template: Path, folder: Path, changes: ChangeSet) -> float:
    path = folder / "floor.okr"
    shutil.copyfile(template, path)
    by_table: dict[str, list[dict[str, object]]] = {}
    for change in changes:
        if change.after is not None and change.before is None:
            row = {**change.after, "id": f"floor-{change.row_id}"}
            by_table.setdefault(change.table, []).append(row)
    for rows in by_table.get("key_results", []), by_table.get("objectives", []):
        for row in rows:  # point at the floor's own rows, so foreign keys hold
            for key in ("objective_id", "parent_kr_id"):
                if row.get(key) and f"floor-{row[key]}" in {r["id"] for r in rows}:
                    row[key] = f"floor-{row[key]}"
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = OFF")
    started = time.perf_counter()
    connection.execute("BEGIN")
    for table in ("objectives", "key_results", "contributions"):
        rows = by_table.get(table, [])
        if rows:
            columns = list(rows[0])
            sql = (f'INSERT INTO "{table}" ({", ".join(columns)}) '
                   f'VALUES ({", ".join("?" for _ in columns)})')
            connection.executemany(sql, [tuple(row[c] for c in columns) for row in rows])
    connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        template = folder / "template.okr"
        generate_plan(template, args.people)
        copies, undos, redos, floors = [], [], [], []
        rows = 0
        for _ in range(args.runs):
            copy, undo, redo, changes = timed_copy(template, folder)
            copies.append(copy)
            undos.append(undo)
            redos.append(redo)
            floors.append(timed_floor(template, folder, changes))
            rows = len(changes.rows)
    floor = statistics.median(floors)
    print(f"copy of 2027-Q1 into 2027-Q2 ({args.people} people): {rows} rows written, "
          f"median of {args.runs}")
    for name, values in (("copy", copies), ("undo", undos), ("redo", redos)):
        median = statistics.median(values)
        print(f"{name}: {median * 1000:.0f} ms ({median / floor:.1f}x the floor)")
    print(f"floor, raw sqlite3 executemany of the same rows: {floor * 1000:.0f} ms")


if __name__ == "__main__":
    main()
