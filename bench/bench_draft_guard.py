"""What the draft part guard costs an ordinary edit, and what taking a draft out costs.

    .venv/bin/python bench/bench_draft_guard.py [--people 10000] [--edits 200] [--rounds 2]

On a synthetic plan of --people people: edits an objective's title again and again,
alternating runs with the draft guard switched off and on (the plan is not a draft: the
guard's whole cost is its one read of the empty `drafts` table). Then takes out a draft of a
middle manager's part (timed), and edits one of the part's objectives in the draft with the
guard off and on (there, the rule runs: the draft's reporting tree is read and each changed
row is judged). Prints wall and CPU time per edit, and the load average.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from okrdesk import ops
from okrdesk.drafts.part import RowView
from okrdesk.drafts.take_out import take_out_draft
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from okrdesk.storage import plan as plan_module
from okrdesk.storage.draft_guard import refuse_changes_outside_draft_part
from okrdesk.storage.transaction import Transaction
from okrdesk.synthetic import generate_plan


def _no_check(_tx: Transaction) -> None:
    return None


def _edits(plan: Plan, objective_id: str, count: int) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    for index in range(count):
        ops.edit_objective(plan, objective_id, title=f"Edited {index}")
    return ((time.perf_counter() - wall) / count * 1000,
            (time.process_time() - cpu) / count * 1000)


def _rounds(plan: Plan, objective_id: str, edits: int, rounds: int, label: str) -> None:
    for _ in range(rounds):
        for checked in (False, True):
            check = refuse_changes_outside_draft_part if checked else _no_check
            plan_module.refuse_changes_outside_draft_part = check  # type: ignore[attr-defined]
            wall, cpu = _edits(plan, objective_id, edits)
            print(f"{label}, guard {'on ' if checked else 'off'}: {wall:6.2f} ms wall, "
                  f"{cpu:6.2f} ms CPU per edit")
    plan_module.refuse_changes_outside_draft_part = (  # type: ignore[attr-defined]
        refuse_changes_outside_draft_part)


def _middle_manager(snapshot: Snapshot) -> str:
    """A person with reports who has a manager and owns an objective: the fullest part."""
    managers = {unit.manager_id for unit in snapshot.units.values() if unit.manager_id}
    owners = {objective.owner_id for objective in snapshot.objectives.values()}
    levels = sorted({level.rank for level in snapshot.levels.values()})
    middle = levels[len(levels) // 2]
    return next(unit.id for unit in snapshot.units.values()
                if unit.id in managers and unit.id in owners and unit.manager_id
                and snapshot.levels[unit.level_id].rank == middle)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = generate_plan(Path(folder) / "plan.okr", args.people, seed=1)
        with Plan.open(path) as plan:
            with plan.read() as connection:
                snapshot = Snapshot.load(connection)
            objective_id = next(iter(snapshot.objectives))
            print(f"{args.people} people, {len(snapshot.objectives)} objectives; "
                  f"load average {os.getloadavg()[0]:.2f}")
            _rounds(plan, objective_id, args.edits, args.rounds, "plan")
            unit_id = _middle_manager(snapshot)
            wall, cpu = time.perf_counter(), time.process_time()
            draft_path = take_out_draft(plan, unit_id, None, Path(folder) / "draft.okr")
            print(f"take out a draft of {snapshot.units[unit_id].name}: "
                  f"{time.perf_counter() - wall:.2f} s wall, "
                  f"{time.process_time() - cpu:.2f} s CPU (single run)")
        with Plan.open(draft_path) as draft:
            with draft.read() as connection:
                held = Snapshot.load(connection)
            from okrdesk.drafts.part import draft_part

            part = draft_part(draft)
            assert part is not None
            own = next(oid for oid, objective in held.objectives.items()
                       if part.holds_objective(RowView(objective)))
            print(f"draft: {len(held.objectives)} objectives, {len(held.units)} people and "
                  f"teams, {len(part.unit_ids)} in the part")
            _rounds(draft, own, args.edits, args.rounds, "draft")
        print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
