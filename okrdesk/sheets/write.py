"""Export a plan as an XLSX workbook or as CSV files (docs/SPREADSHEETS.md).

XLSX (okrdesk/sheets/write_xlsx.py): "OKRs" (columns OKR_HEADERS, then "Owner id"; one row
per objective followed by its key results; each title indented by how deep it sits) and
"Org chart" (ORG_HEADERS; Manager holds the manager's id), then the sheets that let an import
rebuild the plan exactly (okrdesk/sheets/plan_rows.py): Levels, Functions, Cycles, Links,
Check-ins, Canvas, Settings and Records. Every sheet has a bold, frozen header row, a filter
and column widths; confidence is shown in percent, values as plain numbers, dates as dates.

CSV: one file per sheet (okrdesk/sheets/companions.py): the OKR rows (the same columns) in
FILE.csv, the org chart in FILE-org-chart.csv and each other sheet in FILE-levels.csv, ...,
FILE-records.csv beside it, all UTF-8 with a byte order mark so that spreadsheet programs read
them right. Importing FILE.csv with them rebuilds the plan exactly, as the workbook does.

Cells are written by the rules of okrdesk/sheets/safe_cells.py; every file through
okrdesk.atomic, never over the plan itself nor any other plan.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path

from okrdesk.atomic import atomic_write, refuse_unsafe_output
from okrdesk.errors import OkrDeskError
from okrdesk.sheets.companions import COMPANION_SHEETS, companion_path
from okrdesk.sheets.model import ORG_HEADERS, ORG_SHEET, Cell
from okrdesk.sheets.plan_rows import (
    PLAN_SHEETS,
    RECORD_TABLES,
    RECORDS_HEADERS,
    RECORDS_SHEET,
    PlanRows,
)
from okrdesk.sheets.safe_cells import csv_cell
from okrdesk.sheets.write_xlsx import OKR_COLUMNS, write_xlsx
from okrdesk.snapshot import STORE_OF
from okrdesk.storage import Plan

SHEET_SUFFIXES = (".xlsx", ".csv")
MAX_ROWS = 1_048_576  # what a worksheet holds, the header included


class SheetExportError(OkrDeskError):
    """A plan cannot be written as a spreadsheet where asked."""


def write_workbook(plan_or_path: Plan | Path | str, out_path: Path | str) -> Path:
    """Write the plan to `out_path` (.xlsx, or .csv with its org chart beside); return it."""
    out_path = Path(out_path)
    source = plan_or_path.path if isinstance(plan_or_path, Plan) else Path(plan_or_path)
    refuse_unsafe_output(out_path, sources=(source,))
    suffix = out_path.suffix.lower()
    if suffix not in SHEET_SUFFIXES:
        raise SheetExportError(f"{out_path.name}: a spreadsheet export ends in .xlsx or .csv")
    if suffix == ".csv":
        for sheet in COMPANION_SHEETS:
            refuse_unsafe_output(companion_path(out_path, sheet), sources=(source,))
    rows = _read(plan_or_path)
    _refuse_too_many_rows(rows, out_path)
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        if suffix == ".xlsx":
            write_xlsx(rows, out_path)
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
    records = sum(len(getattr(s, STORE_OF.get(t, t))) for t in RECORD_TABLES
                  if t != "check_ins")
    largest = max(okr_rows, records + len(rows.check_ins))
    if largest + 1 > MAX_ROWS:
        raise SheetExportError(
            f"{out_path.name}: the plan has {largest:,} rows for one sheet; a spreadsheet "
            f"holds at most {MAX_ROWS - 1:,}. Export it as JSON instead")


# -- CSV ------------------------------------------------------------------------------------


def _write_csv(rows: PlanRows, path: Path) -> None:
    _write_csv_file(companion_path(path, ORG_SHEET), ORG_HEADERS.values(), rows.org_rows())
    for name, (_table, headers, _columns) in PLAN_SHEETS.items():
        _write_csv_file(companion_path(path, name), headers, rows.table_rows(name))
    _write_csv_file(companion_path(path, RECORDS_SHEET), RECORDS_HEADERS, rows.record_rows())
    _write_csv_file(path, OKR_COLUMNS, (line.cells for line in rows.okr_lines()))


def _write_csv_file(path: Path, headers: Iterable[str],
                    rows: Iterator[tuple[Cell, ...]]) -> None:
    with atomic_write(path, binary=False, encoding="utf-8-sig") as stream:
        writer = csv.writer(stream)
        writer.writerow(list(headers))
        for row in rows:
            writer.writerow([csv_cell(value) for value in row])
