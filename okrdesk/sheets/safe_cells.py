"""What an exported cell may hold, so that a spreadsheet program shows it and never runs it.

- Control characters other than tab, line feed and carriage return cannot be stored in an XLSX
  cell; in both formats each one is replaced by U+FFFD (the replacement character), so the
  cell still shows that something was there.
- Text is never a formula. In XLSX a text cell is stored as text (type "s"), whatever it
  starts with. A CSV file has no types, so a text cell starting with =, +, -, @, tab or
  carriage return gets one leading apostrophe, the way spreadsheet programs mark text typed
  in; reading a CSV, one apostrophe before one of those characters is dropped again.
- Numbers are written as numbers; whole ones without a decimal point. Those that are not
  finite (no plan holds them) are written as text.
"""

from __future__ import annotations

import math
import re

from okrdesk.sheets.model import Cell

REPLACEMENT = "\ufffd"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"
# What XLSX (and openpyxl) refuse: C0 control characters but tab, line feed, carriage return.
_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


# The first character of a text a spreadsheet cannot store, or None (a bound method: called
# for every cell of an export).
find_refused_character = _REFUSED.search


def storable_text(text: str) -> str:
    """`text` with every character a spreadsheet cannot store replaced by U+FFFD."""
    return _REFUSED.sub(REPLACEMENT, text)


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def csv_cell(value: Cell) -> Cell:
    """A value as written to CSV: numbers as they are, text safe to open."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value.is_integer() and abs(value) < 1e15:
            return int(value)  # 78, not 78.0
        return value  # the shortest text that reads back as the same number
    if isinstance(value, str):
        text = storable_text(value)
        return TEXT_MARK + text if looks_like_formula(text) else text
    return value


def csv_text_read(text: str) -> str:
    """The reading side of `csv_cell`: one marking apostrophe dropped."""
    if text.startswith(TEXT_MARK) and looks_like_formula(text[1:]):
        return text[1:]
    return text
