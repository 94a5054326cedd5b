"""A new plan, its settings and its organisation: levels, functions, people, cycles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from okrdesk import ops
from okrdesk.errors import OperationRefused, PlanFileError, ReadOnlyPlanError
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from tests.core.builders import assert_refused, assert_undo_redo, empty_org, small_org, table_dump


def test_new_plan_has_levels_cycles_and_settings(tmp_path: Path) -> None:
    path = tmp_path / "any name.plan"
    ops.new_plan(path, name="Acme 2028", year=2028).close()
    with Plan.open(path) as plan:
        snapshot = empty_org_snapshot(plan)
    assert [level.name for level in snapshot.ordered_levels()] == list(ops.DEFAULT_LEVELS)
    assert [level.rank for level in snapshot.ordered_levels()] == [0, 1, 2, 3, 4]
    cycles = {c.name: c for c in snapshot.cycles.values()}
    assert set(cycles) == {"2028", "2028-Q1", "2028-Q2", "2028-Q3", "2028-Q4", "Backlog"}
    year = cycles["2028"]
    assert (year.kind, year.starts_on, year.ends_on) == ("year", "2028-01-01", "2028-12-31")
    q1, q4 = cycles["2028-Q1"], cycles["2028-Q4"]
    assert (q1.kind, q1.parent_id, q1.starts_on, q1.ends_on) == (
        "quarter", year.id, "2028-01-01", "2028-03-31")
    assert (q4.starts_on, q4.ends_on) == ("2028-10-01", "2028-12-31")
    assert cycles["Backlog"].kind == "backlog"
    assert {row.key: row.value for row in snapshot.settings.values()} == {
        "plan_name": "Acme 2028", "bottom_up_target": "0.5",
        "max_objectives_per_owner": "5", "max_key_results": "5"}


def empty_org_snapshot(plan: Plan) -> Snapshot:
    with plan.read() as connection:
        return Snapshot.load(connection)


def test_new_plan_with_own_levels(tmp_path: Path) -> None:
    with ops.new_plan(tmp_path / "p.okr", name="Small", levels=["Board", "Staff"]) as plan:
        assert [lv.name for lv in empty_org_snapshot(plan).ordered_levels()] == ["Board", "Staff"]


@pytest.mark.parametrize(("kwargs", "reason"), [
    ({"name": " "}, "plan name cannot be empty"),
    ({"name": "X", "year": "2027"}, "year must be a whole number"),
    ({"name": "X", "levels": []}, "at least one level"),
    ({"name": "X", "levels": ["A", "A"]}, "its own name"),
])
def test_new_plan_refusals_leave_no_file(
    tmp_path: Path, kwargs: dict[str, Any], reason: str
) -> None:
    path = tmp_path / "p.okr"
    with pytest.raises(OperationRefused, match=reason):
        ops.new_plan(path, **kwargs)
    assert not path.exists()


def test_new_plan_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "p.okr"
    path.write_text("mine")
    with pytest.raises(PlanFileError, match="already exists"):
        ops.new_plan(path, name="X")
    assert path.read_text() == "mine"


def test_settings_are_set_and_checked(tmp_path: Path) -> None:
    with empty_org(tmp_path / "p.okr") as org:
        before = table_dump(org.plan)
        changes = ops.set_setting(org.plan, "bottom_up_target", "0.6")
        assert_undo_redo(org.plan, changes, before)
        ops.set_setting(org.plan, "map_paper", "A3")
        ops.set_setting(org.plan, "max_key_results", "4")
        values = {row.key: row.value for row in org.snapshot().settings.values()}
        assert (values["bottom_up_target"], values["map_paper"], values["max_key_results"]) == (
            "0.6", "A3", "4")
        assert_refused(org.plan, "share from 0 to 1", ops.set_setting, "bottom_up_target", "2")
        assert_refused(org.plan, "share from 0 to 1", ops.set_setting, "bottom_up_target", "x")
        assert_refused(org.plan, "whole number of 1", ops.set_setting, "max_key_results", "0")
        assert_refused(org.plan, "plan name cannot be empty", ops.set_setting, "plan_name", "")
        assert_refused(org.plan, "given as text", ops.set_setting, "map_paper", 3)


def test_levels_and_functions(tmp_path: Path) -> None:
    with empty_org(tmp_path / "p.okr") as org:
        before = table_dump(org.plan)
        changes = ops.add_level(org.plan, "Interns", 5)
        assert_undo_redo(org.plan, changes, before)
        assert_refused(org.plan, "Rank 5 is already the level Interns", ops.add_level, "X", 5)
        assert_refused(org.plan, "already a level named Interns", ops.add_level, "Interns", 6)
        assert_refused(org.plan, "rank must be a whole number", ops.add_level, "X", -1)
        ops.rename_level(org.plan, org.levels["C-suite"], "Executives")
        assert org.row("levels", org.levels["C-suite"])["name"] == "Executives"
        assert_refused(org.plan, "already a level named Directors", ops.rename_level,
                       org.levels["Managers"], "Directors")
        assert_refused(org.plan, "no level", ops.rename_level, "nope", "X")
        assert_refused(org.plan, "already a function named Sales", ops.add_function, "Sales")
        assert_refused(org.plan, "function name cannot be empty", ops.add_function, "")


def test_people_and_teams(tmp_path: Path) -> None:
    with empty_org(tmp_path / "p.okr") as org:
        before = table_dump(org.plan)
        changes = ops.add_unit(org.plan, "Alex Chen", org.levels["C-suite"], role="CEO")
        alex = changes.new_id("units")
        assert_undo_redo(org.plan, changes, before)
        org.people["Alex Chen"] = alex
        team = org.person("EU squad", "Managers", function="Sales", manager="Alex Chen",
                          kind="team")
        row = org.row("units", team)
        assert (row["kind"], row["function_id"], row["manager_id"]) == (
            "team", org.functions["Sales"], alex)
        add = ops.add_unit
        assert_refused(org.plan, "name cannot be empty", add, " ", org.levels["C-suite"])
        assert_refused(org.plan, "person or team", add, "X", org.levels["C-suite"], kind="bot")
        assert_refused(org.plan, "no level", add, "X", "nope")
        assert_refused(org.plan, "no function", add, "X", org.levels["C-suite"],
                       function_id="nope")
        assert_refused(org.plan, "no manager", add, "X", org.levels["C-suite"], manager_id="x")


def test_edit_unit_and_its_refusals(tmp_path: Path) -> None:
    with small_org(tmp_path / "p.okr") as org:
        win = org.objective("Alex Chen", "Win Europe")
        grow = org.objective("Sam Lee", "Grow EU sales")
        org.align_up(grow, win)
        sam, kim = org.people["Sam Lee"], org.people["Kim Park"]
        before = table_dump(org.plan)
        changes = ops.edit_unit(org.plan, sam, role="Chief Revenue", level_id=org.levels[
            "Directors"])
        assert org.row("units", sam)["role"] == "Chief Revenue"
        assert_undo_redo(org.plan, changes, before)
        assert_refused(org.plan, r"Sam Lee \(C-suite\) is not below Alex Chen", ops.edit_unit,
                       sam, level_id=org.levels["C-suite"])
        assert_refused(org.plan, "cannot report to themselves", ops.edit_unit, sam,
                       manager_id=kim)
        assert_refused(org.plan, "cannot report to themselves", ops.edit_unit, sam,
                       manager_id=sam)
        assert_refused(org.plan, "no field nickname", ops.edit_unit, sam, nickname="x")
        assert_refused(org.plan, "no person or team", ops.edit_unit, "nope", role="x")


def test_cycles(tmp_path: Path) -> None:
    with empty_org(tmp_path / "p.okr") as org:
        before = table_dump(org.plan)
        changes = ops.add_cycle(org.plan, "2028", "year", starts_on="2028-01-01",
                                ends_on="2028-12-31")
        year = changes.new_id("cycles")
        assert_undo_redo(org.plan, changes, before)
        quarter = ops.add_cycle(org.plan, "2028-Q1", "quarter", parent_id=year).new_id("cycles")
        assert org.row("cycles", quarter)["parent_id"] == year
        add = ops.add_cycle
        assert_refused(org.plan, "already a cycle named 2028", add, "2028", "year")
        assert_refused(org.plan, "not a kind of cycle", add, "2029", "decade")
        assert_refused(org.plan, "needs a year as its parent", add, "2029-Q1", "quarter")
        assert_refused(org.plan, "needs a year as its parent", add, "2029-Q1", "quarter",
                       parent_id=quarter)
        assert_refused(org.plan, "Only a quarter has a parent", add, "2029", "year",
                       parent_id=year)
        assert_refused(org.plan, "not a date", add, "2029", "year", starts_on="soon")
        assert_refused(org.plan, "end .2029-01-01. before it starts", add, "2029", "year",
                       starts_on="2029-12-31", ends_on="2029-01-01")


def test_a_read_only_plan_refuses_every_change(tmp_path: Path) -> None:
    with small_org(tmp_path / "p.okr") as org, Plan.open(org.plan.path) as second:
        assert second.read_only
        with pytest.raises(ReadOnlyPlanError):
            ops.create_objective(second, org.people["Sam Lee"], org.cycles["2027"], "X")
