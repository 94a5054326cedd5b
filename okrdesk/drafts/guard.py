"""The part guard: in a draft file, a change set touching a row outside the part is refused
before it commits. Called from `Plan.change` through okrdesk/storage/draft_guard.py."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from okrdesk.drafts.part import DraftPart, Row, draft_part, row_in_part
from okrdesk.drafts.words import what_changes
from okrdesk.errors import OperationRefused
from okrdesk.storage.changes import ChangeSet, RowChange

if TYPE_CHECKING:
    from okrdesk.storage.transaction import Transaction

# Arranging cards is not changing the plan: positions stay free, as in a closed cycle.
FREE_TABLES = frozenset({"canvas_positions"})


def refuse_changes_outside_part(tx: Transaction) -> None:
    """Raise OperationRefused naming the first changed row (as it was or as it is) that lies
    outside the draft's part. The part is read as the change leaves the file, so a person
    added under the part is inside it."""
    changes = tx.changeset()
    part = draft_part(tx)
    if part is None:  # the change set removed the draft's own record
        part = DraftPart("", None, frozenset())
    lookup = TransactionLookup(tx, changes)
    for change in changes:
        if change.table in FREE_TABLES:
            continue
        for row in (change.before, change.after):
            if row is not None and not row_in_part(part, change.table, row, lookup):
                raise OperationRefused(outside_part_reason(tx, part, changes.label, change))


def outside_part_reason(tx: Transaction, part: DraftPart, label: str,
                        change: RowChange) -> str:
    """"This draft holds Olivia Chen's part of Voltline 2027: 'Rename' would change the
    objective “Grow revenue”, which is outside it." """
    owner = tx.get("units", part.part_unit_id) if part.part_unit_id else None
    whose = f"{owner['name']}'s part" if owner is not None else "a part"
    plan = f" of {part.plan_name}" if part.plan_name else ""
    return (f"This draft holds {whose}{plan}: '{label}' would change "
            f"{what_changes(change)}, which is outside it.")


class TransactionLookup:
    """Rows as the change leaves them; a row it deleted as it was before."""

    def __init__(self, tx: Transaction, changes: ChangeSet) -> None:
        self._tx = tx
        self._cache: dict[tuple[str, str], Row | None] = {}
        self._removed: dict[tuple[str, str], Row] = {}
        self._objective_rows: list[Row] = []
        for change in changes:
            if change.table == "objectives":
                self._objective_rows += [r for r in (change.before, change.after) if r]
            if change.before is not None:
                self._removed.setdefault((change.table, change.row_id), change.before)

    def objective(self, objective_id: str) -> Row | None:
        return self._row("objectives", objective_id)

    def key_result(self, kr_id: str) -> Row | None:
        return self._row("key_results", kr_id)

    def standing_for(self, kr_id: str) -> Iterable[Row]:
        """Objectives under the key result now, or before the change (unaligning one removes
        the key result that stood for it)."""
        now = self._tx.rows("objectives", parent_kr_id=kr_id)
        return [*now, *(row for row in self._objective_rows if row["parent_kr_id"] == kr_id)]

    def _row(self, table: str, row_id: str) -> Row | None:
        key = (table, row_id)
        if key not in self._cache:
            self._cache[key] = self._tx.get(table, row_id) or self._removed.get(key)
        return self._cache[key]
