"""The copy of a plan made before an upgrade: whole under its name, never made twice."""

from __future__ import annotations

from pathlib import Path

from okrdesk.storage import Plan
from okrdesk.storage.migrate import back_up
from tests.core.test_storage_migration import first_format_plan


def test_a_backup_cut_short_is_replaced_by_a_whole_one(tmp_path: Path) -> None:
    path = first_format_plan(tmp_path / "old.okr")
    original = path.read_bytes()
    backup = tmp_path / "old.format1-backup.okr"
    backup.write_bytes(original[: len(original) // 3])  # a copy killed halfway
    with Plan.open(path) as plan:
        assert plan.backup_path == backup
    assert backup.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.format1-backup.okr", "old.okr"]


def test_a_whole_backup_is_not_made_twice(tmp_path: Path) -> None:
    path = first_format_plan(tmp_path / "old.okr")
    first = back_up(path, 1)  # an upgrade stopped after its backup: the plan is still format 1
    assert back_up(path, 1) == first
    with Plan.open(path) as plan:
        assert plan.backup_path == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.format1-backup.okr", "old.okr"]


def test_another_file_under_the_backup_name_is_kept(tmp_path: Path) -> None:
    path = first_format_plan(tmp_path / "old.okr")
    other = tmp_path / "old.format1-backup.okr"
    other.write_bytes(path.read_bytes()[:200] + b"changed since")
    assert back_up(path, 1) == tmp_path / "old.format1-backup-2.okr"
    assert other.read_bytes().endswith(b"changed since")
