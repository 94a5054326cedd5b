"""In a draft file, a change set may touch only the draft's part: the seam to that rule.

The check runs in `Plan.change`, beside the closed-cycle check and for the same reason: every
change reaches the file there (operations, imports, undo and redo alike). The rule itself
lives in okrdesk/drafts/part.py, where the merge and the app ask it too; but okrdesk.drafts
builds on storage, and storage importing it back would be an import cycle (import-linter
forbids it). So storage asks the cheap question itself (is this file a draft?) and only then
loads the rule by name: a plan that is not a draft pays one read of an empty table.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from okrdesk.storage.transaction import Transaction

IS_DRAFT = "SELECT 1 FROM drafts LIMIT 1"
DRAFT_TABLES = frozenset({"drafts", "draft_base"})
RULE_MODULE = "okrdesk.drafts.guard"  # refuse_changes_outside_part(tx)


def refuse_changes_outside_draft_part(tx: Transaction) -> None:
    """Raise OperationRefused if the file is a draft and the transaction's changes touch a
    row outside its part (or the draft's own record)."""
    changes = tx.changeset()
    if not changes:
        return
    if not tx.fetch(IS_DRAFT) and not any(c.table in DRAFT_TABLES for c in changes):
        return
    rule = importlib.import_module(RULE_MODULE)
    rule.refuse_changes_outside_part(tx)
