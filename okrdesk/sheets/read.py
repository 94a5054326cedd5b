"""Reading a spreadsheet file (CSV or XLSX) into a `Workbook`, refusing unsafe or wrong files.

`read_workbook` returns every sheet that holds cells (or only the one named), each with its
header row (the first row with a cell in it) and data rows numbered as a spreadsheet program
shows them; blank rows below the headers and blank columns on the right are dropped. XLSX cells
keep their types (numbers stay numbers, dates become ISO text "2027-03-31"); CSV cells stay text
(okrdesk.sheets.read_csv says why). Every refusal is a `SheetReadError` naming the file.
"""

from __future__ import annotations

from pathlib import Path

from okrdesk.sheets.bulk import collector_paused
from okrdesk.sheets.model import Workbook
from okrdesk.sheets.read_csv import read_csv
from okrdesk.sheets.read_errors import NotASpreadsheetError, UnknownSheetError
from okrdesk.sheets.read_xlsx import read_xlsx

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
MAX_ROWS = 1_000_000


@collector_paused()
def read_workbook(path: Path, *, sheet: str | None = None, max_rows: int = MAX_ROWS) -> Workbook:
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise NotASpreadsheetError(path, "no such file")
    if suffix in XLSX_SUFFIXES:
        return Workbook(path, tuple(read_xlsx(path, sheet, max_rows)))
    if suffix in CSV_SUFFIXES:
        only = read_csv(path, max_rows)
        if sheet is not None and sheet.casefold() != only.name.casefold():
            raise UnknownSheetError(path, sheet, [only.name])
        return Workbook(path, (only,))
    hint = "; save it as .xlsx" if suffix in (".xls", ".ods", ".numbers") else ""
    raise NotASpreadsheetError(path, f"is not a CSV or XLSX file (a {suffix or 'nameless'} "
                                     f"file){hint}")
