"""A plan whose log holds committed work (a kill -9, a full disk) opens whole and is recovered."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from okrdesk.errors import PlanFileError
from okrdesk.storage import Plan
from tests.core.plan_states import (
    checkpoint_cut_short,
    folder_state,
    killed_while_writing,
    level_names,
)


def immutable_read_fails(path: Path) -> bool:
    connection = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        connection.execute("SELECT count(*) FROM levels").fetchone()
        connection.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError:
        return True
    finally:
        connection.close()
    return False


def sqlite_count(path: Path) -> int:
    """What plain SQLite reads from the file and its log (on a copy: it would apply the log)."""
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("SELECT count(*) FROM levels").fetchone()[0])
    finally:
        connection.close()


def test_work_in_the_log_is_recovered_and_the_files_as_found_are_kept(tmp_path: Path) -> None:
    path = killed_while_writing(tmp_path / "live" / "plan.okr", tmp_path / "after")
    as_found = folder_state(path.parent)

    with Plan.open(path) as plan:
        assert not plan.read_only
        assert len(level_names(plan)) == 203
        backup = plan.recovery_backup_path
        assert backup == path.with_name("plan.recovery-backup.okr")
    # The files as found, byte for byte: the backup with its log reads as the plan did.
    kept = folder_state(path.parent)
    assert kept["plan.recovery-backup.okr"] == as_found["plan.okr"]
    assert kept["plan.recovery-backup.okr-wal"] == as_found["plan.okr-wal"]
    assert sorted(kept) == ["plan.okr", "plan.recovery-backup.okr",
                            "plan.recovery-backup.okr-wal"]
    with Plan.open(path) as again:  # recovered once: no second backup
        assert again.recovery_backup_path is None
        assert len(level_names(again)) == 203


def test_a_checkpoint_cut_short_is_recovered_not_refused(tmp_path: Path) -> None:
    path = killed_while_writing(tmp_path / "live" / "plan.okr", tmp_path / "after")
    checkpoint_cut_short(path)
    assert immutable_read_fails(path)  # how the file alone looks: pages missing

    with Plan.open(path) as plan:
        assert len(level_names(plan)) == 203
        assert plan.recovery_backup_path is not None
        with plan.read() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_reading_a_plan_with_work_in_its_log_changes_nothing(tmp_path: Path) -> None:
    path = killed_while_writing(tmp_path / "live" / "plan.okr", tmp_path / "after")
    checkpoint_cut_short(path)
    before = folder_state(path.parent)

    with Plan.open(path, read_only=True) as plan:
        assert len(level_names(plan)) == 203
    assert folder_state(path.parent) == before


def test_a_log_whose_work_is_in_the_file_already_needs_no_backup(tmp_path: Path) -> None:
    path = killed_while_writing(tmp_path / "live" / "plan.okr", tmp_path / "after",
                                extra_levels=0)
    with Plan.open(path) as plan:
        assert plan.recovery_backup_path is None
        assert len(level_names(plan)) == 3
    assert sorted(folder_state(path.parent)) == ["plan.okr"]


def test_damage_is_told_apart_from_recovery_and_says_what_to_do(tmp_path: Path) -> None:
    path = killed_while_writing(tmp_path / "live" / "plan.okr", tmp_path / "after")
    (tmp_path / "after" / "plan.format2-backup.okr").write_bytes(b"an older plan")
    data = bytearray(path.read_bytes())
    data[4096 * 2: 4096 * 4] = b"\xa5" * (4096 * 2)  # scribble over pages, as a bad disk does
    path.write_bytes(bytes(data))
    before = folder_state(path.parent)

    with pytest.raises(PlanFileError) as raised:
        Plan.open(path)
    message = str(raised.value)
    assert "damaged" in message
    assert "plan.format2-backup.okr" in message  # the newest backup beside it
    assert "recover" in message
    assert folder_state(path.parent) == before


def test_plain_sqlite_and_the_plan_agree_after_recovery(tmp_path: Path) -> None:
    path = killed_while_writing(tmp_path / "live" / "plan.okr", tmp_path / "after")
    Plan.open(path).close()
    assert sqlite_count(path) == 203
