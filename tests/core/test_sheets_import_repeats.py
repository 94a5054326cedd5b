"""What the import remembers to be fast gives the answers it would give without: a value
accepted once is accepted again, one refused is named on every row; the rows a transaction
wrote are the rows it reads back; a row with two records gets both, in order."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from okrdesk.ops.facts import TransactionFacts
from okrdesk.sheets import Sheet, SheetImportError, SheetRow, Workbook
from okrdesk.sheets.cells import RowCells, is_uuid
from okrdesk.sheets.importer import new_plan_from_workbook
from okrdesk.sheets.model import Field
from okrdesk.sheets.plan_rows import RECORDS_SHEET
from okrdesk.sheets.read import read_workbook
from okrdesk.sheets.write import write_workbook
from okrdesk.storage import Plan
from tests.core.builders import small_org


def okr_sheet(*rows: Sequence[Any]) -> Workbook:
    headers = ("Title", "Parent", "Owner", "Level", "Cycle", "Start", "Target", "Weight")
    lines = tuple(SheetRow(number, tuple(cells)) for number, cells in enumerate(rows, start=2))
    return Workbook(Path("okrs.xlsx"), (Sheet("OKRs", headers, lines),))


def test_a_refused_value_is_named_on_every_row_and_accepted_ones_are_kept(
        tmp_path: Path) -> None:
    refused = okr_sheet(["Grow", None, "Alex", "C-suite", "2027-Q1", None, None, None],
                        ["Users", 2, None, None, None, 0, 10, -1],
                        ["Teams", 2, None, None, None, 0, 10, -1],
                        ["Sales", 2, None, None, None, 0, 10, 2])
    with pytest.raises(SheetImportError) as error:
        new_plan_from_workbook(refused, tmp_path / "plan.okr")
    weights = [problem for problem in error.value.problems if problem.column == "Weight"]
    assert [problem.row for problem in weights] == [3, 4]
    assert weights[0].message == weights[1].message
    accepted = okr_sheet(*(line.cells for line in refused.sheets[0].rows[:1]),
                         ["Users", 2, None, None, None, 0, 10, 2],
                         ["Teams", 2, None, None, None, 0, 10, 2])
    with Plan.open(new_plan_from_workbook(accepted, tmp_path / "plan.okr")) as plan, \
            plan.change("read") as tx:
        kept = {row["title"]: (row["start_value"], row["target_value"], row["weight"])
                for row in tx.rows("key_results")}
    assert kept == {"Users": (0, 10, 2), "Teams": (0, 10, 2)}


def test_a_remembered_zero_keeps_its_sign() -> None:
    sheet = Sheet("OKRs", ("Start",), (SheetRow(2, (0.0,)), SheetRow(3, (-0.0,))))
    accepted: dict[tuple[Any, ...], Any] = {}
    values = [RowCells(sheet, row, {Field.START: 0}, [], accepted).field(
        Field.START, "key_results", "start_value", row.cells[0], "start value")
        for row in sheet.rows]
    assert [str(value) for value in values] == ["0.0", "-0.0"]


def test_only_a_uuid_written_out_in_full_is_one() -> None:
    written = str(uuid.uuid4())
    assert is_uuid(written) and is_uuid(written.upper())
    for other in (written.replace("-", ""), "{" + written + "}", f"urn:uuid:{written}",
                  written + "\n", " " + written, written[:-1] + "g", ""):
        assert not is_uuid(other), other


def test_the_rows_a_transaction_wrote_are_the_rows_it_reads_back(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        parent = org.objective("Alex Chen", "Grow")
        with org.plan.change("write") as tx:
            child = tx.insert("objectives", title="Sell", owner_id=org.people["Sam Lee"],
                              cycle_id=org.cycles["2027"], position=0)
            kr = tx.insert("key_results", objective_id=parent, title="Users", kind="increase",
                           position=0)
            tx.update("objectives", child["id"], parent_kr_id=kr["id"])
            written, read = TransactionFacts(tx, written=True), TransactionFacts(tx)
            assert written.objective(child["id"]) == read.objective(child["id"])
            aligned = written.objective(child["id"])
            assert aligned is not None and aligned.parent_kr_id == kr["id"]
            assert written.key_result(kr["id"]) == read.key_result(kr["id"])
            assert written.objective(parent) == read.objective(parent)
            for unit_id in org.people.values():
                assert written.unit(unit_id) == read.unit(unit_id)
            tx.delete("key_results", kr["id"])
            tx.update("objectives", child["id"], parent_kr_id=None)
            assert TransactionFacts(tx, written=True).key_result(kr["id"]) is None


def test_a_row_with_two_records_gets_both_in_order(tmp_path: Path) -> None:
    from okrdesk.demo import build_demo

    exported = read_workbook(write_workbook(build_demo(tmp_path / "demo.okr"),
                                            tmp_path / "demo.xlsx"))
    records = exported.sheet(RECORDS_SHEET)
    assert records is not None
    first = next(line for line in records.rows if line.cells[0] == "objectives")
    later = "2030-01-02T03:04:05.000006+00:00"
    again = SheetRow(records.rows[-1].number + 1,
                     (*first.cells[:3], later, *((None,) * (len(first.cells) - 4))))
    twice = replace(records, rows=(*records.rows, again))
    workbook = replace(exported, sheets=tuple(twice if sheet is records else sheet
                                              for sheet in exported.sheets))
    with Plan.open(new_plan_from_workbook(workbook, tmp_path / "back.okr")) as plan, \
            plan.change("read") as tx:
        row = tx.get("objectives", str(first.cells[1]))
    assert row is not None
    assert (row["created_at"], row["updated_at"]) == (first.cells[2], later)
    assert row["position"] == first.cells[4]
