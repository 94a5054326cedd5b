"""Starters and new plans: shipped starters, checked starter files, and plans built from a
starter or from another plan's cycle (carried over)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from okrdesk import ops
from okrdesk.errors import OperationRefused, PlanFileError
from okrdesk.snapshot import Snapshot
from okrdesk.starters import (
    Named,
    NewPlan,
    StarterError,
    as_is,
    build_plan,
    parse_starter,
    read_plan_source,
    shipped_starter,
    shipped_starters,
)
from okrdesk.storage import Plan

from .builders import small_org


def snapshot_of(path: Path) -> Snapshot:
    plan = Plan.open(path, read_only=True)
    try:
        with plan.read() as connection:
            return Snapshot.load(connection)
    finally:
        plan.close()


def request(starter_key: str = "startup", **fields: Any) -> NewPlan:
    starter = shipped_starter(starter_key)
    values: dict[str, Any] = {
        "name": "Acme 2028", "year": 2028, "starter": starter,
        "levels": as_is(starter.levels), "functions": as_is(starter.functions),
    }
    values.update(fields)
    return NewPlan(**values)


# -- shipped starters ----------------------------------------------------------------------


def test_the_shipped_starters_are_listed_usual_ones_first() -> None:
    starters = {item.key: item.starter for item in shipped_starters()}
    assert list(starters)[:3] == ["company", "startup", "empty"]
    assert starters["company"].levels == ops.DEFAULT_LEVELS
    assert len(starters["startup"].levels) == 3
    assert starters["empty"].people == () and starters["empty"].functions == ()


def test_an_unknown_shipped_starter_is_named() -> None:
    with pytest.raises(StarterError, match="no starter named 'nope'"):
        shipped_starter("nope")


# -- checking a starter file ------------------------------------------------------------------

GOOD = {"title": "Small", "levels": ["Top", "Bottom"], "functions": ["Sales"],
        "people": [{"key": "a", "name": "Ann", "level": "Top"},
                   {"key": "b", "name": "Bo", "level": "Bottom", "manager": "a",
                    "function": "Sales", "email": "bo@example.com"}]}


def with_change(path: str, value: object) -> str:
    data = json.loads(json.dumps(GOOD))
    target, *keys = path.split(".")
    holder = data
    for key in [target, *keys][:-1]:
        holder = holder[int(key)] if key.isdigit() else holder[key]
    last = [target, *keys][-1]
    holder[int(last) if last.isdigit() else last] = value
    return json.dumps(data)


def test_a_good_starter_is_read() -> None:
    starter = parse_starter(json.dumps(GOOD), "small.json")
    assert starter.levels == ("Top", "Bottom")
    assert [p.manager for p in starter.people] == [None, "a"]
    assert starter.people[1].email == "bo@example.com"


@pytest.mark.parametrize(("text", "message"), [
    ("not json", r"small.json: not a JSON file"),
    ("[]", r"small.json: a starter is a JSON object"),
    (with_change("levels", []), r"levels: a plan needs at least one level"),
    (with_change("levels", ["Top", "Top"]), r"levels\[1\]: 'Top' appears twice"),
    (with_change("levels", "Top"), r"levels: must be a list of names"),
    (with_change("title", ""), r"title: cannot be empty"),
    (with_change("people.1.level", "Middle"), r"people\[1\].level: .*Middle.* not one of the "
                                              r"levels \(Top, Bottom\)"),
    (with_change("people.1.function", "Legal"), r"people\[1\].function: .*Legal"),
    (with_change("people.1.manager", "zz"), r"people\[1\].manager: no person has the key 'zz'"),
    (with_change("people.0.manager", "b"), r"people\[0\].manager: Ann would report to "
                                           r"themselves"),
    (with_change("people.1.kind", "robot"), r"people\[1\].kind: must be \"person\" or \"team\""),
    (with_change("people.1.email", "bo at example"), r"people\[1\].email: .*not an e-mail"),
    (with_change("people.1.key", "a"), r"people\[1\].key: 'a' is the key of two people"),
    (with_change("colour", "red"), r"unknown field 'colour'"),
])
def test_a_bad_starter_names_its_problem(text: str, message: str) -> None:
    with pytest.raises(StarterError, match=message):
        parse_starter(text, "small.json")


# -- building from a starter ----------------------------------------------------------------


def test_a_plan_from_the_startup_starter_has_its_year_levels_functions_and_people(
        tmp_path: Path) -> None:
    built = build_plan(tmp_path / "acme.okr", request(with_people=True))
    snapshot = snapshot_of(built.path)
    assert [level.name for level in snapshot.ordered_levels()] == ["Founders", "Leads", "Team"]
    assert sorted(c.name for c in snapshot.cycles.values()) == [
        "2028", "2028-Q1", "2028-Q2", "2028-Q3", "2028-Q4", "Backlog"]
    assert snapshot.setting("plan_name") == "Acme 2028"
    assert sorted(f.name for f in snapshot.functions.values()) == ["Engineering", "Growth",
                                                                  "Product"]
    people = {unit.name: unit for unit in snapshot.units.values()}
    assert built.people == 3 and set(people) == {"Sam Rivera", "Kim Adeyemi", "Noa Lindqvist"}
    assert people["Kim Adeyemi"].manager_id == people["Sam Rivera"].id
    assert snapshot.levels[people["Noa Lindqvist"].level_id].name == "Leads"
    assert snapshot.functions[people["Noa Lindqvist"].function_id or ""].name == "Growth"


def test_levels_renamed_added_removed_and_reordered_on_the_way(tmp_path: Path) -> None:
    levels = (Named("Team", "Team"), Named("Founding team", "Founders"), Named("Guests"))
    built = build_plan(tmp_path / "a.okr", request(levels=levels, with_people=False,
                                                   functions=(Named("Sales"),)))
    snapshot = snapshot_of(built.path)
    assert [level.name for level in snapshot.ordered_levels()] == ["Team", "Founding team",
                                                                  "Guests"]
    assert [f.name for f in snapshot.functions.values()] == ["Sales"]
    assert snapshot.units == {}


def test_people_follow_a_renamed_level_and_lose_a_removed_function(tmp_path: Path) -> None:
    levels = (Named("Board", "Founders"), Named("Leads", "Leads"), Named("Team", "Team"))
    built = build_plan(tmp_path / "a.okr", request(levels=levels, functions=()))
    snapshot = snapshot_of(built.path)
    sam = next(u for u in snapshot.units.values() if u.name == "Sam Rivera")
    assert snapshot.levels[sam.level_id].name == "Board"
    assert all(unit.function_id is None for unit in snapshot.units.values())


@pytest.mark.parametrize(("fields", "message"), [
    ({"levels": (Named("Founders", "Founders"), Named("Team", "Team"))},
     "The level Leads cannot be left out: Noa Lindqvist is at it"),
    ({"levels": (Named("A"), Named("A"))}, "Each level needs its own name; A is there twice"),
    ({"levels": (Named(" "),)}, "level name"),
    ({"functions": (Named("Ops"), Named("Ops"))}, "Each function needs its own name"),
    ({"levels": (Named("X", "Nowhere"),)}, "The level Nowhere is not one of the starter's"),
    ({"name": ""}, "plan name"),
    ({"year": 99}, "The year must be a whole number like 2027"),
    ({"levels": ()}, "at least one level"),
])
def test_a_request_that_makes_no_plan_is_refused_and_writes_nothing(
        tmp_path: Path, fields: dict[str, Any], message: str) -> None:
    with pytest.raises(OperationRefused, match=message):
        build_plan(tmp_path / "a.okr", request(**fields))
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_kept_unless_replacing_is_allowed(tmp_path: Path) -> None:
    path = tmp_path / "a.okr"
    path.write_text("precious")
    with pytest.raises(PlanFileError, match="already exists"):
        build_plan(path, request())
    assert path.read_text() == "precious"
    build_plan(path, request(), overwrite=True)
    assert snapshot_of(path).setting("plan_name") == "Acme 2028"


# -- building from another plan's cycle -------------------------------------------------------


def carried_source(path: Path) -> dict[str, str]:
    """A plan whose 2027-Q1 holds an aligned pair, a contributes-to link, a link to the year,
    and progress to reset."""
    with small_org(path) as org:
        year_goal = org.objective("Alex Chen", "Win Europe")
        top = org.objective("Sam Lee", "Grow EU sales", cycle="2027-Q1")
        kr = org.key_result(top, "Raise NPS from 30 to 45", kind="increase", start_value=30,
                            target_value=45)
        ops.record_check_in(org.plan, kr, value=40, confidence=0.7)
        child = org.objective("Kim Park", "Open Lyon", cycle="2027-Q1")
        org.align_up(child, top)
        helper = org.objective("Dana Ross", "Brand in France", cycle="2027-Q1")
        ops.add_contribution(org.plan, helper, top)
        org.align_up(top, year_goal)
        ops.set_setting(org.plan, "max_key_results", "7")
        return {"top": top, "child": child, "helper": helper, "kr": kr,
                "q1": org.cycles["2027-Q1"], "sam": org.people["Sam Lee"]}


def test_a_cycle_is_carried_over_into_the_new_year(tmp_path: Path) -> None:
    ids = carried_source(tmp_path / "old.okr")
    source = read_plan_source(tmp_path / "old.okr")
    q1 = next(c for c in source.cycles if c.name == "2027-Q1")
    assert q1.objectives == 3
    starter = source.starter
    built = build_plan(tmp_path / "new.okr", NewPlan(
        "Test plan 2028", 2028, starter, as_is(starter.levels), as_is(starter.functions),
        source=source, carry_cycle_id=ids["q1"]))
    assert built.carried == 3
    assert any("Win Europe" in text for text in built.left_behind)
    snapshot = snapshot_of(built.path)
    assert snapshot.units.keys() == source.snapshot.units.keys()  # people keep their ids
    assert snapshot.setting("max_key_results") == "7"
    copies = {o.copied_from_id: o for o in snapshot.objectives.values()}
    assert set(copies) == {ids["top"], ids["child"], ids["helper"]}
    assert {snapshot.cycles[o.cycle_id].name for o in copies.values()} == {"2028-Q1"}
    top = copies[ids["top"]]
    assert top.parent_kr_id is None  # its alignment to the year, outside the cycle, is dropped
    assert top.owner_id == ids["sam"]
    nps = next(kr for kr in snapshot.key_results_of(top.id) if kr.kind == "increase")
    assert (nps.current_value, nps.confidence) == (30, None)  # progress reset
    child = copies[ids["child"]]
    assert snapshot.key_results[child.parent_kr_id or ""].objective_id == top.id
    [link] = snapshot.contributions.values()
    assert (link.source_id, link.target_id) == (copies[ids["helper"]].id, top.id)
    assert snapshot_of(tmp_path / "old.okr").objectives.keys() == \
        source.snapshot.objectives.keys()  # the other plan is left as it was


def test_levels_reordered_against_a_carried_alignment_are_refused(tmp_path: Path) -> None:
    ids = carried_source(tmp_path / "old.okr")
    source = read_plan_source(tmp_path / "old.okr")
    levels = list(as_is(source.starter.levels))
    levels[1], levels[2] = levels[2], levels[1]  # directors above vice presidents
    with pytest.raises(OperationRefused, match=r"would break 1 alignment.*Kim Park"):
        build_plan(tmp_path / "new.okr", NewPlan(
            "New", 2028, source.starter, tuple(levels), as_is(source.starter.functions),
            source=source, carry_cycle_id=ids["q1"]))
    assert not (tmp_path / "new.okr").exists()


def test_a_year_and_the_backlog_go_to_their_own_kind_of_cycle(tmp_path: Path) -> None:
    carried_source(tmp_path / "old.okr")
    source = read_plan_source(tmp_path / "old.okr")
    year = next(c for c in source.cycles if c.name == "2027")
    assert [c.name for c in source.cycles][:2] == ["2027", "2027-Q1"]
    built = build_plan(tmp_path / "new.okr", NewPlan(
        "New", 2030, source.starter, as_is(source.starter.levels),
        as_is(source.starter.functions), source=source, carry_cycle_id=year.id))
    snapshot = snapshot_of(built.path)
    [copy] = snapshot.objectives.values()
    assert (copy.title, snapshot.cycles[copy.cycle_id].name) == ("Win Europe", "2030")


def test_a_file_that_is_not_a_plan_cannot_be_a_source(tmp_path: Path) -> None:
    path = tmp_path / "notes.okr"
    path.write_text("hello")
    with pytest.raises(PlanFileError, match=r"notes\.okr"):
        read_plan_source(path)
    with pytest.raises(PlanFileError, match=r"missing\.okr"):
        read_plan_source(tmp_path / "missing.okr")
