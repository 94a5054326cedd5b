"""The map, the health figures and `okrdesk check` agree with the rulebook, and so with each
other: on parents, levels skipped, alignments that do not run upwards, orphans, the objectives
of a view and the default cycle.

Random plans (tests/core/random_plans.py) hold rank gaps, skip-level links, quarters under years
and loose ones, undated cycles, alignments across cycles, orphans and contributions. The tests
after the random one each pin a disagreement the copies of these rules once had.
"""

from __future__ import annotations

import io
import itertools
import json
import re
from contextlib import redirect_stdout
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrdesk import cli, clock, ops
from okrdesk.analytics import LiveAnalytics, health
from okrdesk.maps import MapRequest, build_dot
from okrdesk.maps.view import KIND_OF, select_view
from okrdesk.rulebook import (
    children_of,
    default_cycle,
    direction_of,
    downward_alignments,
    levels_down_between,
    line_of_sight,
    orphans,
    parent_of,
    parents,
    position_of,
    skip_count,
    view_objectives,
)
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from tests.core.builders import empty_org, ids_by
from tests.core.random_plans import PlanSpec, plan_specs, write_plan

EDGE = re.compile(r'^(o\d+):\S+ -> (o\d+) \[id="link-[^"]*", class="alignment ([a-z-]+)'
                  r'( skip-level)?( not-upward)?"')
SKIPS = re.compile(r"skips (\d+) levels?<")
EXAMPLES = settings(max_examples=10, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


def load(path: Path) -> Snapshot:
    plan = Plan.open(path)
    try:
        with plan.read() as connection:
            return Snapshot.load(connection)
    finally:
        plan.close()


def check_json(path: Path, *cycle: str) -> dict[str, Any]:
    """`okrdesk check --json`, run as the command line runs it."""
    out = io.StringIO()
    with redirect_stdout(out):
        status = cli.main(["check", str(path), "--json", *(("--cycle", cycle[0]) if cycle
                                                            else ())])
    assert status == 0
    document: dict[str, Any] = json.loads(out.getvalue())
    return document


def assert_rules_hold_together(snapshot: Snapshot, spec: PlanSpec) -> None:
    """The bulk answers equal the single ones; parents, children and lines agree."""
    assert parents(snapshot) == {o: p for o in snapshot.objectives
                                 if (p := parent_of(snapshot, o)) is not None}
    for objective_id in snapshot.objectives:
        for child in children_of(snapshot, objective_id):
            assert parent_of(snapshot, child) == objective_id
        line = line_of_sight(snapshot, objective_id)
        assert all(parent_of(snapshot, a) == b for a, b in itertools.pairwise(line))
        position = position_of(snapshot, objective_id)
        assert position is not None and 0 <= position < len(spec.ranks)


def expected_skips(snapshot: Snapshot, held: list[str]) -> dict[str, tuple[str, int]]:
    found = {}
    for objective_id in held:
        parent = parent_of(snapshot, objective_id)
        if parent is not None and skip_count(snapshot, objective_id, parent) > 0:
            found[objective_id] = (parent, skip_count(snapshot, objective_id, parent))
    return found


def assert_map_agrees(snapshot: Snapshot, cycle_id: str) -> None:
    request = MapRequest(cycle=cycle_id)
    view = select_view(snapshot, request)
    held = view_objectives(snapshot, cycle_id)
    assert sorted(view.objective_ids) == sorted(held)
    for objective_id in held:
        parent = parent_of(snapshot, objective_id)
        link = view.links.get(objective_id)
        if parent is None:
            assert link is None and objective_id not in view.aligned_outside
        elif parent not in held:
            assert link is None and objective_id in view.aligned_outside
        else:
            assert link is not None and link.parent == parent
            assert link.skipped == skip_count(snapshot, objective_id, parent)
            assert link.kind == KIND_OF[direction_of(snapshot.objectives[objective_id])]
            assert link.down == levels_down_between(snapshot, objective_id, parent)
    assert {o for o in held if view.is_orphan(o)} == set(orphans(snapshot, held))
    # The DOT drawn from the view: one edge per link, child under parent, skips labelled.
    names = {name: oid for oid, name in view.node_names().items()}
    drawn = {}
    for line in build_dot(snapshot, request).splitlines():
        edge = EDGE.match(line.strip())
        if edge is None:
            continue
        parent_name, child_name, kind, skip_class, not_upward = edge.groups()
        skipped = SKIPS.search(line)
        assert bool(skip_class) == bool(skipped)
        assert bool(not_upward) == (view.links[names[child_name]].down is not None)
        drawn[names[child_name]] = (names[parent_name], kind, int(skipped[1]) if skipped else 0)
    assert drawn == {o: (link.parent, link.kind, link.skipped) for o, link in view.links.items()}


def assert_health_agrees(snapshot: Snapshot, cycle_id: str | None) -> None:
    held = view_objectives(snapshot, cycle_id)
    report = health(snapshot, cycle_id)
    assert {s.child_id: (s.parent_id, s.skipped) for s in report.skip_links} == \
        expected_skips(snapshot, held)
    assert sorted(report.orphans) == sorted(orphans(snapshot, held))
    assert [(d.child_id, d.parent_id, d.levels_down) for d in report.downward_links] == \
        sorted(downward_alignments(snapshot, held))
    assert report.objectives == sum(position_of(snapshot, o) is not None for o in held)
    assert LiveAnalytics(snapshot).health(cycle_id) == report


def assert_check_agrees(path: Path, snapshot: Snapshot, cycle_id: str) -> None:
    held = view_objectives(snapshot, cycle_id)
    skips = expected_skips(snapshot, held)
    checked = check_json(path, snapshot.cycles[cycle_id].name)
    assert checked["cycle"]["id"] == cycle_id
    assert {s["child"]["id"]: (s["parent"]["id"], s["skipped"])
            for s in checked["skip_links"]} == skips
    assert sorted(o["id"] for o in checked["orphans"]) == sorted(orphans(snapshot, held))
    assert sorted((d["child"]["id"], d["parent"]["id"], d["levels_down"])
                  for d in checked["not_upward"]) == sorted(downward_alignments(snapshot, held))
    assert checked["health"]["objectives"] == health(snapshot, cycle_id).objectives


@EXAMPLES
@given(spec=plan_specs(), today=st.dates(date(2025, 6, 1), date(2029, 6, 1)),
       pick=st.integers(0, 20))
def test_map_health_and_check_agree_on_any_plan(tmp_path_factory: pytest.TempPathFactory,
                                                spec: PlanSpec, today: date, pick: int) -> None:
    path = write_plan(tmp_path_factory.mktemp("agree") / "plan.okr", spec).path
    snapshot = load(path)
    assert_rules_hold_together(snapshot, spec)
    for cycle_id in [None, *snapshot.cycles]:
        assert_health_agrees(snapshot, cycle_id)
        if cycle_id is not None:
            assert_map_agrees(snapshot, cycle_id)
    cycles = list(snapshot.cycles)
    assert_check_agrees(path, snapshot, cycles[pick % len(cycles)])  # the command is slower
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(clock, "today", lambda: today)
        chosen = default_cycle(snapshot)
        assert chosen is not None
        assert check_json(path)["cycle"]["id"] == chosen.id
        default_map = select_view(snapshot, MapRequest())
        assert default_map.cycle is not None and default_map.cycle.id == chosen.id


# -- the disagreements the rulebook ended ---------------------------------------------------


def two_years(path: Path) -> Path:
    org = empty_org(path, year=2027)
    ops.add_cycle(org.plan, "2028", "year", starts_on="2028-01-01", ends_on="2028-12-31")
    org.close()
    return path


@pytest.mark.parametrize(("today", "expected"), [
    (date(2026, 11, 30), "2027"),  # before both: the nearest to come (`check` took 2028)
    (date(2028, 3, 1), "2028"),  # inside 2028 (the app opened 2027)
    (date(2031, 1, 1), "2028"),  # after both: the latest
])
def test_check_and_the_map_open_the_year_around_today(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, today: date, expected: str) -> None:
    path = two_years(tmp_path / "two-years.okr")
    monkeypatch.setattr(clock, "today", lambda: today)
    snapshot = load(path)
    assert check_json(path)["cycle"]["name"] == expected
    view = select_view(snapshot, MapRequest())
    assert view.cycle is not None and view.cycle.name == expected


def ranked_plan(path: Path, ranks: tuple[int, ...]) -> tuple[Path, dict[str, str]]:
    """One person per level of these ranks, one objective each, each aligned to the top one."""
    ids: dict[str, str] = {}
    plan = Plan.create(path)
    with plan.change("Set up") as tx:
        year = tx.insert("cycles", name="2027", kind="year")["id"]
        for rank in ranks:
            level = tx.insert("levels", rank=rank, name=f"Rank {rank}")["id"]
            person = tx.insert("units", name=f"Person {rank}", kind="person",
                               level_id=level)["id"]
            ids[f"o{rank}"] = tx.insert("objectives", title=f"Goal {rank}", owner_id=person,
                                        cycle_id=year)["id"]
        top = ids[f"o{ranks[0]}"]
        for rank in ranks[1:]:
            kr = tx.insert("key_results", objective_id=top, title=f"Goal {rank}",
                           kind="objective")["id"]
            tx.update("objectives", ids[f"o{rank}"], parent_kr_id=kr)
    plan.close()
    ids["year"] = year
    return path, ids


def test_levels_ranked_0_and_5_skip_nothing(tmp_path: Path) -> None:
    path, ids = ranked_plan(tmp_path / "gap.okr", (0, 5))
    snapshot = load(path)
    assert skip_count(snapshot, ids["o5"], ids["o0"]) == 0
    assert select_view(snapshot, MapRequest(cycle="2027")).links[ids["o5"]].skipped == 0
    assert SKIPS.search(build_dot(snapshot, MapRequest(cycle="2027"))) is None  # "skips 4 levels"
    assert health(snapshot, ids["year"]).skip_links == []
    assert check_json(path)["skip_links"] == []


def test_a_link_over_two_positions_skips_one_whatever_the_ranks(tmp_path: Path) -> None:
    path, ids = ranked_plan(tmp_path / "gaps.okr", (0, 3, 9))
    snapshot = load(path)
    link = select_view(snapshot, MapRequest(cycle="2027")).links[ids["o9"]]
    assert (link.parent, link.skipped) == (ids["o0"], 1)
    assert [(s["child"]["id"], s["skipped"]) for s in check_json(path)["skip_links"]] == [
        (ids["o9"], 1)]


def test_a_year_of_quarter_objectives_holds_them_in_every_reading(tmp_path: Path) -> None:
    org = empty_org(tmp_path / "quarters.okr")
    ceo = org.person("Ceo", "C-suite")
    vp = org.person("Vp", "Vice Presidents")
    top = org.objective("Ceo", "Top", cycle="2027-Q1")
    below = org.objective("Vp", "Below", cycle="2027-Q1")
    later = org.objective("Vp", "Later", cycle="2027-Q2")
    org.align_up(below, top)
    cycles = ids_by(org.plan, "cycles")
    org.close()
    snapshot = load(tmp_path / "quarters.okr")
    year = cycles["2027"]
    assert sorted(view_objectives(snapshot, year)) == sorted([top, below, later])
    assert health(snapshot, year).objectives == 3
    assert sorted(select_view(snapshot, MapRequest(cycle="2027")).objective_ids) == sorted(
        [top, below, later])
    assert check_json(tmp_path / "quarters.okr", "2027")["health"]["objectives"] == 3
    owners = [snapshot.objectives[o].owner_id for o in view_objectives(snapshot, year)]
    assert sorted(owners) == sorted([ceo, vp, vp])


def test_a_key_result_whose_objective_is_gone_aligns_nothing(tmp_path: Path) -> None:
    """A damaged file read as it is: every reading takes the child as aligned to nothing."""
    path, ids = ranked_plan(tmp_path / "gone.okr", (0, 1))
    snapshot = load(path)
    del snapshot.objectives[ids["o0"]]  # its key result stays, naming an objective not there
    assert parent_of(snapshot, ids["o1"]) is None
    view = select_view(snapshot, MapRequest(cycle="2027"))
    assert ids["o1"] not in view.aligned_outside and ids["o1"] not in view.links
    assert health(snapshot, ids["year"]).orphans == [ids["o1"]]
    assert view.is_orphan(ids["o1"])
