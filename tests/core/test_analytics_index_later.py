"""LiveAnalytics with its alignment index left for later (as a window opens a plan): the same
answers before the index is built, and a complete, current index once something reads it."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrdesk.analytics import LiveAnalytics
from okrdesk.errors import OperationRefused
from okrdesk.storage import ChangeSet
from tests.core.test_analytics_live import (  # noqa: F401 - base_plan is a fixture
    assert_current,
    base_plan,
    copy_of,
    load,
    step,
)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_answers_before_the_index_is_built_equal_a_built_index(
        base_plan: Path,  # noqa: F811 - the fixture imported above
        tmp_path: Path, data: st.DataObject) -> None:
    with copy_of(base_plan, tmp_path) as plan:
        snapshot = load(plan)
        later = LiveAnalytics(snapshot, index_later=True)
        plan.subscribe(lambda changes: (snapshot.apply(changes), later.apply(changes)))
        done: list[ChangeSet] = []
        for _ in range(data.draw(st.integers(1, 8))):
            try:
                changes = step(data, plan, snapshot, done)()
            except OperationRefused:
                continue
            if changes:
                done.append(changes)
            fresh = LiveAnalytics(load(plan))
            for objective_id in fresh.snapshot.objectives:
                assert later.is_orphan(objective_id) == fresh.is_orphan(objective_id)
            for cycle in (None, *fresh.snapshot.cycles):
                assert sorted(later.view_objectives(cycle)) == sorted(fresh.view_objectives(cycle))
            assert not later.index_built  # answered without it
        cycles: list[str | None] = [None, *snapshot.cycles]
        assert_current(plan, later, cycles)  # reading the figures builds the index
        assert later.index_built
        for _ in range(data.draw(st.integers(1, 4))):  # and it is kept current from then on
            try:
                step(data, plan, snapshot, done)()
            except OperationRefused:
                continue
            assert_current(plan, later, [None, *snapshot.cycles])
