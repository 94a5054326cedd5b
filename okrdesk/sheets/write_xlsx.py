"""The XLSX side of the export (okrdesk/sheets/write.py says what each sheet holds).

Written by rustpy-xlsxwriter, Python's binding of rust_xlsxwriter (the Rust port of XlsxWriter
by XlsxWriter's author): a 10,000-person plan's 2.8 million cells take about 2 s, where
openpyxl's streaming writer takes 34 s and XlsxWriter about 19 s (docs/SPREADSHEETS.md).
Every sheet has a bold, frozen header row, a filter and column widths; confidence is shown in
percent, dates as dates; on the OKRs sheet each row's outline level is how deep it sits (an
objective at its alignment depth, its key results one below), so the hierarchy folds open and
shut in any spreadsheet program. Text is written as text, never as a formula.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from contextlib import suppress
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO, cast

from rustpy_xlsxwriter import FastExcel, Format

from okrdesk.atomic import atomic_write
from okrdesk.sheets.model import OKR_HEADERS, OKR_SHEET, ORG_HEADERS, ORG_SHEET, Cell
from okrdesk.sheets.plan_rows import (
    OWNER_ID_HEADER,
    PLAN_SHEETS,
    RECORDS_HEADERS,
    RECORDS_SHEET,
    PlanRows,
)
from okrdesk.sheets.safe_cells import find_refused_character, storable_text

MAX_OUTLINE_LEVEL = 7  # the deepest outline spreadsheet programs offer
PERCENT = "0%"
DAY = "yyyy-mm-dd"
OKR_COLUMNS = (*OKR_HEADERS.values(), OWNER_ID_HEADER)
_WIDTHS = {"Title": 60, "Description": 40, "Note": 40, "Id": 38, "Parent id": 38,
           "Manager": 38, "Source id": 38, "Target id": 38, "Key result id": 38,
           "Copied from id": 38, OWNER_ID_HEADER: 38, "Owner e-mail": 28, "E-mail": 28,
           "Name": 28, "Owner": 24,
           "Created at": 34, "Updated at": 34, "At": 34, "Value": 16}
_PERCENT_HEADERS = {"Confidence"}
_DATE_HEADERS = {"Start date", "End date"}


def write_xlsx(rows: PlanRows, path: Path) -> None:
    with atomic_write(path) as stream:
        book = FastExcel(cast(BinaryIO, stream))
        levels: list[int] = []
        okr_rows = _okr_rows(rows, levels)
        _sheet(book, OKR_SHEET, OKR_COLUMNS, okr_rows, outline=_outline(levels))
        _sheet(book, ORG_SHEET, tuple(ORG_HEADERS.values()), rows.org_rows())
        for name, (_table, headers, _columns) in PLAN_SHEETS.items():
            _sheet(book, name, headers, rows.table_rows(name))
        _sheet(book, RECORDS_SHEET, RECORDS_HEADERS, rows.record_rows())
        book.save()


def _okr_rows(rows: PlanRows, levels: list[int]) -> Iterator[tuple[Cell, ...]]:
    lines = list(rows.okr_lines())
    levels.extend(min(line.depth + line.is_key_result, MAX_OUTLINE_LEVEL) for line in lines)
    return (line.cells for line in lines)


def _outline(levels: list[int]) -> dict[str, Any] | None:
    """Row groups whose nesting gives each data row its level: for every level k, each run of
    rows at k or deeper is one group (sheet rows: the header is row 0)."""
    groups = []
    for k in range(1, max(levels, default=0) + 1):
        start = None
        for index, level in enumerate([*levels, 0]):
            if level >= k and start is None:
                start = index
            elif level < k and start is not None:
                groups.append({"from": start + 1, "to": index})
                start = None
    return {"rows": groups, "symbols_above": True} if groups else None


def _sheet(book: FastExcel, name: str, headers: tuple[str, ...],
           rows: Iterable[tuple[Cell, ...]], *, outline: dict[str, Any] | None = None) -> None:
    formats = {}
    for header in headers:
        if header in _PERCENT_HEADERS:
            formats[header] = Format().set_num_format(PERCENT)
        elif header in _DATE_HEADERS:
            formats[header] = Format().set_num_format(DAY)
    dates = [index for index, header in enumerate(headers) if header in _DATE_HEADERS]
    records = [_record(headers, row, dates) for row in rows]
    book.sheet(name, records or [dict.fromkeys(headers)],
               column_widths=[_WIDTHS.get(h, max(len(h) + 4, 12)) for h in headers],
               column_formats=formats, header_format=Format().set_bold(), autofilter=True,
               outline=outline)
    book.freeze(row=1, sheet=name)


def _record(headers: tuple[str, ...], row: tuple[Cell, ...],
            dates: list[int]) -> dict[str, Any]:
    """The row as the writer takes it: text a spreadsheet can store, infinite numbers as text,
    days as dates (empty text is written as no cell). Most rows need nothing: one look at the
    whole row tells, instead of one per cell (this runs for millions of cells)."""
    values: list[Any] = list(row)
    texts = "\n".join([value for value in values if value.__class__ is str])
    numbers = [value for value in values if value.__class__ is float]
    if find_refused_character(texts) is not None or not math.isfinite(sum(numbers)):
        values = [_storable(value) for value in values]
    for index in dates:
        if isinstance(values[index], str):
            with suppress(ValueError):  # not a day after all: shown as written
                values[index] = date.fromisoformat(values[index])
    return dict(zip(headers, values, strict=False))


def _storable(value: Any) -> Any:
    if isinstance(value, str):
        return storable_text(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value
