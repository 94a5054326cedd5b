"""The rows one history entry changed: each row (its table and title or name) with what it
became (added, removed) or, field by field, before → after."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from okrdesk.storage.history import HistoryChange, HistoryItem

from ..translation import QT_TR_NOOP, tr

ROWS_SHOWN = 300  # the rest is counted
VALUE_SHOWN = 120  # characters of a value
VALUE_TIP = 1000  # and in its tooltip
QUIET_FIELDS = frozenset({"id", "created_at", "updated_at"})
TABLE_NAMES = {
    "settings": QT_TR_NOOP("Setting"), "levels": QT_TR_NOOP("Level"),
    "functions": QT_TR_NOOP("Function"), "units": QT_TR_NOOP("Person or team"),
    "cycles": QT_TR_NOOP("Cycle"), "objectives": QT_TR_NOOP("Objective"),
    "key_results": QT_TR_NOOP("Key result"), "contributions": QT_TR_NOOP("Contribution"),
    "check_ins": QT_TR_NOOP("Check-in"), "canvas_positions": QT_TR_NOOP("Card position"),
    "objective_scores": QT_TR_NOOP("Objective score"),
    "key_result_scores": QT_TR_NOOP("Key result score"),
}
NAME_FIELDS = ("title", "name", "key", "note")


class HistoryDetails(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDetails")
        self.setAccessibleName(tr("Rows the chosen change changed"))
        self.setColumnCount(4)
        self.setHeaderLabels([tr("Row"), tr("Field"), tr("Before"), tr("After")])
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.show_entry(None)

    def show_entry(self, item: HistoryItem | None) -> None:
        self.clear()
        if item is None:
            self._note(tr("Choose a change above to see the rows it changed."))
        elif not item.readable:
            self._note(tr("This entry cannot be read: {problem}.").format(problem=item.problem))
        elif item.changes is None:
            self._note(tr("{count} rows changed; a change this large keeps its label and row "
                          "count only.").format(count=f"{item.row_count:,}"))
        else:
            for change in item.changes[:ROWS_SHOWN]:
                self.addTopLevelItem(_row_item(change))
            hidden = len(item.changes) - ROWS_SHOWN
            if hidden > 0:
                self._note(tr("… and {count} more rows").format(count=f"{hidden:,}"))
            if len(item.changes) <= 20:
                self.expandAll()
        widest = max(80, self.viewport().width() * 2 // 5)
        for column in range(3):
            self.resizeColumnToContents(column)
            self.setColumnWidth(column, min(self.columnWidth(column), widest))

    def _note(self, text: str) -> None:
        note = QTreeWidgetItem([text])
        note.setFirstColumnSpanned(True)
        self.addTopLevelItem(note)
        note.setFirstColumnSpanned(True)


def _row_item(change: HistoryChange) -> QTreeWidgetItem:
    values = change.after if change.after is not None else change.before or {}
    table = tr(TABLE_NAMES[change.table]) if change.table in TABLE_NAMES else change.table
    row = QTreeWidgetItem([f"{table} {_name(values, change.row_id)}"])
    if change.before is None:
        row.setText(3, tr("added"))
    elif change.after is None:
        row.setText(2, tr("removed"))
    else:
        for field, before, after in _changed_fields(change.before, change.after):
            child = QTreeWidgetItem(["", field, _shown(before), _shown(after)])
            child.setToolTip(2, _shown(before, VALUE_TIP))
            child.setToolTip(3, _shown(after, VALUE_TIP))
            row.addChild(child)
    row.setToolTip(0, row.text(0))
    return row


def _changed_fields(before: Mapping[str, Any],
                    after: Mapping[str, Any]) -> list[tuple[str, Any, Any]]:
    return [(field, before.get(field), value) for field, value in after.items()
            if field not in QUIET_FIELDS and before.get(field) != value]


def _name(values: Mapping[str, Any], row_id: str) -> str:
    for field in NAME_FIELDS:
        value = values.get(field)
        if isinstance(value, str) and value.strip():
            return f"“{_shown(value)}”"
    return row_id[:8]


def _shown(value: object, longest: int = VALUE_SHOWN) -> str:
    if value is None:
        return "—"
    text = " ".join(str(value).split())
    return text if len(text) <= longest else text[:longest - 1] + "…"
