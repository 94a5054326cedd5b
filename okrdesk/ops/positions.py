"""Order among siblings: appending at the end and moving to a given place."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from okrdesk.errors import OperationRefused
from okrdesk.limits import HIGHEST_POSITION

if TYPE_CHECKING:
    from okrdesk.storage.transaction import Transaction


def next_position(tx: Transaction, table: str, **siblings: Any) -> int:
    rows = tx.rows(table, **siblings)
    last = max((row["position"] for row in rows), default=-1)
    return min(last + 1, HIGHEST_POSITION)  # at the limit, ties keep their order of creation


def move_to(tx: Transaction, table: str, row_id: str, position: int, **siblings: Any) -> None:
    """Put `row_id` at `position` among its siblings and number them 0, 1, 2, ..."""
    rows = [row for row in tx.rows(table, **siblings) if row["id"] != row_id]
    if position > len(rows):
        raise OperationRefused(
            f"Position {position} is past the end; the last position is {len(rows)}."
        )
    order = [row["id"] for row in rows]
    order.insert(position, row_id)
    for index, sibling_id in enumerate(order):
        tx.update(table, sibling_id, position=index)
