"""The XLSX side of the export (okrdesk/sheets/write.py says what each sheet holds).

Written by rustpy-xlsxwriter, Python's binding of rust_xlsxwriter (the Rust port of XlsxWriter
by XlsxWriter's author): a 10,000-person plan's 2.8 million cells take about 2 s, where
openpyxl's streaming writer takes 34 s and XlsxWriter about 19 s (docs/SPREADSHEETS.md).
Every sheet has a bold, frozen header row, a filter and column widths; confidence is shown in
percent, dates as dates. On the OKRs sheet each title is indented by how deep its row sits (an
objective by its alignment depth, its key results one step further), so the hierarchy shows
in any spreadsheet program; an import trims titles, so the indentation never reaches a plan.
Row groups (an outline) would show it too, but they take the writer out of its streaming mode
and double its time (docs/PERFORMANCE.md). Text is written as text, never as a formula.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date
from itertools import chain, repeat
from pathlib import Path
from typing import Any, BinaryIO, cast

from rustpy_xlsxwriter import FastExcel, Format

from okrdesk.atomic import atomic_write
from okrdesk.sheets.model import OKR_HEADERS, OKR_SHEET, ORG_HEADERS, ORG_SHEET, Cell, Field
from okrdesk.sheets.plan_rows import (
    OWNER_ID_HEADER,
    PLAN_SHEETS,
    RECORDS_HEADERS,
    RECORDS_SHEET,
    OkrLine,
    PlanRows,
)
from okrdesk.sheets.safe_cells import find_refused_character, storable_text
from okrdesk.snapshot import gc_paused

INDENT = "    "  # one step of a title's indentation on the OKRs sheet
MAX_INDENT_STEPS = 12  # deeper rows (only a long chain of alignments) stay at this depth
PERCENT = "0%"
DAY = "yyyy-mm-dd"
OKR_COLUMNS = (*OKR_HEADERS.values(), OWNER_ID_HEADER)
TITLE_COLUMN = list(OKR_HEADERS).index(Field.TITLE)
_WIDTHS = {"Title": 60, "Description": 40, "Note": 40, "Id": 38, "Parent id": 38,
           "Manager": 38, "Source id": 38, "Target id": 38, "Key result id": 38,
           "Copied from id": 38, OWNER_ID_HEADER: 38, "Owner e-mail": 28, "E-mail": 28,
           "Name": 28, "Owner": 24,
           "Created at": 34, "Updated at": 34, "At": 34, "Value": 16}
_INDENTS = [INDENT * steps for steps in range(MAX_INDENT_STEPS + 1)]
_PERCENT_HEADERS = {"Confidence"}
_DATE_HEADERS = {"Start date", "End date"}


def write_xlsx(rows: PlanRows, path: Path) -> None:
    # Millions of cells live until the file is written: collecting meanwhile frees nothing.
    with gc_paused(), atomic_write(path) as stream:
        book = FastExcel(cast(BinaryIO, stream))
        _sheet(book, OKR_SHEET, OKR_COLUMNS, map(indented, rows.okr_lines()))
        _sheet(book, ORG_SHEET, tuple(ORG_HEADERS.values()), rows.org_rows())
        for name, (_table, headers, _columns) in PLAN_SHEETS.items():
            _sheet(book, name, headers, rows.table_rows(name))
        _sheet(book, RECORDS_SHEET, RECORDS_HEADERS, rows.record_rows())
        book.save()


def indented(line: OkrLine) -> tuple[Cell, ...]:
    """The line's cells, its title indented by how deep it sits."""
    steps = line.depth + line.is_key_result
    cells = line.cells
    title = cells[TITLE_COLUMN]
    if not steps or title.__class__ is not str:
        return cells
    return (*cells[:TITLE_COLUMN], _INDENTS[min(steps, MAX_INDENT_STEPS)] + title,
            *cells[TITLE_COLUMN + 1:])


def _sheet(book: FastExcel, name: str, headers: tuple[str, ...],
           rows: Iterable[tuple[Cell, ...]]) -> None:
    formats = {}
    for header in headers:
        if header in _PERCENT_HEADERS:
            formats[header] = Format().set_num_format(PERCENT)
        elif header in _DATE_HEADERS:
            formats[header] = Format().set_num_format(DAY)
    book.sheet(name, records(headers, rows),
               column_widths=[_WIDTHS.get(h, max(len(h) + 4, 12)) for h in headers],
               column_formats=formats, header_format=Format().set_bold(), autofilter=True)
    book.freeze(row=1, sheet=name)


def records(headers: tuple[str, ...], rows: Iterable[tuple[Cell, ...]]) -> list[dict[str, Any]]:
    """The rows as the writer takes them: text a spreadsheet can store, infinite numbers as
    text, days as dates (empty text is written as no cell); one empty row for no rows. Most
    sheets need no cleaning: one look at their distinct values tells, instead of one per cell
    (this runs for millions of cells)."""
    table = list(rows)
    if _needs_cleaning(table):
        table = [tuple(map(_storable, row)) for row in table]
    found = list(map(dict, map(zip, repeat(headers), table)))
    for header in headers:
        if header in _DATE_HEADERS:
            _as_days(found, header)
    return found or [dict.fromkeys(headers)]


def _needs_cleaning(table: list[tuple[Cell, ...]]) -> bool:
    values = set(chain.from_iterable(table))
    texts = "\n".join([value for value in values if value.__class__ is str])
    numbers = [value for value in values if value.__class__ is float]
    return find_refused_character(texts) is not None or not math.isfinite(sum(numbers))


def _storable(value: Any) -> Any:
    if isinstance(value, str):
        return storable_text(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def _as_days(found: list[dict[str, Any]], header: str) -> None:
    """The column's ISO days as dates; text that is no day is kept as written."""
    days: dict[str, Any] = {}
    for record in found:
        value = record[header]
        if value.__class__ is str:
            day = days.get(value)
            if day is None:
                day = days[value] = _day(value)
            record[header] = day


def _day(text: str) -> date | str:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return text

