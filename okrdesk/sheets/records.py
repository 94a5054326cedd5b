"""The "Records" sheet of an OKR Desk export: each row's times, position, visibility and copy
origin, as the export recorded them, checked by the columns' rules.

A plan rebuilt whole writes each objective and key result with its record (`take`), rather
than writing it and then changing it; `apply` writes the other records afterwards.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import Any

from okrdesk import limits
from okrdesk.model import TABLES
from okrdesk.sheets.model import Cell, SheetProblem, SheetRow, Workbook
from okrdesk.sheets.plan_rows import RECORDS_SHEET
from okrdesk.storage.transaction import Transaction

RECORD_COLUMNS = ("created_at", "updated_at", "position", "visibility", "copied_from_id")
_Key = tuple[str, str]  # (table, id)


class Records:
    def __init__(self, workbook: Workbook) -> None:
        self.problems: list[SheetProblem] = []
        # (table, columns) -> (row, its values): lines of the same columns written at once.
        self._updates: dict[tuple[str, tuple[str, ...]], list[tuple[_Key, tuple[Any, ...]]]] = {}
        self._single: dict[_Key, dict[str, Any]] = {}  # the values of rows one line names
        self._taken: set[_Key] = set()
        sheet = workbook.sheet(RECORDS_SHEET)
        if sheet is not None:
            self._read(sheet.name, sheet.rows)

    def _read(self, name: str, lines: Sequence[SheetRow]) -> None:
        named: Counter[_Key] = Counter()
        accepted: set[tuple[str, str, object, object]] = set()  # (table, column, type, value)
        for line in lines:
            cells = line.cells
            table = cells[0] if cells else None
            row_id = cells[1] if len(cells) > 1 else None
            if table not in TABLES or not isinstance(row_id, str):
                self.problems.append(SheetProblem(name, line.number, "Table",
                                                  f"{limits.shown(table)} is not a table of "
                                                  "a plan"))
                continue
            values: dict[str, Any] = {}
            for index, column, nullable, rule, kind in _record_columns(str(table)):
                cell = cells[index] if index < len(cells) else None
                if cell is None and column != "copied_from_id":
                    continue
                value = values[column] = cell if kind is str else as_kind(cell, kind)
                seen = (str(table), column, value.__class__, value)
                if (value is None and nullable) or seen in accepted:
                    continue
                problem = rule.problem(value)
                if problem:
                    self.problems.append(SheetProblem(name, line.number, column, problem))
                    break
                accepted.add(seen)
            else:
                if values:
                    key = (str(table), row_id)
                    self._updates.setdefault((key[0], tuple(values)), []).append(
                        (key, (*values.values(), row_id)))
                    named[key] += 1
                    self._single[key] = values
        for key, count in named.items():
            if count > 1:  # applied in the order of `apply`, as they come
                del self._single[key]

    def take(self, table: str, row_id: str) -> dict[str, Any]:
        """The recorded values of a row about to be inserted, which `apply` then leaves
        alone ({} if the row has none, or several lines)."""
        key = (table, row_id)
        found = self._single.get(key)
        if found is None:
            return {}
        self._taken.add(key)
        return found

    def apply(self, tx: Transaction) -> None:
        """Write the records not taken to the rows they name, as changes the transaction
        records (so the rules checked before its commit, such as a closed cycle's, see
        them)."""
        for (table, columns), lines in self._updates.items():
            rows = [values for key, values in lines if key not in self._taken]
            if rows:
                tx.set_columns(table, columns, rows)


@cache
def _record_columns(table: str) -> tuple[tuple[int, str, bool, limits.Limit, type], ...]:
    """(index in a line, column, may be empty, its rule, its Python type) of the record
    columns `table` has."""
    known = TABLES[table].__table__.columns
    return tuple((index, column, bool(known[column].nullable), limits.limit_of(table, column),
                  known[column].type.python_type)
                 for index, column in enumerate(RECORD_COLUMNS, start=2) if column in known)


def as_kind(value: Cell, kind: type) -> Cell:
    """A cell as a column's type: whole numbers of integer columns as int (a spreadsheet may
    keep them as floats), numbers of number columns from text (CSV holds only text). What
    does not read as one stays as it is, for the column's rule to name."""
    if isinstance(value, str) and kind in (int, float) and value.strip():
        try:
            value = float(value)
        except ValueError:
            return value
    if isinstance(value, float) and value.is_integer() and kind is int:
        return int(value)
    return value

