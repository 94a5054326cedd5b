"""Plans for the map tests, and what a map shows of them (views, levels, functions)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from okrdesk import cli, clock, ops
from okrdesk.errors import NotFoundError
from okrdesk.maps import MapRequest, MapRequestError
from okrdesk.maps.view import BOTTOM_UP, TOP_DOWN, select_view
from okrdesk.snapshot import Snapshot
from tests.core.builders import ids_by, small_org


@dataclass
class AlignedPlan:
    path: Path
    ids: dict[str, str] = field(default_factory=dict)  # short name -> objective or kr id
    titles: dict[str, str] = field(default_factory=dict)  # objective id -> title
    kr_titles: dict[str, str] = field(default_factory=dict)  # kr id -> title
    snapshot: Snapshot | None = None


def aligned_plan(path: Path) -> AlignedPlan:
    """Every kind of link: aligned up as a new key result and under an existing one, delegated
    down (skipping a level), a skip-level alignment up, a contributes-to link and an orphan."""
    made = AlignedPlan(path)
    with small_org(path, name="Map test plan") as org:
        def objective(key: str, owner: str, title: str) -> str:
            made.ids[key] = org.objective(owner, title)
            made.titles[made.ids[key]] = title
            return made.ids[key]

        def key_result(key: str, objective_id: str, title: str, **values: float) -> str:
            made.ids[key] = org.key_result(objective_id, title, kind="increase", **values)
            made.kr_titles[made.ids[key]] = title
            return made.ids[key]

        win = objective("win", "Alex Chen", "Win Europe")
        revenue = key_result("revenue", win, "Revenue in Europe to 20 M EUR", start_value=10,
                             target_value=20, current_value=16)
        offices = key_result("offices", win, "Open 3 offices", start_value=0, target_value=3,
                             current_value=1)
        grow = objective("grow", "Sam Lee", "Grow EU sales through partners")
        key_result("partners", grow, "Sign 10 partners", start_value=0, target_value=10,
                   current_value=8)
        made.ids["grow_kr"] = org.align_up(grow, win)
        brand = objective("brand", "Dana Ross", "Build the brand in Europe")
        key_result("awareness", brand, "Awareness to 30 %", start_value=10, target_value=30,
                   current_value=12)
        org.align_up(brand, win, under_kr_id=offices)
        deals = org.delegate(revenue, "Kim Park")
        made.ids["deals"] = deals
        made.titles[deals] = "Revenue in Europe to 20 M EUR"
        key_result("big_deals", deals, "Close 5 big deals", start_value=0, target_value=5,
                   current_value=4)
        service = objective("service", "Lee Moss", "Faster service for EU customers")
        key_result("response", service, "Answer within 4 hours", start_value=8, target_value=4,
                   current_value=5)
        org.align_up(service, grow)
        objective("orphan", "Noor Haddad", "Redesign the logo")
        ops.add_contribution(org.plan, brand, grow)
        made.snapshot = org.snapshot()
        for kr in made.snapshot.key_results.values():
            made.kr_titles.setdefault(kr.id, kr.title)
    return made


@pytest.fixture(scope="module")
def aligned(tmp_path_factory: pytest.TempPathFactory) -> AlignedPlan:
    """Built once per module: the map tests only read it."""
    return aligned_plan(tmp_path_factory.mktemp("maps") / "aligned.okr")


def test_the_whole_cycle_shows_every_objective_and_link(aligned: AlignedPlan) -> None:
    assert aligned.snapshot is not None
    view = select_view(aligned.snapshot, MapRequest(cycle="2027"))
    assert set(view.objective_ids) == set(aligned.titles)
    kinds = {aligned.titles[child]: (link.kind, link.skipped)
             for child, link in view.links.items()}
    assert kinds == {
        "Grow EU sales through partners": (BOTTOM_UP, 0),
        "Build the brand in Europe": (BOTTOM_UP, 0),
        "Revenue in Europe to 20 M EUR": (TOP_DOWN, 1),
        "Faster service for EU customers": (BOTTOM_UP, 1),
    }
    assert view.links[aligned.ids["brand"]].kr_id == aligned.ids["offices"]
    assert view.contributions == [(aligned.ids["brand"], aligned.ids["grow"])]
    assert view.is_orphan(aligned.ids["orphan"])
    assert not view.is_orphan(aligned.ids["grow"])


def test_one_objectives_tree_has_its_line_of_sight_and_nothing_beside_it(
        aligned: AlignedPlan) -> None:
    assert aligned.snapshot is not None
    view = select_view(aligned.snapshot, MapRequest(focus="Grow EU sales through partners"))
    assert set(view.objective_ids) == {aligned.ids[k] for k in ("win", "grow", "service")}
    assert "Tree of" in view.scope


def test_a_level_range_and_a_function(aligned: AlignedPlan) -> None:
    assert aligned.snapshot is not None
    levels = select_view(aligned.snapshot, MapRequest(levels="Vice Presidents..2"))
    assert set(levels.objective_ids) == {aligned.ids["grow"], aligned.ids["brand"]}
    assert levels.aligned_outside == {aligned.ids["grow"], aligned.ids["brand"]}
    lower = select_view(aligned.snapshot, MapRequest(levels="3.."))
    assert aligned.ids["service"] in lower.objective_ids
    assert aligned.ids["win"] not in lower.objective_ids
    sales = select_view(aligned.snapshot, MapRequest(function="sales"))
    assert set(sales.objective_ids) == {aligned.ids[k] for k in ("grow", "deals", "service")}


@pytest.mark.parametrize(("request_", "error", "words"), [
    (MapRequest(cycle="1999"), NotFoundError, "no cycle “1999”; the plan has: 2027"),
    (MapRequest(focus="Nothing like it"), NotFoundError, "No objective is called"),
    (MapRequest(focus="Revenue in Europe to 20 M EUR"), NotFoundError, "No objective"),
    (MapRequest(levels="Directors..1"), MapRequestError, "runs upwards"),
    (MapRequest(levels="9"), MapRequestError, "Level 9 does not exist"),
    (MapRequest(levels="Interns"), MapRequestError, "no level “Interns”"),
    (MapRequest(function="Legal"), NotFoundError, "no function “Legal”"),
])
def test_a_request_the_plan_cannot_answer_is_a_clear_error(
        aligned: AlignedPlan, request_: MapRequest, error: type[Exception], words: str) -> None:
    assert aligned.snapshot is not None
    if request_.focus == "Revenue in Europe to 20 M EUR":
        # the key result and the objective delegated from it share a title: that is one
        # objective, so it is found; two objectives of one title are ambiguous
        view = select_view(aligned.snapshot, request_)
        assert aligned.ids["deals"] in view.objective_ids
        return
    with pytest.raises(error, match=words):
        select_view(aligned.snapshot, request_)


def test_two_objectives_of_one_title_are_ambiguous(tmp_path: Path) -> None:
    with small_org(tmp_path / "twice.okr") as org:
        first = org.objective("Sam Lee", "Grow")
        second = org.objective("Dana Ross", "Grow")
        snapshot = org.snapshot()
    with pytest.raises(MapRequestError, match=r"(?s)2 objectives are called “Grow”.*Dana Ross"
                       ) as raised:
        select_view(snapshot, MapRequest(focus="Grow"))
    assert {choice.split()[0] for choice in raised.value.choices} == {first, second}


def test_without_a_cycle_the_map_shows_the_year_that_check_reports(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "years.okr"
    with small_org(path) as org:
        ops.add_cycle(org.plan, "2026", "year")
        org.cycles = ids_by(org.plan, "cycles")
        year_goal = org.objective("Alex Chen", "Year goal")
        old_goal = org.objective("Alex Chen", "Last year's goal", cycle="2026")
        quarter = {org.objective("Sam Lee", f"Quarter goal {n}", cycle="2027-Q1")
                   for n in range(3)}  # the quarter has the most objectives
        snapshot = org.snapshot()
    view = select_view(snapshot, MapRequest())
    assert view.cycle is not None and view.cycle.name == "2027"
    assert set(view.objective_ids) == {year_goal} | quarter  # a year holds its quarters
    assert old_goal not in view.objective_ids
    assert cli.main(["check", str(path), "--json"]) == 0
    checked = json.loads(capsys.readouterr().out)
    assert checked["cycle"]["name"] == view.cycle.name
    assert checked["health"]["objectives"] == len(view.objective_ids)


def test_a_plan_without_a_year_shows_the_quarter_around_today(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with small_org(tmp_path / "no-year.okr") as org:
        org.objective("Alex Chen", "Backlog goal", cycle="Backlog")
        snapshot = org.snapshot()
    for cycle in [c for c in snapshot.cycles.values() if c.kind == "year"]:
        del snapshot.cycles[cycle.id]  # a plan made elsewhere may have no year
    monkeypatch.setattr(clock, "today", lambda: date(2027, 5, 10))
    view = select_view(snapshot, MapRequest())
    assert view.cycle is not None and view.cycle.name == "2027-Q2"
