"""Stale key results on a large plan: the newest check-in of every key result (one query),
the staleness rules over every key result, and what the window pays after one check-in.

    .venv/bin/python bench/bench_rhythm.py [--people 10000] [--check-ins 4] [--rounds 5]

The synthetic plan has no check-ins: each metric key result gets `--check-ins` of them, a week
apart, ending at a day that leaves about half of them stale. Prints milliseconds of wall and
CPU time (process time), the median of `--rounds`, and the load average.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from okrdesk import clock, ops
from okrdesk.analytics.live_rhythm import LiveRhythm
from okrdesk.check_ins import last_check_in_times
from okrdesk.rulebook.rhythm import stale_key_results
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from okrdesk.synthetic import generate_plan

TODAY = date(2027, 2, 15)


def add_check_ins(plan: Plan, snapshot: Snapshot, per_kr: int) -> int:
    metric = [kr for kr in snapshot.key_results.values() if kr.kind != "objective"]
    with plan.change("Bench check-ins") as tx, tx.batched_inserts():
        for index, kr in enumerate(metric):
            last = TODAY - timedelta(days=index % 14)  # half within a week, half not
            for step in range(per_kr):
                day = last - timedelta(days=7 * step)
                tx.insert("check_ins", key_result_id=kr.id, value=float(step), confidence=0.7,
                          note="", at=f"{day.isoformat()}T12:00:00.000000+00:00")
    return len(metric) * per_kr


def timed(work: Callable[[], object], rounds: int) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=10000)
    parser.add_argument("--check-ins", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    clock.today = lambda: TODAY  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as folder:
        path = generate_plan(Path(folder) / "plan.okr", args.people)
        with Plan.open(path) as plan:
            with plan.read() as connection:
                snapshot = Snapshot.load(connection)
            count = add_check_ins(plan, snapshot, args.check_ins)
            print(f"{args.people} people, {len(snapshot.objectives)} objectives, "
                  f"{len(snapshot.key_results)} key results, {count} check-ins; "
                  f"load average {os.getloadavg()[0]:.2f}")
            last = last_check_in_times(plan)
            stale = stale_key_results(snapshot, last, TODAY)
            print(f"stale: {len(stale)}")
            for name, work in (
                ("newest check-ins (query)", lambda: last_check_in_times(plan)),
                ("stale_key_results", lambda: stale_key_results(snapshot, last, TODAY)),
                ("LiveRhythm, first stale_days", lambda: LiveRhythm(plan, snapshot).stale_days()),
            ):
                wall, cpu = timed(work, args.rounds)
                print(f"{name:<34} {wall:8.1f} ms wall {cpu:8.1f} ms CPU")
            live = LiveRhythm(plan, snapshot)
            live.stale_days()
            kr_id = next(iter(stale))
            plan.subscribe(snapshot.apply)
            plan.subscribe(live.apply)

            def one_check_in() -> None:
                ops.record_check_in(plan, kr_id, note="bench")
                live.stale_days()

            wall, cpu = timed(one_check_in, args.rounds)
            print(f"{'one check-in, then stale_days':<34} {wall:8.1f} ms wall {cpu:8.1f} ms CPU")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
