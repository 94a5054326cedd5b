"""OKR rows -> their hierarchy: which row is an objective and which a key result, and what each
sits under.

A row's parent comes from the parent column (a row number, an id of the sheet or the plan, or
a title), else from outline numbering ("1.2" sits under "1") or indentation of the titles,
else a key result belongs to the objective above it. Without a Type column, a row under an
objective that has measure values is a key result; every other row is an objective.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from okrdesk.sheets.cells import RowCells
from okrdesk.sheets.model import Field, Mapping, Sheet, SheetProblem
from okrdesk.sheets.okr_values import KEY_RESULT, OBJECTIVE, has_metric, row_type
from okrdesk.storage.transaction import Transaction

OUTLINE = re.compile(r"^(\d+(?:\.\d+)*)[.)]?\s+(\S.*)$")


@dataclass(eq=False)
class OkrRow:
    cells: RowCells
    sheet_id: str
    title: str
    outline: str
    indent: int
    stated_type: str | None
    parent_text: str
    measured: bool
    parent: OkrRow | None = None
    plan_parent: tuple[str, str] | None = None  # ("objectives" or "key_results", id)
    type: str = ""
    row_id: str = ""  # the plan id the row gets or has
    broken: bool = False

    @property
    def number(self) -> int:
        return self.cells.row.number


def read_rows(tx: Transaction, sheet: Sheet, mapping: Mapping,
              problems: list[SheetProblem]) -> list[OkrRow]:
    """The sheet's rows with their types and parents; problems are added, never raised."""
    rows: list[OkrRow] = []
    accepted: dict[tuple[Any, ...], Any] = {}
    for line in sheet.rows:
        cells = RowCells(sheet, line, mapping, problems, accepted)
        raw = cells.raw_text(Field.TITLE)
        if not raw.strip():
            if any(cell not in (None, "") for cell in line.cells):
                cells.problem(Field.TITLE, "the row has no title")
            continue
        rows.append(OkrRow(cells, cells.text(Field.ID), raw.strip(), "",
                           len(raw) - len(raw.lstrip()), row_type(cells),
                           cells.text(Field.PARENT), has_metric(cells)))
    _refuse_twin_ids(rows)
    outlined = Field.PARENT not in mapping and bool(rows) and all(
        OUTLINE.match(row.title) for row in rows)
    if outlined:
        for row in rows:
            match = OUTLINE.match(row.title)
            assert match is not None
            row.outline, row.title = match[1], match[2].strip()
    _link_parents(tx, rows, outlined)
    _break_loops(rows)
    for row in rows:
        _settle_type(row, [])
    return rows


def _refuse_twin_ids(rows: list[OkrRow]) -> None:
    first: dict[str, OkrRow] = {}
    for row in rows:
        key = row.sheet_id.casefold()
        if not key:
            continue
        if key in first:
            row.cells.problem(Field.ID, f"the id {row.sheet_id[:80]!r} is also on row "
                                        f"{first[key].number}")
            row.broken = True
        else:
            first[key] = row


def _link_parents(tx: Transaction, rows: list[OkrRow], outlined: bool) -> None:
    by_id = {row.sheet_id.casefold(): row for row in rows if row.sheet_id}
    by_number = {row.number: row for row in rows}
    by_outline = {row.outline: row for row in rows if row.outline}
    by_title: dict[str, list[OkrRow]] = {}
    for row in rows:
        by_title.setdefault(row.title.casefold(), []).append(row)
    indented = Field.PARENT not in rows[0].cells.mapping if rows else False
    indented = indented and any(row.indent for row in rows)
    for index, row in enumerate(rows):
        if row.parent_text:
            _parent_from_cell(tx, row, by_id, by_number, by_title)
        elif outlined and "." in row.outline:
            above = row.outline.rsplit(".", 1)[0]
            row.parent = by_outline.get(above)
            if row.parent is None:
                row.cells.problem(Field.TITLE, f"the outline number {row.outline} has no row "
                                               f"{above} above it")
        elif indented and row.indent:
            row.parent = next((other for other in reversed(rows[:index])
                               if other.indent < row.indent), None)
        elif not outlined and not indented and row.stated_type != OBJECTIVE and (
                row.stated_type == KEY_RESULT or row.measured):
            row.parent = next((other for other in reversed(rows[:index])
                               if other.stated_type != KEY_RESULT and not other.measured), None)


def _parent_from_cell(tx: Transaction, row: OkrRow, by_id: dict[str, OkrRow],
                      by_number: dict[int, OkrRow], by_title: dict[str, list[OkrRow]]) -> None:
    text = row.parent_text
    if text.casefold() in by_id:
        row.parent = by_id[text.casefold()]
        return
    for table in ("objectives", "key_results"):
        if tx.get(table, text.lower()) is not None:
            row.plan_parent = (table, text.lower())
            return
    if text.isdigit() and int(text) in by_number:
        row.parent = by_number[int(text)]
        return
    same = [other for other in by_title.get(text.casefold(), []) if other is not row]
    if len(same) == 1:
        row.parent = same[0]
        return
    if len(same) > 1:
        row.cells.problem(Field.PARENT, f"the parent {text[:80]!r} is the title of rows "
                                        f"{', '.join(str(other.number) for other in same)}; "
                                        "give its id or row number")
        row.broken = True
        return
    planned = tx.rows("objectives", title=text)
    if len(planned) == 1:
        row.plan_parent = ("objectives", planned[0]["id"])
        return
    row.cells.problem(Field.PARENT, f"the parent {text[:80]!r} is not a row number, id or "
                                    "title of this sheet, nor an objective of the plan")
    row.broken = True


def _break_loops(rows: list[OkrRow]) -> None:
    done: set[int] = set()
    for row in rows:
        chain: list[OkrRow] = []
        on_chain: dict[int, int] = {}  # id of a row -> its place in the chain
        current: OkrRow | None = row
        while current is not None and id(current) not in done:
            start = on_chain.get(id(current))
            if start is not None:
                circle = chain[start:]
                numbers = ", ".join(str(each.number) for each in circle)
                for each in circle:
                    each.cells.problem(Field.PARENT if Field.PARENT in each.cells.mapping
                                       else Field.TITLE,
                                       f"the parents go round in a loop (rows {numbers})")
                    each.parent, each.broken = None, True
                break
            on_chain[id(current)] = len(chain)
            chain.append(current)
            current = current.parent
        done.update(on_chain)


def _settle_type(row: OkrRow, seen: list[OkrRow]) -> str:
    if row.type:
        return row.type
    if row.stated_type is not None:
        row.type = row.stated_type
    elif not row.measured:
        row.type = OBJECTIVE
    elif row.parent is not None and not any(each is row for each in seen):
        parent_type = _settle_type(row.parent, [*seen, row])
        row.type = KEY_RESULT if parent_type == OBJECTIVE else OBJECTIVE
    else:
        is_objective = row.plan_parent is not None and row.plan_parent[0] == "objectives"
        row.type = KEY_RESULT if is_objective else OBJECTIVE
    return row.type
