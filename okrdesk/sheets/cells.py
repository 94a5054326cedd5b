"""Reading one row's cells as the fields a mapping names: text, numbers, and the problems
of cells that are not what their column needs (each naming the sheet, row and column)."""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Callable
from typing import Any

from okrdesk.errors import OkrDeskError
from okrdesk.limits import shown
from okrdesk.sheets.model import Cell, Mapping, Sheet, SheetProblem, SheetRow

_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$")
_CURRENCY = "$€£¥"


class CellProblem(Exception):
    """A cell's value cannot be used; the message follows "row N, column C: "."""


def is_uuid(value: str) -> bool:
    try:
        return str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False


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

    def __init__(self, sheet: Sheet, row: SheetRow, mapping: Mapping,
                 problems: list[SheetProblem]) -> None:
        self.sheet, self.row, self.mapping, self.problems = sheet, row, mapping, problems

    def cell(self, field: str) -> Cell:
        index = self.mapping.get(field)
        if index is None or index >= len(self.row.cells):
            return None
        return self.row.cells[index]

    def text(self, field: str) -> str:
        """The cell as text, trimmed; whole numbers without ".0"; "" when empty."""
        value = self.cell(field)
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
        try:
            return parse_number(self.cell(field))
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

    def checked(self, field: str, check: Callable[[], Any]) -> Any:
        """`check()`, or None with a problem at this cell if it refuses (in the ops' words)."""
        try:
            return check()
        except OkrDeskError as error:
            self.problem(field, str(error))
            return None
