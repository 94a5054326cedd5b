"""`okrdesk diff` of two 10,000-person plans, the second edited in a few hundred places (target:
under 3 s end to end, both files read), beside the way it ran before and its floor.

    .venv/bin/python bench/bench_diff.py [--people 10000] [--rounds 5] [--profile]

The rounds alternate, so that a neighbour's load falls on each alike:
- diff: the command's handler in this process (both files read at once and vetted, compared,
  the differences printed to /dev/null);
- before: the same steps as the command took before: the files read in turn into whole
  snapshots, rows told apart by their columns read off the row objects;
- floor: both files read at once, nothing compared.
Medians of wall and processor time (all threads of the process), the load average before and
after, and one run of the whole command in a new process (interpreter start-up and imports
included). `--profile` prints cProfile's view of one diff instead.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from okrdesk import ops
from okrdesk.cli import main as cli_main
from okrdesk.compare import compare_plans
from okrdesk.compare.files import load_snapshot, read_two
from okrdesk.compare.text import diff_lines
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from okrdesk.storage.reading import read_plan
from okrdesk.synthetic import generate_plan

EDITS = {"titles": 150, "targets": 150, "realigned": 50, "added": 40, "removed": 40}


def edit_copy(path: Path, seed: int = 7) -> int:
    """Edit the plan in place in a few hundred places; returns how many."""
    rng = random.Random(seed)
    with Plan.open(path) as plan:
        with plan.reading() as connection:
            snapshot = Snapshot.load(connection)
        objectives = sorted(snapshot.objectives)
        measured = sorted(k.id for k in snapshot.key_results.values()
                          if k.kind != "objective" and k.target_value is not None)
        leaves = [o for o in objectives if not any(
            snapshot.aligned_to_kr.get(k) for k in snapshot.krs_of.get(o, ()))]
        aligned = [o for o in leaves if snapshot.objectives[o].parent_kr_id]
        removed = rng.sample(leaves, EDITS["removed"])
        moved = rng.sample([o for o in aligned if o not in removed], EDITS["realigned"])
        owners = sorted(snapshot.units)
        cycle = next(c.id for c in snapshot.cycles.values() if c.kind == "year")
        with plan.change("Bench edits") as tx:
            for oid in rng.sample([o for o in objectives if o not in removed],
                                  EDITS["titles"]):
                tx.update("objectives", oid, title=f"Edited {oid[:8]}")
            for kr_id in rng.sample(measured, EDITS["targets"]):
                tx.update("key_results", kr_id,
                          target_value=(snapshot.key_results[kr_id].target_value or 0) + 1)
            for oid in moved:  # under another key result, anywhere
                tx.update("objectives", oid, parent_kr_id=rng.choice(measured))
            for n in range(EDITS["added"]):
                tx.insert("objectives", title=f"New objective {n}", description="",
                          owner_id=rng.choice(owners), cycle_id=cycle, origin="own",
                          commitment="committed", visibility="published", status=None,
                          parent_kr_id=None, position=1000 + n)
        for oid in removed:  # with their key results, check-ins and links
            ops.delete_objective(plan, oid)
    return sum(EDITS.values())


def diff_in_process(a: Path, b: Path) -> int:
    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
        return cli_main(["diff", str(a), str(b)])


def before(a: Path, b: Path) -> int:
    """The diff as it ran before: in turn, whole snapshots, no columns kept."""
    snapshots = []
    for path in (a, b):
        with read_plan(path) as plan:
            snapshots.append(Snapshot.load(plan.connection))
    diff = compare_plans(*snapshots, labels=(str(a), str(b)))
    with open(os.devnull, "w") as sink:
        print(*diff_lines(diff, "Comparing"), sep="\n", file=sink)
    return 1 if diff else 0


def floor(a: Path, b: Path) -> None:
    read_two(a, b)


def profile(a: Path, b: Path) -> None:
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(diff_in_process, a, b)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


def timed(work: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-diff-"))
    try:
        a, b = folder / "a.okr", folder / "b.okr"
        generate_plan(a, args.people, seed=1)
        shutil.copy(a, b)
        edits = edit_copy(b)
        snapshot = load_snapshot(a)
        print(f"{args.people:,} people, {len(snapshot.objectives):,} objectives, "
              f"{len(snapshot.key_results):,} key results; {edits} edits in the second plan")
        if args.profile:
            profile(a, b)
            return
        print(f"load:   {uptime()}")
        assert diff_in_process(a, b) == 1 == before(a, b)
        diffs, befores, floors = [], [], []
        for _ in range(args.rounds):
            diffs.append(timed(lambda: diff_in_process(a, b)))
            befores.append(timed(lambda: before(a, b)))
            floors.append(timed(lambda: floor(a, b)))
        started = time.perf_counter()
        status = subprocess.run([sys.executable, "-m", "okrdesk", "diff", str(a), str(b)],
                                stdout=subprocess.DEVNULL, check=False).returncode
        command = time.perf_counter() - started
        print(f"after:  {uptime()}")
        for name, times in (("diff (read both, compare, print)", diffs),
                            ("before (in turn, whole snapshots)", befores),
                            ("floor (read both at once)", floors)):
            print(f"{name:34} wall {statistics.median(t[0] for t in times):.3f} s, "
                  f"cpu {statistics.median(t[1] for t in times):.3f} s "
                  f"(median of {args.rounds}; wall {min(t[0] for t in times):.3f}–"
                  f"{max(t[0] for t in times):.3f} s)")
        print(f"{'python -m okrdesk diff A B':34} wall {command:.3f} s, one run, "
              f"exit status {status}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
