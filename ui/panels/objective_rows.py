"""The rows of the Objectives list: which objectives the filters let through, and in what order."""

from __future__ import annotations

from collections.abc import Callable, Container
from dataclasses import dataclass
from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem

from okrdesk.snapshot import ObjectiveRow, Snapshot

ID_ROLE = Qt.ItemDataRole.UserRole
ANY = ""
NO_STATUS = "none"


class ListRow(NamedTuple):
    """One row of the list, in the order of its columns."""

    title: str
    owner: str
    status: str
    objective_id: str


def list_item(row: ListRow) -> QTreeWidgetItem:
    item = QTreeWidgetItem([row.title, row.owner, row.status])
    item.setData(0, ID_ROLE, row.objective_id)
    item.setToolTip(0, row.title)
    return item


def sorted_rows(rows: list[ListRow], column: int, order: Qt.SortOrder) -> list[ListRow]:
    """By the column's text ignoring case, then by title, then by id: one order for equal
    texts, whatever order the rows came in."""
    descending = order == Qt.SortOrder.DescendingOrder
    if column == 0:
        return sorted(rows, key=lambda row: (row.title.casefold(), row.objective_id),
                      reverse=descending)
    return sorted(rows, key=lambda row: (row[column].casefold(), row.title.casefold(),
                                         row.objective_id), reverse=descending)


@dataclass
class Filters:
    cycle_id: str = ANY
    level_id: str = ANY
    owner_id: str = ANY
    function_id: str = ANY
    status: str = ANY
    orphans_only: bool = False
    text: str = ""


def matches(snapshot: Snapshot, objective: ObjectiveRow, filters: Filters,
            is_orphan: Callable[[str], bool], in_cycle: Container[str] = ()) -> bool:
    """`in_cycle`: the objectives the view of the chosen cycle holds (see okrdesk.rulebook)."""
    owner = snapshot.units.get(objective.owner_id)
    checks = (
        not filters.cycle_id or objective.id in in_cycle,
        not filters.owner_id or objective.owner_id == filters.owner_id,
        not filters.level_id or (owner is not None and owner.level_id == filters.level_id),
        not filters.function_id or (owner is not None and owner.function_id == filters.function_id),
        not filters.status or (objective.status or NO_STATUS) == filters.status,
        not filters.text or filters.text.lower() in objective.title.lower(),
    )
    return all(checks) and (not filters.orphans_only or is_orphan(objective.id))
