"""Opening the merge review window on a draft with 500 incoming changes and 50 conflicts.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_merge_review.py [--people 10000]

Takes a draft of one part out of a synthetic plan, changes 550 key result titles in it and 50
of the same titles in the plan. Times, per round: the review worked out off the GUI thread
(both files opened read-only, the review, the draft's snapshot: what File > Merge a draft…
runs in its worker), and the window built, shown and drawn once. Medians of wall and processor
time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from okrdesk_ui.merge_review.commands import Reviewed, review_files
from okrdesk_ui.merge_review.window import MergeReviewWindow
from PySide6.QtWidgets import QApplication, QMainWindow

from okrdesk.drafts.take_out import take_out_draft
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from okrdesk.synthetic import generate_plan

INCOMING, CONFLICTS = 500, 50


def _part(snapshot: Snapshot, wanted: int) -> tuple[str, list[str]]:
    """The unit lowest in the reporting tree whose subtree owns `wanted` key results."""
    ranks = {level.id: level.rank for level in snapshot.levels.values()}
    own: dict[str, list[str]] = {}
    for kr in snapshot.key_results.values():
        if kr.kind != "objective":
            own.setdefault(snapshot.objectives[kr.objective_id].owner_id, []).append(kr.id)
    subtree: dict[str, list[str]] = {}
    for unit in sorted(snapshot.units.values(), key=lambda u: (-ranks[u.level_id], u.id)):
        krs = subtree.setdefault(unit.id, [])  # its reports, lower down, came first
        krs.extend(own.get(unit.id, ()))
        if len(krs) >= wanted:
            return unit.id, krs[:wanted]
        if unit.manager_id is not None:
            subtree.setdefault(unit.manager_id, []).extend(krs)
    raise SystemExit("no part holds enough key results")


def _timed(work: Callable[[], object]) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="bench-merge-review-"))
    plan_path = generate_plan(folder / "plan.okr", args.people, seed=1)
    with Plan.open(plan_path) as plan:
        with plan.reading() as connection:
            snapshot = Snapshot.load(connection)
        unit_id, krs = _part(snapshot, INCOMING + CONFLICTS)
        draft_path = take_out_draft(plan, unit_id, None, folder / "draft.okr")
        with Plan.open(draft_path) as draft, draft.change("Bench edits") as tx:
            for kr_id in krs:
                tx.update("key_results", kr_id, title=f"Draft {kr_id[:8]}")
        with plan.change("Bench edits") as tx:
            for kr_id in krs[:CONFLICTS]:
                tx.update("key_results", kr_id, title=f"Plan {kr_id[:8]}")
        with plan.reading() as connection:
            snapshot = Snapshot.load(connection)
    host = QMainWindow()
    host.resize(1920, 1080)
    host.show()
    reviews, opens = [], []
    for _ in range(args.rounds):
        wall, cpu, reviewed = _timed(lambda: review_files(plan_path, draft_path))
        assert isinstance(reviewed, Reviewed)
        review = reviewed.review
        reviews.append((wall, cpu))

        def open_window(reviewed: Reviewed = reviewed) -> MergeReviewWindow:
            window = MergeReviewWindow(host, reviewed.review, snapshot, reviewed.draft,
                                       lambda _choices: None)
            window.show()
            window.grab()  # drawn once, as the first frame is
            return window

        wall, cpu, window = _timed(open_window)
        assert isinstance(window, MergeReviewWindow)
        opens.append((wall, cpu))
        window.close()
        window.deleteLater()
        app.processEvents()
    incoming = sum(len(row.fields) for row in review.incoming)
    print(f"{args.people} people; {incoming} incoming field changes, {len(review.conflicts)} "
          f"conflicts; {args.rounds} rounds; load {os.getloadavg()}")
    for name, times in (("review (worker)", reviews), ("window open", opens)):
        walls, cpus = zip(*times, strict=True)
        print(f"{name}: median {statistics.median(walls):.3f} s wall, "
              f"{statistics.median(cpus):.3f} s cpu (min {min(walls):.3f}, max {max(walls):.3f})")


if __name__ == "__main__":
    main()
