"""Copying objectives: duplicating one, carrying objectives, a subtree or a whole cycle over
into another cycle.

A copy starts afresh: its key results' current values go back to their start values, with no
confidence, no check-ins and no status. It keeps the owner, the text and the flags, and
remembers its original in `copied_from_id`. What is kept and dropped of the links is decided
by `plan_copy` (see `okrdesk.ops.copy_plan`); call it first to show a preview.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from okrdesk.clock import new_id
from okrdesk.errors import OperationRefused
from okrdesk.model import KrKind
from okrdesk.ops.copy_plan import CopyPlan, CopySource, cycle_ids, plan_copy, subtree_ids
from okrdesk.ops.copy_sources import TransactionSource
from okrdesk.ops.positions import next_position
from okrdesk.storage import ChangeSet, Plan

if TYPE_CHECKING:
    from okrdesk.storage.transaction import Transaction


def copy_objectives(plan: Plan, objective_ids: Iterable[str], target_cycle_id: str,
                    *, label: str = "Copy objectives") -> ChangeSet:
    """Copy the objectives into `target_cycle_id`, keeping the links among them."""
    ids = list(objective_ids)
    with plan.change(label) as tx:
        source = TransactionSource(tx)
        source.load(ids)
        write_copies(tx, source, plan_copy(source, ids, target_cycle_id))
    return tx.changeset()


def duplicate_objective(plan: Plan, objective_id: str) -> ChangeSet:
    """A copy titled "… (copy)" beside the original, with its key results, not aligned."""
    with plan.change("Duplicate objective") as tx:
        source = TransactionSource(tx)
        original = tx.require("objectives", objective_id, "objective")
        source.load([objective_id])
        write_copies(tx, source, plan_copy(source, [objective_id], original["cycle_id"]))
    return tx.changeset()


def copy_subtree(plan: Plan, objective_id: str, target_cycle_id: str) -> ChangeSet:
    """Copy an objective and everything aligned under its key results, however deep."""
    with plan.change("Copy objective and those under it") as tx:
        source = TransactionSource(tx)
        ids = subtree_ids(source, objective_id)
        source.load(ids)
        write_copies(tx, source, plan_copy(source, ids, target_cycle_id))
    return tx.changeset()


def copy_cycle(plan: Plan, source_cycle_id: str, target_cycle_id: str) -> ChangeSet:
    """Carry every objective of one cycle over into another."""
    with plan.change("Copy cycle") as tx:
        source = TransactionSource(tx)
        cycle = tx.require("cycles", source_cycle_id, "cycle")
        if source_cycle_id == target_cycle_id:
            raise OperationRefused(f"Choose another cycle to copy {cycle['name']} into.")
        ids = cycle_ids(source, source_cycle_id)
        if not ids:
            raise OperationRefused(f"{cycle['name']} holds no objectives to copy.")
        source.load(ids)
        write_copies(tx, source, plan_copy(source, ids, target_cycle_id))
    return tx.changeset()


def write_copies(tx: Transaction, source: CopySource, copy: CopyPlan) -> None:
    target = copy.target_cycle_id
    new_objectives = {original: new_id() for original in copy.objective_ids}
    new_krs = {kr_id: new_id() for kr_ids in copy.key_result_ids.values() for kr_id in kr_ids}
    kept_children = {child for child, _parent in copy.kept_alignments}
    positions: dict[str, int] = {}
    for original_id in copy.objective_ids:
        original = source.objective(original_id)
        assert original is not None
        owner = original.owner_id
        if owner not in positions:
            positions[owner] = next_position(tx, "objectives", owner_id=owner, cycle_id=target)
        parent_kr = None
        if original_id in kept_children and original.parent_kr_id is not None:
            parent_kr = new_krs[original.parent_kr_id]
        tx.insert("objectives", id=new_objectives[original_id], title=copy.titles[original_id],
                  description=original.description, owner_id=owner, cycle_id=target,
                  origin=original.origin, commitment=original.commitment,
                  visibility=original.visibility, status=None, parent_kr_id=parent_kr,
                  position=positions[owner], copied_from_id=original_id)
        positions[owner] += 1
    for original_id, kr_ids in copy.key_result_ids.items():
        for kr_id in kr_ids:
            kr = source.key_result(kr_id)
            assert kr is not None
            title = kr.title
            if kr.kind == KrKind.OBJECTIVE:  # it stands for a child: it follows its new title
                for child in source.objectives_under(kr_id):
                    if child.title == kr.title and child.id in copy.titles:
                        title = copy.titles[child.id]
            tx.insert("key_results", id=new_krs[kr_id], objective_id=new_objectives[original_id],
                      title=title, kind=kr.kind, origin=kr.origin, unit=kr.unit,
                      start_value=kr.start_value, target_value=kr.target_value,
                      current_value=kr.start_value, weight=kr.weight, confidence=None,
                      position=kr.position)
    links = tx.rows_with_ids("contributions", list(copy.kept_contributions))
    for link_id in copy.kept_contributions:
        link = links[link_id]
        tx.insert("contributions", source_id=new_objectives[link["source_id"]],
                  target_id=new_objectives[link["target_id"]], note=link["note"])
