"""Naming who changed the plan's side of a merge review: `plan_side_authors` on a 10,000-person
plan whose history holds 5,000 entries since the draft was taken out (target: under 100 ms).

    .venv/bin/python bench/bench_merge_history.py [--people 10000] [--entries 5000]
                                                  [--changes 500] [--conflicts 50] [--rounds 5]

A draft of one part is taken out and `--changes` of its key results are retitled in it; then
the plan gets `--entries` changes of its own through `plan.change` (each a history entry):
first `--conflicts` retitles of key results the draft changed too (the oldest entries, so the
lookup must read the whole history back to the take-out), then edits of other key results.
Each round times, alternately, the lookup for every key of the review (`review_authors`) and
a floor: reading the same entries with `read_history` in one call. The review itself is timed
once, for scale. Medians of wall and processor time; the load average before and after.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from okrdesk import ops
from okrdesk.drafts.merge import MergeReview
from okrdesk.drafts.merge_history import review_authors, review_keys
from okrdesk.drafts.take_out import take_out_draft
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from okrdesk.storage.history import read_history
from okrdesk.synthetic import generate_plan

Timing = tuple[float, float]


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


def timed(action: Callable[[], object]) -> tuple[Timing, object]:
    started, processor = time.perf_counter(), time.process_time()
    result = action()
    return (time.perf_counter() - started, time.process_time() - processor), result


def part_with(plan: Plan, wanted: int) -> tuple[str, list[str], list[str]]:
    """A person whose subtree owns at least `wanted` key results (the smallest such part),
    those key results, and key results outside it."""
    with plan.reading() as connection:
        snapshot = Snapshot.load(connection)
    below: dict[str, list[str]] = {}
    for unit in snapshot.units.values():
        below.setdefault(unit.manager_id or "", []).append(unit.id)
    krs_of: dict[str, list[str]] = {}
    for kr in snapshot.key_results.values():
        if kr.kind in ("increase", "decrease", "stay_above", "stay_below"):
            krs_of.setdefault(snapshot.objectives[kr.objective_id].owner_id, []).append(kr.id)
    best: tuple[int, str, list[str]] | None = None
    for unit_id in snapshot.units:
        team, stack = set(), [unit_id]
        while stack:
            current = stack.pop()
            team.add(current)
            stack.extend(below.get(current, ()))
        krs = sorted(kr for member in team for kr in krs_of.get(member, ()))
        if len(krs) >= wanted and (best is None or len(krs) < best[0]):
            best = (len(krs), unit_id, krs)
    if best is None:
        raise SystemExit(f"no part owns {wanted} key results")
    inside = set(best[2])
    outside = sorted(kr for krs in krs_of.values() for kr in krs if kr not in inside)
    return best[1], best[2][:wanted], outside


def build(folder: Path, args: argparse.Namespace) -> tuple[Path, Path]:
    plan_path = generate_plan(folder / "plan.okr", args.people, seed=1)
    os.environ["OKRDESK_AUTHOR"] = "bench"
    with Plan.open(plan_path) as plan:
        unit_id, inside, outside = part_with(plan, args.changes)
        draft_path = take_out_draft(plan, unit_id, None, folder / "draft.okr")
        with Plan.open(draft_path) as draft, draft.change("Bench edits") as tx:
            for kr_id in inside:
                tx.update("key_results", kr_id, title=f"Draft {kr_id[:8]}")
        for kr_id in inside[:args.conflicts]:
            ops.edit_key_result(plan, kr_id, title=f"Plan {kr_id[:8]}")
        others = args.entries - args.conflicts
        for number in range(others):
            ops.edit_key_result(plan, outside[number % len(outside)], current_value=number)
    return plan_path, draft_path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--entries", type=int, default=5_000)
    parser.add_argument("--changes", type=int, default=500)
    parser.add_argument("--conflicts", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-merge-history-"))
    try:
        run(folder, args)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(folder: Path, args: argparse.Namespace) -> None:
    started = time.perf_counter()
    plan_path, draft_path = build(folder, args)
    print(f"built in {time.perf_counter() - started:.0f} s; {load()}")
    lookups: list[Timing] = []
    floors: list[Timing] = []
    with Plan.open(plan_path, read_only=True) as plan, \
            Plan.open(draft_path, read_only=True) as draft:
        review_time, review = timed(lambda: ops.review_merge(plan, draft))
        assert isinstance(review, MergeReview)
        keys = review_keys(review)
        found: dict[object, object] = {}
        for round_number in range(args.rounds):
            order = ("lookup", "floor") if round_number % 2 == 0 else ("floor", "lookup")
            for which in order:
                if which == "lookup":
                    timing, result = timed(lambda: review_authors(plan, draft, review))
                    lookups.append(timing)
                    assert isinstance(result, dict)
                    found = result
                else:
                    timing, _ = timed(lambda: read_history(plan, limit=args.entries))
                    floors.append(timing)
    named = sum(1 for key in keys if key in found)
    print(f"{args.people} people, {args.entries} entries since the take-out, "
          f"{len(review.incoming)} incoming rows, {len(review.conflicts)} conflicts, "
          f"{len(keys)} keys asked, {named} named; {args.rounds} rounds")
    print(f"review_merge (once, for scale): {review_time[0] * 1000:.0f} ms wall, "
          f"{review_time[1] * 1000:.0f} ms CPU")
    for name, figures in (("plan_side_authors (review_authors)", lookups),
                          ("floor: read_history of the same entries", floors)):
        wall = statistics.median(f[0] for f in figures) * 1000
        cpu = statistics.median(f[1] for f in figures) * 1000
        print(f"{name}: median {wall:.0f} ms wall, {cpu:.0f} ms CPU "
              f"(min {min(f[0] for f in figures) * 1000:.0f} ms wall)")
    print(load())


if __name__ == "__main__":
    main()
