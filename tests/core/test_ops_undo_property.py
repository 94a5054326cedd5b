"""Undo is exact: any sequence of operations, undone in reverse, gives back the same plan;
redone, it gives back the plan as it was after the sequence."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrdesk import ops
from okrdesk.errors import OperationRefused, StaleChangeError
from okrdesk.snapshot import Snapshot
from okrdesk.storage import ChangeSet, Plan
from tests.core.builders import Org, small_org, table_dump

Step = tuple[str, int, int, int]
Action = Callable[[Org, Snapshot, int, int, int], ChangeSet]


def _pick(items: list[str], index: int) -> str:
    return items[index % len(items)] if items else "missing"


def _objectives(s: Snapshot) -> list[str]:
    return sorted(s.objectives)


def _krs(s: Snapshot) -> list[str]:
    return sorted(s.key_results)


def _owners(s: Snapshot) -> list[str]:
    return sorted(s.units)


def _cycles(s: Snapshot) -> list[str]:
    return sorted(s.cycles)


def _below(s: Snapshot, parent_index: int) -> tuple[list[str], str]:
    """An objective, and the objectives whose owners sit below its owner."""
    parent = _pick(_objectives(s), parent_index)
    if parent not in s.objectives:
        return [], parent
    rank = s.level_of(parent).rank
    return [o for o in _objectives(s) if s.level_of(o).rank > rank], parent


def _align_lower(o: Org, s: Snapshot, a: int, b: int, c: int) -> ChangeSet:
    children, parent = _below(s, b)
    return ops.align_up(o.plan, _pick(children, a), parent)


def _metric_kr(s: Snapshot) -> list[str]:
    return [k for k in _krs(s) if s.key_results[k].kind != "objective"]


ACTIONS: dict[str, Action] = {
    "create": lambda o, s, a, b, c: ops.create_objective(
        o.plan, _pick(_owners(s), a), _pick(_cycles(s), b), f"Objective {c}"),
    "edit": lambda o, s, a, b, c: ops.edit_objective(
        o.plan, _pick(_objectives(s), a), title=f"Renamed {b}",
        status=["on_track", "at_risk", None][c % 3]),
    "delete": lambda o, s, a, b, c: ops.delete_objective(o.plan, _pick(_objectives(s), a)),
    "align_up": lambda o, s, a, b, c: ops.align_up(
        o.plan, _pick(_objectives(s), a), _pick(_objectives(s), b)),
    "align_lower": _align_lower,
    "align_under": lambda o, s, a, b, c: ops.align_up(
        o.plan, _pick(_objectives(s), a),
        s.key_results[_pick(_krs(s), b)].objective_id if s.key_results else "missing",
        under_kr_id=_pick(_krs(s), b)),
    "delegate": lambda o, s, a, b, c: ops.delegate_down(
        o.plan, _pick(_krs(s), a), _pick(_owners(s), b)),
    "unlink": lambda o, s, a, b, c: ops.unlink(o.plan, _pick(_objectives(s), a)),
    "contribute": lambda o, s, a, b, c: ops.add_contribution(
        o.plan, _pick(_objectives(s), a), _pick(_objectives(s), b), f"note {c}"),
    "uncontribute": lambda o, s, a, b, c: ops.remove_contribution(
        o.plan, _pick(sorted(s.contributions), a)),
    "move": lambda o, s, a, b, c: ops.move_objective(
        o.plan, _pick(_objectives(s), a), owner_id=_pick(_owners(s), b),
        cycle_id=_pick(_cycles(s), c)),
    "add_kr": lambda o, s, a, b, c: ops.add_key_result(
        o.plan, _pick(_objectives(s), a), f"Result {b}", target_value=float(c)),
    "edit_kr": lambda o, s, a, b, c: ops.edit_key_result(
        o.plan, _pick(_krs(s), a), weight=float(b % 4), title=f"Result {c}"),
    "delete_kr": lambda o, s, a, b, c: ops.delete_key_result(o.plan, _pick(_krs(s), a)),
    "reorder_kr": lambda o, s, a, b, c: ops.reorder_key_result(o.plan, _pick(_krs(s), a), b % 3),
    "check_in": lambda o, s, a, b, c: ops.record_check_in(
        o.plan, _pick(_metric_kr(s), a), value=float(b), confidence=(c % 11) / 10,
        note=f"Check-in {a}"),
    "place_card": lambda o, s, a, b, c: ops.place_card(
        o.plan, _pick(_objectives(s), a), float(b * 10), float(c * -7)),
    "set_manager": lambda o, s, a, b, c: ops.set_manager(
        o.plan, _pick(_owners(s), a), _pick(_owners(s), b)),
    "set_level": lambda o, s, a, b, c: ops.set_unit_level(
        o.plan, _pick(_owners(s), a), _pick(sorted(s.levels), b)),
    "set_email": lambda o, s, a, b, c: ops.set_unit_email(
        o.plan, _pick(_owners(s), a), f"person{b % 3}@acme.example"),
    "remove_unit": lambda o, s, a, b, c: ops.remove_unit(
        o.plan, _pick(_owners(s), a), hand_to=_pick(_owners(s), b),
        reports_to=("manager", "hand_to")[c % 2]),
    "remove_function": lambda o, s, a, b, c: ops.remove_function(
        o.plan, _pick(sorted(s.functions), a)),
    "move_level": lambda o, s, a, b, c: ops.move_level(
        o.plan, _pick(sorted(s.levels), a), b % max(len(s.levels), 1)),
    "remove_level": lambda o, s, a, b, c: ops.remove_level(o.plan, _pick(sorted(s.levels), a)),
    "add_year": lambda o, s, a, b, c: ops.add_year(o.plan, 2027 + a % 3),
    "remove_cycle": lambda o, s, a, b, c: ops.remove_cycle(o.plan, _pick(_cycles(s), a)),
    "duplicate": lambda o, s, a, b, c: ops.duplicate_objective(o.plan, _pick(_objectives(s), a)),
    "copy_subtree": lambda o, s, a, b, c: ops.copy_subtree(
        o.plan, _pick(_objectives(s), a), _pick(_cycles(s), b)),
    "copy_cycle": lambda o, s, a, b, c: ops.copy_cycle(
        o.plan, _pick(_cycles(s), a), _pick(_cycles(s), b)),
}

steps = st.lists(
    st.tuples(st.sampled_from(sorted(ACTIONS)), st.integers(0, 40), st.integers(0, 40),
              st.integers(0, 40)),
    min_size=1, max_size=12,
)


def _seeded_org(path: Path) -> Org:
    org = small_org(path)
    win = org.objective("Alex Chen", "Win Europe")
    grow = org.objective("Sam Lee", "Grow EU sales", cycle="2027-Q1")
    brand = org.objective("Dana Ross", "Known brand")
    revenue = org.key_result(win, "EU revenue", target_value=10.0)
    org.key_result(grow, "New customers", target_value=40.0)
    org.align_up(grow, win, under_kr_id=revenue)
    org.align_up(brand, win)
    pilot = org.objective("Ivy Tran", "Pilot mobile servicing", cycle="2027-Q2")
    ops.add_contribution(org.plan, pilot, brand, "shows the brand")
    ops.add_level(org.plan, "Interns", 5)  # nobody there yet: a level that can be removed
    return org


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps)
def test_undo_in_reverse_gives_back_the_plan_and_redo_replays_it(sequence: list[Step]) -> None:
    with tempfile.TemporaryDirectory() as folder, _seeded_org(Path(folder) / "p.okr") as org:
        start = table_dump(org.plan)
        done = _run(org, sequence)
        end = table_dump(org.plan)
        for changes in reversed(done):
            org.plan.apply(changes.inverse())
        assert table_dump(org.plan) == start
        for changes in done:
            org.plan.apply(changes)
        assert table_dump(org.plan) == end


def _run(org: Org, sequence: list[Step]) -> list[ChangeSet]:
    done: list[ChangeSet] = []
    snapshot = org.snapshot()
    org.plan.subscribe(snapshot.apply)
    try:
        for name, a, b, c in sequence:
            before = table_dump(org.plan)
            try:
                changes = ACTIONS[name](org, snapshot, a, b, c)
            except OperationRefused:
                assert table_dump(org.plan) == before
                continue
            if changes:
                done.append(changes)
    finally:
        org.plan.unsubscribe(snapshot.apply)
    return done


def test_the_property_sees_every_operation_succeed_somewhere() -> None:
    """Guards the property's reach: each action succeeds at least once on the seeded plan."""
    with tempfile.TemporaryDirectory() as folder:
        for name in sorted(ACTIONS):
            path = Path(folder) / f"{name}.okr"
            with _seeded_org(path) as org:
                assert _succeeds(org, name), f"{name} never succeeded"


def _succeeds(org: Org, name: str) -> bool:
    if name == "uncontribute":
        assert _succeeds(org, "contribute")
    for a in range(8):
        for b in range(8):
            if _run(org, [(name, a, b, 1)]):
                return True
    return False


def test_undo_of_a_stale_change_is_refused(tmp_path: Path) -> None:
    with _seeded_org(tmp_path / "p.okr") as org:
        plan: Plan = org.plan
        objective = sorted(org.snapshot().objectives)[0]
        first = ops.edit_objective(plan, objective, title="First")
        ops.edit_objective(plan, objective, title="Second")
        before = table_dump(plan)
        try:
            plan.apply(first.inverse())
        except StaleChangeError:
            pass
        else:
            raise AssertionError("a stale undo was applied")
        assert table_dump(plan) == before
