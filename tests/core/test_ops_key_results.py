"""Key results: add, edit, delete, reorder, with their refusals."""

from __future__ import annotations

import math
from pathlib import Path

from okrdesk import ops
from tests.core.builders import assert_refused, assert_undo_redo, small_org, table_dump


def test_add_key_result_with_a_metric(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        win = org.objective("Alex Chen", "Win Europe")
        org.key_result(win, "First")
        before = table_dump(org.plan)
        changes = ops.add_key_result(org.plan, win, "Churn below 3 %", kind="stay_below",
                                     unit="%", target_value=3, current_value=2.5, weight=2,
                                     confidence=0.8)
        row = org.row("key_results", changes.new_id("key_results"))
        assert (row["objective_id"], row["kind"], row["unit"], row["target_value"],
                row["current_value"], row["weight"], row["confidence"], row["position"],
                row["origin"]) == (win, "stay_below", "%", 3.0, 2.5, 2.0, 0.8, 1, "own")
        assert_undo_redo(org.plan, changes, before)


def test_add_key_result_refusals(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        win = org.objective("Alex Chen", "Win Europe")
        add = ops.add_key_result
        assert_refused(org.plan, "title cannot be empty", add, win, "")
        assert_refused(org.plan, "not a kind of key result", add, win, "X", kind="vibes")
        assert_refused(org.plan, "made by aligning", add, win, "X", kind="objective")
        assert_refused(org.plan, "weight must be between 0 and 1,000,000", add, win, "X",
                       weight=-1)
        assert_refused(org.plan, "confidence must be between 0 and 1", add, win, "X",
                       confidence=1.5)
        assert_refused(org.plan, "finite", add, win, "X", target_value=math.inf)
        assert_refused(org.plan, "finite", add, win, "X", start_value=math.nan)
        assert_refused(org.plan, "must be a number", add, win, "X", current_value="ten")
        assert_refused(org.plan, "milestone is done", add, win, "X", kind="milestone",
                       target_value=5)
        assert_refused(org.plan, "no objective", add, "nope", "X")


def test_edit_key_result(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        win = org.objective("Alex Chen", "Win Europe")
        kr = org.key_result(win, "Revenue", target_value=10)
        before = table_dump(org.plan)
        changes = ops.edit_key_result(org.plan, kr, kind="decrease", start_value=20,
                                      target_value=5, weight=0, confidence=0.0, unit="days")
        row = org.row("key_results", kr)
        assert (row["kind"], row["start_value"], row["target_value"], row["weight"],
                row["confidence"], row["unit"]) == ("decrease", 20.0, 5.0, 0.0, 0.0, "days")
        assert_undo_redo(org.plan, changes, before)


def test_edit_key_result_refusals(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        win = org.objective("Alex Chen", "Win Europe")
        grow = org.objective("Sam Lee", "Grow EU sales")
        kr = org.key_result(win, "Revenue")
        stand_in = org.align_up(grow, win)
        edit = ops.edit_key_result
        assert_refused(org.plan, "cannot change kind to or from “objective”", edit, kr,
                       kind="objective")
        assert_refused(org.plan, "cannot change kind to or from “objective”", edit, stand_in,
                       kind="increase")
        assert_refused(org.plan, "no metric of its own", edit, stand_in, target_value=3)
        assert_refused(org.plan, "weight", edit, kr, weight=math.inf)
        assert_refused(org.plan, "confidence", edit, kr, confidence=-0.1)
        assert_refused(org.plan, "no field objective_id", edit, kr, objective_id=grow)
        assert_refused(org.plan, "no key result", edit, "nope", title="X")
        ops.edit_key_result(org.plan, stand_in, weight=3.0, title="Sam's part")


def test_delete_key_result_unaligns_what_sat_under_it(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        win = org.objective("Alex Chen", "Win Europe")
        grow = org.objective("Sam Lee", "Grow EU sales")
        revenue = org.key_result(win, "Revenue")
        hire = org.objective("Kim Park", "Hire in Madrid")
        org.align_up(hire, win, under_kr_id=revenue)
        delegated = org.delegate(revenue, "Dana Ross")
        stand_in = org.align_up(grow, win)
        ops.record_check_in(org.plan, revenue, value=2.0, note="slow start")
        before = table_dump(org.plan)
        changes = ops.delete_key_result(org.plan, revenue)
        assert org.row("objectives", hire)["parent_kr_id"] is None
        assert org.row("objectives", delegated)["parent_kr_id"] is None
        assert table_dump(org.plan)["check_ins"] == []
        assert_undo_redo(org.plan, changes, before)
        ops.delete_key_result(org.plan, stand_in)
        assert org.row("objectives", grow)["parent_kr_id"] is None
        assert_refused(org.plan, "no key result", ops.delete_key_result, stand_in)


def test_reorder_key_result(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        win = org.objective("Alex Chen", "Win Europe")
        ids = [org.key_result(win, title) for title in ("A", "B", "C")]
        before = table_dump(org.plan)
        changes = ops.reorder_key_result(org.plan, ids[0], 2)
        assert org.snapshot().krs_of[win] == [ids[1], ids[2], ids[0]]
        assert_undo_redo(org.plan, changes, before)
        assert_refused(org.plan, "past the end", ops.reorder_key_result, ids[0], 5)
        assert_refused(org.plan, "no key result", ops.reorder_key_result, "nope", 0)
