"""The import dialog's first rows of the sheet: their values as text, and column headers that
say which field each column fills."""

from __future__ import annotations

from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from okrdesk.sheets import Cell, Sheet, SheetRow

from ..translation import tr
from .sheet_fields import field_name

PREVIEW_ROWS = 20
WIDEST_COLUMN = 220


def fill_rows(table: QTableWidget, sheet: Sheet | None) -> None:
    """The sheet's first rows, numbered as in the sheet, each column at most WIDEST_COLUMN."""
    shown = sheet.rows[:PREVIEW_ROWS] if sheet is not None else ()
    headers = sheet.headers if sheet is not None else ()
    table.clear()
    table.setColumnCount(len(headers))
    table.setRowCount(len(shown))
    table.setVerticalHeaderLabels([str(row.number) for row in shown])
    for row_index, row in enumerate(shown):
        for column, value in enumerate(row.cells[:len(headers)]):
            table.setItem(row_index, column, QTableWidgetItem(cell_text(value)))


def label_columns(table: QTableWidget, headers: tuple[str, ...], fields: list[str],
                  org_chart: bool, muted: QBrush) -> None:
    """The rows' column headers say what each column becomes; unmapped columns are grey."""
    for column, header in enumerate(headers):
        field = fields[column] if column < len(fields) else ""
        item = QTableWidgetItem(f"{header}\n→ {field_name(field, org_chart)}"
                                if field else f"{header}\n{tr('(not imported)')}")
        if not field:
            item.setForeground(muted)
        table.setHorizontalHeaderItem(column, item)


def fit_columns(table: QTableWidget) -> None:
    table.resizeColumnsToContents()
    for column in range(table.columnCount()):
        table.setColumnWidth(column, min(table.columnWidth(column), WIDEST_COLUMN))


def first_value(rows: tuple[SheetRow, ...], column: int) -> str:
    """The first value of a column that is not empty, as an example of what it holds."""
    for row in rows:
        if column < len(row.cells) and row.cells[column] not in (None, ""):
            return cell_text(row.cells[column])
    return ""


def cell_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
