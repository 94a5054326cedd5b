"""The plan score of a synthetic company, as `okrdesk check` and the app work it out.

    .venv/bin/python bench/bench_plan_score.py [--people 1000 10000] [--runs 5]

For each size, prints in milliseconds (median of the runs, wall/CPU time): the score of the
year's view from scratch (quality findings included, as `okrdesk check` does), in one pass from
findings already counted, the findings alone for comparison; then, as the app does after an
edit, the score kept current (okrdesk.analytics.plan_score_live) for three kinds of edit: a key
result's confidence, an objective's title, and a deep key result's value (its progress rolls up
to the top). "kept" is the score's own part; "after edit" adds the kept findings and the view
it reads (what the app's GUI thread spends on the score after the edit). Each kept score is
checked against a fresh one. The load average is printed too.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from okrdesk import ops
from okrdesk.analytics import LiveAnalytics, quality_findings
from okrdesk.analytics.plan_score import plan_score
from okrdesk.analytics.plan_score_live import LivePlanScore
from okrdesk.rulebook import line_of_sight
from okrdesk.snapshot import Snapshot
from okrdesk.storage import ChangeSet, Plan
from okrdesk.synthetic import generate_plan

Times = tuple[float, float]


def timed(work: Callable[[], object], runs: int) -> Times:
    """Median wall and CPU milliseconds of `runs` calls."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def full_passes(snapshot: Snapshot, year_id: str, runs: int) -> dict[str, object]:
    live = LiveAnalytics(snapshot)
    kept = live.findings(year_id)
    in_view = live.view_objectives(year_id)
    score = plan_score(snapshot, year_id)
    assert score == plan_score(snapshot, year_id, findings=kept, objective_ids=in_view)
    return {"objectives": len(snapshot.objectives), "key results": len(snapshot.key_results),
            "score": score.score, "owners": len(score.owners),
            "fresh": timed(lambda: plan_score(snapshot, year_id), runs),
            "one pass from kept findings": timed(lambda: plan_score(
                snapshot, year_id, findings=kept, objective_ids=in_view), runs),
            "findings alone": timed(lambda: quality_findings(snapshot, year_id), runs)}


def edits(plan: Plan, snapshot: Snapshot, year_id: str, runs: int) -> dict[str, object]:
    """Edits as the app makes them, each followed by the kept score."""
    analytics = LiveAnalytics(snapshot)
    live = LivePlanScore(snapshot, analytics)
    first = timed(lambda: live.score(year_id), 1)

    def follow(changes: ChangeSet) -> None:
        snapshot.apply(changes)
        analytics.apply(changes)
        live.apply(changes)

    plan.subscribe(follow)
    in_view = analytics.view_objectives(year_id)
    deep = max(in_view, key=lambda o: len(line_of_sight(snapshot, o)))
    deep_kr = next(k for k in snapshot.krs_of[deep]
                   if snapshot.key_results[k].kind == "increase")
    some_kr = next(k for o in in_view[len(in_view) // 2:] for k in snapshot.krs_of[o])
    objective = in_view[len(in_view) // 3]
    title = snapshot.objectives[objective].title
    turn = iter(range(1_000_000))
    kinds: dict[str, Callable[[], object]] = {
        "confidence": lambda: ops.edit_key_result(plan, some_kr, confidence=(
            0.2 if next(turn) % 2 else 0.8)),
        "title": lambda: ops.edit_objective(plan, objective, title=f"{title} {next(turn)}"),
        "deep value": lambda: ops.edit_key_result(plan, deep_kr, current_value=float(
            next(turn) % 7 * 10)),
    }
    row: dict[str, object] = {"first kept (full)": first}
    for name, edit in kinds.items():
        kept: list[Times] = []
        whole: list[Times] = []
        for _ in range(runs):
            edit()
            whole.append(timed(lambda: (analytics.findings(year_id),
                                        analytics.view_objectives(year_id)), 1))
            kept.append(timed(lambda: live.score(year_id), 1))
        assert live.score(year_id) == plan_score(snapshot, year_id)
        row[f"{name}: kept"] = median_of(kept)
        row[f"{name}: after edit"] = median_of([(a[0] + b[0], a[1] + b[1])
                                                for a, b in zip(kept, whole, strict=True)])
    return row


def median_of(times: list[Times]) -> Times:
    return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)


def shown(row: dict[str, object]) -> str:
    parts = []
    for key, value in row.items():
        if isinstance(value, tuple):
            parts.append(f"{key}: {value[0]:.0f}/{value[1]:.0f} ms")
        else:
            parts.append(f"{key}: {value}")
    return " | ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for people in args.people:
            path = Path(folder) / f"org{people}.okr"
            generate_plan(path, people)
            with Plan.open(path) as plan:
                with plan.read() as connection:
                    snapshot = Snapshot.load(connection)
                year = snapshot.cycle_named("2027")
                assert year is not None
                print(f"{people} people | {shown(full_passes(snapshot, year.id, args.runs))}"
                      f" | load: {os.getloadavg()[0]:.2f}", flush=True)
                print(f"{people} people, edits | {shown(edits(plan, snapshot, year.id, args.runs))}"
                      f" | load: {os.getloadavg()[0]:.2f}", flush=True)


if __name__ == "__main__":
    main()
