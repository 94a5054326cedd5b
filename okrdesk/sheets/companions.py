"""A CSV export is one file per sheet: FILE.csv holds the OKRs, and each other sheet of the
workbook export lies beside it as FILE-<sheet>.csv (FILE-org-chart.csv, FILE-levels.csv, ...,
FILE-records.csv), so that importing FILE.csv with its companions rebuilds the plan exactly.
A companion that is missing is simply not read: FILE.csv alone imports as a sheet of OKRs."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from okrdesk.sheets.model import ORG_SHEET, Workbook
from okrdesk.sheets.plan_rows import PLAN_SHEETS, RECORDS_SHEET
from okrdesk.sheets.read import read_workbook

CSV_SUFFIXES = (".csv", ".tsv")
COMPANION_SHEETS = (ORG_SHEET, *PLAN_SHEETS, RECORDS_SHEET)


def companion_path(csv_path: Path, sheet: str) -> Path:
    """Where a CSV export puts `sheet`: FILE-org-chart.csv beside FILE.csv for "Org chart"."""
    slug = "-".join(sheet.casefold().split())
    return csv_path.with_name(f"{csv_path.stem}-{slug}{csv_path.suffix}")


def org_chart_path(csv_path: Path) -> Path:
    return companion_path(csv_path, ORG_SHEET)


def companions_beside(path: Path) -> dict[str, Path]:
    """The companion files that lie beside FILE.csv, by sheet name."""
    if path.suffix.lower() not in CSV_SUFFIXES:
        return {}
    found = {}
    for sheet in COMPANION_SHEETS:
        beside = companion_path(path, sheet)
        if beside.is_file() and beside.name.casefold() != path.name.casefold():
            found[sheet] = beside
    return found


def read_with_companions(path: Path, *, sheet: str | None = None) -> Workbook:
    """The workbook; for FILE.csv, with the companions beside it as the sheets they stand for
    (unless one sheet is asked for)."""
    workbook = read_workbook(path, sheet=sheet)
    if sheet is not None:
        return workbook
    sheets = list(workbook.sheets)
    for name, beside in companions_beside(path).items():
        read = read_workbook(beside).sheets
        if read:
            sheets.append(dataclasses.replace(read[0], name=name))
    return Workbook(path, tuple(sheets))
