"""The plan score: each rule on small plans written through the operations, the weights and the
formula, determinism, an empty plan, a wide plan, and agreement with the quality findings the
health panel shows (LiveAnalytics, kept current per change)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from okrdesk import ops
from okrdesk.analytics import LiveAnalytics
from okrdesk.analytics.findings import CODES
from okrdesk.analytics.plan_score import PlanScore, plan_score
from okrdesk.analytics.plan_score_rules import RULE_OF_CODE, RULES
from okrdesk.analytics.quality import quality_findings
from okrdesk.check_plan_score import score_lines
from okrdesk.rulebook import view_objectives
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from okrdesk.synthetic_wide import wide_plan
from tests.core.builders import Org, small_org

MID_YEAR = date(2027, 7, 1)
WEIGHT = {rule.key: rule.weight for rule in RULES}
GOOD = {"kind": "increase", "start_value": 30.0, "target_value": 45.0, "unit": "NPS"}


@pytest.fixture
def org(tmp_path: Path) -> Iterator[Org]:
    with small_org(tmp_path / "plan.okr") as built:
        yield built


def score(org: Org, **kwargs: object) -> PlanScore:
    snapshot = org.snapshot()
    return plan_score(snapshot, org.cycles["2027"], today=MID_YEAR, **kwargs)  # type: ignore[arg-type]


def owner(result: PlanScore, name: str) -> tuple[int, list[tuple[str, str]]]:
    """An owner's score and (rule, reason) of each point."""
    found = next(o for o in result.owners if o.name == name)
    return found.score, [(p.rule, p.reason) for p in found.points]


def rule(result: PlanScore, key: str) -> tuple[int, int]:
    found = next(r for r in result.rules if r.rule == key)
    return found.failing, found.counted


def test_every_finding_counts_under_one_rule_and_the_weights_make_100() -> None:
    assert set(RULE_OF_CODE) == set(CODES)
    assert sum(len(r.codes) for r in RULES) == len(CODES)
    assert sum(WEIGHT.values()) == 100


def test_a_plan_that_follows_every_rule_scores_100(org: Org) -> None:
    top = org.objective("Alex Chen", "Win Europe", description="Europe is half our market.")
    org.key_result(top, "Raise NPS from 30 to 45", **GOOD)
    result = score(org)
    assert result.score == 100 and not result.points
    assert [(o.name, o.score, o.points) for o in result.owners] == [("Alex Chen", 100, ())]
    assert score_lines(result)[1:3] == ["Plan score: 100/100 (1 objective, 1 owner)",
                                        "  Nothing taken off: the plan follows every rule."]


def test_measurable_key_results_need_a_baseline_apart_from_the_target(org: Org) -> None:
    grow = org.objective("Sam Lee", "Grow EU sales")
    org.key_result(grow, "Raise NPS from 30 to 45", **GOOD)
    no_start = org.key_result(grow, "Grow revenue to 5M", kind="increase", target_value=5.0)
    org.key_result(grow, "Keep revenue at 5M", kind="increase", start_value=5.0,
                   target_value=5.0)
    org.key_result(grow, "Customers love us", kind="no_metric")
    result = score(org)
    assert rule(result, "measurable") == (3, 4)
    points = owner(result, "Sam Lee")[1]
    assert [p[0] for p in points] == ["measurable"] * 3
    assert points[0][1].startswith('Key result "Customers love us" of "Grow EU sales" '
                                   "(Sam Lee) is not measurable")  # the findings' order
    assert sorted(reason for _rule, reason in points[1:]) == [
        'Key result "Grow revenue to 5M" of "Grow EU sales" (Sam Lee) has no baseline: give '
        "the value it starts from, other than its target.",
        'Key result "Keep revenue at 5M" of "Grow EU sales" (Sam Lee) starts at its target: '
        "give the value it starts from, other than its target."]
    assert owner(result, "Sam Lee")[0] == round(100 - 25 * 3 / 4)  # 81
    first = next(o for o in result.owners if o.name == "Sam Lee").points
    assert {kr for p in first for kr in p.key_result_ids} >= {no_start}
    assert all(p.lost == pytest.approx(25 / 4) for p in first)


def test_activities_without_a_measure_lose_points_results_do_not(org: Org) -> None:
    ship = org.objective("Kim Park", "Modernise our web presence")
    launch = org.key_result(ship, "Launch the new website", kind="milestone")
    org.key_result(ship, "Hire 3 engineers", kind="increase", start_value=0.0, target_value=3.0)
    org.key_result(ship, "Raise NPS from 30 to 45", **GOOD)
    result = score(org)
    assert rule(result, "outcomes") == (1, 3)
    (only,) = next(o for o in result.owners if o.name == "Kim Park").points
    assert only.rule == "outcomes" and only.key_result_ids == (launch,)
    assert only.objective_ids == (ship,)
    assert only.reason == ('Key result "Launch the new website" of "Modernise our web presence" '
                           "(Kim Park) is an activity, not a result: say which number shows "
                           "that it worked.")
    assert result.owners[0].score == round(100 - 15 / 3) == 95


def test_focus_counts_from_the_plans_limit_of_objectives_per_owner(org: Org) -> None:
    for n in range(6):
        org.key_result(org.objective("Dana Ross", f"Objective {n}"), "Raise NPS from 30 to 45",
                       **GOOD)
    result = score(org)
    assert rule(result, "focus") == (1, 1)
    dana = next(o for o in result.owners if o.name == "Dana Ross")
    assert dana.score == 85 and [p.rule for p in dana.points] == ["focus"]
    assert "Dana Ross has 6 objectives in 2027; keep it to 5 or fewer." in dana.points[0].reason
    assert len(dana.points[0].objective_ids) == 6  # choosing it shows her objectives
    ops.set_settings(org.plan, {"max_objectives_per_owner": "6"})
    assert score(org).score == 100
    ops.set_settings(org.plan, {"max_objectives_per_owner": "3"})
    assert "more than 3 objectives" in score(org).points[0].reason


def test_each_company_objective_says_why(org: Org) -> None:
    bare = org.objective("Alex Chen", "Win Europe")
    org.key_result(bare, "Raise NPS from 30 to 45", **GOOD)
    told = org.objective("Alex Chen", "Stay solvent", description="Cash runs the company.")
    org.key_result(told, "Raise NPS from 30 to 45", **GOOD)
    below = org.objective("Sam Lee", "Grow EU sales")  # not a company objective: no why needed
    org.key_result(below, "Raise NPS from 30 to 45", **GOOD)
    result = score(org)
    assert rule(result, "why") == (1, 2)
    assert owner(result, "Alex Chen") == (95, [("why", 'Company objective "Win Europe" '
                                                "(Alex Chen) says no why: write in its "
                                                "description why it matters.")])
    assert owner(result, "Sam Lee") == (100, [])
    ops.edit_objective(org.plan, bare, description="Europe is half our market.")
    assert score(org).score == 100


def test_low_confidence_while_on_track_by_hand_or_by_progress(org: Org) -> None:
    said = org.objective("Noor Haddad", "Refresh the brand", status="on_track")
    doubt = org.key_result(said, "Raise NPS from 30 to 45", confidence=0.3, **GOOD)
    worried = org.objective("Noor Haddad", "Win awards", status="at_risk")
    org.key_result(worried, "Raise NPS from 30 to 45", confidence=0.2, **GOOD)
    ahead = org.objective("Lee Moss", "Fix service")  # no status: progress and date decide
    org.key_result(ahead, "Raise NPS from 30 to 45", confidence=0.1, current_value=42.0,
                   **GOOD)
    behind = org.objective("Lee Moss", "Fix parts")
    org.key_result(behind, "Raise NPS from 30 to 45", confidence=0.1, current_value=30.0,
                   **GOOD)
    result = score(org)
    assert rule(result, "confidence") == (2, 4)
    noor = owner(result, "Noor Haddad")
    assert noor[1] == [("confidence", 'Key result "Raise NPS from 30 to 45" of "Refresh the '
                        'brand" (Noor Haddad) has confidence 3/10 while its objective is on '
                        "track: say what worries its owner, or change the status.")]
    lee = owner(result, "Lee Moss")[1]
    assert len(lee) == 1 and '"Fix service"' in lee[0][1] and "on track by its progress" \
        in lee[0][1]
    ops.edit_key_result(org.plan, doubt, confidence=0.4)
    assert owner(score(org), "Noor Haddad") == (100, [])
    # on the cycle's first day everything is on track (docs/RHYTHM.md)
    early = plan_score(org.snapshot(), org.cycles["2027"], today=date(2027, 1, 1))
    assert rule(early, "confidence") == (2, 4)


def test_an_owner_that_does_not_exist_costs_ownership(org: Org, tmp_path: Path) -> None:
    kept = org.objective("Ivy Tran", "Answer every call")
    org.key_result(kept, "Raise NPS from 30 to 45", **GOOD)
    lost = org.objective("Ivy Tran", "Close every ticket")
    org.key_result(lost, "Raise NPS from 30 to 45", **GOOD)
    path = org.plan.path
    org.close()
    with sqlite3.connect(path) as connection:  # a hand edit: the operations never do this
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("UPDATE objectives SET owner_id = 'gone' WHERE id = ?", (lost,))
    with Plan.open(path, read_only=True) as plan, plan.read() as connection_:
        snapshot = Snapshot.load(connection_)
    result = plan_score(snapshot, None, today=MID_YEAR)
    assert rule(result, "ownership") == (1, 2)
    unknown = next(o for o in result.owners if o.owner_id == "gone")
    assert unknown.name == "owner unknown" and unknown.score == 90
    assert unknown.points[0].objective_ids == (lost,)


def test_the_same_plan_gives_the_same_score_and_reasons_in_the_same_order(
        tmp_path: Path) -> None:
    path = wide_plan(tmp_path / "wide.okr", levels=4, objectives=160, seed=3)
    with Plan.open(path, read_only=True) as plan, plan.read() as connection:
        first = Snapshot.load(connection)
    with Plan.open(path, read_only=True) as plan, plan.read() as connection:
        second = Snapshot.load(connection)
    ones = plan_score(first, None, today=MID_YEAR)
    assert ones == plan_score(second, None, today=MID_YEAR) == plan_score(first, None,
                                                                         today=MID_YEAR)
    assert score_lines(ones) == score_lines(plan_score(second, None, today=MID_YEAR))
    assert ones.score is not None and 0 <= ones.score <= 100
    # the formula: 100 less each rule's weight times the share of its items that fall short
    lost = sum(r.weight * r.failing / r.counted for r in ones.rules if r.counted)
    assert ones.score == int(100 - lost + 0.5)
    for scored in ones.owners:
        assert scored.score == max(0, int(100 - sum(p.lost for p in scored.points) + 0.5))
        assert [p.lost for p in scored.points] == sorted((p.lost for p in scored.points),
                                                         reverse=True)
    assert [o.score for o in ones.owners] == sorted(o.score for o in ones.owners)


def test_an_empty_plan_has_nothing_to_score(tmp_path: Path) -> None:
    with small_org(tmp_path / "empty.okr") as org:
        result = score(org)
    assert result.score is None and result.objectives == 0
    assert result.owners == () and result.points == ()
    assert score_lines(result) == ["", "Plan score: none (no objectives in this cycle)"]


def test_the_score_agrees_with_the_findings_the_health_panel_shows(tmp_path: Path) -> None:
    """On a wide plan, after edits: the kept-current findings (the health panel's) give the
    same score as a fresh count, and each rule fails exactly the rows those findings name."""
    path = wide_plan(tmp_path / "wide.okr", levels=3, objectives=60, seed=5)
    with Plan.open(path) as plan:
        with plan.read() as connection:
            snapshot = Snapshot.load(connection)
        live = LiveAnalytics(snapshot)
        live.findings(None)

        def follow(changes: object) -> None:
            snapshot.apply(changes)  # type: ignore[arg-type]
            live.apply(changes)  # type: ignore[arg-type]

        plan.subscribe(follow)
        objective_ids = sorted(snapshot.objectives)
        for objective_id in objective_ids[:4]:
            ops.add_key_result(plan, objective_id, "Launch the partner portal", kind="milestone")
            ops.add_key_result(plan, objective_id, "Customers love us", kind="no_metric")
        ops.edit_objective(plan, objective_ids[5], title=snapshot.objectives[
            objective_ids[6]].title)
        shown = live.findings(None)
        assert shown == quality_findings(snapshot, None)
        kept = plan_score(snapshot, None, findings=shown,
                          objective_ids=live.view_objectives(None), today=MID_YEAR)
        assert kept == plan_score(snapshot, None, today=MID_YEAR)
        assert len(view_objectives(snapshot, None)) == kept.objectives
    for key in ("measurable", "sound"):
        named = {(oid, kr if len(f.key_result_ids) == len(f.objective_ids) else "")
                 for f in shown if RULE_OF_CODE[f.code].key == key
                 for oid, kr in zip(f.objective_ids, f.key_result_ids or
                                    ("",) * len(f.objective_ids), strict=True)}
        if key == "measurable":  # the coaches' baseline rule counts too
            assert rule(kept, key)[0] >= len(named) > 0
        else:
            assert rule(kept, key)[0] == len({oid for oid, _kr in named}) > 0
    assert rule(kept, "outcomes")[0] == 4
