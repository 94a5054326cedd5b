"""The rules answer the same from a snapshot (for the canvas) as inside an operation."""

from __future__ import annotations

from pathlib import Path

from okrdesk import ops
from okrdesk.ops.rules import (
    SnapshotFacts,
    TransactionFacts,
    alignment_refusal,
    contribution_refusal,
    delegation_refusal,
)
from tests.core.builders import small_org


def test_snapshot_and_transaction_facts_agree_on_every_pair(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        win = org.objective("Alex Chen", "Win Europe")
        grow = org.objective("Sam Lee", "Grow EU sales", cycle="2027-Q1")
        brand = org.objective("Dana Ross", "Known brand", cycle="2027-Q2")
        hire = org.objective("Kim Park", "Hire in Madrid", cycle="2027-Q1")
        idea = org.objective("Lee Moss", "Someday", cycle="Backlog")
        org.objective("Ivy Tran", "Pilot mobile servicing", cycle="2027-Q2")
        revenue = org.key_result(win, "Revenue")
        org.align_up(grow, win)
        org.align_up(hire, grow)
        org.delegate(revenue, "Noor Haddad")
        ops.add_contribution(org.plan, brand, grow)
        ops.add_contribution(org.plan, idea, brand)
        snapshot = org.snapshot()
        fast = SnapshotFacts(snapshot)
        objectives = sorted(snapshot.objectives)
        krs = sorted(snapshot.key_results)
        people = sorted(snapshot.units)
        expected: list[str | None] = []
        with org.plan.change("Ask the rules") as tx:
            slow = TransactionFacts(tx)
            for a in objectives:
                for b in objectives:
                    pair = (alignment_refusal(fast, a, b), contribution_refusal(fast, a, b))
                    assert pair == (alignment_refusal(slow, a, b),
                                    contribution_refusal(slow, a, b))
                    expected.append(pair[0])
            for kr in krs:
                for person in people:
                    assert delegation_refusal(fast, kr, person) == delegation_refusal(
                        slow, kr, person)
        assert not tx.changeset()
        allowed = [reason for reason in expected if reason is None]
        assert 0 < len(allowed) < len(expected)
