"""Each kind of bad file gets a clear error naming the problem, and stays byte-for-byte as is."""

from __future__ import annotations

import hashlib
import sqlite3
import struct
from collections.abc import Callable
from pathlib import Path

import pytest

from okrdesk.errors import NewerPlanError, PlanFileError
from okrdesk.formats import SCHEMA_VERSION
from okrdesk.storage import Plan


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def good_plan(path: Path) -> Path:
    plan = Plan.create(path)
    with plan.change("Add a level") as tx:
        tx.insert("levels", rank=0, name="C-suite")
    plan.close()
    return path


def make_empty(path: Path) -> None:
    path.write_bytes(b"")


def make_text(path: Path) -> None:
    path.write_text("Objectives for 2027\n- grow\n", encoding="utf-8")


def make_json(path: Path) -> None:
    path.write_text('{"format": "okrdesk-plan"}', encoding="utf-8")


def make_binary(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 4)


def make_foreign_sqlite(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE songs (title TEXT)")
    connection.commit()
    connection.close()


def make_truncated(path: Path) -> None:
    good_plan(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def make_header_only(path: Path) -> None:
    good_plan(path)
    path.write_bytes(path.read_bytes()[:60])


def make_newer(path: Path) -> None:
    good_plan(path)
    set_user_version(path, SCHEMA_VERSION + 1)


def make_unversioned(path: Path) -> None:
    good_plan(path)
    set_user_version(path, 0)


def make_with_trigger(path: Path) -> None:
    good_plan(path)
    connection = sqlite3.connect(path)
    connection.execute(
        "CREATE TRIGGER wipe AFTER INSERT ON levels BEGIN DELETE FROM objectives; END"
    )
    connection.commit()
    connection.close()


def make_missing_table(path: Path) -> None:
    good_plan(path)
    connection = sqlite3.connect(path)
    connection.execute("DROP TABLE check_ins")
    connection.commit()
    connection.close()


def make_corrupt_pages(path: Path) -> None:
    good_plan(path)
    data = bytearray(path.read_bytes())
    page_size = struct.unpack(">H", data[16:18])[0]
    for offset in range(page_size * 2, min(len(data), page_size * 6)):
        data[offset] = 0xA5  # scribble over interior pages, keep the header
    path.write_bytes(bytes(data))


def set_user_version(path: Path, version: int) -> None:
    """Write the header field directly, as a newer or broken program would have left it."""
    data = bytearray(path.read_bytes())
    data[60:64] = struct.pack(">i", version)
    path.write_bytes(bytes(data))


BAD_FILES: dict[str, tuple[Callable[[Path], None], str]] = {
    "empty": (make_empty, "is empty"),
    "text": (make_text, "looks like a text file"),
    "json": (make_json, "JSON file"),
    "binary": (make_binary, "binary file"),
    "foreign sqlite": (make_foreign_sqlite, "another program"),
    "truncated": (make_truncated, "is truncated"),
    "header only": (make_header_only, "is truncated"),
    "newer format": (make_newer, "newer OKR Desk"),
    "unversioned": (make_unversioned, "version is missing"),
    "trigger": (make_with_trigger, "triggers or views"),
    "missing table": (make_missing_table, "table check_ins is missing"),
    "corrupt pages": (make_corrupt_pages, "damaged"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_is_refused_clearly_and_left_untouched(tmp_path: Path, case: str) -> None:
    make, expected = BAD_FILES[case]
    path = tmp_path / "suspect.okr"
    make(path)
    before = digest(path)
    neighbours = sorted(p.name for p in tmp_path.iterdir())

    with pytest.raises(PlanFileError) as raised:
        Plan.open(path)

    message = str(raised.value)
    assert expected in message
    assert message.startswith("suspect.okr: ")
    assert "Traceback" not in message
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == neighbours


def test_newer_format_has_its_own_error_type(tmp_path: Path) -> None:
    path = tmp_path / "future.okr"
    make_newer(path)
    with pytest.raises(NewerPlanError, match=f"format {SCHEMA_VERSION + 1}"):
        Plan.open(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(PlanFileError, match="no such file"):
        Plan.open(tmp_path / "nowhere.okr")
    with pytest.raises(PlanFileError, match="is a folder"):
        Plan.open(tmp_path)


def test_a_good_plan_opens_at_any_name(tmp_path: Path) -> None:
    path = good_plan(tmp_path / "Plan 2027 – Ünïcode ✓.sqlite")
    with Plan.open(path) as plan, plan.read() as connection:
        assert connection.exec_driver_sql("SELECT name FROM levels").scalar() == "C-suite"


def test_create_refuses_to_overwrite(tmp_path: Path) -> None:
    path = good_plan(tmp_path / "kept.okr")
    before = digest(path)
    with pytest.raises(PlanFileError, match="already exists"):
        Plan.create(path)
    assert digest(path) == before
