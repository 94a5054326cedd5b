"""Exporting a large plan as XLSX and CSV, and importing the XLSX back into a new plan.

    .venv/bin/python bench/bench_sheets.py [--people 10000] [--runs 3]

Prints medians over the runs, on one synthetic plan (okrdesk.synthetic):
- read: the plan opened read-only and laid out as the workbook's rows (no file written);
- xlsx, csv: `write_workbook` whole (reading the plan included);
- write floor: the XLSX library (rustpy-xlsxwriter) given the very same rows as plain values
  (no formats, no indentation, no checks): what writing the cells itself costs;
- import: `read_workbook` then `new_plan_from_workbook` of the XLSX export into a new plan;
- read floor: the XLSX reader (python-calamine) turning every sheet of the export into Python
  rows, nothing else.
Ratios are to the floor of the same direction.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook
from rustpy_xlsxwriter import FastExcel

from okrdesk.sheets.model import (
    OKR_SHEET,
    ORG_HEADERS,
    ORG_SHEET,
    SheetImportError,
)
from okrdesk.sheets.plan_rows import PLAN_SHEETS, RECORDS_HEADERS, RECORDS_SHEET, PlanRows
from okrdesk.sheets.write import write_workbook
from okrdesk.sheets.write_xlsx import OKR_COLUMNS
from okrdesk.storage import Plan
from okrdesk.synthetic import generate_plan


def read_rows(plan_path: Path) -> dict[str, list[tuple[Any, ...]]]:
    with Plan.open(plan_path, read_only=True) as plan, plan.read() as connection:
        rows = PlanRows.load(connection)
    sheets = {OKR_SHEET: [OKR_COLUMNS, *(line.cells for line in rows.okr_lines())],
              ORG_SHEET: [tuple(ORG_HEADERS.values()), *rows.org_rows()]}
    for name, (_table, headers, _columns) in PLAN_SHEETS.items():
        sheets[name] = [headers, *rows.table_rows(name)]
    sheets[RECORDS_SHEET] = [RECORDS_HEADERS, *rows.record_rows()]
    return sheets


def write_floor(sheets: dict[str, list[tuple[Any, ...]]], path: Path) -> None:
    book = FastExcel(str(path))
    for name, rows in sheets.items():
        headers = rows[0]
        book.sheet(name, [dict(zip(headers, row, strict=True)) for row in rows[1:]]
                   or [dict.fromkeys(headers)])
    book.save()


def read_floor(path: Path) -> int:
    book = CalamineWorkbook.from_path(str(path))
    return sum(len(book.get_sheet_by_name(name).to_python()) for name in book.sheet_names)


cpu_seconds: dict[str, list[float]] = {}  # each step's processor time (all its threads)


def timed(action: Callable[[], object], name: str = "") -> float:
    started, processor = time.perf_counter(), time.process_time()
    action()
    cpu_seconds.setdefault(name, []).append(time.process_time() - processor)
    return time.perf_counter() - started


refusals: list[int] = []  # problems of imports that were refused


def importer() -> Callable[[Path, Path], object] | None:
    try:
        from okrdesk.sheets.importer import new_plan_from_workbook
        from okrdesk.sheets.read import read_workbook
    except ImportError:
        return None

    def run(xlsx: Path, plan_path: Path) -> object:
        plan_path.unlink(missing_ok=True)
        try:
            return new_plan_from_workbook(read_workbook(xlsx), plan_path)
        except SheetImportError as error:  # timed all the same, and said
            refusals.append(len(error.problems))
            return None

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        plan_path = generate_plan(folder / "plan.okr", args.people)
        sheets = read_rows(plan_path)
        cells = sum(sum(v is not None and v != "" for v in row)
                    for rows in sheets.values() for row in rows)
        figures: dict[str, list[float]] = {"read": [], "xlsx": [], "csv": [], "write floor": [],
                                           "read floor": []}
        do_import = importer()
        if do_import is not None:
            figures["import"] = []
        for _ in range(args.runs):
            figures["read"].append(timed(lambda: read_rows(plan_path)))
            figures["xlsx"].append(timed(lambda: write_workbook(plan_path, folder / "out.xlsx"),
                                         "xlsx"))
            figures["csv"].append(timed(lambda: write_workbook(plan_path, folder / "out.csv")))
            figures["write floor"].append(
                timed(lambda: write_floor(sheets, folder / "floor.xlsx")))
            figures["read floor"].append(timed(lambda: read_floor(folder / "out.xlsx")))
            if do_import is not None:
                figures["import"].append(timed(
                    lambda: do_import(folder / "out.xlsx", folder / "imported.okr"), "import"))
            print("run: " + ", ".join(f"{name} {values[-1]:.2f} s"
                                      for name, values in figures.items()), flush=True)
        size = (folder / "out.xlsx").stat().st_size
    okr_rows = len(sheets[OKR_SHEET]) - 1
    print(f"{args.people} people: {okr_rows:,} objective and key result rows, "
          f"{cells:,} cells in all sheets, XLSX of {size / 1e6:.1f} MB; median of {args.runs}")
    write_floor_s = statistics.median(figures["write floor"])
    read_floor_s = statistics.median(figures["read floor"])
    for name, values in figures.items():
        median = statistics.median(values)
        floor, which = ((read_floor_s, "read") if name in ("import", "read floor")
                        else (write_floor_s, "write"))
        cpu = (f", processor {statistics.median(cpu_seconds[name]):.2f} s"
               if name in cpu_seconds else "")
        print(f"{name}: {median:.2f} s ({median / floor:.2f}x the {which} floor{cpu})")
    if do_import is None:
        print("import: not measured (okrdesk.sheets.importer is not there)")
    if refusals:
        print(f"import: refused {len(refusals)} of {args.runs} times, with "
              f"{refusals[0]:,} problems (the time is that of finding them)")


if __name__ == "__main__":
    main()
