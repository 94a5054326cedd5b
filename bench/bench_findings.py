"""Quality findings kept current: one align-up on a large plan, then the year's findings.

    .venv/bin/python bench/bench_findings.py [--people 10000] [--moves 30] [--plan FILE]

Prints, in milliseconds, the first computation of the year's findings (LiveAnalytics building
its counts) and the median over the align-ups of reading the year's findings again after the
change set was applied, next to a fresh quality_findings of the whole view for comparison.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from okrdesk import ops
from okrdesk.analytics import LiveAnalytics, quality_findings
from okrdesk.snapshot import Snapshot
from okrdesk.storage import ChangeSet, Plan
from okrdesk.synthetic import generate_plan


def run(path: Path, moves: int) -> dict[str, float]:
    plan = Plan.open(path)
    with plan.read() as connection:
        snapshot = Snapshot.load(connection)
    year = snapshot.cycle_named("2027")
    quarter = snapshot.cycle_named("2027-Q1")
    assert year is not None and quarter is not None
    live = LiveAnalytics(snapshot)
    start = time.perf_counter()
    live.findings(year.id)
    first = (time.perf_counter() - start) * 1000
    after: list[float] = []

    def listen(changes: ChangeSet) -> None:
        snapshot.apply(changes)
        live.apply(changes)
        begin = time.perf_counter()
        live.findings(year.id)
        after.append((time.perf_counter() - begin) * 1000)

    plan.subscribe(listen)
    ranks = {u.id: snapshot.levels[u.level_id].rank for u in snapshot.units.values()}
    by_rank: dict[int, list[str]] = {2: [], 3: []}
    for objective in snapshot.objectives.values():
        if ranks[objective.owner_id] in by_rank and objective.cycle_id == quarter.id:
            by_rank[ranks[objective.owner_id]].append(objective.id)
    rng = random.Random(1)
    try:
        for _ in range(moves):
            ops.align_up(plan, rng.choice(by_rank[3]), rng.choice(by_rank[2]))
        fresh = [0.0] * 3
        for n in range(3):
            begin = time.perf_counter()
            expected = quality_findings(snapshot, year.id)
            fresh[n] = (time.perf_counter() - begin) * 1000
        assert live.findings(year.id) == expected
    finally:
        plan.close()
    return {"objectives": len(snapshot.objectives), "first": first,
            "after align-up": statistics.median(after), "fresh": statistics.median(fresh)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10000)
    parser.add_argument("--moves", type=int, default=30)
    parser.add_argument("--plan", type=Path, help="a copy of a plan to change (else generated)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.plan or Path(folder) / "org.okr"
        if args.plan is None:
            generate_plan(path, args.people)
        row = run(path, args.moves)
    print(" | ".join(f"{key}: {value:.1f}" if isinstance(value, float) else f"{key}: {value}"
                     for key, value in row.items()))


if __name__ == "__main__":
    main()
