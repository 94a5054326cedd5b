"""The plan score kept current per change (LivePlanScore, what the app shows) equals a fresh
computation after any sequence of edits: each rule's triggers made and mended, progress that
rolls up into an objective's expected status, owners renamed, moved and deleted objectives,
settings, and undo."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrdesk import ops
from okrdesk.analytics import LiveAnalytics
from okrdesk.analytics.plan_score import PlanScore, plan_score
from okrdesk.analytics.plan_score_live import LivePlanScore
from okrdesk.errors import OperationRefused
from okrdesk.snapshot import Snapshot
from okrdesk.storage import ChangeSet, Plan
from tests.core.test_analytics_live import base_plan, copy_of, load  # noqa: F401
from tests.core.test_plan_score import MID_YEAR

TITLES = ("Launch the partner portal", "Grow EU sales from 10 to 14 M€", "Customers love us",
          "Complete the migration", "Raise NPS from 30 to 45")
KINDS = ("increase", "decrease", "stay_above", "milestone", "no_metric")


def score_step(data: st.DataObject, plan: Plan, snapshot: Snapshot, done: list[ChangeSet]
               ) -> Callable[[], ChangeSet]:
    """Draw one operation aimed at the plan score's rules."""
    def pick(ids: Any) -> str:
        return str(data.draw(st.sampled_from(list(ids))))

    objectives, krs = snapshot.objectives, snapshot.key_results
    people = list(snapshot.units)
    cycles = [c.id for c in snapshot.cycles.values() if c.kind != "backlog"][:3]
    action = data.draw(st.sampled_from((
        "create", "key_result", "confidence", "value", "status", "why", "kind", "rename_owner",
        "title", "move", "align", "unlink", "delete_kr", "delete", "setting", "undo")))
    if action == "create" or not objectives:
        owner, cycle, title = pick(people[:3]), pick(cycles), pick(TITLES)
        return lambda: ops.create_objective(plan, owner, cycle, title)
    if action == "key_result":
        objective, title, kind = pick(objectives), pick(TITLES), pick(KINDS)
        start = data.draw(st.sampled_from((None, 10.0, 50.0)))
        return lambda: ops.add_key_result(plan, objective, title, kind=kind, start_value=start,
                                          target_value=50.0, current_value=40.0)
    if action == "confidence" and krs:
        kr, confidence = pick(krs), data.draw(st.sampled_from((None, 0.2, 0.3, 0.8)))
        return lambda: ops.edit_key_result(plan, kr, confidence=confidence)
    if action == "value" and krs:
        kr, value = pick(krs), data.draw(st.sampled_from((0.0, 25.0, 49.0, 200.0)))
        return lambda: ops.edit_key_result(plan, kr, current_value=value)
    if action == "status":
        objective = pick(objectives)
        status = data.draw(st.sampled_from((None, "on_track", "at_risk")))
        return lambda: ops.edit_objective(plan, objective, status=status)
    if action == "why":
        objective = pick(objectives)
        text = data.draw(st.sampled_from(("", "Because customers leave.")))
        return lambda: ops.edit_objective(plan, objective, description=text)
    if action == "kind" and krs:
        kr, kind = pick(krs), pick(KINDS)
        return lambda: ops.edit_key_result(plan, kr, kind=kind)
    if action == "rename_owner":
        unit = pick(people)
        return lambda: ops.edit_unit(plan, unit, name=f"Renamed {len(done)}")
    if action == "title":
        objective, title = pick(objectives), pick(TITLES)
        return lambda: ops.edit_objective(plan, objective, title=title)
    if action == "move":
        objective, owner, cycle = pick(objectives), pick(people), pick(cycles)
        return lambda: ops.move_objective(plan, objective, owner_id=owner, cycle_id=cycle)
    if action == "align":
        child, parent = pick(objectives), pick(objectives)
        return lambda: ops.align_up(plan, child, parent)
    if action == "unlink":
        objective = pick(objectives)
        return lambda: ops.unlink(plan, objective)
    if action == "delete_kr" and krs:
        kr = pick(krs)
        return lambda: ops.delete_key_result(plan, kr)
    if action == "delete":
        objective = pick(objectives)
        return lambda: ops.delete_objective(plan, objective)
    if action == "undo" and done:
        last = done.pop()

        def undo() -> ChangeSet:
            plan.apply(last.inverse())
            return ChangeSet("undone")
        return undo
    value = str(data.draw(st.integers(1, 3)))
    return lambda: ops.set_setting(plan, "max_objectives_per_owner", value)


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_the_kept_score_after_any_sequence_equals_a_fresh_score(
        base_plan: Path, tmp_path: Path, data: st.DataObject) -> None:  # noqa: F811
    with copy_of(base_plan, tmp_path) as plan:
        snapshot = load(plan)
        analytics = LiveAnalytics(snapshot)
        cycles: list[str | None] = [None, *snapshot.cycles]
        kept = {cycle: LivePlanScore(snapshot, analytics) for cycle in cycles}
        for cycle, live in kept.items():  # counted from here on
            assert live.score(cycle, MID_YEAR) == plan_score(snapshot, cycle, today=MID_YEAR)

        def follow(changes: ChangeSet) -> None:
            snapshot.apply(changes)
            analytics.apply(changes)
            for live in kept.values():
                live.apply(changes)

        plan.subscribe(follow)
        done: list[ChangeSet] = []
        for _ in range(data.draw(st.integers(1, 15))):
            try:
                changes = score_step(data, plan, snapshot, done)()
            except OperationRefused:
                continue
            if changes:
                done.append(changes)
            fresh = load(plan)
            for cycle, live in kept.items():
                assert_same(live.score(cycle, MID_YEAR), plan_score(fresh, cycle, today=MID_YEAR))


def assert_same(kept: PlanScore, fresh: PlanScore) -> None:
    """Equal, compared part by part so that a difference reads plainly."""
    for kept_rule, fresh_rule in zip(kept.rules, fresh.rules, strict=True):
        assert kept_rule == fresh_rule
    for kept_owner, fresh_owner in zip(kept.owners, fresh.owners, strict=True):
        assert kept_owner == fresh_owner
    assert kept == fresh
