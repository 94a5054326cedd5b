"""Reading a plan with sqlite3 alone (storage.reading.read_plan, what a map's worker uses) vets
it exactly as Plan.open does: the same files refused with the same message, the same broken
links reported, the same snapshot read; the recorded newest format equals the model's."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from okrdesk.errors import PlanFileError
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan, current_format
from okrdesk.storage.format_record import record_text
from okrdesk.storage.reading import read_plan
from okrdesk.storage.schema import built_schema, expected_schema
from tests.core.plan_states import folder_state
from tests.core.test_storage_bad_files import BAD_FILES
from tests.core.test_storage_hand_edits import REFUSED, REPORTED, SHAPES, edited
from tests.core.test_storage_migration import first_format_plan


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from okrdesk.demo import build_demo

    return build_demo(tmp_path_factory.mktemp("demo") / "demo.okr")


def refusal_by_plan(path: Path) -> str:
    with pytest.raises(PlanFileError) as raised, Plan.open(path, read_only=True) as plan, \
            plan.read() as connection:
        Snapshot.load(connection)
    return str(raised.value)


def refusal_by_reading(path: Path) -> str:
    with pytest.raises(PlanFileError) as raised, read_plan(path) as plan:
        Snapshot.load(plan.connection)
    return str(raised.value)


def snapshot_tables(snapshot: Snapshot) -> dict[str, object]:
    return {f.name: dict(getattr(snapshot, f.name)) for f in dataclasses.fields(snapshot)}


def test_the_recorded_format_is_the_models() -> None:
    assert current_format.TABLES and current_format.RULES
    assert Path(current_format.__file__).read_text(encoding="utf-8") == record_text(), (
        "the model changed: run `python -m okrdesk.storage.format_record`")
    assert expected_schema(current_format.VERSION) == built_schema(current_format.VERSION)


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_file_is_refused_with_the_same_message(tmp_path: Path, case: str) -> None:
    make, expected = BAD_FILES[case]
    path = tmp_path / "suspect.okr"
    make(path)
    before = folder_state(tmp_path)
    message = refusal_by_reading(path)
    assert expected in message
    assert message == refusal_by_plan(path)
    assert folder_state(tmp_path) == before


@pytest.mark.parametrize("case", sorted(SHAPES) + sorted(REFUSED))
def test_a_hand_edited_plan_is_refused_with_the_same_message(demo: Path, tmp_path: Path,
                                                            case: str) -> None:
    edit, expected = {**SHAPES, **REFUSED}[case]
    path = edited(demo, tmp_path, edit)
    before = folder_state(tmp_path)
    message = refusal_by_reading(path)
    assert expected in message
    assert message == refusal_by_plan(path)
    assert folder_state(tmp_path) == before


@pytest.mark.parametrize("case", sorted(REPORTED))
def test_broken_links_are_reported_as_plan_reports_them(demo: Path, tmp_path: Path,
                                                       case: str) -> None:
    edit, expected = REPORTED[case]
    path = edited(demo, tmp_path, edit)
    with read_plan(path) as reading:
        Snapshot.load(reading.connection)
    with Plan.open(path, read_only=True) as plan:
        assert reading.problems == plan.problems
    assert any(expected in problem for problem in reading.problems)


def test_the_snapshot_read_is_the_same_and_nothing_is_left_beside_the_plan(
        demo: Path, tmp_path: Path) -> None:
    path = tmp_path / "plan.okr"
    path.write_bytes(demo.read_bytes())
    before = folder_state(tmp_path)
    with read_plan(path) as reading:
        assert reading.problems == ()
        ours = Snapshot.load(reading.connection)
    with Plan.open(path, read_only=True) as plan, plan.read() as connection:
        theirs = Snapshot.load(connection)
    assert len(ours.objectives) > 40
    assert snapshot_tables(ours) == snapshot_tables(theirs)
    assert folder_state(tmp_path) == before


def test_a_plan_open_for_writing_is_read_as_committed(demo: Path, tmp_path: Path) -> None:
    path = tmp_path / "plan.okr"
    path.write_bytes(demo.read_bytes())
    with Plan.open(path) as writer:
        with writer.read() as connection:
            level = next(iter(Snapshot.load(connection).levels))
        with writer.change("Rename") as transaction:
            transaction.update("levels", level, name="Board")
        with read_plan(path) as reading:
            names = {row.name for row in Snapshot.load(reading.connection).levels.values()}
    assert "Board" in names


def test_an_older_format_is_upgraded_on_a_private_copy_and_read(tmp_path: Path) -> None:
    path = first_format_plan(tmp_path / "old.okr")
    before = folder_state(tmp_path)
    with read_plan(path) as reading:
        snapshot = Snapshot.load(reading.connection)
    assert [level.name for level in snapshot.levels.values()] == ["C-suite"]
    assert folder_state(tmp_path) == before


def test_the_connection_is_closed_after_reading(demo: Path) -> None:
    with read_plan(demo) as reading:
        connection = reading.connection
    with pytest.raises(sqlite3.ProgrammingError):
        connection.execute("SELECT 1")
