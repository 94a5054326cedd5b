"""Objectives: create, edit, delete, move, reorder, with their refusals."""

from __future__ import annotations

from pathlib import Path

from okrdesk import ops
from okrdesk.errors import NotFoundError
from tests.core.builders import assert_refused, assert_undo_redo, small_org, table_dump


def test_create_objective_appends_in_the_owners_list(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        first = org.objective("Sam Lee", "Grow EU sales")
        before = table_dump(org.plan)
        changes = ops.create_objective(
            org.plan, org.people["Sam Lee"], org.cycles["2027"], "  Hire in Madrid ",
            description="Ten sellers", commitment="aspirational", visibility="draft",
            status="at_risk")
        row = org.row("objectives", changes.new_id("objectives"))
        assert (row["title"], row["description"], row["commitment"], row["visibility"],
                row["status"], row["origin"], row["parent_kr_id"]) == (
            "Hire in Madrid", "Ten sellers", "aspirational", "draft", "at_risk", "own", None)
        assert row["position"] == org.row("objectives", first)["position"] + 1
        assert_undo_redo(org.plan, changes, before)
        other_cycle = org.objective("Sam Lee", "Quarter goal", cycle="2027-Q1")
        assert org.row("objectives", other_cycle)["position"] == 0


def test_create_objective_refusals(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        sam, year = org.people["Sam Lee"], org.cycles["2027"]
        assert_refused(org.plan, "title cannot be empty", ops.create_objective, sam, year, " ")
        assert_refused(org.plan, "'maybe' is not a commitment", ops.create_objective, sam, year,
                       "X", commitment="maybe")
        assert_refused(org.plan, "not a visibility", ops.create_objective, sam, year, "X",
                       visibility="secret")
        assert_refused(org.plan, "not a status", ops.create_objective, sam, year, "X",
                       status="fine")
        assert_refused(org.plan, "not a origin", ops.create_objective, sam, year, "X",
                       origin="stolen")
        error = assert_refused(org.plan, "no person or team", ops.create_objective, "nope",
                               year, "X")
        assert isinstance(error, NotFoundError)
        assert_refused(org.plan, "no cycle", ops.create_objective, sam, "nope", "X")


def test_edit_objective_and_the_key_result_that_stands_for_it(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        win = org.objective("Alex Chen", "Win Europe")
        grow = org.objective("Sam Lee", "Grow EU sales")
        stand_in = org.align_up(grow, win)
        before = table_dump(org.plan)
        changes = ops.edit_objective(org.plan, grow, title="Double EU sales", status="on_track")
        assert org.row("objectives", grow)["title"] == "Double EU sales"
        assert org.row("key_results", stand_in)["title"] == "Double EU sales"
        assert_undo_redo(org.plan, changes, before)
        ops.edit_key_result(org.plan, stand_in, title="EU sales (Sam)")
        ops.edit_objective(org.plan, grow, title="Triple EU sales")
        assert org.row("key_results", stand_in)["title"] == "EU sales (Sam)"
        assert not ops.edit_objective(org.plan, grow, title="Triple EU sales")


def test_edit_objective_refusals(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        win = org.objective("Alex Chen", "Win Europe")
        assert_refused(org.plan, "no field owner_id", ops.edit_objective, win, owner_id="x")
        assert_refused(org.plan, "title cannot be empty", ops.edit_objective, win, title="")
        assert_refused(org.plan, "not a status", ops.edit_objective, win, status="done")
        assert_refused(org.plan, "no objective", ops.edit_objective, "nope", title="X")


def test_delete_objective_takes_everything_that_belongs_to_it(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        win = org.objective("Alex Chen", "Win Europe")
        grow = org.objective("Sam Lee", "Grow EU sales")
        hire = org.objective("Kim Park", "Hire in Madrid")
        brand = org.objective("Dana Ross", "Known brand")
        revenue = org.key_result(grow, "Revenue")
        org.align_up(grow, win)
        org.align_up(hire, grow, under_kr_id=revenue)
        delegated = org.delegate(revenue, "Lee Moss")
        ops.record_check_in(org.plan, revenue, value=3.0)
        ops.add_contribution(org.plan, brand, grow)
        ops.add_contribution(org.plan, grow, org.objective("Noor Haddad", "Campaign"))
        ops.place_card(org.plan, grow, 10.0, 20.0)
        before = table_dump(org.plan)
        changes = ops.delete_objective(org.plan, grow)
        after = table_dump(org.plan)
        assert len(after["objectives"]) == 5 and grow not in {row[0] for row in after["objectives"]}
        assert org.row("objectives", hire)["parent_kr_id"] is None
        assert org.row("objectives", delegated)["parent_kr_id"] is None
        assert [row[0] for row in after["key_results"]] == org.snapshot().krs_of[delegated]
        assert after["check_ins"] == []
        assert after["contributions"] == []
        assert after["canvas_positions"] == []
        assert_undo_redo(org.plan, changes, before)
        assert_refused(org.plan, "no objective", ops.delete_objective, "nope")


def test_move_objective_to_another_owner_and_cycle(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        win = org.objective("Alex Chen", "Win Europe")
        grow = org.objective("Sam Lee", "Grow EU sales")
        org.objective("Kim Park", "Already here", cycle="2027-Q1")
        org.align_up(grow, win)
        before = table_dump(org.plan)
        changes = ops.move_objective(org.plan, grow, owner_id=org.people["Kim Park"],
                                     cycle_id=org.cycles["2027-Q1"])
        row = org.row("objectives", grow)
        assert (row["owner_id"], row["cycle_id"], row["position"]) == (
            org.people["Kim Park"], org.cycles["2027-Q1"], 1)
        assert_undo_redo(org.plan, changes, before)
        assert not ops.move_objective(org.plan, grow)


def test_move_objective_refused_when_an_alignment_breaks(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        win = org.objective("Alex Chen", "Win Europe")
        grow = org.objective("Sam Lee", "Grow EU sales", cycle="2027-Q1")
        hire = org.objective("Kim Park", "Hire in Madrid", cycle="2027-Q1")
        org.align_up(grow, win)
        org.align_up(hire, grow)
        # Its own alignment upward would break:
        assert_refused(org.plan, r"Alex Chen \(C-suite\) is not below Alex Chen",
                       ops.move_objective, grow, owner_id=org.people["Alex Chen"])
        # The alignment under it would break:
        assert_refused(org.plan, r"“Hire in Madrid” cannot align to “Grow EU sales”: Kim Park "
                       r"\(Directors\) is not below Lee Moss \(Managers\)",
                       ops.move_objective, grow, owner_id=org.people["Lee Moss"])
        assert_refused(org.plan, "2027-Q1 is not 2027-Q2", ops.move_objective, grow,
                       cycle_id=org.cycles["2027-Q2"])
        assert_refused(org.plan, "backlog", ops.move_objective, grow,
                       cycle_id=org.cycles["Backlog"])
        assert_refused(org.plan, "no person or team", ops.move_objective, grow, owner_id="x")
        assert_refused(org.plan, "no cycle", ops.move_objective, grow, cycle_id="x")


def test_reorder_objective(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        ids = [org.objective("Sam Lee", title) for title in ("A", "B", "C")]
        before = table_dump(org.plan)
        changes = ops.reorder_objective(org.plan, ids[2], 0)
        order = sorted(ids, key=lambda i: org.row("objectives", i)["position"])
        assert order == [ids[2], ids[0], ids[1]]
        assert_undo_redo(org.plan, changes, before)
        ops.reorder_objective(org.plan, ids[2], position=2)
        assert org.row("objectives", ids[2])["position"] == 2
        assert_refused(org.plan, "past the end", ops.reorder_objective, ids[0], 3)
        assert_refused(org.plan, "whole number", ops.reorder_objective, ids[0], -1)
        assert_refused(org.plan, "no objective", ops.reorder_objective, "nope", 0)
