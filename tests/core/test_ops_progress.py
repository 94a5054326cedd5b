"""Check-ins and card positions."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pytest

from okrdesk import clock, ops
from tests.core.builders import assert_refused, assert_undo_redo, small_org, table_dump


def test_a_check_in_is_recorded_and_becomes_current(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: date(2027, 4, 1))
    with small_org(tmp_path / "plan.okr") as org:
        win = org.objective("Alex Chen", "Win Europe")
        kr = org.key_result(win, "Revenue", target_value=10, confidence=0.5)
        before = table_dump(org.plan)
        changes = ops.record_check_in(org.plan, kr, value=4, confidence=0.7, note="Q1 done",
                                      at="2027-03-31T17:00:00+00:00")
        check_in = org.row("check_ins", changes.new_id("check_ins"))
        assert (check_in["key_result_id"], check_in["value"], check_in["confidence"],
                check_in["note"], check_in["at"]) == (
            kr, 4.0, 0.7, "Q1 done", "2027-03-31T17:00:00+00:00")
        row = org.row("key_results", kr)
        assert (row["current_value"], row["confidence"]) == (4.0, 0.7)
        assert_undo_redo(org.plan, changes, before)


def test_a_note_only_check_in_leaves_the_figures(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        win = org.objective("Alex Chen", "Win Europe")
        kr = org.key_result(win, "Revenue", current_value=3, confidence=0.4)
        changes = ops.record_check_in(org.plan, kr, note="waiting for the board")
        assert changes.ids("key_results") == set()
        assert org.row("check_ins", changes.new_id("check_ins"))["at"].startswith("20")


def test_check_in_refusals(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        win = org.objective("Alex Chen", "Win Europe")
        grow = org.objective("Sam Lee", "Grow EU sales")
        kr = org.key_result(win, "Revenue")
        done = org.key_result(win, "Office open", kind="milestone")
        stand_in = org.align_up(grow, win)
        check_in = ops.record_check_in
        assert_refused(org.plan, "needs a value, a confidence or a note", check_in, kr)
        assert_refused(org.plan, "finite", check_in, kr, value=math.nan)
        assert_refused(org.plan, "between 0 and 1", check_in, kr, confidence=2)
        assert_refused(org.plan, "not an ISO 8601 time", check_in, kr, value=1, at="yesterday")
        assert_refused(org.plan, "check in there", check_in, stand_in, value=1)
        assert_refused(org.plan, "milestone is done", check_in, done, value=0.5)
        assert_refused(org.plan, "no key result", check_in, "nope", value=1)
        check_in(org.plan, stand_in, confidence=0.9)
        check_in(org.plan, done, value=1)


def test_place_card_inserts_then_updates(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        win = org.objective("Alex Chen", "Win Europe")
        before = table_dump(org.plan)
        placed = ops.place_card(org.plan, win, 10, -20.5)
        assert (org.row("canvas_positions", win)["x"], org.row("canvas_positions", win)["y"]) == (
            10.0, -20.5)
        assert_undo_redo(org.plan, placed, before)
        middle = table_dump(org.plan)
        moved = ops.place_card(org.plan, win, 30, 40)
        assert org.row("canvas_positions", win)["x"] == 30.0
        assert_undo_redo(org.plan, moved, middle)
        assert_refused(org.plan, "finite", ops.place_card, win, math.inf, 0)
        assert_refused(org.plan, "needs both", ops.place_card, win, None, 0)
        assert_refused(org.plan, "no objective", ops.place_card, "nope", 0, 0)


def test_place_cards_stores_many_positions_as_one_change(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        first = org.objective("Alex Chen", "Win Europe")
        second = org.objective("Sam Lee", "Grow EU sales")
        ops.place_card(org.plan, first, 1, 2)
        before = table_dump(org.plan)
        placed = ops.place_cards(org.plan, {first: (10, 20), second: (30.5, -4)})
        assert placed.label == "Arrange"
        assert {c.table for c in placed} == {"canvas_positions"}
        assert [(c.row_id, c.is_insert) for c in placed] == [(first, False), (second, True)]
        assert (org.row("canvas_positions", second)["x"], org.row("canvas_positions", first)["y"]) \
            == (30.5, 20.0)
        assert_undo_redo(org.plan, placed, before)
        assert_refused(org.plan, "no objective", ops.place_cards, {first: (0, 0), "nope": (1, 1)})
        assert_refused(org.plan, "finite", ops.place_cards, {second: (math.nan, 0)})
