"""Rebuilding a plan exactly from a workbook OKR Desk exported: the sheets beside "OKRs" and
"Org chart" (okrdesk/sheets/plan_rows.py) give the levels, functions, cycles and settings with
their ids before the rows are imported, then the links, check-ins, canvas positions, final
scores and each
row's times, positions, visibility and origin of copy."""

from __future__ import annotations

from typing import Any

from okrdesk import limits
from okrdesk.model import TABLES
from okrdesk.sheets.model import Cell, Sheet, SheetProblem, Workbook
from okrdesk.sheets.plan_rows import (
    CANVAS_SHEET,
    CHECK_INS_SHEET,
    CYCLES_SHEET,
    FUNCTIONS_SHEET,
    KR_SCORES_SHEET,
    LATER_HEADERS,
    LEVELS_SHEET,
    LINKS_SHEET,
    PLAN_SHEETS,
    SCORES_SHEET,
    SETTINGS_SHEET,
)
from okrdesk.sheets.records import as_kind
from okrdesk.storage.transaction import Transaction

BEFORE_ROWS = (SETTINGS_SHEET, LEVELS_SHEET, FUNCTIONS_SHEET, CYCLES_SHEET)
AFTER_ROWS = (LINKS_SHEET, CHECK_INS_SHEET, CANVAS_SHEET, SCORES_SHEET, KR_SCORES_SHEET)


def is_plan_export(workbook: Workbook) -> bool:
    """True if the workbook carries the sheets a whole plan is rebuilt from."""
    return all(workbook.sheet(name) is not None for name in (LEVELS_SHEET, CYCLES_SHEET))


def insert_sheets(tx: Transaction, workbook: Workbook, names: tuple[str, ...],
                  problems: list[SheetProblem]) -> None:
    for name in names:
        sheet = workbook.sheet(name)
        if sheet is None:
            continue
        table, headers, columns = PLAN_SHEETS[name]
        for _, values in _rows(sheet, headers, columns, table, problems):
            if values is not None:
                tx.insert(table, **values)


def _rows(sheet: Sheet, headers: tuple[str, ...], columns: tuple[str, ...], table: str,
          problems: list[SheetProblem]) -> list[tuple[int, dict[str, Any] | None]]:
    index = {header.casefold(): i for i, header in enumerate(sheet.headers)}
    missing = [header for header in headers
               if header.casefold() not in index and header not in LATER_HEADERS]
    if missing:
        problems.append(SheetProblem(sheet.name, sheet.header_row, None,
                                     f"the sheet lacks the column(s) {', '.join(missing)}"))
        return []
    nullable = TABLES[table].__table__.columns
    found: list[tuple[int, dict[str, Any] | None]] = []
    for line in sheet.rows:
        values: dict[str, Any] | None = {}
        for header, column in zip(headers, columns, strict=True):
            position = index.get(header.casefold(), len(line.cells))
            value = _whole(line.cells[position] if position < len(line.cells) else None,
                           nullable[column])
            if value is None and nullable[column].nullable:
                values[column] = None  # type: ignore[index]
                continue
            if value is None and nullable[column].type.python_type is str \
                    and column not in ("id", "name", "key"):
                value = ""
            problem = limits.limit_of(table, column).problem(value)
            if problem:
                problems.append(SheetProblem(sheet.name, line.number, header, problem))
                values = None
                break
            values[column] = value  # type: ignore[index]
        found.append((line.number, values))
    return found


def _whole(value: Cell, column: Any) -> Cell:
    """A cell as the column's type (okrdesk.sheets.records.as_kind)."""
    return as_kind(value, column.type.python_type)
