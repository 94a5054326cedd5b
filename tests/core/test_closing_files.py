"""A closed cycle's scores in files: plan format 4 (upgraded from 3), hand edits named, and the
JSON and spreadsheet round trips."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from okrdesk import ops
from okrdesk.errors import OperationRefused, PlanFileError
from okrdesk.formats import SCHEMA_VERSION
from okrdesk.interchange import canonical_json, export_plan, import_plan
from okrdesk.ops import FinalScore, Reflection
from okrdesk.rulebook.cycles import is_closed
from okrdesk.sheets.importer import import_workbook, new_plan_from_workbook
from okrdesk.sheets.model import OKR_SHEET, Cell, SheetRow, Workbook
from okrdesk.sheets.plan_rows import RECORDS_SHEET
from okrdesk.sheets.read import read_workbook
from okrdesk.sheets.records import Records
from okrdesk.sheets.write import write_workbook
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from okrdesk.storage.engine import plan_engine
from okrdesk.storage.migrate import upgrade_to
from tests.core.builders import small_org, table_dump

CLOSED = r"2027-Q1 is closed: reopen it to change it\."


@pytest.fixture(scope="module")
def closed_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2027-Q1 closed with scores, a note and a reflection; 2027-Q2 open."""
    path = tmp_path_factory.mktemp("closed") / "closed.okr"
    with small_org(path) as org:
        win = org.objective("Sam Lee", "Win Europe", cycle="2027-Q1")
        revenue = org.key_result(win, "Revenue", start_value=0, target_value=10,
                                 current_value=4)
        org.objective("Dana Ross", "Open Oslo", cycle="2027-Q2")
        ops.close_cycle(org.plan, org.cycles["2027-Q1"],
                        {win: FinalScore(0.8, "A partner signed\non the last day"),
                         revenue: FinalScore(0.4)},
                        {win: Reflection("Two partners", "Start earlier", "Carry over")})
    return path


def _snapshot(path: Path) -> Snapshot:
    with Plan.open(path, read_only=True) as plan, plan.read() as connection:
        return Snapshot.load(connection)


def test_scores_survive_a_json_round_trip(closed_plan: Path, tmp_path: Path) -> None:
    document = export_plan(closed_plan)
    assert document["plan_format"] == SCHEMA_VERSION >= 4
    assert [row["value"] for row in document["objective_scores"]] == [0.8]
    assert sorted(row["value"] for row in document["key_result_scores"]) == [0.4]
    assert [c["closed_at"] is not None for c in document["cycles"]].count(True) == 1
    again = import_plan(_json(tmp_path / "plan.json", document), tmp_path / "again.okr")
    assert canonical_json(export_plan(again)) == canonical_json(document)
    s = _snapshot(again)
    assert is_closed(s, next(c.id for c in s.cycles.values() if c.name == "2027-Q1"))
    assert next(iter(s.objective_scores.values())).learned == "Start earlier"


def test_scores_survive_a_spreadsheet_round_trip(closed_plan: Path, tmp_path: Path) -> None:
    exported = write_workbook(closed_plan, tmp_path / "plan.xlsx")
    again = new_plan_from_workbook(read_workbook(exported), tmp_path / "again.okr")
    assert export_plan(again) == export_plan(closed_plan)


def test_importing_a_sheet_into_a_closed_cycle_is_refused(closed_plan: Path,
                                                           tmp_path: Path) -> None:
    """Its OKR rows update an objective and a key result of the closed quarter."""
    path = tmp_path / "plan.okr"
    path.write_bytes(closed_plan.read_bytes())
    workbook = read_workbook(write_workbook(path, tmp_path / "plan.xlsx"))
    edited = _cells(workbook, OKR_SHEET, {"Win Europe": {2: "Win the world"},
                                          "Revenue": {15: 9}})
    with Plan.open(path) as plan:
        before = table_dump(plan)
        with pytest.raises(OperationRefused, match=CLOSED + r" 'Import plan\.xlsx' would "
                                                           r"change the objective “Win the"):
            import_workbook(plan, edited)
        assert table_dump(plan) == before
    assert path.read_bytes() == closed_plan.read_bytes()


def test_records_are_written_as_recorded_changes(closed_plan: Path, tmp_path: Path) -> None:
    """A whole plan's "Records" (times, positions) are written after its rows: as changes the
    transaction records, so a closed cycle refuses them, and undo gives them back."""
    path = tmp_path / "plan.okr"
    path.write_bytes(closed_plan.read_bytes())
    workbook = read_workbook(write_workbook(path, tmp_path / "plan.xlsx"))
    with Plan.open(path) as plan:
        with plan.read() as connection:
            s = Snapshot.load(connection)
        win = next(o.id for o in s.objectives.values() if o.title == "Win Europe")
        oslo = next(o.id for o in s.objectives.values() if o.title == "Open Oslo")
        before = table_dump(plan)
        refused = CLOSED + r" 'Records' would change the objective “Win Europe”"
        with pytest.raises(OperationRefused, match=refused), plan.change("Records") as tx:
            Records(_cells(workbook, RECORDS_SHEET, {win: {4: 7}})).apply(tx)
        assert table_dump(plan) == before
        with plan.change("Records") as tx:
            Records(_cells(workbook, RECORDS_SHEET, {oslo: {4: 7, 3: "2027-02-01"}})).apply(tx)
        changes = tx.changeset()
        assert [(c.table, c.row_id) for c in changes] == [("objectives", oslo)]
        assert changes.rows[0].after is not None
        assert (changes.rows[0].after["position"], changes.rows[0].after["updated_at"]) == (
            7, "2027-02-01")
        plan.apply(changes.inverse())
        assert table_dump(plan) == before


def _cells(workbook: Workbook, name: str, edits: dict[str, dict[int, Cell]]) -> Workbook:
    """The workbook with cells of one sheet changed: {a line's title or id: {column: value}}
    (the title in the third column of the OKRs, the id in the second of the Records)."""
    def edited(line: SheetRow) -> SheetRow:
        key = line.cells[2] if name == OKR_SHEET else line.cells[1]
        changes = edits.get(str(key), {})
        return replace(line, cells=tuple(changes.get(index, cell)
                                         for index, cell in enumerate(line.cells)))

    return replace(workbook, sheets=tuple(
        replace(sheet, rows=tuple(map(edited, sheet.rows))) if sheet.name == name else sheet
        for sheet in workbook.sheets))


def test_a_dangling_score_is_named(closed_plan: Path, tmp_path: Path) -> None:
    path = _edited(closed_plan, tmp_path, "UPDATE objective_scores SET id = 'gone'")
    with Plan.open(path) as plan:
        assert any("objective_scores row gone" in problem and "objectives that does not exist"
                   in problem for problem in plan.problems), plan.problems


def test_a_score_out_of_range_is_named_and_refused(closed_plan: Path, tmp_path: Path) -> None:
    path = _edited(closed_plan, tmp_path, "UPDATE key_result_scores SET value = 1.5")
    with pytest.raises(PlanFileError, match=r"key_result_scores row .*: breaks the rule "
                                            r"value >= 0 AND value <= 1"):
        Plan.open(path)


def _format_3_plan(path: Path) -> Path:
    engine = plan_engine(path)
    with engine.connect() as connection:
        upgrade_to(connection, "0003")
    with engine.connect() as connection:
        for statement in (
            "INSERT INTO levels VALUES (0, 'C-suite', 'l1', 't0', 't0')",
            "INSERT INTO units VALUES ('Alex Chen', 'person', 'CEO', 'l1', NULL, NULL, '', "
            "'u1', 't0', 't0')",
            "INSERT INTO cycles VALUES ('2027-Q1', 'quarter', NULL, '2027-01-01', "
            "'2027-03-31', 'c1', 't0', 't0')",
            "INSERT INTO objectives VALUES ('Win Europe', '', 'u1', 'c1', 'own', 'committed', "
            "'published', NULL, NULL, 0, NULL, 'o1', 't0', 't0')",
        ):
            connection.exec_driver_sql(statement)
        connection.commit()
    engine.dispose()
    return path


def test_a_format_3_plan_is_upgraded(tmp_path: Path) -> None:
    path = _format_3_plan(tmp_path / "old.okr")
    with Plan.open(path) as plan:
        assert plan.backup_path == tmp_path / "old.format3-backup.okr"
        with plan.read() as connection:
            version = connection.exec_driver_sql("PRAGMA user_version").scalar()
            snapshot = Snapshot.load(connection)
        assert version == SCHEMA_VERSION
        assert snapshot.cycles["c1"].closed_at is None and not snapshot.objective_scores
        ops.close_cycle(plan, "c1", {"o1": FinalScore(0.0)}, {})
    assert _snapshot(path).objective_scores["o1"].value == 0.0


def test_a_program_killed_right_after_an_upgrade_leaves_a_plan_that_opens(
        tmp_path: Path) -> None:
    path = _format_3_plan(tmp_path / "old.okr")
    code = ("import os, sys\nfrom okrdesk.storage import Plan\n"
            f"Plan.open({str(path)!r})\nos._exit(0)  # no close: as a kill -9 would leave it\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
    with Plan.open(path) as plan, plan.read() as connection:
        assert connection.exec_driver_sql("PRAGMA user_version").scalar() == SCHEMA_VERSION
        assert not plan.problems


def _edited(source: Path, folder: Path, statement: str) -> Path:
    path = folder / "edited.okr"
    path.write_bytes(source.read_bytes())
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute("PRAGMA ignore_check_constraints = 1")
    connection.execute(statement)
    connection.close()
    return path


def _json(path: Path, document: dict[str, object]) -> Path:
    path.write_text(canonical_json(document), encoding="utf-8")
    return path
