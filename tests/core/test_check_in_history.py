"""A key result's check-in history, read from a plan file: newest first, typed rows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from okrdesk import clock, ops
from okrdesk.check_ins import CheckInEntry, check_in_history
from okrdesk.storage import Plan
from tests.core.builders import small_org


def test_the_history_is_newest_first_and_only_of_that_key_result(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: date(2027, 4, 2))
    with small_org(tmp_path / "plan.okr") as org:
        objective = org.objective("Sam Lee", "Grow EU sales")
        partners = org.key_result(objective, "Sign partners", start_value=0, target_value=40)
        other = org.key_result(objective, "Open offices", start_value=0, target_value=3)
        ops.record_check_in(org.plan, partners, value=10, at="2027-02-01T09:00:00.000000+00:00")
        ops.record_check_in(org.plan, partners, value=25, confidence=0.7, note="two signed",
                            at="2027-03-01T09:00:00.000000+00:00")
        ops.record_check_in(org.plan, partners, note="waiting on legal",
                            at="2027-02-15T09:00:00.000000+00:00")
        ops.record_check_in(org.plan, other, value=1, at="2027-04-01T09:00:00.000000+00:00")
        path = org.plan.path
    with Plan.open(path, read_only=True) as plan:
        history = check_in_history(plan, partners)
        assert history == [
            CheckInEntry("2027-03-01T09:00:00.000000+00:00", 25.0, 0.7, "two signed"),
            CheckInEntry("2027-02-15T09:00:00.000000+00:00", None, None, "waiting on legal"),
            CheckInEntry("2027-02-01T09:00:00.000000+00:00", 10.0, None, ""),
        ]
        assert check_in_history(plan, other) == [
            CheckInEntry("2027-04-01T09:00:00.000000+00:00", 1.0, None, "")]
        assert check_in_history(plan, "no such key result") == []


def test_a_check_in_undone_leaves_the_history(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        objective = org.objective("Sam Lee", "Grow EU sales")
        partners = org.key_result(objective, "Sign partners", start_value=0, target_value=40)
        changes = ops.record_check_in(org.plan, partners, value=10)
        assert [entry.value for entry in check_in_history(org.plan, partners)] == [10.0]
        org.plan.apply(changes.inverse())
        assert check_in_history(org.plan, partners) == []
