"""What writing the change history costs an operation: with and without it, alternated.

    .venv/bin/python bench/bench_history.py [--people 10000] [--rounds 6] [--reps 15]
                                            [--import-runs 2]

On one synthetic plan (okrdesk.synthetic), each round times, with history writing on and off
(`okrdesk.storage.history.set_writing`, a switch for this measurement only; the order of the two
alternates from round to round):
- edit: `ops.edit_objective` (one row), `--reps` times;
- check-in: `ops.record_check_in` (two rows), `--reps` times;
- copy: `ops.copy_objectives` of objectives whose rows make about 500 (a paste of 500 rows),
  then its undo (not timed, so every round starts from the same plan).
Then `--import-runs` imports of the plan's XLSX export into a new plan (bench_sheets.py's
import), alternated the same way: an import is far past the 2,000 rows whose JSON is kept.
Prints medians of wall and processor time per operation, and the load average before and after.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from okrdesk import ops
from okrdesk.snapshot import KeyResultRow, Snapshot
from okrdesk.storage import ChangeSet, Plan
from okrdesk.storage.history import history_count, set_writing
from okrdesk.synthetic import generate_plan

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_sheets import importer  # a script beside this one

Figures = dict[tuple[str, bool], list[tuple[float, float]]]


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


def timed(figures: Figures, name: str, on: bool, action: Callable[[], object]) -> None:
    set_writing(on)
    try:
        started, processor = time.perf_counter(), time.process_time()
        action()
        figures.setdefault((name, on), []).append(
            (time.perf_counter() - started, time.process_time() - processor))
    finally:
        set_writing(True)


def copy_set(plan: Plan, snapshot: Snapshot, rows: int = 500) -> tuple[list[str], str]:
    """Objectives of the fullest cycle whose copy writes about `rows` rows (found by a trial
    copy, undone), and the cycle to copy them into."""
    sizes = Counter(objective.cycle_id for objective in snapshot.objectives.values())
    cycle = sizes.most_common(1)[0][0]
    candidates = [o.id for o in snapshot.objectives.values() if o.cycle_id == cycle]
    target = next(other for other in snapshot.cycles if other != cycle)
    chosen = candidates[:rows // 5]
    trial = ops.copy_objectives(plan, chosen, target)
    plan.apply(trial.inverse())
    return candidates[:max(1, len(chosen) * rows // len(trial.rows))], target


def operation_rounds(plan: Plan, args: argparse.Namespace, figures: Figures) -> int:
    with plan.reading() as connection:
        snapshot = Snapshot.load(connection)
    objectives = list(snapshot.objectives)[:args.reps]
    krs = [kr for kr in snapshot.key_results.values()
           if kr.kind not in ("objective", "milestone")][:args.reps]
    to_copy, target = copy_set(plan, snapshot)
    copied_rows = 0
    for round_number in range(args.rounds):
        for on in (True, False) if round_number % 2 == 0 else (False, True):
            copied_rows = one_round(plan, figures, on, round_number, (objectives, krs, to_copy),
                                    target)
    return copied_rows


def one_round(plan: Plan, figures: Figures, on: bool, number: int,
              chosen: tuple[list[str], list[KeyResultRow], list[str]], target: str) -> int:
    objectives, krs, to_copy = chosen
    for n, objective_id in enumerate(objectives):
        title = f"Edited {number} {n} {on}"
        timed(figures, "edit", on,
              lambda o=objective_id, t=title: ops.edit_objective(plan, o, title=t))
    for n, kr in enumerate(krs):
        value = float(n + number)
        timed(figures, "check-in", on, lambda k=kr.id, v=value: ops.record_check_in(
            plan, k, value=v, confidence=0.7))
    copied: list[ChangeSet] = []
    timed(figures, "copy", on,
          lambda: copied.append(ops.copy_objectives(plan, to_copy, target)))
    plan.apply(copied[0].inverse())
    return len(copied[0].rows)


def import_rounds(plan_path: Path, folder: Path, runs: int, figures: Figures) -> None:
    from okrdesk.sheets.write import write_workbook

    do_import = importer()
    if do_import is None:
        print("import: not measured (okrdesk.sheets.importer is not there)")
        return
    write_workbook(plan_path, folder / "out.xlsx")
    for run in range(runs):
        for on in (True, False) if run % 2 == 0 else (False, True):
            timed(figures, "import", on,
                  lambda: do_import(folder / "out.xlsx", folder / "imported.okr"))


def report(figures: Figures) -> None:
    names = dict.fromkeys(name for name, _on in figures)
    for name in names:
        parts = []
        for on in (True, False):
            runs = figures[(name, on)]
            wall = statistics.median(wall for wall, _cpu in runs)
            cpu = statistics.median(cpu for _wall, cpu in runs)
            parts.append((wall, cpu, len(runs)))
        (wall_on, cpu_on, count), (wall_off, cpu_off, _) = parts
        print(f"{name}: with history {wall_on * 1000:.1f} ms (processor {cpu_on * 1000:.1f}), "
              f"without {wall_off * 1000:.1f} ms (processor {cpu_off * 1000:.1f}); "
              f"difference {(wall_on - wall_off) * 1000:+.1f} ms wall, "
              f"{(cpu_on - cpu_off) * 1000:+.1f} ms processor; median of {count}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--reps", type=int, default=15)
    parser.add_argument("--import-runs", type=int, default=2)
    args = parser.parse_args()
    print(f"before: {load()}", flush=True)
    figures: Figures = {}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        plan_path = generate_plan(folder / "plan.okr", args.people)
        with Plan.open(plan_path) as plan:
            copied_rows = operation_rounds(plan, args, figures)
            entries = history_count(plan)
        print(f"{args.people} people; the copy wrote {copied_rows} rows; {entries} history "
              f"entries written", flush=True)
        if args.import_runs:
            import_rounds(plan_path, folder, args.import_runs, figures)
    report(figures)
    print(f"after: {load()}")


if __name__ == "__main__":
    main()
