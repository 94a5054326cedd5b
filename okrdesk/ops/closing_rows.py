"""What closing a cycle reads inside its change: whether a proposal made beforehand still
holds, the plan to work it out again from when it does not, and the scores already stored."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from okrdesk.analytics.closing import BASIS_TABLES, ClosingProposal, basis_of
from okrdesk.snapshot import Snapshot

if TYPE_CHECKING:
    from okrdesk.storage.transaction import Transaction

# The scores stored for a cycle's objectives and key results (kept from an earlier closing).
_STORED = {
    "objective_scores": "FROM objective_scores s JOIN objectives o ON o.id = s.id "
                        "WHERE o.cycle_id = ?",
    "key_result_scores": "FROM key_result_scores s JOIN key_results k ON k.id = s.id "
                         "JOIN objectives o ON o.id = k.objective_id WHERE o.cycle_id = ?",
}


def is_current(tx: Transaction, proposal: ClosingProposal) -> bool:
    """Whether the rows the proposal was worked out from are as they were: one read of the
    ids and times of change of four tables, against reading the whole plan and working out
    the progress of every objective again."""
    if not proposal.basis:
        return False
    return proposal.basis == basis_of(tx.fetch(f"SELECT id, updated_at FROM {table}")
                                      for table, _ in BASIS_TABLES)


def closing_snapshot(tx: Transaction) -> Snapshot:
    return Snapshot.load(tx.connection)


def stored_scores(tx: Transaction, cycle_id: str) -> dict[str, dict[str, Any]]:
    """The stored score rows of the cycle's objectives and key results, by id (their ids are
    the objectives' and key results', which never meet)."""
    from okrdesk.storage.transaction import table_of  # SQLAlchemy: loaded only when closing

    found: dict[str, dict[str, Any]] = {}
    for table, source in _STORED.items():
        columns = [column.name for column in table_of(table).columns]
        names = ", ".join(f"s.{column}" for column in columns)
        found.update((row[0], dict(zip(columns, row, strict=True)))
                     for row in tx.fetch(f"SELECT {names} {source}", (cycle_id,)))
    return found
