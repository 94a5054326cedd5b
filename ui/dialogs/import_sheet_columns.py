"""The import dialog's mapping table: each column of the sheet, its first value and the field
it fills, chosen in a combo per column."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QHeaderView, QTableWidget, QTableWidgetItem

from okrdesk.sheets import Mapping, Sheet, SheetProblem

from ..translation import tr
from .import_sheet_rows import PREVIEW_ROWS, first_value
from .sheet_fields import field_choices


class ColumnFields:
    """Fills `table` with a row per column of a sheet; `changed` runs when a field is chosen."""

    def __init__(self, table: QTableWidget, changed: Callable[[], None]) -> None:
        self.table = table
        self.changed = changed
        self.combos: list[QComboBox] = []
        table.setHorizontalHeaderLabels([tr("Column"), tr("First value"), tr("Imported as")])
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

    def fill(self, sheet: Sheet | None, mapping: Mapping, org_chart: bool) -> None:
        headers = sheet.headers if sheet is not None else ()
        rows = sheet.rows[:PREVIEW_ROWS] if sheet is not None else ()
        by_column = {column: field for field, column in mapping.items()}
        self.combos = []
        self.table.setRowCount(len(headers))
        choices = field_choices(org_chart)
        for row, header in enumerate(headers):
            self.table.setItem(row, 0, QTableWidgetItem(header))
            example = QTableWidgetItem(first_value(rows, row))
            example.setToolTip(example.text())
            self.table.setItem(row, 1, example)
            combo = QComboBox(self.table)
            combo.setObjectName(f"sheetField{row}")
            combo.setAccessibleName(tr("Field for column {column}").format(column=header))
            for text, field in choices:
                combo.addItem(text, field)
            combo.setCurrentIndex(max(0, combo.findData(by_column.get(row, ""))))
            combo.currentIndexChanged.connect(lambda _i: self.changed())
            self.table.setCellWidget(row, 2, combo)
            self.combos.append(combo)
        self._fit()

    def _fit(self) -> None:
        """The field lists as wide as their longest name, and the table wide enough for all
        three columns, so that no name is cut."""
        table = self.table
        widest = max((combo.sizeHint().width() for combo in self.combos), default=160)
        table.setColumnWidth(2, widest)
        table.resizeColumnToContents(0)
        first = min(table.columnWidth(0), 200)
        table.setColumnWidth(0, first)
        frame = 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width()
        table.setMinimumWidth(first + 140 + widest + frame)

    def fields(self) -> list[str]:
        """The field chosen for each column, "" where it is not imported."""
        return [str(combo.currentData() or "") for combo in self.combos]

    def current(self) -> Mapping:
        """The fields chosen now, as column indexes."""
        return {str(combo.currentData()): column for column, combo in enumerate(self.combos)
                if combo.currentData()}

    def use(self, mapping: Mapping) -> None:
        """Choose the fields of `mapping` without a `changed` per column."""
        for column, combo in enumerate(self.combos):
            combo.blockSignals(True)
            chosen = next((field for field, index in mapping.items() if index == column), "")
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.blockSignals(False)

    def twice_chosen(self, sheet: Sheet) -> list[SheetProblem]:
        """A field chosen for two columns (a problem until one of them changes; taking it from
        the other column at once would lose it while arrow keys pass over it)."""
        first: dict[str, int] = {}
        problems = []
        for column, combo in enumerate(self.combos):
            field = str(combo.currentData() or "")
            if not field:
                continue
            if field in first:
                problems.append(SheetProblem(sheet.name, None, sheet.headers[column],
                                             tr("“{field}” is chosen for column {other} "
                                                "too; choose it for one column only").format(
                    field=combo.currentText(), other=sheet.headers[first[field]])))
            else:
                first[field] = column
        return problems
