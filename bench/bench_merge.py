"""Merging a draft with 500 changes into a 10,000-person plan (target: under 2 s, review and
apply), beside a floor: the same 500 row updates through `plan.change` alone.

    .venv/bin/python bench/bench_merge.py [--people 10000] [--rounds 3]

Each round copies the plan, takes a draft of one director's part, edits 500 key results in it,
then times review + merge and the floor alternately. Medians of wall and processor time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from okrdesk import ops
from okrdesk.drafts.take_out import take_out_draft
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from okrdesk.synthetic import generate_plan

CHANGES = int(__import__("os").environ.get("MERGE_CHANGES", "500"))


def _part(plan: Plan) -> tuple[str, list[str]]:
    """A unit whose subtree holds at least 500 key results, and those key results."""
    with plan.reading() as connection:
        snapshot = Snapshot.load(connection)
    ranks = {level.id: level.rank for level in snapshot.levels.values()}
    below: dict[str, list[str]] = {}
    for unit in snapshot.units.values():
        below.setdefault(unit.manager_id or "", []).append(unit.id)
    krs_of: dict[str, list[str]] = {}
    for kr in snapshot.key_results.values():
        if kr.kind in ("increase", "decrease", "stay_above", "stay_below"):
            owner = snapshot.objectives[kr.objective_id].owner_id
            krs_of.setdefault(owner, []).append(kr.id)
    for unit in sorted(snapshot.units.values(), key=lambda u: (-ranks[u.level_id], u.id)):
        team, stack = set(), [unit.id]
        while stack:
            current = stack.pop()
            team.add(current)
            stack.extend(below.get(current, ()))
        krs = sorted(kr_id for member in team for kr_id in krs_of.get(member, ()))
        if len(krs) >= CHANGES:
            return unit.id, krs[:CHANGES]
    raise SystemExit("no part with enough key results")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-merge-"))
    try:
        source = folder / "source.okr"
        generate_plan(source, args.people, seed=1)
        with Plan.open(source) as plan:
            unit_id, krs = _part(plan)
        merge_times, floor_times = [], []
        for round_number in range(args.rounds):
            path = folder / f"plan{round_number}.okr"
            shutil.copy(source, path)
            with Plan.open(path) as plan:
                draft_path = take_out_draft(plan, unit_id, None, folder / f"d{round_number}.okr")
                with Plan.open(draft_path) as draft:
                    with draft.change("Bench edits") as tx:
                        for kr_id in krs:
                            tx.update("key_results", kr_id, title=f"Edited {kr_id[:8]}")
                    merge_times.append(_timed(lambda: _merge(plan, draft)))
            floor_path = folder / f"floor{round_number}.okr"
            shutil.copy(source, floor_path)
            with Plan.open(floor_path) as plan:
                floor_times.append(_timed(lambda: _floor(plan, krs)))
        print(f"{args.people} people, {CHANGES} changes, {args.rounds} rounds; "
              f"load: {os.getloadavg()}")
        for name, times in (("review + merge", merge_times), ("floor (500 updates)",
                                                               floor_times)):
            print(f"{name:22} wall {statistics.median(t[0] for t in times):.3f} s, "
                  f"cpu {statistics.median(t[1] for t in times):.3f} s (median)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _merge(plan: Plan, draft: Plan) -> None:
    review = ops.review_merge(plan, draft)
    assert len(review.incoming) == CHANGES, len(review.incoming)
    ops.merge_draft(plan, draft, {})


def _floor(plan: Plan, krs: list[str]) -> None:
    with plan.change("Floor") as tx:
        for kr_id in krs:
            tx.update("key_results", kr_id, title=f"Edited {kr_id[:8]}")


def _timed(work: object) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    work()  # type: ignore[operator]
    return time.perf_counter() - wall, time.process_time() - cpu


if __name__ == "__main__":
    main()
