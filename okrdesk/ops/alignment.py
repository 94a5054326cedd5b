"""Alignment: align up (bottom-up), delegate down (top-down), unlink, contributes-to links."""

from __future__ import annotations

from okrdesk.errors import OperationRefused
from okrdesk.model import KrKind, Origin
from okrdesk.ops.checks import plain, quoted, text
from okrdesk.ops.facts import TransactionFacts
from okrdesk.ops.guard import refuse_if
from okrdesk.ops.positions import next_position
from okrdesk.ops.removal import detach
from okrdesk.ops.rules import alignment_refusal, contribution_refusal, delegation_refusal
from okrdesk.storage import ChangeSet, Plan

UNCOPIED_KINDS = (KrKind.NO_METRIC, KrKind.OBJECTIVE)


def align_up(
    plan: Plan, objective_id: str, parent_id: str, *, under_kr_id: str | None = None
) -> ChangeSet:
    """Align objective O to objective P.

    Without `under_kr_id`, O becomes a new key result of P that stands for O; with it, O sits
    under that existing key result of P. An earlier alignment of O is replaced in the same step.
    """
    with plan.change("Align up") as tx:
        refuse_if(alignment_refusal(TransactionFacts(tx), objective_id, parent_id,
                                    under_kr_id=under_kr_id))
        child = tx.require("objectives", objective_id, "objective")
        current = tx.get("key_results", child["parent_kr_id"] or "")
        if under_kr_id is not None:
            if child["parent_kr_id"] != under_kr_id:
                detach(tx, child)
                tx.update("objectives", objective_id, parent_kr_id=under_kr_id)
        elif not (current and current["kind"] == KrKind.OBJECTIVE
                  and current["objective_id"] == parent_id):
            detach(tx, child)
            stand_in = tx.insert(
                "key_results", objective_id=parent_id, title=child["title"],
                kind=KrKind.OBJECTIVE.value, origin=Origin.OWN.value,
                position=next_position(tx, "key_results", objective_id=parent_id),
            )
            tx.update("objectives", objective_id, parent_kr_id=stand_in["id"])
    return tx.changeset()


def delegate_down(
    plan: Plan, kr_id: str, owner_id: str, *, title: str | None = None,
    cycle_id: str | None = None,
) -> ChangeSet:
    """Key result K becomes a new objective of a lower owner, aligned to K (origin delegated)."""
    new_title = text(title, "objective's title") if title is not None else None
    with plan.change("Delegate down") as tx:
        refuse_if(delegation_refusal(TransactionFacts(tx), kr_id, owner_id, cycle_id))
        kr = tx.require("key_results", kr_id, "key result")
        parent = tx.require("objectives", kr["objective_id"], "objective")
        cycle = cycle_id or parent["cycle_id"]
        delegated = tx.insert(
            "objectives", title=new_title or kr["title"], owner_id=owner_id, cycle_id=cycle,
            origin=Origin.DELEGATED.value, parent_kr_id=kr_id,
            position=next_position(tx, "objectives", owner_id=owner_id, cycle_id=cycle),
        )
        if kr["kind"] not in UNCOPIED_KINDS:
            tx.insert("key_results", objective_id=delegated["id"], title=kr["title"],
                      kind=kr["kind"], origin=Origin.DELEGATED.value, unit=kr["unit"],
                      start_value=kr["start_value"], target_value=kr["target_value"],
                      current_value=kr["current_value"], position=0)
    return tx.changeset()


def unlink(plan: Plan, objective_id: str) -> ChangeSet:
    """Take an objective out of its alignment; a key result that stood for it goes too."""
    with plan.change("Unlink") as tx:
        objective = tx.require("objectives", objective_id, "objective")
        if objective["parent_kr_id"] is None:
            raise OperationRefused(f"{quoted(objective['title'])} is not aligned to anything.")
        detach(tx, objective)
    return tx.changeset()


def add_contribution(plan: Plan, source_id: str, target_id: str, note: str = "") -> ChangeSet:
    """Show that objective `source_id` contributes to `target_id`; never counted in progress."""
    note = plain(note, "note")
    with plan.change("Add contribution") as tx:
        refuse_if(contribution_refusal(TransactionFacts(tx), source_id, target_id))
        tx.insert("contributions", source_id=source_id, target_id=target_id, note=note)
    return tx.changeset()


def remove_contribution(plan: Plan, contribution_id: str) -> ChangeSet:
    with plan.change("Remove contribution") as tx:
        tx.require("contributions", contribution_id, "contribution")
        tx.delete("contributions", contribution_id)
    return tx.changeset()
