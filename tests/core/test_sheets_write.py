"""Exporting a plan as XLSX or CSV: the sheets, their looks, safe cells, safe outputs."""

from __future__ import annotations

import csv
import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from okrdesk import ops
from okrdesk.atomic import UnsafeOutputError
from okrdesk.errors import OkrDeskError
from okrdesk.sheets import OKR_HEADERS, OKR_SHEET, ORG_HEADERS, ORG_SHEET, Field, OrgField
from okrdesk.sheets import write as sheet_write
from okrdesk.sheets.companions import org_chart_path
from okrdesk.sheets.plan_rows import (
    OWNER_ID_HEADER,
    PLAN_SHEETS,
    RECORDS_HEADERS,
    RECORDS_SHEET,
    OkrLine,
)
from okrdesk.sheets.safe_cells import REPLACEMENT, csv_cell, csv_text_read, storable_text
from okrdesk.sheets.write import SheetExportError, write_workbook
from okrdesk.sheets.write_xlsx import INDENT, MAX_INDENT_STEPS, indented, records
from tests.core.builders import Org, small_org

COLUMN = {field: index for index, field in enumerate(OKR_HEADERS)}
HOSTILE_TITLES = ("=1+2", "=HYPERLINK(\"http://example.com\",\"click\")", "+SUM(A1:A3)",
                  "-10% churn", "@cmd", "Ümlaut & <xml> \"quotes\" 🚀 مرحبا")


@pytest.fixture
def org(tmp_path: Path) -> Any:
    with small_org(tmp_path / "plan.okr") as made:
        yield made


def aligned_plan(org: Org) -> dict[str, str]:
    """A company objective, a VP objective aligned up under it, and key results."""
    win = org.objective("Alex Chen", "Win Europe")
    revenue = org.key_result(win, "Reach revenue", unit="k EUR", start_value=10,
                             target_value=250.5, current_value=40, confidence=0.7)
    grow = org.objective("Sam Lee", "Grow EU sales", description="Why:\tfirst line\nsecond")
    stands_for = org.align_up(grow, win)
    deals = org.key_result(grow, "Close deals", target_value=12, weight=2)
    return {"win": win, "revenue": revenue, "grow": grow, "stands_for": stands_for,
            "deals": deals}


def okr_rows(path: Path) -> dict[str, tuple[int, tuple[Any, ...]]]:
    """Rows of the OKRs sheet by id: (row number, values)."""
    sheet = openpyxl.load_workbook(path)[OKR_SHEET]
    return {row[0]: (number, row) for number, row in
            enumerate(sheet.iter_rows(min_row=2, values_only=True), 2)}


def test_xlsx_has_the_sheets_headers_frozen_rows_filters_and_widths(org: Org,
                                                                     tmp_path: Path) -> None:
    ids = aligned_plan(org)
    path = write_workbook(org.plan, tmp_path / "out.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [OKR_SHEET, ORG_SHEET, *PLAN_SHEETS, RECORDS_SHEET]
    okrs = book[OKR_SHEET]
    assert [c.value for c in okrs[1]] == [*OKR_HEADERS.values(), OWNER_ID_HEADER]
    assert all(c.font.b for c in okrs[1])
    assert [c.value for c in book[ORG_SHEET][1]] == list(ORG_HEADERS.values())
    assert [c.value for c in book[RECORDS_SHEET][1]] == list(RECORDS_HEADERS)
    for name, (_table, headers, _columns) in PLAN_SHEETS.items():
        assert [c.value for c in book[name][1]] == list(headers)
    for sheet in book:
        assert sheet.freeze_panes == "A2"
        last_row = max(sheet.max_row, 2)  # an empty sheet filters its header and one row
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}" \
                                        f"{last_row}"
    assert okrs.max_row == 1 + 2 + 3  # two objectives, three key results
    # Widths in characters; the file adds the cell padding Excel adds (60 is stored 60.71).
    assert okrs.column_dimensions["C"].width == pytest.approx(60, abs=1)  # Title
    assert okrs.column_dimensions["A"].width == pytest.approx(38, abs=1)  # Id
    assert set(okr_rows(path)) == set(ids.values())


def test_number_formats_percent_confidence_plain_values_and_dates(org: Org,
                                                                  tmp_path: Path) -> None:
    ids = aligned_plan(org)
    path = write_workbook(org.plan, tmp_path / "out.xlsx")
    sheet = openpyxl.load_workbook(path)[OKR_SHEET]
    number = okr_rows(path)[ids["revenue"]][0]
    confidence = sheet.cell(number, COLUMN[Field.CONFIDENCE] + 1)
    assert confidence.value == pytest.approx(0.7) and confidence.number_format == "0%"
    target = sheet.cell(number, COLUMN[Field.TARGET] + 1)
    assert target.value == 250.5 and target.data_type == "n"
    assert target.number_format == "General"
    starts = sheet.cell(number, COLUMN[Field.STARTS_ON] + 1)
    assert starts.value == datetime(2027, 1, 1) and starts.number_format == "yyyy-mm-dd"
    row = okr_rows(path)[ids["revenue"]][1]
    assert row[COLUMN[Field.TYPE]] == "Key result"
    assert row[COLUMN[Field.PARENT]] == ids["win"]
    assert row[COLUMN[Field.MEASURE]] == "increase"
    assert row[COLUMN[Field.UNIT]] == "k EUR"
    stands_for = okr_rows(path)[ids["stands_for"]][1]
    assert stands_for[COLUMN[Field.MEASURE]] == "objective"


def test_titles_are_indented_by_alignment_depth_key_results_one_further(
        org: Org, tmp_path: Path) -> None:
    ids = aligned_plan(org)
    path = write_workbook(org.plan, tmp_path / "out.xlsx")
    rows = okr_rows(path)
    expected = {"win": (0, "Win Europe"), "revenue": (1, "Reach revenue"),
                "stands_for": (1, "Grow EU sales"), "grow": (1, "Grow EU sales"),
                "deals": (2, "Close deals")}
    for name, (steps, title) in expected.items():
        assert rows[ids[name]][1][COLUMN[Field.TITLE]] == INDENT * steps + title, name
    # No row groups: they would take the writer out of its streaming mode.
    sheet = openpyxl.load_workbook(path)[OKR_SHEET]
    assert all(not dimension.outline_level for dimension in sheet.row_dimensions.values())
    # Each objective is followed by its own key results, the company's first.
    order = [row[0] for _, row in sorted(rows.values())]
    assert order == [ids["win"], ids["revenue"], ids["stands_for"], ids["grow"], ids["deals"]]
    # The CSV export holds the titles as they are.
    write_workbook(org.plan, tmp_path / "out.csv")
    with (tmp_path / "out.csv").open(encoding="utf-8-sig", newline="") as handle:
        titles = {row["Id"]: row["Title"] for row in csv.DictReader(handle)}
    assert titles[ids["deals"]] == "Close deals"


def test_an_alignment_deeper_than_the_indentation_stays_at_its_deepest() -> None:
    # Only a hand-edited plan aligns that deep: levels end sooner.
    cells = ("id", "Objective", "Deep", *(None,) * (len(OKR_HEADERS) - 3), "owner")
    deep = indented(OkrLine(True, MAX_INDENT_STEPS + 5, cells))
    assert deep[COLUMN[Field.TITLE]] == INDENT * MAX_INDENT_STEPS + "Deep"
    assert deep[:COLUMN[Field.TITLE]] == cells[:COLUMN[Field.TITLE]]
    assert deep[COLUMN[Field.TITLE] + 1:] == cells[COLUMN[Field.TITLE] + 1:]
    assert indented(OkrLine(False, 0, cells)) is cells


def test_org_chart_names_managers_by_id(org: Org, tmp_path: Path) -> None:
    path = write_workbook(org.plan, tmp_path / "out.xlsx")
    sheet = openpyxl.load_workbook(path)[ORG_SHEET]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    sam = rows[org.people["Sam Lee"]]
    column = {field: index for index, field in enumerate(ORG_HEADERS)}
    assert sam[column[OrgField.NAME]] == "Sam Lee"
    assert sam[column[OrgField.MANAGER]] == org.people["Alex Chen"]
    assert sam[column[OrgField.ROLE]] == "VP Sales"
    assert sam[column[OrgField.LEVEL]] == "Vice Presidents"
    assert sam[column[OrgField.FUNCTION]] == "Sales"
    assert sam[column[OrgField.KIND]] == "person"
    assert len(rows) == len(org.people)


def test_okr_rows_name_their_owner_by_id_too(org: Org, tmp_path: Path) -> None:
    ids = aligned_plan(org)
    rows = okr_rows(write_workbook(org.plan, tmp_path / "out.xlsx"))
    assert rows[ids["grow"]][1][-1] == org.people["Sam Lee"]
    assert rows[ids["deals"]][1][-1] == org.people["Sam Lee"]
    assert rows[ids["grow"]][1][COLUMN[Field.OWNER]] == "Sam Lee"


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_formula_looking_titles_stay_text(org: Org, tmp_path: Path, title: str) -> None:
    objective = org.objective("Alex Chen", title)
    org.key_result(objective, title, unit="=A1")
    xlsx = write_workbook(org.plan, tmp_path / "out.xlsx")
    sheet = openpyxl.load_workbook(xlsx)[OKR_SHEET]  # formulas as written, not their values
    for row in sheet.iter_rows(min_row=2):
        assert row[COLUMN[Field.TITLE]].value.strip() == title  # the key result indented
        assert row[COLUMN[Field.TITLE]].data_type == "s"
    kr_unit = sheet.cell(3, COLUMN[Field.UNIT] + 1)
    assert kr_unit.value == "=A1" and kr_unit.data_type == "s"
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)

    written = write_workbook(org.plan, tmp_path / "out.csv")
    with written.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))[1:]
    marked = title[0] in "=+-@"
    for row in rows:
        assert row[COLUMN[Field.TITLE]] == ("'" + title if marked else title)
        assert csv_text_read(row[COLUMN[Field.TITLE]]) == title


def test_rule_for_characters_a_spreadsheet_cannot_hold() -> None:
    assert storable_text("a\x00b\x07c\x1fd") == f"a{REPLACEMENT}b{REPLACEMENT}c{REPLACEMENT}d"
    assert storable_text("tab\tline\nreturn\r") == "tab\tline\nreturn\r"
    assert storable_text("\x7f\x85 stays") == "\x7f\x85 stays"  # XLSX holds these
    assert csv_cell("\x01=x") == f"{REPLACEMENT}=x"
    assert csv_cell("\t=cmd") == "'\t=cmd"
    assert csv_cell(None) == ""
    assert csv_cell(78.0) == 78 and csv_cell(0.1) == 0.1
    assert csv_cell(float("inf")) == "inf"
    assert csv_text_read("'plain") == "'plain"  # an apostrophe before ordinary text is kept


def test_a_hand_edited_control_character_is_replaced_in_both_formats(org: Org,
                                                                      tmp_path: Path) -> None:
    objective = org.objective("Alex Chen", "Clean title")
    org.close()
    connection = sqlite3.connect(tmp_path / "plan.okr")
    connection.execute("UPDATE objectives SET title = ?, description = ? WHERE id = ?",
                       ("bad\x01title\x1b[31m", "tab\there\nline two", objective))
    connection.commit()
    connection.close()
    xlsx = write_workbook(tmp_path / "plan.okr", tmp_path / "out.xlsx")
    row = okr_rows(xlsx)[objective][1]
    assert row[COLUMN[Field.TITLE]] == f"bad{REPLACEMENT}title{REPLACEMENT}[31m"
    assert row[COLUMN[Field.DESCRIPTION]] == "tab\there\nline two"
    written = write_workbook(tmp_path / "plan.okr", tmp_path / "out.csv")
    with written.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[1][COLUMN[Field.TITLE]] == f"bad{REPLACEMENT}title{REPLACEMENT}[31m"
    assert rows[1][COLUMN[Field.DESCRIPTION]] == "tab\there\nline two"


def test_csv_is_utf8_with_bom_and_has_its_org_chart_beside(org: Org, tmp_path: Path) -> None:
    ids = aligned_plan(org)
    path = write_workbook(org.plan, tmp_path / "plan export.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbfId,Type,Title,")
    org_chart = tmp_path / "plan export-org-chart.csv"
    assert org_chart_path(path) == org_chart
    assert org_chart.read_bytes().startswith(b"\xef\xbb\xbfId,Name,E-mail,")
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = {row[0]: row for row in csv.reader(stream)}
    revenue = rows[ids["revenue"]]
    assert revenue[COLUMN[Field.TARGET]] == "250.5"
    assert revenue[COLUMN[Field.START]] == "10"
    assert revenue[COLUMN[Field.CONFIDENCE]] == "0.7"
    assert revenue[COLUMN[Field.STARTS_ON]] == "2027-01-01"
    assert rows[ids["grow"]][COLUMN[Field.DESCRIPTION]] == "Why:\tfirst line\nsecond"
    with org_chart.open(encoding="utf-8-sig", newline="") as stream:
        assert len(list(csv.reader(stream))) == 1 + len(org.people)


def test_never_writes_over_a_plan_or_the_input(org: Org, tmp_path: Path) -> None:
    org.objective("Alex Chen", "Win Europe")
    plan_path = tmp_path / "plan.okr"
    other = ops.new_plan(tmp_path / "other.okr", name="Other")
    other.close()
    org.close()
    before = {p: p.read_bytes() for p in (plan_path, tmp_path / "other.okr")}
    for target in (plan_path, tmp_path / "other.okr"):
        with pytest.raises(UnsafeOutputError):
            write_workbook(plan_path, target)
    (tmp_path / "renamed.xlsx").write_bytes(before[plan_path])  # a plan under an xlsx name
    with pytest.raises(UnsafeOutputError, match="OKR Desk plan"):
        write_workbook(plan_path, tmp_path / "renamed.xlsx")
    (tmp_path / "out-org-chart.csv").write_bytes(before[plan_path])
    with pytest.raises(UnsafeOutputError):
        write_workbook(plan_path, tmp_path / "out.csv")
    assert not (tmp_path / "out.csv").exists()
    with pytest.raises(SheetExportError, match=r"\.xlsx or \.csv"):
        write_workbook(plan_path, tmp_path / "out.ods")
    assert {p: p.read_bytes() for p in before} == before
    assert not list(tmp_path.glob(".*.tmp"))


def test_replaces_an_older_export_whole(org: Org, tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    path.write_text("an older export")
    org.objective("Alex Chen", "Win Europe")
    write_workbook(tmp_path / "plan.okr", path)
    assert openpyxl.load_workbook(path)[OKR_SHEET].max_row == 2
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_plan_too_large_for_a_sheet_is_refused_clearly(org: Org, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    aligned_plan(org)
    monkeypatch.setattr(sheet_write, "MAX_ROWS", 4)
    with pytest.raises(SheetExportError, match=r"at most 3\. Export it as JSON"):
        write_workbook(org.plan, tmp_path / "out.xlsx")
    assert not (tmp_path / "out.xlsx").exists()


def test_a_missing_or_foreign_input_is_named(tmp_path: Path) -> None:
    with pytest.raises(OkrDeskError, match=r"missing\.okr"):
        write_workbook(tmp_path / "missing.okr", tmp_path / "out.xlsx")
    (tmp_path / "notes.okr").write_text("not a plan")
    with pytest.raises(OkrDeskError, match=r"notes\.okr"):
        write_workbook(tmp_path / "notes.okr", tmp_path / "out.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.okr"]


def test_xlsx_rows_are_cleaned_only_where_needed() -> None:
    headers = ("A", "B", "C")
    assert records(headers, [("plain", 1.5, "")]) == [{"A": "plain", "B": 1.5, "C": ""}]
    assert records(headers, [("bad\x01", 2.0, None), ("good", 1.0, None)]) == [
        {"A": f"bad{REPLACEMENT}", "B": 2.0, "C": None}, {"A": "good", "B": 1.0, "C": None}]
    assert records(headers, [("x", float("inf"), 1e308)]) == [{"A": "x", "B": "inf",
                                                               "C": 1e308}]
    assert records(headers, [("x", float("nan"), -1.0)]) == [{"A": "x", "B": "nan", "C": -1.0}]
    # Finite numbers whose sum is not finite are kept as numbers.
    assert records(headers, [("x", 1e308, 1e308)]) == [{"A": "x", "B": 1e308, "C": 1e308}]
    days = ("Start date", "End date", "C")
    assert records(days, [("2027-01-01", "not a day", None), ("2027-01-01", "", 3.0)]) == [
        {"Start date": date(2027, 1, 1), "End date": "not a day", "C": None},
        {"Start date": date(2027, 1, 1), "End date": "", "C": 3.0}]
    assert records(headers, []) == [{"A": None, "B": None, "C": None}]
