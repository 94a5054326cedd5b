"""Health figures on a hand-built plan whose answers are worked out here by hand.

    C-suite    ceo:  C1 "Lead the EV market" [c1a own, (S1)]   C2 "Delight customers" [c2a own]
    VPs        vps:  S1 own, aligned up to C1   [s1a own, s1b delegated, (T1)]
               vpm:  M1 delegated from c2a      [m1a own]
               vpl:  L1 own, contributes to C2  [no key results]
    Directors  ds:   D1 (Q1) delegated from s1a [d1a delegated, (MG1)]   D2 (Q2) own, alone [d2a]
    Managers   ms:   MG1 (Q1) own, aligned up to D1 [mg1a]
    Team       ts:   T1 (Q1) own, aligned up to S1, skipping two levels [t1a]; T2 (Q1) alone [t2a]
(X) is a key result of kind objective standing for X.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from okrdesk.analytics import health, line_of_sight, view_objectives
from okrdesk.errors import NotFoundError
from okrdesk.snapshot import Snapshot
from tests.core.test_analytics_plans import HandPlan, hand  # noqa: F401


@dataclass
class Company:
    hand: HandPlan
    ids: dict[str, str]

    def snapshot(self) -> Snapshot:
        return self.hand.snapshot()


@pytest.fixture
def company(hand: HandPlan) -> Company:  # noqa: F811
    ceo = hand.person("Ceo", 0)
    vps = hand.person("Vp Sales", 1, "Sales", ceo)
    vpm = hand.person("Vp Marketing", 1, "Marketing", ceo)
    vpl = hand.person("Vp Legal", 1, "Legal", ceo)
    ds = hand.person("Director Sales", 2, "Sales", vps)
    ms = hand.person("Manager Sales", 3, "Sales", ds)
    ts = hand.person("Technician", 4, "Sales", ms)
    ids: dict[str, str] = {}
    ids["C1"] = hand.objective(ceo, "Lead the EV market")
    hand.kr(ids["C1"], "Market share")
    ids["C2"] = hand.objective(ceo, "Delight customers")
    c2a = hand.kr(ids["C2"], "Satisfaction")
    ids["S1"] = hand.objective(vps, "Grow EV sales")
    hand.align_up(ids["S1"], ids["C1"])
    s1a = hand.kr(ids["S1"], "EV sales")
    hand.kr(ids["S1"], "Dealer reach", origin="delegated")
    ids["M1"] = hand.objective(vpm, "Launch EV campaign", origin="delegated", parent_kr=c2a)
    hand.kr(ids["M1"], "Reach")
    ids["L1"] = hand.objective(vpl, "Refresh contracts")
    hand.link(ids["L1"], ids["C2"])
    ids["D1"] = hand.objective(ds, "Open northern region", hand.q1, origin="delegated",
                               parent_kr=s1a)
    hand.kr(ids["D1"], "Northern sales", origin="delegated")
    ids["D2"] = hand.objective(ds, "Plan summer events", hand.q2)
    hand.kr(ids["D2"], "Events")
    ids["MG1"] = hand.objective(ms, "Pilot mobile servicing", hand.q1)
    hand.align_up(ids["MG1"], ids["D1"])
    hand.kr(ids["MG1"], "Customers served")
    ids["T1"] = hand.objective(ts, "Survey pilot customers", hand.q1)
    hand.align_up(ids["T1"], ids["S1"])
    hand.kr(ids["T1"], "Surveys")
    ids["T2"] = hand.objective(ts, "Tidy the stockroom", hand.q1)
    hand.kr(ids["T2"], "Shelves")
    return Company(hand, ids)


def level_rows(report: object) -> list[tuple[str, int, int, int, int, int]]:
    return [(lv.name, lv.own_objectives, lv.delegated_objectives, lv.own_key_results,
             lv.delegated_key_results, lv.aligned_key_results)
            for lv in report.levels]  # type: ignore[attr-defined]


def test_year_view_counts_every_level_by_origin(company: Company) -> None:
    report = health(company.snapshot(), company.hand.year)
    assert level_rows(report) == [
        # level, own obj, delegated obj, own KRs, delegated KRs, aligned-from-below KRs
        ("C-suite", 2, 0, 2, 0, 1),
        ("Vice Presidents", 2, 1, 2, 1, 1),
        ("Directors", 1, 1, 1, 1, 1),
        ("Managers", 1, 0, 1, 0, 0),
        ("Team members", 2, 0, 2, 0, 0),
    ]
    vps = report.levels[1]
    assert vps.own_objective_share == pytest.approx(2 / 3)
    assert vps.delegated_objective_share == pytest.approx(1 / 3)
    assert vps.aligned_key_result_share == pytest.approx(1 / 4)
    assert report.objectives == 10


def test_bottom_up_share_counts_aligned_objectives_below_the_top(company: Company) -> None:
    report = health(company.snapshot(), company.hand.year)
    # bottom-up: S1, MG1, T1; top-down: M1, D1; L1, T2 and D2 align to nothing.
    assert (report.bottom_up, report.top_down) == (3, 2)
    assert report.bottom_up_share == pytest.approx(0.6)
    assert report.bottom_up_target == pytest.approx(0.5)
    assert report.bottom_up_gap == pytest.approx(0.1)


def test_the_target_comes_from_the_plan_settings(company: Company) -> None:
    with company.hand.plan.change("Target") as tx:
        tx.insert("settings", key="bottom_up_target", value="0.75")
    report = health(company.snapshot(), None)
    assert report.bottom_up_gap == pytest.approx(0.6 - 0.75)


def test_orphans_skips_and_functions(company: Company) -> None:
    ids = company.ids
    report = health(company.snapshot(), company.hand.year)
    assert report.orphans == sorted([ids["D2"], ids["T2"]])  # L1 contributes: no orphan
    assert [(s.child_id, s.parent_id, s.skipped) for s in report.skip_links] == [
        (ids["T1"], ids["S1"], 2)]
    assert report.critical_functions == ["Marketing", "Sales"]
    assert report.non_critical_functions == ["Legal"]


def test_a_quarter_view_holds_its_objectives_and_the_year_objectives_above(
        company: Company) -> None:
    ids = company.ids
    snapshot = company.snapshot()
    report = health(snapshot, company.hand.q1)
    assert sorted(view_objectives(snapshot, company.hand.q1)) == sorted(
        ids[k] for k in ("D1", "MG1", "T1", "T2", "S1", "C1"))
    assert level_rows(report) == [
        ("C-suite", 1, 0, 1, 0, 1),
        ("Vice Presidents", 1, 0, 1, 1, 1),
        ("Directors", 0, 1, 0, 1, 1),
        ("Managers", 1, 0, 1, 0, 0),
        ("Team members", 2, 0, 2, 0, 0),
    ]
    assert (report.bottom_up, report.top_down) == (3, 1)  # S1, MG1, T1 / D1
    assert report.orphans == [ids["T2"]]
    assert report.critical_functions == ["Sales"]
    assert report.non_critical_functions == ["Legal", "Marketing"]


def test_a_quarter_with_nothing_aligned(company: Company) -> None:
    report = health(company.snapshot(), company.hand.q2)
    assert report.objectives == 1
    assert report.orphans == [company.ids["D2"]]
    assert (report.bottom_up, report.top_down, report.bottom_up_share) == (0, 0, 0.0)
    assert report.critical_functions == []


def test_the_whole_plan_equals_the_year_here(company: Company) -> None:
    snapshot = company.snapshot()
    whole = health(snapshot, None).to_dict()
    year = health(snapshot, company.hand.year).to_dict()
    assert {**whole, "cycle_id": None} == {**year, "cycle_id": None}


def test_line_of_sight_runs_to_the_top(company: Company) -> None:
    ids = company.ids
    snapshot = company.snapshot()
    assert line_of_sight(snapshot, ids["MG1"]) == [ids[k] for k in ("MG1", "D1", "S1", "C1")]
    assert line_of_sight(snapshot, ids["L1"]) == [ids["L1"]]  # contributes-to is not a line
    with pytest.raises(NotFoundError):
        line_of_sight(snapshot, "nope")


def test_the_report_is_json(company: Company) -> None:
    report = health(company.snapshot(), company.hand.year)
    data = json.loads(json.dumps(report.to_dict()))
    assert data["levels"][0]["name"] == "C-suite"
    assert data["skip_links"] == [{"child_id": company.ids["T1"],
                                   "parent_id": company.ids["S1"], "skipped": 2}]


def test_an_unknown_cycle_is_a_clear_error(company: Company) -> None:
    with pytest.raises(NotFoundError, match="no cycle"):
        health(company.snapshot(), "not-a-cycle")
