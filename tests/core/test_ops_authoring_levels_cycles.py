"""Writing a whole plan: removing and reordering levels, adding a year, renaming and removing
cycles."""

from __future__ import annotations

from pathlib import Path

from okrdesk import ops
from okrdesk.snapshot import LevelRow
from tests.core.builders import (
    assert_refused,
    assert_undo_redo,
    empty_org,
    ids_by,
    small_org,
    table_dump,
)


def _ranks(levels: dict[str, LevelRow]) -> list[tuple[str, int]]:
    return [(level.name, level.rank) for level in sorted(levels.values(), key=lambda lv: lv.rank)]


def test_a_level_with_people_cannot_be_removed(tmp_path: Path) -> None:
    with small_org(tmp_path / "p.okr") as org:
        org.person("Ana Ortiz", "Directors")
        assert_refused(org.plan, "3 people are at level Directors: Ana Ortiz, Kim Park, Noor "
                       "Haddad. Move them", ops.remove_level, org.levels["Directors"])
        assert_refused(org.plan, "1 person is at level C-suite: Alex Chen", ops.remove_level,
                       org.levels["C-suite"])
        assert_refused(org.plan, "no level", ops.remove_level, "nope")


def test_removing_an_empty_level_closes_the_ranks(tmp_path: Path) -> None:
    with empty_org(tmp_path / "p.okr") as org:
        org.person("Alex Chen", "C-suite")
        org.person("Ivy Tran", "Team members", manager="Alex Chen")
        before = table_dump(org.plan)
        changes = ops.remove_level(org.plan, org.levels["Directors"])
        assert _ranks(org.snapshot().levels) == [
            ("C-suite", 0), ("Vice Presidents", 1), ("Managers", 2), ("Team members", 3)]
        assert_undo_redo(org.plan, changes, before)
        for name in ("Vice Presidents", "Directors", "Managers"):
            if org.levels[name] in org.snapshot().levels:
                ops.remove_level(org.plan, org.levels[name])
        assert _ranks(org.snapshot().levels) == [("C-suite", 0), ("Team members", 1)]


def test_the_last_level_stays(tmp_path: Path) -> None:
    with ops.new_plan(tmp_path / "p.okr", name="Tiny", levels=["Everyone"]) as plan:
        assert_refused(plan, "Everyone is the only level; a plan needs one", ops.remove_level,
                       ids_by(plan, "levels")["Everyone"])


def test_levels_move_up_and_down(tmp_path: Path) -> None:
    with empty_org(tmp_path / "p.okr") as org:
        managers = org.levels["Managers"]
        before = table_dump(org.plan)
        changes = ops.move_level_up(org.plan, managers)
        assert _ranks(org.snapshot().levels)[2:4] == [("Managers", 2), ("Directors", 3)]
        assert_undo_redo(org.plan, changes, before)
        ops.move_level_down(org.plan, managers)
        assert _ranks(org.snapshot().levels)[2:4] == [("Directors", 2), ("Managers", 3)]
        changes = ops.move_level(org.plan, org.levels["Team members"], 0)
        assert [name for name, _ in _ranks(org.snapshot().levels)] == [
            "Team members", "C-suite", "Vice Presidents", "Directors", "Managers"]
        assert not ops.move_level(org.plan, org.levels["Team members"], 0)  # already there
        assert_refused(org.plan, "Team members is already the top level", ops.move_level_up,
                       org.levels["Team members"])
        assert_refused(org.plan, "Managers is already the bottom level", ops.move_level_down,
                       managers)
        assert_refused(org.plan, "Rank 7 is past the bottom level", ops.move_level,
                       managers, 7)
        assert_refused(org.plan, "whole number", ops.move_level, managers, -1)
        assert_refused(org.plan, "no level", ops.move_level_up, "nope")


def test_a_move_that_breaks_an_alignment_is_refused_naming_it(tmp_path: Path) -> None:
    with small_org(tmp_path / "p.okr") as org:
        grow = org.objective("Sam Lee", "Grow EU sales")
        org.align_up(org.objective("Kim Park", "Open Nordics"), grow)
        org.delegate(org.key_result(grow, "Sign 40 partners"), "Noor Haddad")
        refusal = assert_refused(
            org.plan, "Moving Directors there would break 2 alignments; the first: “Open "
            "Nordics” cannot align to “Grow EU sales”: Kim Park \\(Directors\\) is not below "
            "Sam Lee \\(Vice Presidents\\)", ops.move_level_up, org.levels["Directors"])
        assert "Sign 40 partners" not in str(refusal)
        before = table_dump(org.plan)
        changes = ops.move_level_down(org.plan, org.levels["Managers"])  # nobody aligned across
        assert_undo_redo(org.plan, changes, before)


def test_a_year_comes_with_its_quarters(tmp_path: Path) -> None:
    with empty_org(tmp_path / "p.okr") as org:
        before = table_dump(org.plan)
        changes = ops.add_year(org.plan, 2028)
        cycles = {c.name: c for c in org.snapshot().cycles.values()}
        year = cycles["2028"]
        assert (year.kind, year.starts_on, year.ends_on) == ("year", "2028-01-01", "2028-12-31")
        assert [(cycles[f"2028-Q{q}"].parent_id, cycles[f"2028-Q{q}"].ends_on)
                for q in (1, 2, 3, 4)] == [(year.id, "2028-03-31"), (year.id, "2028-06-30"),
                                           (year.id, "2028-09-30"), (year.id, "2028-12-31")]
        assert [c.name for c in cycles.values() if c.kind == "backlog"] == ["Backlog"]
        assert len(changes.ids("cycles")) == 5  # the plan had its backlog already
        assert_undo_redo(org.plan, changes, before)
        assert_refused(org.plan, "already a cycle named 2028", ops.add_year, 2028)
        assert_refused(org.plan, "whole number like 2028", ops.add_year, "2029")
        assert_refused(org.plan, "whole number like 2028", ops.add_year, 3100)
        ops.add_cycle(org.plan, "2029-Q3", "quarter", parent_id=year.id)
        assert_refused(org.plan, "already a cycle named 2029-Q3", ops.add_year, 2029)


def test_a_plan_without_a_backlog_gets_one_with_a_year(tmp_path: Path) -> None:
    with empty_org(tmp_path / "p.okr") as org:
        ops.remove_cycle(org.plan, org.cycles["Backlog"])
        changes = ops.add_year(org.plan, 2030)
        assert len(changes.ids("cycles")) == 6
        assert org.snapshot().cycle_named("Backlog") is not None


def test_cycles_are_renamed(tmp_path: Path) -> None:
    with empty_org(tmp_path / "p.okr") as org:
        q1 = org.cycles["2027-Q1"]
        before = table_dump(org.plan)
        changes = ops.rename_cycle(org.plan, q1, "Spring 2027")
        assert org.row("cycles", q1)["name"] == "Spring 2027"
        assert_undo_redo(org.plan, changes, before)
        assert_refused(org.plan, "already a cycle named 2027-Q2", ops.rename_cycle, q1,
                       "2027-Q2")
        assert_refused(org.plan, "cannot be empty", ops.rename_cycle, q1, " ")
        assert_refused(org.plan, "no cycle", ops.rename_cycle, "nope", "X")


def test_only_an_empty_cycle_is_removed(tmp_path: Path) -> None:
    with small_org(tmp_path / "p.okr") as org:
        org.objective("Kim Park", "Open Nordics", cycle="2027-Q2")
        assert_refused(org.plan, "2027-Q2 cannot be removed: 2027-Q2 holds 1 objective: “Open "
                       "Nordics”. Move or delete them first", ops.remove_cycle,
                       org.cycles["2027-Q2"])
        assert_refused(org.plan, "2027 cannot be removed: 2027-Q2 \\(a quarter of 2027\\) holds",
                       ops.remove_cycle, org.cycles["2027"])
        before = table_dump(org.plan)
        changes = ops.remove_cycle(org.plan, org.cycles["2027-Q3"])
        assert org.snapshot().cycle_named("2027-Q3") is None
        assert_undo_redo(org.plan, changes, before)

        ops.add_year(org.plan, 2028)
        year = org.snapshot().cycle_named("2028")
        assert year is not None
        before = table_dump(org.plan)
        changes = ops.remove_cycle(org.plan, year.id)  # with its four empty quarters
        assert not [c for c in org.snapshot().cycles.values() if c.name.startswith("2028")]
        assert_undo_redo(org.plan, changes, before)
