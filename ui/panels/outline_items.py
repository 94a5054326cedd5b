"""The rows of the outline tree: the item for an objective, a key result or a new line, and
finding an item again by its plan row or by where it sat."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from okrdesk.snapshot import KeyResultRow, ObjectiveRow, Snapshot

from ..measure_words import measure_text

KEY_ROLE = Qt.ItemDataRole.UserRole  # "objectives:<id>", "key_results:<id>" or NEW_LINE
NEW_LINE = "new"


def key_of(item: QTreeWidgetItem | None) -> tuple[str, str]:
    """The table and row id an item shows ("", "" for none or a new line)."""
    table, _, row_id = str(item.data(0, KEY_ROLE) if item else "").partition(":")
    return table, row_id


def line_item(title: str, note: str, key: str) -> QTreeWidgetItem:
    item = QTreeWidgetItem([title, note])
    item.setData(0, KEY_ROLE, key)
    item.setToolTip(0, title)
    item.setToolTip(1, note)
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
    return item


def new_line_item() -> QTreeWidgetItem:
    line = QTreeWidgetItem([""])
    line.setData(0, KEY_ROLE, NEW_LINE)
    line.setFlags(line.flags() | Qt.ItemFlag.ItemIsEditable)
    return line


def objective_item(snapshot: Snapshot, objective: ObjectiveRow,
                   shown_owner: str) -> QTreeWidgetItem:
    """An objective in bold, its key results under it with what each reads as."""
    item = line_item(objective.title, shown_owner, f"objectives:{objective.id}")
    font = item.font(0)
    font.setBold(True)
    item.setFont(0, font)
    item.addChildren([key_result_item(kr) for kr in snapshot.key_results_of(objective.id)])
    return item


def key_result_item(kr: KeyResultRow) -> QTreeWidgetItem:
    return line_item(kr.title, measure_text(kr.kind, kr.start_value, kr.target_value, kr.unit),
                     f"key_results:{kr.id}")


def find_item(tree: QTreeWidget, table: str, row_id: str) -> QTreeWidgetItem | None:
    key = f"{table}:{row_id}"
    for index in range(tree.topLevelItemCount()):
        top = top_item(tree, index)
        if top.data(0, KEY_ROLE) == key:
            return top
        for child in range(top.childCount()):
            if child_item(top, child).data(0, KEY_ROLE) == key:
                return top.child(child)
    return None


def position_of(tree: QTreeWidget, item: QTreeWidgetItem | None) -> tuple[int, int]:
    """(top-level row, child row or -1) of an item, to land near it after a rebuild."""
    if item is None:
        return (0, -1)
    parent = item.parent()
    if parent is None:
        return (tree.indexOfTopLevelItem(item), -1)
    return (tree.indexOfTopLevelItem(parent), parent.indexOfChild(item))


def item_near(tree: QTreeWidget, key: str, position: tuple[int, int]) -> QTreeWidgetItem | None:
    """The item showing `key`, or the one now where it sat (it was deleted or moved away)."""
    table, _, row_id = key.partition(":")
    item = find_item(tree, table, row_id) if row_id else None
    if item is None and tree.topLevelItemCount():
        top, child = position
        top_level = top_item(tree, min(top, tree.topLevelItemCount() - 1))
        item = top_level
        if child >= 0 and top_level.childCount():
            item = top_level.child(min(child, top_level.childCount() - 1))
    return item


def top_item(tree: QTreeWidget, index: int) -> QTreeWidgetItem:
    item = tree.topLevelItem(index)
    assert item is not None
    return item


def child_item(item: QTreeWidgetItem, index: int) -> QTreeWidgetItem:
    child = item.child(index)
    assert child is not None
    return child
