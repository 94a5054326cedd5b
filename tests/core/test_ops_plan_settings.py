"""Plan settings changed together: all or none, one undo step."""

from __future__ import annotations

from pathlib import Path

from okrdesk import ops
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan

from .builders import assert_refused, assert_undo_redo, empty_org, table_dump


def setting(plan: Plan, key: str) -> str:
    with plan.read() as connection:
        return Snapshot.load(connection).setting(key)


def test_settings_change_together_and_undo_as_one(tmp_path: Path) -> None:
    with empty_org(tmp_path / "p.okr") as org:
        before = table_dump(org.plan)
        changes = ops.set_settings(org.plan, {"plan_name": "Acme", "bottom_up_target": "0.6",
                                              "max_key_results": "4"})
        assert [setting(org.plan, k) for k in ("plan_name", "bottom_up_target",
                                               "max_key_results")] == ["Acme", "0.6", "4"]
        assert_undo_redo(org.plan, changes, before)


def test_one_bad_value_sets_none_of_them(tmp_path: Path) -> None:
    with empty_org(tmp_path / "p.okr") as org:
        assert_refused(org.plan, "bottom-up target must be a share from 0 to 1",
                       ops.set_settings, {"plan_name": "Acme", "bottom_up_target": "2"})
        assert_refused(org.plan, "no setting to change", ops.set_settings, {})
