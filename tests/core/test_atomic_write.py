"""Files written whole or not at all, at fresh temporary names, never through a symlink."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from okrdesk.atomic import (
    UnsafeOutputError,
    atomic_copy,
    atomic_path,
    atomic_write,
    is_temporary_of,
    refuse_unsafe_output,
)
from okrdesk.storage import Plan


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_write_replaces_the_file_whole_with_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    seen: list[str] = []
    with atomic_write(target, binary=False) as stream:
        stream.write("new\n")
        seen = [n for n in names(tmp_path) if n != "out.json"]
        assert target.read_text(encoding="utf-8") == "old"  # untouched until the end
    assert target.read_text(encoding="utf-8") == "new\n"
    assert names(tmp_path) == ["out.json"]
    assert len(seen) == 1 and seen[0].startswith(".out.json.") and seen[0].endswith(".tmp")
    assert is_temporary_of(tmp_path / seen[0], target)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


@pytest.mark.parametrize("failure", [ValueError("boom"), KeyboardInterrupt()])
def test_a_failed_write_leaves_the_old_file_and_no_temporary(
        tmp_path: Path, failure: BaseException) -> None:
    target = tmp_path / "map.pdf"
    target.write_bytes(b"old")
    with pytest.raises(type(failure)), atomic_write(target) as stream:
        stream.write(b"half")
        raise failure
    assert target.read_bytes() == b"old"
    assert names(tmp_path) == ["map.pdf"]


def test_temporaries_never_collide_nor_follow_a_symlink(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    target = tmp_path / "out.json"
    traps = [".out.json.writing", "out.json.writing", "out.json.building", "out.json.saving"]
    for trap in traps:
        (tmp_path / trap).symlink_to(victim)
    with atomic_write(target) as first, atomic_write(target) as second:
        first.write(b"first")
        second.write(b"second")
        assert len([n for n in names(tmp_path) if n.endswith(".tmp")]) == 2
    assert target.read_bytes() == b"first"  # the outer block ends last
    assert victim.read_text(encoding="utf-8") == "precious"
    assert sorted(names(tmp_path)) == sorted([*traps, "out.json", "victim.txt"])


def test_a_symlink_at_the_target_is_replaced_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    target = tmp_path / "out.svg"
    target.symlink_to(victim)
    with atomic_write(target) as stream:
        stream.write(b"<svg/>")
    assert not target.is_symlink() and target.read_bytes() == b"<svg/>"
    assert victim.read_text(encoding="utf-8") == "precious"


def test_a_very_long_name_still_gets_a_temporary(tmp_path: Path) -> None:
    target = tmp_path / ("m" * 250 + ".pdf")
    with atomic_write(target) as stream:
        stream.write(b"%PDF")
    assert target.read_bytes() == b"%PDF"


def test_a_database_is_built_by_name_and_appears_only_when_closed(tmp_path: Path) -> None:
    target = tmp_path / "plan.okr"
    with atomic_path(target) as temporary:
        assert temporary.parent == tmp_path and temporary.name.startswith(".plan.okr.")
        assert not target.exists()
        Plan.create(temporary, overwrite=True).close()
    assert names(tmp_path) == ["plan.okr"]
    with Plan.open(target) as plan:
        assert not plan.read_only


@pytest.mark.parametrize("failure", [RuntimeError("boom"), KeyboardInterrupt()])
def test_a_failed_build_removes_the_database_and_everything_beside_it(
        tmp_path: Path, failure: BaseException) -> None:
    target = tmp_path / "plan.okr"
    with pytest.raises(type(failure)), atomic_path(target) as temporary:
        plan = Plan.create(temporary, overwrite=True)  # left open, with its log and lock
        with plan.change("Add a level") as transaction:
            transaction.insert("levels", rank=0, name="Board")
        suffixes = {n.removeprefix(temporary.name) for n in names(tmp_path)}
        assert {"", "-wal", "-shm", ".lock"} <= suffixes
        raise failure
    plan.close()
    assert names(tmp_path) == []


def test_a_database_still_open_is_not_moved_into_place(tmp_path: Path) -> None:
    target = tmp_path / "plan.okr"
    connection = sqlite3.connect(":memory:")
    with pytest.raises(Exception, match="still open"), atomic_path(target) as temporary:
        connection = sqlite3.connect(temporary)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE t (x)")
        connection.commit()
    connection.close()
    assert names(tmp_path) == []


def test_without_replace_a_file_that_appeared_meanwhile_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "plan.okr"
    with pytest.raises(FileExistsError), atomic_path(target, replace=False) as temporary:
        temporary.write_bytes(b"mine")
        target.write_bytes(b"theirs")
    assert target.read_bytes() == b"theirs"
    assert names(tmp_path) == ["plan.okr"]


def test_a_copy_is_whole_or_absent(tmp_path: Path) -> None:
    source = tmp_path / "plan.okr"
    source.write_bytes(os.urandom(300_000))
    target = tmp_path / "plan.format1-backup.okr"
    atomic_copy(source, target)
    assert target.read_bytes() == source.read_bytes()
    with pytest.raises(OSError):
        atomic_copy(tmp_path / "missing.okr", tmp_path / "other.okr")
    assert names(tmp_path) == ["plan.format1-backup.okr", "plan.okr"]


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.okr"
    Plan.create(path).close()
    return path


@pytest.mark.parametrize(("name", "message"), [
    ("plan.okr", "is an OKR Desk plan"),
    ("plan.okr.lock", "belongs to plan.okr"),
    ("plan.okr-wal", "belongs to plan.okr"),
    ("plan.okr-shm", "belongs to plan.okr"),
    ("plan.okr-journal", "belongs to plan.okr"),
])
def test_outputs_over_a_plan_or_its_companions_are_refused(
        plan_file: Path, name: str, message: str) -> None:
    with pytest.raises(UnsafeOutputError, match=message):
        refuse_unsafe_output(plan_file.parent / name)


def test_outputs_over_the_input_a_folder_or_a_database_are_refused(
        plan_file: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.json"
    notes.write_text("{}", encoding="utf-8")
    with pytest.raises(UnsafeOutputError, match="is the input file itself"):
        refuse_unsafe_output(tmp_path / "." / "notes.json", sources=[notes])
    with pytest.raises(UnsafeOutputError, match="is a folder"):
        refuse_unsafe_output(tmp_path)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(UnsafeOutputError, match="an SQLite database"):
        refuse_unsafe_output(other)
    refuse_unsafe_output(plan_file, plan_expected=True)  # a plan may replace a plan


def test_ordinary_outputs_pass(plan_file: Path, tmp_path: Path) -> None:
    (tmp_path / "old.json").write_text("{}", encoding="utf-8")
    for name in ("old.json", "new.pdf", "notes.lock", "missing.okr.lock", "plan.okr.json"):
        refuse_unsafe_output(tmp_path / name, sources=[plan_file])
