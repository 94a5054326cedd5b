"""Core benchmark: generate, open and analyse synthetic organisations; time one align-up.

    .venv/bin/python bench/bench_core.py [--people 1000 10000] [--repeat 5] [--moves 50]

Prints one row per size with medians in milliseconds. "open" is Plan.open plus Snapshot.load;
"figures" builds LiveAnalytics and reads the health figures of the year and of its first
quarter; "(cpu)" is the processor time of open plus figures, less sensitive to a busy machine;
"align-up" is okrdesk.ops.align_up of a manager's objective under another director's
objective, with the snapshot and the figures brought up to date and the year's figures read.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from okrdesk import ops
from okrdesk.analytics import LiveAnalytics, quality_findings
from okrdesk.snapshot import Snapshot
from okrdesk.storage import ChangeSet, Plan
from okrdesk.synthetic import generate_plan


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def open_and_load(path: Path) -> tuple[Plan, Snapshot]:
    plan = Plan.open(path)
    with plan.read() as connection:
        return plan, Snapshot.load(connection)


def cycle_id(snapshot: Snapshot, name: str) -> str:
    cycle = snapshot.cycle_named(name)
    assert cycle is not None, name
    return cycle.id


def bench(people: int, folder: Path, repeat: int, moves: int) -> dict[str, float]:
    path = folder / f"org-{people}.okr"
    generate = [timed(lambda: generate_plan(path, people, overwrite=True))
                for _ in range(max(1, repeat // 2))]
    opened, figures, findings, whole, cpu = [], [], [], [], []
    for _ in range(repeat):
        cpu_start = time.process_time()
        start = time.perf_counter()
        plan, snapshot = open_and_load(path)
        opened.append((time.perf_counter() - start) * 1000)
        year, quarter = cycle_id(snapshot, "2027"), cycle_id(snapshot, "2027-Q1")
        middle = time.perf_counter()
        live = LiveAnalytics(snapshot)
        live.health(year)
        live.health(quarter)
        end = time.perf_counter()
        cpu.append((time.process_time() - cpu_start) * 1000)
        figures.append((end - middle) * 1000)
        whole.append((end - start) * 1000)
        findings.append(timed(lambda: quality_findings(snapshot, year)))  # noqa: B023
        plan.close()
    plan, snapshot = open_and_load(path)
    live = LiveAnalytics(snapshot)
    year_id, quarter_id = cycle_id(snapshot, "2027"), cycle_id(snapshot, "2027-Q1")
    live.health(year_id)
    update: list[float] = []

    def listen(changes: ChangeSet) -> None:
        start = time.perf_counter()
        snapshot.apply(changes)
        live.apply(changes)
        live.health(year_id)
        update.append((time.perf_counter() - start) * 1000)

    plan.subscribe(listen)
    rng = random.Random(1)
    ranks = {u.id: snapshot.levels[u.level_id].rank for u in snapshot.units.values()}
    by_rank: dict[int, list[str]] = {2: [], 3: []}
    for objective in snapshot.objectives.values():
        rank = ranks[objective.owner_id]
        if rank in by_rank and objective.cycle_id == quarter_id:
            by_rank[rank].append(objective.id)
    align = []
    for _ in range(moves):
        child, parent = rng.choice(by_rank[3]), rng.choice(by_rank[2])
        align.append(timed(lambda: ops.align_up(plan, child, parent)))  # noqa: B023
    plan.close()
    counts = (len(snapshot.objectives), len(snapshot.key_results))
    return {"people": people, "objectives": counts[0], "key_results": counts[1],
            "generate": median(generate), "open": median(opened), "figures": median(figures),
            "open+figures": median(whole), "(cpu)": median(cpu), "findings": median(findings),
            "align-up": median(align), "update": median(update)}


COLUMNS = ("people", "objectives", "key_results", "generate", "open", "figures", "open+figures",
           "(cpu)", "findings", "align-up", "update")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--moves", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        rows = [bench(n, Path(folder), args.repeat, args.moves) for n in args.people]
    print("| " + " | ".join(COLUMNS) + " |")
    print("|" + "---|" * len(COLUMNS))
    for row in rows:
        cells = [f"{row[c]:,.0f}" if c in COLUMNS[:3] else f"{row[c]:.1f}" for c in COLUMNS]
        print("| " + " | ".join(cells) + " |")
    print("(ms, medians; (cpu) is the processor time of open+figures; align-up includes the "
          f"snapshot and figures update; load average {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
