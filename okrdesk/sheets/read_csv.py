"""Reading a CSV (or tab-separated text) file into one `Sheet` named after the file.

Encodings: a byte-order mark decides (UTF-8, or UTF-16 as Excel's "Unicode text" writes);
without one, the whole file is decoded as UTF-8 if it is valid UTF-8, else as Windows-1252.
A file that mixes both is decoded as Windows-1252, so its UTF-8 characters come out garbled
("é" as "Ã©"): one encoding per file, as every spreadsheet program does.

The separator (comma, semicolon, tab or bar) is sniffed from the start of the file; quoting
follows Excel, and spaces after a separator are kept (an indented title stays indented).

Cells stay text: a CSV has no types, and "1,5" or "1.500" mean different numbers in different
countries, so the importer reads numbers with the rules it chooses; nothing is lost on the way
(ids such as "007" stay as written). Only blank cells change: they read None, as in an XLSX;
and the apostrophe a spreadsheet export puts before text that would read as a formula ("'=x",
"'-10% churn") is dropped again (`okrdesk.sheets.safe_cells.csv_text_read`).
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from okrdesk.sheets.model import Sheet
from okrdesk.sheets.read_errors import EmptySheetError, NotASpreadsheetError, UnsafeWorkbookError
from okrdesk.sheets.safe_cells import csv_text_read
from okrdesk.sheets.shape import shape_sheet

MAX_CSV_BYTES = 200 * 1024 * 1024
SNIFF_CHARS = 64 * 1024
SEPARATORS = ",;\t|"
ZIP_MAGIC = b"PK\x03\x04"


def read_csv(path: Path, max_rows: int) -> Sheet:
    data = _read_bytes(path)
    text = decode_text(path, data)
    # Only the separator is sniffed: quoting is Excel's (doubled quotes, spaces kept), as every
    # export writes it, while a sniffed dialect may guess otherwise from a small sample.
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=_sniff_separator(text))
    rows = ([csv_text_read(cell) for cell in row] for row in reader)
    try:
        sheet = shape_sheet(path, path.stem, enumerate(rows, start=1), max_rows)
    except csv.Error as error:
        raise NotASpreadsheetError(
            path, f"line {reader.line_num} cannot be read as CSV: {error}") from None
    if sheet is None:
        raise EmptySheetError(path, "the file holds no cells")
    return sheet


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_CSV_BYTES:
            raise UnsafeWorkbookError(path, f"the file is {size / 2**20:,.0f} MB; at most "
                                            f"{MAX_CSV_BYTES // 2**20} MB can be read")
        return path.read_bytes()
    except OSError as error:
        raise NotASpreadsheetError(path, f"cannot be read ({error.strerror})") from None


def decode_text(path: Path, data: bytes) -> str:
    if data.startswith(ZIP_MAGIC):
        raise NotASpreadsheetError(path, "is a ZIP archive (an XLSX workbook?), not a CSV "
                                         "file; give it its .xlsx name")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8-sig", "cp1252"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text
    raise NotASpreadsheetError(path, "is not a text file in UTF-8, UTF-16 or Windows-1252")


def _sniff_separator(text: str) -> str:
    sample = text[:SNIFF_CHARS]
    if len(text) > SNIFF_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    try:
        return csv.Sniffer().sniff(sample, delimiters=SEPARATORS).delimiter
    except csv.Error:  # too little or too irregular text: the one most used in the header line
        header = next((line for line in sample.splitlines() if line.strip()), "")
        return max(SEPARATORS, key=header.count) if any(s in header for s in SEPARATORS) else ","
