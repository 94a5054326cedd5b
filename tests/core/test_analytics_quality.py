"""Each quality check firing on a plan that has the problem, and silent on one that does not."""

from __future__ import annotations

import pytest

from okrdesk.analytics import Finding, LiveAnalytics, quality_findings
from okrdesk.errors import NotFoundError
from tests.core.test_analytics_plans import HandPlan, hand  # noqa: F401


def codes(findings: list[Finding]) -> list[tuple[str, str | None, str | None]]:
    return [(f.code, f.objective_id, f.key_result_id) for f in findings]


@pytest.fixture
def owners(hand: HandPlan) -> tuple[str, str]:  # noqa: F811
    boss = hand.person("Alex Chen", 0)
    return boss, hand.person("Sam Lee", 1, "Sales", boss)


def test_a_sound_plan_has_no_findings(hand: HandPlan, owners: tuple[str, str]) -> None:  # noqa: F811
    top = hand.objective(owners[0], "Lead the market")
    hand.kr(top, "Grow share from 10 to 20 %", start_value=10.0, target_value=20.0)
    hand.kr(top, "Launch the X-ray service", kind="milestone", target_value=None)
    below = hand.objective(owners[1], "Grow sales", hand.q1)
    hand.align_up(below, top)
    hand.kr(below, "Reach 10x more dealers", kind="milestone", target_value=None)
    assert quality_findings(hand.snapshot(), None) == []


def test_objective_and_key_result_checks(hand: HandPlan, owners: tuple[str, str]) -> None:  # noqa: F811
    boss = owners[0]
    bare = hand.objective(boss, "Bare")
    crowded = hand.objective(boss, "Crowded")
    for n in range(6):
        hand.kr(crowded, f"Result {n}")
    vague = hand.objective(boss, "Vague")
    untargeted = hand.kr(vague, "Grow revenue", target_value=None)
    followers = hand.kr(vague, "x new followers by end of the month")
    traffic = hand.kr(vague, "x% of company traffic comes from the new platform",
                      kind="no_metric", target_value=None)
    tbd = hand.kr(vague, "Revenue TBD", kind="milestone")
    found = quality_findings(hand.snapshot(), hand.year)
    expected = [
        ("no_key_results", bare, None),
        ("too_many_key_results", crowded, None),
        ("not_measurable", vague, traffic),
        ("no_measurable_target", vague, untargeted),
        *sorted(("placeholder_target", vague, kr) for kr in (followers, traffic, tbd)),
    ]
    assert codes(found) == expected
    assert found[0].severity == "error" and found[1].severity == "warning"
    assert found[1].message == ('"Crowded" (Alex Chen) has 6 key results of its own; keep '
                                'them to 5 or fewer.')
    assert found[1].owners == ("Alex Chen",)


def test_the_limits_come_from_the_settings(hand: HandPlan, owners: tuple[str, str]) -> None:  # noqa: F811
    objective = hand.objective(owners[0], "Three")
    for n in range(3):
        hand.kr(objective, f"Result {n}")
    with hand.plan.change("Limit") as tx:
        tx.insert("settings", key="max_key_results", value="2")
    assert codes(quality_findings(hand.snapshot(), None)) == [
        ("too_many_key_results", objective, None)]


def test_too_many_objectives_for_one_owner_in_a_cycle(hand: HandPlan,  # noqa: F811
                                                      owners: tuple[str, str]) -> None:
    boss, vp = owners
    for n in range(6):
        hand.kr(hand.objective(vp, f"Year objective {n}"), "Result")
    for n in range(5):
        hand.kr(hand.objective(boss, f"Company objective {n}"), "Result")  # five is fine
    for n in range(3):
        hand.kr(hand.objective(vp, f"Quarter objective {n}", hand.q1), "Result")
    found = quality_findings(hand.snapshot(), None)
    assert codes(found) == [("too_many_objectives", None, None)]
    assert found[0].message == "Sam Lee has 6 objectives in 2027; keep it to 5 or fewer."


def test_duplicate_titles_ignore_case_and_spaces_within_a_cycle(
        hand: HandPlan, owners: tuple[str, str]) -> None:  # noqa: F811
    boss, vp = owners
    first = hand.objective(boss, "Grow  EV sales")
    second = hand.objective(vp, "grow ev Sales ")
    other_cycle = hand.objective(vp, "Grow EV sales", hand.q1)
    for objective in (first, second, other_cycle):
        hand.kr(objective, "Result")
    found = quality_findings(hand.snapshot(), None)
    assert [f.code for f in found] == ["duplicate_title"]  # one finding for the pair
    assert set(found[0].objective_ids) == {first, second}
    assert found[0].owners == ("Alex Chen", "Sam Lee")
    assert "(Alex Chen, Sam Lee) is the title of 2 objectives in 2027" in found[0].message


def test_findings_follow_the_cycle_view(hand: HandPlan, owners: tuple[str, str]) -> None:  # noqa: F811
    in_q1 = hand.objective(owners[1], "Quarter work", hand.q1)
    in_q2 = hand.objective(owners[1], "Later work", hand.q2)
    snapshot = hand.snapshot()
    assert codes(quality_findings(snapshot, hand.q1)) == [("no_key_results", in_q1, None)]
    assert codes(quality_findings(snapshot, hand.q2)) == [("no_key_results", in_q2, None)]
    assert len(quality_findings(snapshot, hand.year)) == 2
    with pytest.raises(NotFoundError):
        quality_findings(snapshot, "no-such-cycle")


def test_dangling_references_in_a_hand_edited_file(hand: HandPlan,  # noqa: F811
                                                   owners: tuple[str, str]) -> None:
    boss, vp = owners
    top = hand.objective(boss, "Top")
    hand.kr(top, "Metric")
    unlinked = hand.kr(top, "Stands for nobody", kind="objective", target_value=None)
    shared = hand.kr(top, "Stands for two", kind="objective", target_value=None)
    twins = [hand.objective(vp, f"Twin {n}", parent_kr=shared) for n in range(2)]
    stray = hand.objective(vp, "Stray")
    ownerless = hand.objective(vp, "Ownerless")
    timeless = hand.objective(vp, "Timeless")
    orphan_kr = hand.kr(stray, "Will lose its objective")
    for objective in (*twins, stray, ownerless, timeless):
        hand.kr(objective, "Result")
    hand.link(ownerless, top)
    snapshot = hand.hand_edit(
        ("UPDATE objectives SET parent_kr_id = 'gone-kr' WHERE id = ?", (stray,)),
        ("UPDATE objectives SET owner_id = 'gone-person' WHERE id = ?", (ownerless,)),
        ("UPDATE objectives SET cycle_id = 'gone-cycle' WHERE id = ?", (timeless,)),
        ("UPDATE key_results SET objective_id = 'gone-objective' WHERE id = ?", (orphan_kr,)),
        ("UPDATE contributions SET target_id = 'gone-objective' WHERE source_id = ?",
         (ownerless,)),
    )
    found = quality_findings(snapshot, hand.q1)  # broken references show in every view
    assert codes(found) == [
        ("missing_parent_key_result", stray, None),
        ("objective_key_result_unlinked", top, unlinked),
        ("objective_key_result_shared", top, shared),
        ("missing_owner", ownerless, None),
        ("missing_cycle", timeless, None),
        ("missing_objective", None, orphan_kr),
        ("dangling_contribution", ownerless, None),
    ]
    assert all(f.severity == "error" for f in found)


def test_an_alignment_loop_is_reported(hand: HandPlan, owners: tuple[str, str]) -> None:  # noqa: F811
    boss, vp = owners
    top = hand.objective(boss, "Top")
    below = hand.objective(vp, "Below")
    hand.kr(below, "Result")
    top_kr = hand.align_up(below, top)
    below_kr = hand.kr(below, "Loops back", kind="objective", target_value=None)
    snapshot = hand.hand_edit(
        ("UPDATE objectives SET parent_kr_id = ? WHERE id = ?", (below_kr, top)))
    found = [f for f in quality_findings(snapshot, None) if f.code == "alignment_loop"]
    assert sorted(f.objective_id for f in found) == sorted([top, below])
    assert top_kr in snapshot.key_results


def test_findings_come_in_the_same_order_every_time(hand: HandPlan,  # noqa: F811
                                                    owners: tuple[str, str]) -> None:
    for n in range(4):
        hand.objective(owners[n % 2], f"Empty {n}")
    snapshot = hand.snapshot()
    first = quality_findings(snapshot, None)
    assert [f.objective_id for f in first] == sorted(f.objective_id or "" for f in first)
    assert quality_findings(snapshot, None) == first


def test_kept_current_through_loops_and_links_made_and_mended(
        hand: HandPlan, owners: tuple[str, str]) -> None:  # noqa: F811
    boss, vp = owners
    top = hand.objective(boss, "Top")
    below = hand.objective(vp, "Below")
    hand.kr(below, "Result")
    hand.align_up(below, top)
    shared = hand.kr(top, "Stands for two", kind="objective", target_value=None)
    loops_back = hand.kr(below, "Loops back", kind="objective", target_value=None)
    snapshot = hand.snapshot()
    live = LiveAnalytics(snapshot)
    assert live.findings(None) == quality_findings(snapshot, None)
    hand.plan.subscribe(lambda changes: (snapshot.apply(changes), live.apply(changes)))
    twins = [hand.objective(vp, f"Twin {n}", parent_kr=shared) for n in range(2)]
    steps = [
        lambda: hand.update("objectives", top, parent_kr_id=loops_back),  # a loop
        lambda: hand.update("units", vp, name="Sam Lee-Park"),
        lambda: hand.update("objectives", top, parent_kr_id=None),  # the loop mended
        lambda: hand.update("objectives", twins[0], parent_kr_id=None),  # shared no more
        lambda: hand.update("objectives", twins[1], title="Below"),
    ]
    codes_seen = set()
    for step in steps:
        step()
        fresh = hand.snapshot()
        for cycle in (None, hand.year, hand.q1):
            assert live.findings(cycle) == quality_findings(fresh, cycle), cycle
        codes_seen.update(f.code for f in live.findings(None))
    assert {"alignment_loop", "objective_key_result_shared",
            "objective_key_result_unlinked"} <= codes_seen
