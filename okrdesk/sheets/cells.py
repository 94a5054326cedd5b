"""Reading one row's cells as the fields a mapping names: text, numbers, and the problems
of cells that are not what their column needs (each naming the sheet, row and column)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from okrdesk.errors import OkrDeskError
from okrdesk.limits import shown
from okrdesk.ops.checks import field
from okrdesk.sheets.model import Cell, Mapping, Sheet, SheetProblem, SheetRow

_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$")
_CURRENCY = "$€£¥"
_UNSEEN = object()
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class CellProblem(Exception):
    """A cell's value cannot be used; the message follows "row N, column C: "."""


def is_uuid(value: str) -> bool:
    """True if `value` is a UUID written out in full (8-4-4-4-12 hex digits, any case)."""
    return _UUID.fullmatch(value.lower()) is not None


def parse_number(cell: Cell) -> tuple[float, bool] | None:
    """(value, written as a percentage) of a cell: 12, "1,000", "12%", "$1.5"; None if empty."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, bool):
        raise CellProblem(f"{shown(cell)} is not a number")
    if isinstance(cell, int | float):
        if isinstance(cell, float) and not math.isfinite(cell):
            raise CellProblem(f"{cell!r} is not a finite number")
        return float(cell), False
    text = cell.strip().replace("\u00a0", "").replace(" ", "").strip(_CURRENCY)
    percent = text.endswith("%")
    text = text.removesuffix("%").strip(_CURRENCY)
    if not text or not _NUMBER.match(text) or text in {"+", "-", "."}:
        raise CellProblem(f"{shown(cell.strip()[:80])} is not a number")
    return float(text.replace(",", "")), percent


class RowCells:
    """One row read through a mapping; problems are added to `problems`, never raised."""

    __slots__ = ("_accepted", "_cells", "mapping", "problems", "row", "sheet")

    def __init__(self, sheet: Sheet, row: SheetRow, mapping: Mapping,
                 problems: list[SheetProblem],
                 accepted: dict[tuple[Any, ...], Any] | None = None) -> None:
        """`accepted`: values `field` accepted, shared by the rows of a sheet."""
        self.sheet, self.row, self.mapping, self.problems = sheet, row, mapping, problems
        self._cells = row.cells
        self._accepted = {} if accepted is None else accepted

    def cell(self, field: str) -> Cell:
        index = self.mapping.get(field)
        if index is None:
            return None
        try:
            return self._cells[index]
        except IndexError:  # a column right of the row's last cell
            return None

    def text(self, field: str) -> str:
        """The cell as text, trimmed; whole numbers without ".0"; "" when empty."""
        index = self.mapping.get(field)  # as `cell`, written out: asked ten times a row
        if index is None:
            return ""
        try:
            value = self._cells[index]
        except IndexError:
            return ""
        if value.__class__ is str:
            return value.strip()
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value).strip()

    def raw_text(self, field: str) -> str:
        """The cell as written (leading spaces kept: they may be an outline's indentation)."""
        value = self.cell(field)
        return "" if value is None else str(value).rstrip()

    def number(self, field: str) -> tuple[float, bool] | None:
        value = self.cell(field)
        if value.__class__ is int:  # as most numbers of a workbook read (parse_number's answer)
            return float(value), False
        if value.__class__ is float and math.isfinite(value):  # as parse_number, sooner
            return value, False
        try:
            return parse_number(value)
        except CellProblem as problem:
            self.problem(field, str(problem))
            return None

    def column(self, field: str) -> str | None:
        index = self.mapping.get(field)
        if index is None or index >= len(self.sheet.headers):
            return None
        return str(self.sheet.headers[index])[:80]

    def problem(self, field: str | None, message: str) -> None:
        self.problems.append(SheetProblem(self.sheet.name, self.row.number,
                                          self.column(field) if field else None, message))

    def field(self, at: str, table: str, column: str, value: Cell, what: str) -> Any:
        """`checked(at, checks.field, table, column, value, what)`; a value the rule accepted
        before (in any row sharing `accepted`) is not checked again: the same few numbers
        and units fill a sheet, and the rule gives the same answer to the same value."""
        kind: object = value.__class__
        if isinstance(value, float) and not value:
            kind = (float, math.copysign(1.0, value))  # 0.0 and -0.0 are equal, not the same
        key = (table, column, what, kind, value)
        found = self._accepted.get(key, _UNSEEN)
        if found is not _UNSEEN:
            return found
        try:
            found = field(table, column, value, what)
        except OkrDeskError as error:
            self.problem(at, str(error))
            return None
        self._accepted[key] = found
        return found

    def checked(self, field: str, check: Callable[..., Any], *args: Any) -> Any:
        """`check(*args)`, or None with a problem at this cell if it refuses (in the ops'
        words)."""
        try:
            return check(*args)
        except OkrDeskError as error:
            self.problem(field, str(error))
            return None
