"""Plan files: opening, creating, upgrading and changing them safely.

`Plan` and `Transaction` load when first asked for. Opening a plan and reading it
(`Plan.open`, `Plan.reading`, reading.read_plan for a map's worker) take sqlite3 alone;
SQLAlchemy loads with a plan's first change (`Transaction`, `Plan.engine`), so a program that
only reads plans or handles change sets never loads it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from okrdesk.storage.changes import ChangeSet, RowChange

if TYPE_CHECKING:
    from okrdesk.storage.plan import Plan
    from okrdesk.storage.transaction import Transaction

__all__ = ["ChangeSet", "Plan", "RowChange", "Transaction"]


def __getattr__(name: str) -> Any:
    if name == "Plan":
        from okrdesk.storage.plan import Plan

        return Plan
    if name == "Transaction":
        from okrdesk.storage.transaction import Transaction

        return Transaction
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
