"""Reading an XLSX workbook with python-calamine, after checking with zipfile that it is one,
and safe.

calamine (Rust, the reader pandas uses) reads a formula as the value the spreadsheet program
last saved with it and never evaluates it; a formula saved without a value (as some generators
write them) reads blank. It reads a 10,000-person export about 20 times as fast as openpyxl's
read-only mode (docs/SPREADSHEETS.md). Numbers come back as floats: whole ones within a
float's exact range are given back as integers, as the sheet shows them.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum

from okrdesk.sheets.model import Cell, Sheet
from okrdesk.sheets.parse_ahead import parsed_sheets
from okrdesk.sheets.read_errors import (
    EmptySheetError,
    NotASpreadsheetError,
    SheetReadError,
    UnknownSheetError,
    UnsafeWorkbookError,
)
from okrdesk.sheets.shape import is_blank, shape_sheet

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_MEMBER_RATIO = 100
RATIO_CHECKED_FROM_BYTES = 1024 * 1024  # tiny parts of a workbook may compress very well
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_xlsx(path: Path, sheet: str | None, max_rows: int) -> list[Sheet]:
    check_xlsx_archive(path)
    try:
        book = CalamineWorkbook.from_path(str(path))
    except (CalamineError, ValueError, OSError) as error:
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


def _read_sheets(path: Path, book: CalamineWorkbook, name: str | None,
                 max_rows: int) -> list[Sheet]:
    titles = [meta.name for meta in book.sheets_metadata if meta.typ == SheetTypeEnum.WorkSheet]
    if name is not None:
        chosen = [title for title in titles if title.casefold() == name.casefold()]
        if not chosen:
            raise UnknownSheetError(path, name, titles)
        titles = chosen
    read: dict[str, Sheet | None] = {}
    failed: dict[str, SheetReadError] = {}
    for title, parsed in parsed_sheets(path, book, titles):
        try:
            if isinstance(parsed, Exception):
                raise parsed
            rows = parsed.to_python(skip_empty_area=False)
            read[title] = shape_sheet(path, title, _numbered_rows(rows), max_rows,
                                      unblanked=True)
        except SheetReadError as error:
            failed[title] = error
        except Exception as error:  # calamine raises several kinds on a damaged sheet
            failed[title] = NotASpreadsheetError(
                path, f"sheet {title!r} cannot be read ({type(error).__name__}: {error})")
    for title in titles:  # the first sheet that cannot be read is named, whichever failed first
        if title in failed:
            raise failed[title]
    sheets = [sheet for title in titles if (sheet := read[title]) is not None]
    if not sheets:
        where = f"sheet {name!r} holds" if name is not None else "the workbook holds"
        raise EmptySheetError(path, f"{where} no cells")
    return sheets


def _numbered_rows(rows: list[list[Any]]) -> Iterator[tuple[int, list[Cell]]]:
    for number, values in enumerate(rows, start=1):  # the list starts at the sheet's row 1
        yield number, _cells(values)


def _cells(values: Sequence[object]) -> list[Cell]:
    """The row's cells, blank ones None. Text, blanks and numbers, most cells, need no call:
    a big plan's export holds millions of cells."""
    return [(value if value.strip() else None) if value.__class__ is str
            else None if value is None
            else (int(value) if value.is_integer() and -WHOLE_NUMBERS < value < WHOLE_NUMBERS
                  else value) if value.__class__ is float
            else _unblank(_cell(value)) for value in values]


def _unblank(cell: Cell) -> Cell:
    return None if is_blank(cell) else cell


WHOLE_NUMBERS = 2**53  # beyond, a float no longer holds every integer


def _cell(value: object) -> Cell:
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < WHOLE_NUMBERS else value
    if value is None or isinstance(value, str | bool | int):
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
