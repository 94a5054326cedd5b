"""LiveAnalytics, updated per change, equals a fresh computation."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrdesk import ops
from okrdesk.analytics import LiveAnalytics, health, quality_findings
from okrdesk.errors import OperationRefused
from okrdesk.rulebook import cycle_view, line_of_sight, view_objectives
from okrdesk.snapshot import Snapshot
from okrdesk.storage import ChangeSet, Plan
from tests.core.builders import PEOPLE, small_org
from tests.core.test_analytics_plans import HandPlan, hand  # noqa: F401

COPIES = itertools.count()
KINDS = ("increase", "decrease", "stay_above", "milestone", "no_metric")


def load(plan: Plan) -> Snapshot:
    with plan.read() as connection:
        return Snapshot.load(connection)


def assert_current(plan: Plan, live: LiveAnalytics, cycles: list[str | None]) -> None:
    fresh = load(plan)
    for cycle in cycles:
        report = health(fresh, cycle)
        assert live.health(cycle) == report, cycle
        assert report.objectives == len(view_objectives(fresh, cycle))
        assert live.findings(cycle) == quality_findings(fresh, cycle), cycle
        view = cycle_view(fresh, cycle)
        held = {o for o in fresh.objectives if live.in_view(view, o)}
        assert held == set(view_objectives(fresh, cycle)), cycle
        assert sorted(live.view_objectives(cycle)) == sorted(view_objectives(fresh, cycle))
    for objective_id in fresh.objectives:
        assert live.line_of_sight(objective_id) == line_of_sight(fresh, objective_id)


@pytest.fixture(scope="module")
def base_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small company, each person's year objective aligned up to the manager's, closed."""
    path = tmp_path_factory.mktemp("live") / "base.okr"
    org = small_org(path)
    year_objective: dict[str, str] = {}
    for name, (_, _, manager, _) in PEOPLE.items():
        objective = year_objective[name] = org.objective(name, f"{name} 2027")
        org.key_result(objective, f"Result of {name}")
        if manager is not None:
            org.align_up(objective, year_objective[manager])
        if name in ("Kim Park", "Ivy Tran"):
            quarter = org.objective(name, f"{name} 2027-Q1", cycle="2027-Q1")
            org.key_result(quarter, f"Quarter result of {name}")
    org.close()
    return path


@contextmanager
def copy_of(base_plan: Path, folder: Path) -> Iterator[Plan]:
    copy = folder / f"work-{next(COPIES)}.okr"
    shutil.copy(base_plan, copy)
    plan = Plan.open(copy)
    try:
        yield plan
    finally:
        plan.close()


def step(data: st.DataObject, plan: Plan, snapshot: Snapshot, done: list[ChangeSet]
         ) -> Callable[[], ChangeSet]:
    """Draw one operation on the current plan."""
    def pick(ids: Any) -> str:  # in the snapshot's order, which the same steps reproduce
        return str(data.draw(st.sampled_from(list(ids))))

    objectives, krs = snapshot.objectives, snapshot.key_results
    people = [u for u in snapshot.units]
    cycles = [c.id for c in snapshot.cycles.values() if c.kind != "backlog"]
    choices = ["create", "key_result", "align", "delegate", "unlink", "contribute", "uncontribute",
               "delete_kr", "delete", "move", "edit_kr", "edit_unit", "undo"]
    action = data.draw(st.sampled_from(choices))
    if action == "create" or not objectives:
        owner, cycle = pick(people), pick(cycles)
        return lambda: ops.create_objective(plan, owner, cycle, f"New {len(objectives)}")
    if action == "key_result":
        objective, kind = pick(objectives), data.draw(st.sampled_from(KINDS))
        origin = data.draw(st.sampled_from(("own", "delegated")))
        return lambda: ops.add_key_result(plan, objective, "More", kind=kind, origin=origin)
    if action == "align":
        child, parent = pick(objectives), pick(objectives)
        under = [k for k in snapshot.krs_of.get(parent, ()) if krs[k].kind != "objective"]
        kr = data.draw(st.sampled_from([None, *under]))
        return lambda: ops.align_up(plan, child, parent, under_kr_id=kr)
    if action == "delegate" and krs:
        kr, owner = pick(krs), pick(people)
        return lambda: ops.delegate_down(plan, kr, owner)
    if action == "unlink":
        objective = pick(objectives)
        return lambda: ops.unlink(plan, objective)
    if action == "contribute":
        source, target = pick(objectives), pick(objectives)
        return lambda: ops.add_contribution(plan, source, target)
    if action == "uncontribute" and snapshot.contributions:
        link = pick(snapshot.contributions)
        return lambda: ops.remove_contribution(plan, link)
    if action == "delete_kr" and krs:
        kr = pick(krs)
        return lambda: ops.delete_key_result(plan, kr)
    if action == "delete":
        objective = pick(objectives)
        return lambda: ops.delete_objective(plan, objective)
    if action == "move":
        objective, owner, cycle = pick(objectives), pick(people), pick(cycles)
        return lambda: ops.move_objective(plan, objective, owner_id=owner, cycle_id=cycle)
    if action == "edit_kr" and krs:
        kr = pick(krs)
        value = data.draw(st.floats(0, 200, allow_nan=False))
        return lambda: ops.edit_key_result(plan, kr, current_value=value)
    if action == "edit_unit":
        unit, function = pick(people), pick(snapshot.functions)
        return lambda: ops.edit_unit(plan, unit, function_id=function)
    if action == "undo" and done:
        last = done.pop()

        def undo() -> ChangeSet:
            plan.apply(last.inverse())
            return ChangeSet("undone")  # nothing left to unwind at the end
        return undo
    objective = pick(objectives)
    return lambda: ops.edit_objective(plan, objective, title=f"Renamed {len(done)}")


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_live_figures_after_any_sequence_equal_a_fresh_computation(
        base_plan: Path, tmp_path: Path, data: st.DataObject) -> None:
    with copy_of(base_plan, tmp_path) as plan:
        check_a_sequence(plan, data)


def check_a_sequence(plan: Plan, data: st.DataObject) -> None:
    snapshot = load(plan)
    live = LiveAnalytics(snapshot)
    cycles: list[str | None] = [None, *snapshot.cycles]

    def listen(changes: ChangeSet) -> None:
        snapshot.apply(changes)
        live.apply(changes)

    plan.subscribe(listen)
    done: list[ChangeSet] = []
    for _ in range(data.draw(st.integers(1, 12))):
        operation = step(data, plan, snapshot, done)
        try:
            changes = operation()
        except OperationRefused:
            continue
        if changes:
            done.append(changes)
        assert_current(plan, live, cycles)
    for changes in reversed(done):
        plan.apply(changes.inverse())
    assert_current(plan, live, cycles)


def test_moving_an_objective_carries_its_aligned_subtree(hand: HandPlan) -> None:  # noqa: F811
    ceo = hand.person("Ceo", 0)
    sales = hand.person("Vp Sales", 1, "Sales", ceo)
    legal = hand.person("Vp Legal", 1, "Legal", ceo)
    director = hand.person("Director", 2, "Legal", legal)
    worker = hand.person("Worker", 4, "Legal", director)
    top = hand.objective(ceo, "Top")
    vp_sales = hand.objective(sales, "Sales")
    hand.align_up(vp_sales, top)
    middle = hand.objective(director, "Middle", hand.q1)
    low = hand.objective(worker, "Low", hand.q1)
    hand.align_up(low, middle)
    snapshot = hand.snapshot()
    live = LiveAnalytics(snapshot)
    assert live.health(hand.q1).critical_functions == []
    hand.plan.subscribe(lambda changes: (snapshot.apply(changes), live.apply(changes)))
    hand.align_up(middle, vp_sales)  # the director's objective, with the worker's under it
    assert live.line_of_sight(low) == [low, middle, vp_sales, top]
    report = live.health(hand.q1)
    assert report.critical_functions == ["Legal", "Sales"]
    assert sorted(view_objectives(snapshot, hand.q1)) == sorted([middle, low, vp_sales, top])
    assert report == health(hand.snapshot(), hand.q1)
    assert live.health(hand.year) == health(hand.snapshot(), hand.year)


def test_a_changed_reporting_line_updates_levels_and_functions(
        hand: HandPlan) -> None:  # noqa: F811
    ceo = hand.person("Ceo", 0)
    vp = hand.person("Vp", 1, "Legal", ceo)
    top = hand.objective(ceo, "Top")
    below = hand.objective(vp, "Below")
    hand.align_up(below, top)
    snapshot = hand.snapshot()
    live = LiveAnalytics(snapshot)
    assert live.health(None).critical_functions == ["Legal"]
    hand.plan.subscribe(lambda changes: (snapshot.apply(changes), live.apply(changes)))
    hand.update("units", vp, function_id=hand.functions["Sales"], level_id=hand.levels[3])
    report = live.health(None)
    assert report.critical_functions == ["Sales"]
    assert [s.skipped for s in report.skip_links] == [2]
    assert report == health(hand.snapshot(), None)


TITLES = ("Grow sales", "grow  SALES ", "Win Europe", "Launch the platform")
KR_TITLES = ("x new followers", "Revenue TBD", "Reach 20 dealers", "?? signups", "Cut churn")


def quality_step(data: st.DataObject, plan: Plan, snapshot: Snapshot, done: list[ChangeSet]
                 ) -> Callable[[], ChangeSet]:
    """Draw one operation aimed at making and mending quality findings."""
    def pick(ids: Any) -> str:
        return str(data.draw(st.sampled_from(list(ids))))

    objectives, krs = snapshot.objectives, snapshot.key_results
    people = list(snapshot.units)[:3]  # few owners, so that some get too many objectives
    cycles = [c.id for c in snapshot.cycles.values() if c.kind != "backlog"][:3]
    action = data.draw(st.sampled_from(("create", "title", "key_result", "delete_kr", "delete",
                                        "move", "align", "unlink", "setting", "undo")))
    if action == "create" or not objectives:
        owner, cycle, title = pick(people), pick(cycles), pick(TITLES)
        return lambda: ops.create_objective(plan, owner, cycle, title)
    if action == "title":
        objective, title = pick(objectives), pick(TITLES)
        return lambda: ops.edit_objective(plan, objective, title=title)
    if action == "key_result":
        objective, title = pick(objectives), pick(KR_TITLES)
        target = data.draw(st.sampled_from((None, 50.0)))
        return lambda: ops.add_key_result(plan, objective, title, target_value=target)
    if action == "delete_kr" and krs:
        kr = pick(krs)
        return lambda: ops.delete_key_result(plan, kr)
    if action == "delete":
        objective = pick(objectives)
        return lambda: ops.delete_objective(plan, objective)
    if action == "move":
        objective, owner, cycle = pick(objectives), pick(people), pick(cycles)
        return lambda: ops.move_objective(plan, objective, owner_id=owner, cycle_id=cycle)
    if action == "align":
        child, parent = pick(objectives), pick(objectives)
        return lambda: ops.align_up(plan, child, parent)
    if action == "unlink":
        objective = pick(objectives)
        return lambda: ops.unlink(plan, objective)
    if action == "undo" and done:
        last = done.pop()

        def undo() -> ChangeSet:
            plan.apply(last.inverse())
            return ChangeSet("undone")
        return undo
    key = pick(("max_key_results", "max_objectives_per_owner"))
    value = str(data.draw(st.integers(1, 3)))
    return lambda: ops.set_setting(plan, key, value)


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_live_findings_after_any_sequence_equal_fresh_findings(
        base_plan: Path, tmp_path: Path, data: st.DataObject) -> None:
    with copy_of(base_plan, tmp_path) as plan:
        snapshot = load(plan)
        live = LiveAnalytics(snapshot)
        cycles: list[str | None] = [None, *snapshot.cycles]
        assert live.findings(None) == quality_findings(snapshot, None)  # counted from here on
        plan.subscribe(lambda changes: (snapshot.apply(changes), live.apply(changes)))
        done: list[ChangeSet] = []
        for _ in range(data.draw(st.integers(1, 15))):
            try:
                changes = quality_step(data, plan, snapshot, done)()
            except OperationRefused:
                continue
            if changes:
                done.append(changes)
            fresh = load(plan)
            for cycle in cycles:
                expected = quality_findings(fresh, cycle)
                assert live.findings(cycle) == expected, cycle
