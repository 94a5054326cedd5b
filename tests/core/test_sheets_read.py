"""Reading CSV and XLSX files into sheets, and refusing the files that are not safe to read."""

from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook as OpenpyxlWorkbook

from okrdesk.errors import OkrDeskError
from okrdesk.sheets.model import Sheet
from okrdesk.sheets.read import read_workbook
from okrdesk.sheets.read_errors import (
    EmptySheetError,
    NotASpreadsheetError,
    TooManyRowsError,
    UnknownSheetError,
    UnsafeWorkbookError,
)
from tests.core import sheet_fixtures
from tests.core.sheet_fixtures import write_sheets


def only_sheet(path: Path, *, sheet: str | None = None, max_rows: int = 1_000_000) -> Sheet:
    book = read_workbook(path, sheet=sheet, max_rows=max_rows)
    assert len(book.sheets) == 1
    return book.sheets[0]


def column(sheet: Sheet, header: str) -> list[object]:
    index = sheet.headers.index(header)
    return [row.cells[index] for row in sheet.rows]


# --- XLSX ------------------------------------------------------------------------------------

def test_flat_sheet_keeps_numbers_and_reads_dates_as_iso_text(tmp_path: Path) -> None:
    sheet = only_sheet(sheet_fixtures.flat_okr_sheet(tmp_path / "okrs.xlsx"))
    assert sheet.name == "OKRs"
    assert sheet.header_row == 1
    assert sheet.headers[:3] == ("Type", "Title", "Parent row")
    assert [row.number for row in sheet.rows] == list(range(2, 10))
    assert column(sheet, "Parent row")[:3] == [None, 2, 2]
    assert column(sheet, "Target")[1] == 12 and column(sheet, "Current")[1] == 9.5
    assert column(sheet, "End date")[0] == "2027-03-31"
    assert column(sheet, "Title")[1] == "Reach 12 M€ ARR"


def test_every_sheet_is_read_and_one_can_be_chosen_by_name(tmp_path: Path) -> None:
    path = sheet_fixtures.flat_okr_and_org_sheets(tmp_path / "plan.xlsx")
    assert [s.name for s in read_workbook(path).sheets] == ["OKRs", "Org chart"]
    chosen = only_sheet(path, sheet="org chart")
    assert chosen.name == "Org chart"
    assert column(chosen, "Manager")[1] == "maya@example.com"


def test_unknown_sheet_lists_the_sheets_there(tmp_path: Path) -> None:
    path = sheet_fixtures.flat_okr_and_org_sheets(tmp_path / "plan.xlsx")
    with pytest.raises(UnknownSheetError) as raised:
        read_workbook(path, sheet="Goals")
    message = str(raised.value)
    assert message.startswith("plan.xlsx: ")
    assert "'Goals'" in message and "'OKRs', 'Org chart'" in message
    assert raised.value.available == ["OKRs", "Org chart"]


def test_header_row_is_the_first_row_with_a_cell(tmp_path: Path) -> None:
    sheet = only_sheet(sheet_fixtures.other_tool_export(tmp_path / "export.xlsx"))
    assert sheet.header_row == 2
    assert sheet.headers[0] == "Goal Name"
    assert sheet.rows[0].number == 3
    assert column(sheet, "Parent Goal")[1] == "Grow recurring revenue"


def test_blank_rows_and_trailing_blank_columns_are_dropped(tmp_path: Path) -> None:
    path = write_sheets(tmp_path / "gaps.xlsx", {"OKRs": [
        [None, None],
        ["Title", "Target", None, "  "],
        ["Grow", 3, None, None, None],
        [None, None, None],
        ["  ", None],
        ["Ship", None, None, None, None, None],
    ]})
    sheet = only_sheet(path)
    assert sheet.headers == ("Title", "Target")
    assert [(row.number, row.cells) for row in sheet.rows] == [(3, ("Grow", 3)),
                                                               (6, ("Ship", None))]


def test_a_value_right_of_the_headers_keeps_its_column(tmp_path: Path) -> None:
    path = write_sheets(tmp_path / "wide.xlsx", {"OKRs": [
        ["Title", "Target"], ["Grow", 3, None, "note"]]})
    sheet = only_sheet(path)
    assert sheet.headers == ("Title", "Target", "", "")
    assert sheet.rows[0].cells == ("Grow", 3, None, "note")


def test_empty_sheets_are_skipped_and_an_empty_workbook_refused(tmp_path: Path) -> None:
    path = write_sheets(tmp_path / "two.xlsx", {"Notes": [], "OKRs": [["Title"], ["Grow"]]})
    assert [s.name for s in read_workbook(path).sheets] == ["OKRs"]
    with pytest.raises(EmptySheetError, match=r"two.xlsx: sheet 'Notes' holds no cells"):
        read_workbook(path, sheet="Notes")
    empty = write_sheets(tmp_path / "empty.xlsx", {"Sheet1": [[None, None]]})
    with pytest.raises(EmptySheetError, match=r"empty.xlsx: the workbook holds no cells"):
        read_workbook(empty)


def _workbook_with_formula(path: Path, cached: str | None) -> Path:
    book = OpenpyxlWorkbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Title", "Start", "Target"])
    sheet.append(["Grow", 2, "=B2*21"])
    book.save(path)
    if cached is None:
        return path
    patched = path.with_name("patched-" + path.name)
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(patched, "w",
                                                            zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                data, found = re.subn(rb"<f>B2\*21</f>(<v\s*/>|<v></v>)",
                                      f"<f>B2*21</f><v>{cached}</v>".encode(), data)
                assert found == 1
            target.writestr(member, data)
    return patched


def test_formula_reads_its_cached_value_and_is_never_evaluated(tmp_path: Path) -> None:
    # The saved value (41) differs from what the formula computes (42): the saved one is read.
    path = _workbook_with_formula(tmp_path / "cached.xlsx", cached="41")
    assert column(only_sheet(path), "Target") == [41]


def test_formula_without_a_cached_value_reads_none(tmp_path: Path) -> None:
    path = _workbook_with_formula(tmp_path / "uncached.xlsx", cached=None)
    assert column(only_sheet(path), "Target") == [None]


def test_too_many_rows_are_refused_with_their_count(tmp_path: Path) -> None:
    path = write_sheets(tmp_path / "many.xlsx",
                        {"OKRs": [["Title"], *([f"Objective {n}"] for n in range(25))]})
    assert len(only_sheet(path, max_rows=25).rows) == 25
    with pytest.raises(TooManyRowsError,
                       match=r"many.xlsx: sheet 'OKRs' has 25 rows .* at most 10 "):
        read_workbook(path, max_rows=10)


# --- files that are not what they say ----------------------------------------------------------

def test_text_file_named_xlsx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_text("Title,Target\nGrow,3\n", encoding="utf-8")
    with pytest.raises(NotASpreadsheetError,
                       match=r"^plan.xlsx: is not an XLSX workbook \(not a ZIP archive\)$"):
        read_workbook(path)


def test_renamed_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("holiday.txt", "not a workbook")
    with pytest.raises(NotASpreadsheetError, match=r"without xl/workbook.xml"):
        read_workbook(path)


def test_damaged_workbook_is_refused_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook><sheets>")
    with pytest.raises(NotASpreadsheetError, match=r"damaged.xlsx: cannot be read as an XLSX"):
        read_workbook(path)


def test_old_xls_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "old.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    with pytest.raises(NotASpreadsheetError, match=r"old Excel .xls file .* save it as .xlsx"):
        read_workbook(path)
    with pytest.raises(NotASpreadsheetError, match=r"old.xls: is not a CSV or XLSX file .* "
                                                   r"save it as .xlsx"):
        read_workbook(path.rename(tmp_path / "old.xls"))


def _zip_of_zeros(path: Path, megabytes: int) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = b"0" * (1 << 20)
            for _ in range(megabytes):
                member.write(chunk)
    return path


def test_zip_bomb_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    path = _zip_of_zeros(tmp_path / "bomb.xlsx", megabytes=201)
    assert path.stat().st_size < 1_000_000
    started = time.perf_counter()
    with pytest.raises(UnsafeWorkbookError, match=r"bomb.xlsx: would inflate to 201 MB"):
        read_workbook(path)
    assert time.perf_counter() - started < 1  # refused from the ZIP directory, not by inflating


def test_part_that_inflates_far_beyond_its_size_is_refused(tmp_path: Path) -> None:
    path = _zip_of_zeros(tmp_path / "dense.xlsx", megabytes=4)
    with pytest.raises(UnsafeWorkbookError,
                       match=r"part xl/worksheets/sheet1.xml would inflate [\d,]+ times"):
        read_workbook(path)


def test_missing_file_and_unknown_kind_are_refused(tmp_path: Path) -> None:
    with pytest.raises(NotASpreadsheetError, match=r"^gone.csv: no such file$"):
        read_workbook(tmp_path / "gone.csv")
    other = tmp_path / "plan.pdf"
    other.write_bytes(b"%PDF-1.7")
    with pytest.raises(NotASpreadsheetError, match=r"plan.pdf: is not a CSV or XLSX file"):
        read_workbook(other)


def test_every_refusal_is_an_okr_desk_error(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"")
    with pytest.raises(OkrDeskError):
        read_workbook(path)


# --- CSV ---------------------------------------------------------------------------------------

def test_windows_1252_csv_reads_accents_and_euro(tmp_path: Path) -> None:
    path = tmp_path / "objectifs.csv"
    path.write_bytes("Titre,Unité\nRéussir le lancement,€\n".encode("cp1252"))
    sheet = only_sheet(path)
    assert sheet.name == "objectifs"
    assert sheet.headers == ("Titre", "Unité")
    assert sheet.rows[0].cells == ("Réussir le lancement", "€")


def test_utf8_with_bom_does_not_leak_the_mark_into_the_first_header(tmp_path: Path) -> None:
    path = tmp_path / "okrs.csv"
    path.write_bytes("Title,Unit\nReach 12 M€ ARR,M€\n".encode("utf-8-sig"))
    sheet = only_sheet(path)
    assert sheet.headers == ("Title", "Unit")
    assert sheet.rows[0].cells == ("Reach 12 M€ ARR", "M€")


def test_utf16_text_as_excel_saves_it_reads_tab_separated(tmp_path: Path) -> None:
    path = tmp_path / "okrs.txt"
    path.write_bytes("Title\tTarget\r\nGrow ünits\t40\r\n".encode("utf-16"))
    assert only_sheet(path).rows[0].cells == ("Grow ünits", "40")


def test_mixed_encodings_decode_as_windows_1252_whole(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"Title\n" + "Réussir\n".encode("cp1252") + "Déployer\n".encode())
    assert column(only_sheet(path), "Title") == ["Réussir", "DÃ©ployer"]


def test_semicolon_csv_with_decimal_commas_keeps_numbers_as_written(tmp_path: Path) -> None:
    path = tmp_path / "okrs.csv"
    path.write_text("Title;Start;Target;Current\n"
                    "Reach 12 M€ ARR;8;12;9,5\n"
                    "\"Cut churn; keep margin\";3,25;2;2,75\n", encoding="utf-8")
    sheet = only_sheet(path)
    assert sheet.headers == ("Title", "Start", "Target", "Current")
    assert sheet.rows[0].cells == ("Reach 12 M€ ARR", "8", "12", "9,5")
    assert sheet.rows[1].cells == ("Cut churn; keep margin", "3,25", "2", "2,75")


def test_quoting_is_excels_and_spaces_after_a_separator_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "okrs.csv"
    path.write_text('Id; Title;Target\n1;  Grow;3\n2;"Say ""hi""; then ship";4\n',
                    encoding="utf-8")
    sheet = only_sheet(path)
    assert sheet.headers == ("Id", "Title", "Target")
    assert column(sheet, "Title") == ["  Grow", 'Say "hi"; then ship']


def test_irregular_rows_still_split_on_the_header_separator(tmp_path: Path) -> None:
    path = tmp_path / "okrs.csv"
    path.write_text("Title;Target\nGrow;3;;\nShip\n", encoding="utf-8")
    sheet = only_sheet(path)
    assert sheet.headers == ("Title", "Target")
    assert [row.cells for row in sheet.rows] == [("Grow", "3"), ("Ship", None)]


def test_tab_separated_and_single_column_files(tmp_path: Path) -> None:
    tabs = tmp_path / "okrs.tsv"
    tabs.write_text("Title\tTarget\nGrow, fast\t3\n", encoding="utf-8")
    assert only_sheet(tabs).rows[0].cells == ("Grow, fast", "3")
    single = tmp_path / "titles.csv"
    single.write_text("Title\nGrow\nShip\n", encoding="utf-8")
    assert column(only_sheet(single), "Title") == ["Grow", "Ship"]


def test_csv_keeps_indentation_ids_and_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "okrs.csv"
    path.write_text("\n,\nId,Title,Target\n007,Grow,\n\n,  Sign 40 customers,40\n",
                    encoding="utf-8")
    sheet = only_sheet(path)
    assert sheet.header_row == 3
    assert [(row.number, row.cells) for row in sheet.rows] == [
        (4, ("007", "Grow", None)), (6, (None, "  Sign 40 customers", "40"))]


def test_csv_sheet_name_is_the_file_stem(tmp_path: Path) -> None:
    path = tmp_path / "okrs.csv"
    path.write_text("Title\nGrow\n", encoding="utf-8")
    assert only_sheet(path, sheet="OKRS").name == "okrs"
    with pytest.raises(UnknownSheetError, match=r"no sheet 'Org chart'; the sheets are: 'okrs'"):
        read_workbook(path, sheet="Org chart")


def test_empty_and_blank_csv_are_refused(tmp_path: Path) -> None:
    for name, content in [("empty.csv", b""), ("blank.csv", b"\r\n,,\r\n \t \r\n\r\n")]:
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(EmptySheetError, match=rf"^{name}: the file holds no cells$"):
            read_workbook(path)


def test_binary_or_zip_named_csv_is_refused(tmp_path: Path) -> None:
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(NotASpreadsheetError, match=r"photo.csv: is not a text file"):
        read_workbook(binary)
    workbook = sheet_fixtures.flat_okr_sheet(tmp_path / "okrs.xlsx")
    with pytest.raises(NotASpreadsheetError, match=r"okrs.csv: is a ZIP archive"):
        read_workbook(workbook.rename(tmp_path / "okrs.csv"))


def test_csv_rows_beyond_the_limit_are_refused_with_their_count(tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    path.write_text("Title\n" + "".join(f"Objective {n}\n" for n in range(30)), encoding="utf-8")
    with pytest.raises(TooManyRowsError, match=r"many.csv: sheet 'many' has 30 rows"):
        read_workbook(path, max_rows=29)


# --- large sheets ------------------------------------------------------------------------------

def _large_workbook(path: Path, rows: int) -> Path:
    book = OpenpyxlWorkbook(write_only=True)
    sheet = book.create_sheet("OKRs")
    sheet.append(["Id", "Type", "Title", "Parent id", "Owner", "Target", "Current", "Unit"])
    for n in range(rows):
        parent = None if n % 5 == 0 else f"O-{n - n % 5}"
        sheet.append([f"O-{n}", "Objective" if parent is None else "Key result",
                      f"Outcome number {n}", parent, f"person{n % 997}@example.com",
                      100 + n % 50, n % 100 + 0.5, "customers"])
    book.save(path)
    return path


def _read_large(path: Path, rows: int) -> float:
    started = time.perf_counter()
    sheet = only_sheet(path)
    seconds = time.perf_counter() - started
    assert len(sheet.rows) == rows
    assert sheet.rows[-1].number == rows + 1
    assert sheet.rows[-1].cells[:4] == (f"O-{rows - 1}", "Key result",
                                        f"Outcome number {rows - 1}", f"O-{rows - 5}")
    assert sheet.rows[-1].cells[5:] == (100 + (rows - 1) % 50, (rows - 1) % 100 + 0.5,
                                        "customers")
    return seconds


def test_twenty_thousand_rows_are_read(tmp_path: Path) -> None:
    seconds = _read_large(_large_workbook(tmp_path / "large.xlsx", 20_000), 20_000)
    assert seconds < 15  # about 2.5 s measured on an idle machine


@pytest.mark.slow
def test_two_hundred_thousand_rows_are_streamed(tmp_path: Path,
                                                request: pytest.FixtureRequest) -> None:
    if "slow" not in (request.config.option.markexpr or ""):
        pytest.skip("the 200,000-row sheet (about 40 s) is read with -m slow")
    seconds = _read_large(_large_workbook(tmp_path / "huge.xlsx", 200_000), 200_000)
    assert seconds < 120  # about 25 s idle: a bound against a slip, not a benchmark


def test_the_apostrophe_before_formula_looking_text_is_dropped_on_reading(tmp_path: Path) -> None:
    path = tmp_path / "marked.csv"
    path.write_text("Title,Note\n'=SUM(A1),'-10% churn\n'plain,'+1 new\n", encoding="utf-8")
    rows = [row.cells for row in read_workbook(path).sheets[0].rows]
    assert rows == [("=SUM(A1)", "-10% churn"), ("'plain", "+1 new")]
