"""The whole-plan build of the health index agrees with the per-objective path used on change.

Opening a plan builds every objective's facts in one pass; a change recomputes only the touched
objectives, one at a time. Both must give the same facts, totals and lines of sight, on a
generated organisation and on a hand-edited file holding broken references.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from okrdesk.analytics.index import AlignmentIndex
from okrdesk.rulebook import line_of_sight
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from okrdesk.synthetic import generate_plan
from tests.core.test_analytics_plans import HandPlan


def load(path: Path) -> Snapshot:
    plan = Plan.open(path)
    try:
        with plan.read() as connection:
            return Snapshot.load(connection)
    finally:
        plan.close()


@pytest.fixture
def hand(tmp_path: Path) -> Iterator[HandPlan]:
    plan = HandPlan(tmp_path / "hand.okr")
    yield plan
    plan.close()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    return load(generate_plan(tmp_path_factory.mktemp("index") / "org.okr", 300))


def state(index: AlignmentIndex) -> tuple[object, ...]:
    totals = {cycle: (t.levels, t.bottom_up, t.top_down, t.orphans, t.skips,
                      {k: v for k, v in t.reaching.items() if v})
              for cycle, t in index.totals.items() if t.levels}
    refs = {cycle: {k: v for k, v in counts.items() if v}
            for cycle, counts in index.refs.items() if +counts}
    return index.facts, totals, refs


def assert_one_at_a_time_agrees(snapshot: Snapshot) -> None:
    built = AlignmentIndex(snapshot)
    stepped = AlignmentIndex(snapshot)
    everything = set(snapshot.objectives)
    stepped._refresh(everything, everything)  # every objective through the per-change path
    assert state(built) == state(stepped)


def test_a_generated_plan_builds_as_it_updates(generated: Snapshot) -> None:
    assert len(generated.objectives) > 500
    assert_one_at_a_time_agrees(generated)


def test_built_lines_of_sight_follow_alignment(generated: Snapshot) -> None:
    index = AlignmentIndex(generated)
    aligned = 0
    for objective_id in generated.objectives:
        line = line_of_sight(generated, objective_id)
        assert list(index.facts[objective_id].above) == line[1:]
        aligned += len(line) > 1
    assert aligned > len(generated.objectives) // 2


def test_key_results_load_in_their_order(generated: Snapshot) -> None:
    order = sorted(generated.key_results.values(),
                   key=lambda kr: (kr.position, kr.created_at, kr.id))
    assert list(generated.key_results.values()) == order
    for objective_id, kr_ids in generated.krs_of.items():
        assert kr_ids == [kr.id for kr in order if kr.objective_id == objective_id]


def test_ties_in_position_fall_back_to_creation_then_id(hand: HandPlan) -> None:
    boss = hand.person("Boss", 0, "Sales")
    objective = hand.objective(boss, "Grow")
    first, second, third = (hand.kr(objective, title) for title in ("a", "b", "c"))
    snapshot = hand.hand_edit(
        ("UPDATE key_results SET position = 0", ()),
        ("UPDATE key_results SET created_at = '2027-01-02' WHERE id = ?", (first,)),
        ("UPDATE key_results SET created_at = '2027-01-01' WHERE id IN (?, ?)", (second, third)),
    )
    assert snapshot.krs_of[objective] == [*sorted((second, third)), first]


def test_broken_links_build_as_they_update(hand: HandPlan) -> None:
    boss = hand.person("Boss", 0, "Sales")
    vp = hand.person("Vera", 1, "Sales", boss)
    lead = hand.person("Lee", 3, "Marketing", vp)
    top = hand.objective(boss, "Top")
    top_kr = hand.kr(top)
    middle = hand.objective(vp, "Middle", parent_kr=top_kr)
    middle_kr = hand.kr(middle)
    low = hand.objective(lead, "Low", hand.q1, parent_kr=middle_kr)
    low_kr = hand.kr(low)
    loose = hand.objective(lead, "Loose", hand.q1)
    hand.link(loose, top)
    hand.objective(lead, "Alone", hand.q1)
    hand.objective(lead, "Under a gone result", hand.q1, parent_kr=low_kr)
    snapshot = hand.hand_edit(
        ("DELETE FROM key_results WHERE id = ?", (low_kr,)),
        ("UPDATE objectives SET parent_kr_id = 'gone' WHERE id = ?", (loose,)),
    )
    assert_one_at_a_time_agrees(snapshot)
