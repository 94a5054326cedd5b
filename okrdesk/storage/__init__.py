"""Plan files: opening, creating, upgrading and changing them safely."""

from okrdesk.storage.changes import ChangeSet, RowChange
from okrdesk.storage.plan import Plan
from okrdesk.storage.transaction import Transaction

__all__ = ["ChangeSet", "Plan", "RowChange", "Transaction"]
