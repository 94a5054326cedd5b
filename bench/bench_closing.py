"""Closing a cycle on a large plan, and what the closed-cycle check costs an ordinary edit.

    .venv/bin/python bench/bench_closing.py [--people 10000] [--edits 200] [--closings 2]

Closes 2027-Q1 (nearly every objective of the synthetic plan, each scored with its key
results) on fresh copies of one plan, alternating: with nothing given (the proposal worked out
inside the change, from the plan as it is), with the proposal given (as the closing dialog
has it, worked out beforehand from the plan's snapshot; its time is printed apart), and with
the proposal given while another quarter is closed already (every written row then passes the
closed-cycle check); then undoes one closing. Then edits an objective's title again and
again, alternating runs with the check switched off and on, first with no closed cycle in the
plan, then with one closed quarter (the edits are to an objective of an open cycle). Prints
wall and CPU time, and the load average.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from okrdesk import ops
from okrdesk.analytics.closing import ClosingProposal, closing_proposal
from okrdesk.atomic import remove_with_companions
from okrdesk.rulebook.cycles import ordered_cycles
from okrdesk.snapshot import Snapshot
from okrdesk.storage import ChangeSet, Plan
from okrdesk.storage import plan as plan_module
from okrdesk.storage.closed_cycles import refuse_changes_to_closed_cycles
from okrdesk.storage.transaction import Transaction
from okrdesk.synthetic import generate_plan


def _edits(plan: Plan, objective_id: str, count: int) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    for index in range(count):
        ops.edit_objective(plan, objective_id, title=f"Edited {index}")
    return ((time.perf_counter() - wall) / count * 1000,
            (time.process_time() - cpu) / count * 1000)


def _no_check(_tx: Transaction) -> None:
    return None


def _round(plan: Plan, objective_id: str, edits: int, label: str) -> None:
    for checked in (False, True, False, True):
        check: Callable[[Transaction], None] = (
            refuse_changes_to_closed_cycles if checked else _no_check)
        plan_module.refuse_changes_to_closed_cycles = check  # type: ignore[assignment, attr-defined]
        wall, cpu = _edits(plan, objective_id, edits)
        print(f"{label:<22} check {'on ' if checked else 'off'}: {wall:6.2f} ms wall, "
              f"{cpu:6.2f} ms CPU per edit (load {os.getloadavg()[0]:.2f})")
    plan_module.refuse_changes_to_closed_cycles = (  # type: ignore[attr-defined]
        refuse_changes_to_closed_cycles)


def _timed(label: str, work: Callable[[], object]) -> None:
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    print(f"{label:<44} {time.perf_counter() - wall:5.2f} s wall, "
          f"{time.process_time() - cpu:5.2f} s CPU (load {os.getloadavg()[0]:.2f})")


def _closings(path: Path, rounds: int) -> None:
    """Each way of closing 2027-Q1, on a fresh copy of the plan every time."""
    copy = path.with_name("copy.okr")
    for _ in range(rounds):
        for how in ("nothing given", "proposal given", "proposal given, 2027-Q2 closed"):
            remove_with_companions(copy)
            shutil.copy(path, copy)
            with Plan.open(copy) as plan:
                _close(plan, how)
    remove_with_companions(copy)


def _close(plan: Plan, how: str) -> None:
    with plan.reading() as connection:
        snapshot = Snapshot.load(connection)
    quarters = [c for c in ordered_cycles(snapshot) if c.kind == "quarter"]
    first, second = quarters[0], quarters[1]
    label = f"closing {first.name}, {how}"
    if how == "nothing given":
        _timed(label, lambda: ops.close_cycle(plan, first.id, {}, {}))
        return
    if "closed" in how:
        snapshot.apply(ops.close_cycle(plan, second.id, {}, {}))
    proposal = _proposal(snapshot, first.id)
    changes = _changes(lambda: ops.close_cycle(plan, first.id, {}, {}, proposal=proposal),
                       label)
    if "closed" in how:
        _timed(f"undoing the closing of {first.name}", lambda: plan.apply(changes.inverse()))


def _proposal(snapshot: Snapshot, cycle_id: str) -> ClosingProposal:
    wall, cpu = time.perf_counter(), time.process_time()
    proposal = closing_proposal(snapshot, cycle_id)
    print(f"{'  (its proposal, worked out beforehand)':<44} {time.perf_counter() - wall:5.2f} "
          f"s wall, {time.process_time() - cpu:5.2f} s CPU")
    return proposal


def _changes(work: Callable[[], ChangeSet], label: str) -> ChangeSet:
    done: list[ChangeSet] = []
    _timed(label, lambda: done.append(work()))
    return done[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--closings", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = generate_plan(Path(folder) / "big.okr", args.people, seed=1)
        _closings(path, args.closings)
        with Plan.open(path) as plan:
            with plan.read() as connection:
                snapshot = Snapshot.load(connection)
            quarters = [c for c in ordered_cycles(snapshot) if c.kind == "quarter"]
            first, second = quarters[0], quarters[1]
            held = [o for o in snapshot.objectives.values() if o.cycle_id == second.id]
            target = held[0] if held else next(iter(snapshot.objectives.values()))
            print(f"{args.people:,} people, {len(snapshot.objectives):,} objectives; editing "
                  f"one of {snapshot.cycles[target.cycle_id].name}")
            _round(plan, target.id, args.edits, "no closed cycle")
            ops.close_cycle(plan, first.id, {}, {})
            _round(plan, target.id, args.edits, f"{first.name} closed")


if __name__ == "__main__":
    main()
