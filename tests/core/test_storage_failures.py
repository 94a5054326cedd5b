"""Disk failures become StorageError with the change rolled back; the plan lock (filelock)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from okrdesk import ops
from okrdesk.errors import PlanFileError, StorageError
from okrdesk.storage import Plan, engine
from okrdesk.storage.lock import held_elsewhere, lock_path
from tests.core.plan_states import folder_state, level_names, plan_with_levels


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real file system of 2 MB (tmpfs; mounting needs root)."""
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("a small file system needs permission to mount "
                    f"({mounted.stderr.decode().strip()}); test_crash_full_disk covers a "
                    "full disk with a file-size limit instead")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def fill(folder: Path) -> Path:
    filler = folder / "filler"
    with filler.open("wb") as stream:
        try:
            while True:
                stream.write(b"\0" * 65536)
                stream.flush()
        except OSError:
            pass
    return filler


def test_a_full_disk_gives_a_storage_error_and_the_plan_goes_on(small_disk: Path) -> None:
    plan = Plan.open(plan_with_levels(small_disk / "plan.okr"))
    try:
        filler = fill(small_disk)
        with pytest.raises(StorageError, match="the disk is full"), \
                plan.change("Add many levels") as tx:
            for rank in range(3, 3000):
                tx.insert("levels", rank=rank, name="Level " + "x" * 500)
        filler.unlink()  # room again: the same plan object reads and takes changes
        assert level_names(plan) == ["Level 0", "Level 1", "Level 2"]  # rolled back
        ops.add_level(plan, "Directors", 3)
        assert level_names(plan)[-1] == "Directors"
    finally:
        plan.close()
    with Plan.open(small_disk / "plan.okr") as again:
        assert level_names(again)[-1] == "Directors"


def test_a_plan_kept_busy_elsewhere_gives_a_storage_error(
        plan_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 50)
    plan = Plan.open(plan_with_levels(plan_path))
    other = sqlite3.connect(plan_path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(StorageError, match="keeps the plan busy"):
            ops.add_level(plan, "Directors", 3)
        other.execute("ROLLBACK")
        ops.add_level(plan, "Directors", 3)
    finally:
        other.close()
        plan.close()


# -- the lock ---------------------------------------------------------------------------------

HOLDER = textwrap.dedent("""
    import sys, time
    from okrdesk.storage import Plan
    plan = Plan.open(sys.argv[1])
    print("writable" if not plan.read_only else "read-only", flush=True)
    time.sleep(60)
""")


def test_another_process_holds_the_lock_until_it_is_killed(plan_path: Path) -> None:
    plan_with_levels(plan_path)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(plan_path)],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "writable"
        assert held_elsewhere(plan_path)
        with Plan.open(plan_path) as second:
            assert second.read_only
            assert "another window or program" in second.read_only_reason
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
    assert not held_elsewhere(plan_path)
    with Plan.open(plan_path) as third:
        assert not third.read_only


def test_a_failed_open_leaves_the_plan_unlocked(plan_path: Path) -> None:
    plan_with_levels(plan_path)
    connection = sqlite3.connect(plan_path)
    connection.execute("PRAGMA ignore_check_constraints = ON")
    connection.execute("UPDATE levels SET rank = 'top' WHERE rank = 0")
    connection.commit()
    connection.close()
    before = folder_state(plan_path.parent)
    with pytest.raises(PlanFileError, match="rank holds text"):
        Plan.open(plan_path)
    assert not held_elsewhere(plan_path)
    assert folder_state(plan_path.parent) == before  # no lock file left behind


def test_a_lock_that_cannot_be_made_opens_read_only(plan_path: Path) -> None:
    plan_with_levels(plan_path)
    lock_path(plan_path).mkdir()  # a folder where the lock file goes: it cannot be created
    before = folder_state(plan_path.parent)
    with Plan.open(plan_path) as plan:
        assert plan.read_only
        assert "cannot be written" in plan.read_only_reason
        assert len(level_names(plan)) == 3
    assert folder_state(plan_path.parent) == before
