"""Where a line being typed sits in the outline tree: opened after a row, moved in under the
objective above (Tab) or back out (Shift+Tab), dropped when left empty. Nothing is written here."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from okrdesk.snapshot import Snapshot

from .outline_items import KEY_ROLE, key_of, new_line_item


@dataclass
class NewLine:
    """A line being typed: an objective (`objective_id` empty) or a key result of one."""

    item: QTreeWidgetItem
    owner_id: str
    after_id: str  # the objective or key result it was opened after ("" for the end)
    objective_id: str = ""


def open_line(tree: QTreeWidget, snapshot: Snapshot, item: QTreeWidgetItem | None,
              owner_id: str) -> NewLine | None:
    """A new line after `item`, of its kind (None: a new objective of `owner_id` at the end);
    None, and no line, when the objective would have no owner."""
    table, row_id = key_of(item)
    line = new_line_item()
    parent = item.parent() if item is not None else None
    if table == "key_results" and item is not None and parent is not None:
        parent.insertChild(parent.indexOfChild(item) + 1, line)
        return NewLine(line, "", row_id, snapshot.key_results[row_id].objective_id)
    if table == "objectives" and item is not None:
        owner_id = snapshot.objectives[row_id].owner_id
        tree.insertTopLevelItem(tree.indexOfTopLevelItem(item) + 1, line)
    else:
        tree.addTopLevelItem(line)
    if not owner_id:
        tree.takeTopLevelItem(tree.indexOfTopLevelItem(line))
        return None
    return NewLine(line, owner_id, row_id if table == "objectives" else "")


def move_in(tree: QTreeWidget, snapshot: Snapshot, line: NewLine) -> NewLine | None:
    """The new objective line as the last key result of the objective above (None: none is)."""
    item = line.item
    index = tree.indexOfTopLevelItem(item)
    above = tree.topLevelItem(index - 1) if index > 0 else None
    key = str(above.data(0, KEY_ROLE)) if above is not None else ""
    if above is None or not key.startswith("objectives:"):
        return None
    tree.takeTopLevelItem(tree.indexOfTopLevelItem(item))
    above.addChild(item)
    above.setExpanded(True)
    objective_id = key.partition(":")[2]
    krs = snapshot.krs_of.get(objective_id, [])
    return NewLine(item, "", krs[-1] if krs else "", objective_id)


def move_out(tree: QTreeWidget, snapshot: Snapshot, line: NewLine,
            parent: QTreeWidgetItem) -> NewLine:
    """The new key result line as an objective of the same owner, after its objective."""
    item = line.item
    parent.removeChild(item)
    tree.insertTopLevelItem(tree.indexOfTopLevelItem(parent) + 1, item)
    objective = snapshot.objectives[line.objective_id]
    return NewLine(item, objective.owner_id, objective.id)


def drop_line(tree: QTreeWidget, line: NewLine) -> QTreeWidgetItem | None:
    """Take the line out of the tree; the row above it, if any, to make current."""
    parent = line.item.parent()
    if parent is not None:
        index = parent.indexOfChild(line.item)
        parent.removeChild(line.item)
        return parent.child(index - 1) if index > 0 else parent
    index = tree.indexOfTopLevelItem(line.item)
    tree.takeTopLevelItem(index)
    return tree.topLevelItem(index - 1) if index > 0 else None
