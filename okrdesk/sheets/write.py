"""Export a plan as an XLSX workbook or as CSV files (docs/SPREADSHEETS.md).

XLSX: "OKRs" (columns OKR_HEADERS, then "Owner id"; one row per objective followed by its key
results; titles indented by how deep the objective sits in the alignment, key result rows
grouped one outline level below their objective) and "Org chart" (ORG_HEADERS; Manager holds
the manager's id), then the sheets that let an import rebuild the plan exactly
(okrdesk/sheets/plan_rows.py): Levels, Functions, Cycles, Links, Check-ins, Canvas, Settings
and Records. Every sheet has a bold, frozen header row, a filter and column widths; confidence
is shown in percent, values as plain numbers (16 significant digits, as the library writes
them), dates as dates.

CSV: the OKR rows only (the same columns) in FILE.csv, and the org chart beside it in
FILE-org-chart.csv, both UTF-8 with a byte order mark so that spreadsheet programs read them
right. CSV cannot hold what the other sheets hold: level ranks and levels nobody holds,
functions and cycles no row names, cycle kinds and parents, contributes-to links, check-ins,
canvas positions, settings, row times, positions, visibility and copied-from links.

Cells are written by the rules of okrdesk/sheets/safe_cells.py; every file through
okrdesk.atomic, never over the plan itself nor any other plan.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from copy import copy
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook as XlsxWorkbook
from openpyxl.cell import Cell as XlsxCell
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.properties import Outline

from okrdesk.atomic import atomic_write, refuse_unsafe_output
from okrdesk.errors import OkrDeskError
from okrdesk.sheets.model import OKR_HEADERS, OKR_SHEET, ORG_HEADERS, ORG_SHEET, Cell, Field
from okrdesk.sheets.plan_rows import (
    OWNER_ID_HEADER,
    PLAN_SHEETS,
    RECORD_TABLES,
    RECORDS_HEADERS,
    RECORDS_SHEET,
    PlanRows,
)
from okrdesk.sheets.safe_cells import csv_cell, storable_text
from okrdesk.storage import Plan

SHEET_SUFFIXES = (".xlsx", ".csv")
ORG_CHART_SUFFIX = "-org-chart"
MAX_ROWS = 1_048_576  # what a worksheet holds, the header included
MAX_INDENT = 15  # the deepest indent spreadsheet programs offer
PERCENT = "0%"
DAY = "yyyy-mm-dd"
_WIDTHS = {"Title": 60, "Description": 40, "Note": 40, "Id": 38, "Parent id": 38,
           "Manager": 38, "Source id": 38, "Target id": 38, "Key result id": 38,
           "Copied from id": 38, OWNER_ID_HEADER: 38, "Owner e-mail": 28, "E-mail": 28,
           "Name": 28, "Owner": 24,
           "Created at": 34, "Updated at": 34, "At": 34, "Value": 16}
_PERCENT_HEADERS = {"Confidence"}
_DATE_HEADERS = {"Start date", "End date"}
_TITLE = list(OKR_HEADERS).index(Field.TITLE)
OKR_COLUMNS = (*OKR_HEADERS.values(), OWNER_ID_HEADER)


class SheetExportError(OkrDeskError):
    """A plan cannot be written as a spreadsheet where asked."""


def org_chart_path(csv_path: Path) -> Path:
    """Where a CSV export puts its org chart: FILE-org-chart.csv beside FILE.csv."""
    return csv_path.with_name(f"{csv_path.stem}{ORG_CHART_SUFFIX}{csv_path.suffix}")


def write_workbook(plan_or_path: Plan | Path | str, out_path: Path | str) -> Path:
    """Write the plan to `out_path` (.xlsx, or .csv with its org chart beside); return it."""
    out_path = Path(out_path)
    source = plan_or_path.path if isinstance(plan_or_path, Plan) else Path(plan_or_path)
    refuse_unsafe_output(out_path, sources=(source,))
    suffix = out_path.suffix.lower()
    if suffix not in SHEET_SUFFIXES:
        raise SheetExportError(f"{out_path.name}: a spreadsheet export ends in .xlsx or .csv")
    if suffix == ".csv":
        refuse_unsafe_output(org_chart_path(out_path), sources=(source,))
    rows = _read(plan_or_path)
    _refuse_too_many_rows(rows, out_path)
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        if suffix == ".xlsx":
            _write_xlsx(rows, out_path)
        else:
            _write_csv(rows, out_path)
    except OSError as error:
        raise SheetExportError(
            f"{out_path}: cannot be written ({error.strerror or error})") from None
    return out_path


def _read(plan_or_path: Plan | Path | str) -> PlanRows:
    with ExitStack() as stack:
        plan = (plan_or_path if isinstance(plan_or_path, Plan) else
                stack.enter_context(Plan.open(Path(plan_or_path), read_only=True)))
        with plan.read() as connection:
            return PlanRows.load(connection)
    raise AssertionError("unreachable")  # pragma: no cover - for the type checker


def _refuse_too_many_rows(rows: PlanRows, out_path: Path) -> None:
    s = rows.snapshot
    okr_rows = len(s.objectives) + len(s.key_results)
    records = sum(len(getattr(s, t)) for t in RECORD_TABLES if t != "check_ins")
    largest = max(okr_rows, records + len(rows.check_ins))
    if largest + 1 > MAX_ROWS:
        raise SheetExportError(
            f"{out_path.name}: the plan has {largest:,} rows for one sheet; a spreadsheet "
            f"holds at most {MAX_ROWS - 1:,}. Export it as JSON instead")


# -- CSV ------------------------------------------------------------------------------------


def _write_csv(rows: PlanRows, path: Path) -> None:
    _write_csv_file(org_chart_path(path), ORG_HEADERS.values(), rows.org_rows())
    _write_csv_file(path, OKR_COLUMNS, (line.cells for line in rows.okr_lines()))


def _write_csv_file(path: Path, headers: Iterable[str],
                    rows: Iterator[tuple[Cell, ...]]) -> None:
    with atomic_write(path, binary=False, encoding="utf-8-sig") as stream:
        writer = csv.writer(stream)
        writer.writerow(list(headers))
        for row in rows:
            writer.writerow([csv_cell(value) for value in row])


# -- XLSX -----------------------------------------------------------------------------------


def _write_xlsx(rows: PlanRows, path: Path) -> None:
    book = XlsxWorkbook(write_only=True)
    _write_okr_sheet(book, rows)
    _SheetWriter(book, ORG_SHEET, tuple(ORG_HEADERS.values())).write_all(rows.org_rows())
    for name, (_table, headers, _columns) in PLAN_SHEETS.items():
        _SheetWriter(book, name, headers).write_all(rows.table_rows(name))
    _SheetWriter(book, RECORDS_SHEET, RECORDS_HEADERS).write_all(rows.record_rows())
    with atomic_write(path) as stream:
        book.save(stream)


def _write_okr_sheet(book: XlsxWorkbook, rows: PlanRows) -> None:
    sheet = _SheetWriter(book, OKR_SHEET, OKR_COLUMNS,
                         outline=Outline(summaryBelow=False))
    titles: dict[int, XlsxCell] = {}
    for line in rows.okr_lines():
        indent = min(line.depth + line.is_key_result, MAX_INDENT)
        title = titles.get(indent)
        if title is None:
            title = titles[indent] = WriteOnlyCell(sheet.sheet)
            title.alignment = Alignment(indent=indent)
        outline_level = 1 if line.is_key_result else 0
        sheet.write(line.cells, styled={_TITLE: title}, outline_level=outline_level)
    sheet.finish()


class _SheetWriter:
    """One streamed worksheet: header, widths, frozen header row and filter, typed cells.

    Styled cells are reused from row to row: a streamed row is written out when appended.
    """

    def __init__(self, book: XlsxWorkbook, name: str, headers: tuple[str, ...], *,
                 outline: Outline | None = None) -> None:
        sheet = book.create_sheet(name)
        assert isinstance(sheet, WriteOnlyWorksheet)
        self.sheet = sheet
        self.columns = len(headers)
        self.row_count = 0
        sheet.freeze_panes = "A2"
        if outline is not None:
            sheet.sheet_properties.outlinePr = outline
        for index, header in enumerate(headers, 1):
            width = _WIDTHS.get(header, max(len(header) + 4, 12))
            sheet.column_dimensions[get_column_letter(index)].width = width
        self.templates: dict[int, XlsxCell] = {}
        for index, header in enumerate(headers):
            if header in _PERCENT_HEADERS:
                self.templates[index] = self._template(PERCENT)
            elif header in _DATE_HEADERS:
                self.templates[index] = self._template(DAY)
        bold = Font(bold=True)
        header_cells = []
        for header in headers:
            cell = WriteOnlyCell(sheet, header)
            cell.font = bold
            header_cells.append(cell)
        sheet.append(header_cells)

    def _template(self, number_format: str) -> XlsxCell:
        cell = WriteOnlyCell(self.sheet)
        cell.number_format = number_format
        return cell

    def write_all(self, rows: Iterable[tuple[Cell, ...]]) -> None:
        for row in rows:
            self.write(row)
        self.finish()

    def write(self, row: tuple[Cell, ...], *, styled: dict[int, XlsxCell] | None = None,
              outline_level: int = 0) -> None:
        values: list[Any] = [_xlsx_value(value, self.sheet) for value in row]
        for index, template in self.templates.items():
            values[index] = _into(template, values[index])
        for index, template in (styled or {}).items():
            values[index] = _into(template, values[index])
        self.row_count += 1
        if outline_level:
            self.sheet.row_dimensions[self.row_count + 1].outline_level = outline_level
        self.sheet.append(values)

    def finish(self) -> None:
        last = get_column_letter(self.columns)
        self.sheet.auto_filter.ref = f"A1:{last}{self.row_count + 1}"


def _xlsx_value(value: Cell, sheet: WriteOnlyWorksheet) -> Any:
    if isinstance(value, str):
        if not value:
            return None  # an empty cell reads back the same, and costs nothing to write
        text = storable_text(value)
        if text.startswith("="):  # text, never a formula
            cell = WriteOnlyCell(sheet, text)
            cell.data_type = "s"
            return cell
        return text
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def _into(template: XlsxCell, value: Any) -> Any:
    """`value` in the styled `template` cell; a cell already made (text) or nothing stays."""
    if value is None or isinstance(value, XlsxCell):
        if isinstance(value, XlsxCell):
            value._style = copy(template._style)
        return value
    if template.number_format == DAY and isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            template.value = value  # not a day after all: shown as written
            return template
    template.value = value
    return template
