"""Reading an XLSX workbook with openpyxl, after checking with zipfile that it is one, and safe.

openpyxl reads in read-only mode (rows streamed from the ZIP, not held as cell objects) with
data_only: a formula reads as the value the spreadsheet program last saved with it, and is never
evaluated; a formula saved without a value (as some generators write them) reads None.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from okrdesk.sheets.model import Cell, Sheet
from okrdesk.sheets.read_errors import (
    EmptySheetError,
    NotASpreadsheetError,
    SheetReadError,
    UnknownSheetError,
    UnsafeWorkbookError,
)
from okrdesk.sheets.shape import shape_sheet

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_MEMBER_RATIO = 100
RATIO_CHECKED_FROM_BYTES = 1024 * 1024  # tiny parts of a workbook may compress very well
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_xlsx(path: Path, sheet: str | None, max_rows: int) -> list[Sheet]:
    check_xlsx_archive(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except SheetReadError:
        raise
    except Exception as error:  # openpyxl raises many kinds on a damaged workbook
        raise NotASpreadsheetError(
            path, f"cannot be read as an XLSX workbook ({type(error).__name__}: {error})"
        ) from None
    try:
        return _read_sheets(path, book, sheet, max_rows)
    finally:
        book.close()


def check_xlsx_archive(path: Path) -> None:
    """Refuse what is not an XLSX workbook, or would inflate beyond the limits, before any XML of
    it is parsed (the sizes a ZIP declares bound what zipfile will inflate)."""
    try:
        with path.open("rb") as file:
            start = file.read(8)
    except OSError as error:
        raise NotASpreadsheetError(path, f"cannot be read ({error.strerror})") from None
    if start == OLE_MAGIC:
        raise NotASpreadsheetError(path, "is not an XLSX workbook: it is an old Excel .xls file "
                                         "or a password-protected workbook; save it as .xlsx "
                                         "without a password")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise NotASpreadsheetError(path, "is not an XLSX workbook (not a ZIP archive)") from None
    if not any(member.filename == "xl/workbook.xml" for member in members):
        raise NotASpreadsheetError(path, "is not an XLSX workbook (a ZIP archive without "
                                         "xl/workbook.xml)")
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise UnsafeWorkbookError(path, f"would inflate to {total / 2**20:,.0f} MB when read; "
                                        f"at most {MAX_UNCOMPRESSED_BYTES // 2**20} MB are read")
    for member in members:
        if (member.file_size >= RATIO_CHECKED_FROM_BYTES
                and member.file_size > MAX_MEMBER_RATIO * max(member.compress_size, 1)):
            ratio = member.file_size / max(member.compress_size, 1)
            raise UnsafeWorkbookError(path, f"part {member.filename} would inflate {ratio:,.0f} "
                                            f"times its size; at most {MAX_MEMBER_RATIO} times "
                                            f"is read")


def _read_sheets(path: Path, book: Any, name: str | None, max_rows: int) -> list[Sheet]:
    worksheets = list(book.worksheets)
    if name is not None:
        chosen = [ws for ws in worksheets if ws.title.casefold() == name.casefold()]
        if not chosen:
            raise UnknownSheetError(path, name, [ws.title for ws in worksheets])
        worksheets = chosen
    sheets = []
    for worksheet in worksheets:
        worksheet.reset_dimensions()  # some writers declare wrong sizes; read what is there
        try:
            sheet = shape_sheet(path, worksheet.title, _numbered_rows(worksheet), max_rows)
        except SheetReadError:
            raise
        except Exception as error:
            raise NotASpreadsheetError(
                path, f"sheet {worksheet.title!r} cannot be read "
                      f"({type(error).__name__}: {error})") from None
        if sheet is not None:
            sheets.append(sheet)
    if not sheets:
        where = f"sheet {name!r} holds" if name is not None else "the workbook holds"
        raise EmptySheetError(path, f"{where} no cells")
    return sheets


def _numbered_rows(worksheet: Any) -> Iterator[tuple[int, list[Cell]]]:
    for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
        yield number, _cells(values)


def _cells(values: Sequence[object]) -> list[Cell]:
    return [_cell(value) for value in values]


def _cell(value: object) -> Cell:
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds() / 86400  # a duration, in days as a spreadsheet keeps it
    return str(value)
