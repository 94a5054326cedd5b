"""Refusing an operation whose result would break an alignment rule."""

from __future__ import annotations

from typing import TYPE_CHECKING

from okrdesk.errors import OperationRefused
from okrdesk.ops.facts import TransactionFacts
from okrdesk.ops.rules import alignment_refusal, parent_of

if TYPE_CHECKING:
    from okrdesk.storage.transaction import Transaction


def refuse_if(reason: str | None) -> None:
    if reason is not None:
        raise OperationRefused(reason)


def recheck_alignments(tx: Transaction, objective_id: str) -> None:
    """Refuse if the objective's own alignment, or one under it, breaks a rule as it stands."""
    facts = TransactionFacts(tx)
    objective = facts.objective(objective_id)
    if objective is None:
        return
    above = parent_of(facts, objective)
    if above is not None:
        refuse_if(alignment_refusal(facts, objective_id, above))
    for kr in tx.rows("key_results", objective_id=objective_id):
        for child in tx.rows("objectives", parent_kr_id=kr["id"]):
            refuse_if(alignment_refusal(facts, child["id"], objective_id))
