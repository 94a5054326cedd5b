"""Merging a draft back into its plan: the review, and the operation that writes it.

`review_merge` reads the plan, the draft and the draft's base and says what the merge would
write and what it asks about (okrdesk/drafts/merge.py names the parts). `merge_draft` works the
merge out again inside its own transaction, with the conflicts settled by `resolutions`, writes
it as one change set (one undo step) and asks the alignment rules of every objective it touched
before committing. A file that cannot be merged is refused with DraftRefused; a merge with a
conflict left unsettled, or whose settlement breaks a rule, with OperationRefused. Either way
the plan is left as it was.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from okrdesk.drafts.merge import DraftRefused, MergeReview, Resolution
from okrdesk.drafts.merge_review import WorkedOut, review_of, work_out
from okrdesk.drafts.merge_states import CONTENT_TABLES, fields_of, foreign_keys
from okrdesk.drafts.reads import Source
from okrdesk.errors import OperationRefused
from okrdesk.ops.guard import recheck_alignments
from okrdesk.ops.merge_alignment import check_alignments, touched_objectives
from okrdesk.storage import ChangeSet, Plan

if TYPE_CHECKING:
    from okrdesk.storage.transaction import Transaction

NAMED = 3


def review_merge(plan: Plan, draft: Plan,
                 resolutions: Mapping[str, object] | None = None) -> MergeReview:
    """What merging `draft` into `plan` would write and every conflict; writes nothing.

    Given the choices made so far, the review also shows the conflicts they lead to (taking
    the draft's side of a row the plan deleted asks about the rows it needs)."""
    settled: Resolution = dict(resolutions or {})  # type: ignore[arg-type]
    worked = _worked_out(plan, draft, plan.path, settled)
    return review_of(worked, plan.path, draft.path)


def merge_draft(plan: Plan, draft: Plan, resolutions: Mapping[str, object] | None = None
                ) -> ChangeSet:
    """Merge `draft` into `plan` in one transaction; every conflict must be settled in
    `resolutions` (conflict key -> "draft", "plan" or EditedValue)."""
    settled: Resolution = dict(resolutions or {})  # type: ignore[arg-type]
    _refuse_bad_choices(settled)
    with plan.change("Merge draft") as tx:
        worked = _worked_out(tx, draft, plan.path, settled)
        open_ones = [c for c in worked.work.conflicts.values() if c.key not in settled]
        if open_ones:
            named = "; ".join(f"{c.table.replace('_', ' ')} {c.row_id}: {c.reason}"
                              for c in open_ones[:NAMED])
            raise OperationRefused(
                f"The merge of {draft.path.name} has {len(open_ones)} unsettled "
                f"conflict{'s' if len(open_ones) != 1 else ''} ({named}); choose a side "
                "for each first.")
        if worked.work.refusals:
            raise OperationRefused(f"{worked.work.refusals[0]} Nothing was merged.")
        tx.label = f"Merge draft of {worked.part_name}"
        _write(tx, worked)
        for objective_id in sorted(touched_objectives(worked.work, tx)):
            recheck_alignments(tx, objective_id)
        _refuse_dangling(tx, worked)
    return tx.changeset()


def _worked_out(plan: Source, draft: Plan, plan_path: Path,
                resolutions: Resolution) -> WorkedOut:
    worked = work_out(plan, draft, plan_path, draft.path, resolutions)
    check_alignments(worked.work, plan)
    return worked


def _refuse_bad_choices(resolutions: Resolution) -> None:
    for key, choice in resolutions.items():
        if isinstance(choice, str) and choice not in ("draft", "plan"):
            raise OperationRefused(f"'{choice}' is no way to settle a conflict ({key}): "
                                   "choose 'draft', 'plan' or an edited value.")


def _write(tx: Transaction, worked: WorkedOut) -> None:
    """Inserts parents first, then updates, then deletes children first (links are checked
    at the commit: Plan.change defers them)."""
    work = worked.work
    order = {table: index for index, table in enumerate(CONTENT_TABLES)}
    keys = sorted(work.writes, key=lambda key: (order[key[0]], key[1]))
    for table, row_id in keys:
        row = work.writes[(table, row_id)]
        known = work.plan_row(table, row_id)
        if row is not None and known is None:
            known = tx.get(table, row_id)  # a row the merge did not need to read
        if row is not None and known is None:
            tx.insert(table, **row)
        elif row is not None and known is not None:
            tx.update(table, row_id, known=known,
                      **{name: row[name] for name in fields_of(table)})
    for table, row_id in reversed(keys):
        if work.writes[(table, row_id)] is None and tx.get(table, row_id) is not None:
            tx.delete(table, row_id)


def _refuse_dangling(tx: Transaction, worked: WorkedOut) -> None:
    """OperationRefused if a row written points at nothing, or a row deleted is still
    pointed at: the plan must never be left with a broken link."""
    work = worked.work
    for (table, row_id), row in work.writes.items():
        for source, column, referred in foreign_keys():
            if row is not None and source == table and row[column] is not None \
                    and tx.get(referred, row[column]) is None:
                raise OperationRefused(f"The merge would leave {table.replace('_', ' ')} "
                                       f"{row_id} pointing at a missing row; nothing was "
                                       "merged.")
            if row is None and referred == table and tx.fetch(
                    f"SELECT 1 FROM {source} WHERE {column} = ? LIMIT 1", (row_id,)):
                raise OperationRefused(f"The merge would delete {table.replace('_', ' ')} "
                                       f"{row_id} while the plan still points at it; nothing "
                                       "was merged.")


__all__ = ["DraftRefused", "merge_draft", "review_merge"]
