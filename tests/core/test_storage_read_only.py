"""Reading a plan leaves the file and its folder as they were; read-only places open read-only."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from okrdesk import cli
from okrdesk.storage import Plan
from tests.core.plan_states import (
    folder_state,
    in_rollback_mode,
    killed_while_writing,
    level_names,
    plan_with_levels,
)
from tests.core.test_storage_migration import first_format_plan


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "okrdesk", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def read_everything(plan: Path, out: Path) -> None:
    """check, map and export, as a user runs them; each must succeed."""
    out.mkdir(exist_ok=True)
    for args in (("check", plan, "--cycle", "2027"),
                 ("map", plan, "-o", out / "map.dot", "--cycle", "2027"),
                 ("export", plan, "-o", out / "plan.json")):
        assert cli.main([str(arg) for arg in args]) == 0


def demo_plan(path: Path) -> Path:
    from okrdesk.demo import build_demo

    return build_demo(path)


@pytest.mark.parametrize("kind", ["closed", "rollback journal", "work in its log"])
def test_check_map_and_export_change_nothing(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    path = demo_plan(folder / "demo.okr")
    if kind == "rollback journal":
        in_rollback_mode_demo(path)
    elif kind == "work in its log":
        path = killed_demo(path, tmp_path / "after")
        folder = path.parent
    before = folder_state(folder)

    read_everything(path, tmp_path / "out")
    assert folder_state(folder) == before


def in_rollback_mode_demo(path: Path) -> None:
    import sqlite3

    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.close()


def killed_demo(path: Path, copy_to: Path) -> Path:
    import sqlite3

    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA wal_autocheckpoint = 0")
    connection.execute("UPDATE settings SET value = 'Recovered plan' WHERE key = 'plan_name'")
    copy_to.mkdir()
    for suffix in ("", "-wal"):
        shutil.copyfile(f"{path}{suffix}", copy_to / f"{path.name}{suffix}")
    connection.close()
    return copy_to / path.name


def test_read_only_open_writes_nothing_beside_the_plan(tmp_path: Path) -> None:
    path = in_rollback_mode(tmp_path / "plan.okr")
    before = folder_state(tmp_path)
    with Plan.open(path, read_only=True) as plan:
        assert plan.read_only
        assert level_names(plan) == ["Level 0", "Level 1", "Level 2"]
        assert folder_state(tmp_path) == before  # not even while it is open
    assert folder_state(tmp_path) == before


def test_an_older_format_is_read_without_upgrading_the_file(tmp_path: Path) -> None:
    path = first_format_plan(tmp_path / "old.okr")
    before = folder_state(tmp_path)
    with Plan.open(path, read_only=True) as plan:
        assert level_names(plan) == ["C-suite"]
    assert folder_state(tmp_path) == before


# -- read-only places --------------------------------------------------------------------------


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder that really cannot be written: a read-only bind mount when running as root
    (root ignores permissions), permissions otherwise."""
    source = tmp_path / "source"
    source.mkdir()
    plan_with_levels(source / "plan.okr")
    killed_while_writing(tmp_path / "live" / "logged.okr", source)
    if os.geteuid() != 0:
        source.chmod(0o555)
        yield source
        source.chmod(0o755)
        return
    mounted = tmp_path / "medium"
    mounted.mkdir()
    bind = subprocess.run(["mount", "--bind", str(source), str(mounted)], capture_output=True)
    if bind.returncode != 0:
        pytest.skip("running as root without permission to mount: a read-only folder cannot "
                    f"be made ({bind.stderr.decode().strip()})")
    try:
        remount = subprocess.run(["mount", "-o", "remount,bind,ro", str(mounted)],
                                 capture_output=True)
        if remount.returncode != 0:
            pytest.skip(f"cannot remount read-only ({remount.stderr.decode().strip()})")
        yield mounted
    finally:
        subprocess.run(["umount", str(mounted)], check=True)


def test_a_plan_on_a_read_only_medium_opens_read_only_with_a_reason(
        read_only_folder: Path) -> None:
    with pytest.raises(OSError):
        (read_only_folder / "probe").touch()  # the place is really read-only
    before = folder_state(read_only_folder)

    with Plan.open(read_only_folder / "plan.okr") as plan:
        assert plan.read_only
        assert "cannot be written" in plan.read_only_reason
        assert level_names(plan) == ["Level 0", "Level 1", "Level 2"]
    with Plan.open(read_only_folder / "logged.okr") as logged:  # its log is read too
        assert len(level_names(logged)) == 203
    assert folder_state(read_only_folder) == before


def test_commands_read_a_plan_on_a_read_only_medium(read_only_folder: Path,
                                                     tmp_path: Path) -> None:
    for args in (("export", read_only_folder / "logged.okr", "-o", tmp_path / "logged.json"),
                 ("map", read_only_folder / "plan.okr", "-o", tmp_path / "map.dot")):
        result = run(*args)
        assert "Traceback" not in result.stderr
    assert (tmp_path / "logged.json").read_text().count('"Level ') == 203
    assert "nothing to draw" in result.stderr  # the plan was read: it has no objectives
