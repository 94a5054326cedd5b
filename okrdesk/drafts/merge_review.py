"""Working out a merge: the three states read, the refusals, the comparison and the links.

The alignment rules are asked afterwards by the operations (okrdesk/ops/merge.py), which own
the rulebook's wording; this package stays below them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from okrdesk.drafts.merge import FieldChange, MergeReview, Resolution, RowIncoming
from okrdesk.drafts.merge_compare import PartKeys, changed_keys, compare_rows
from okrdesk.drafts.merge_describe import objective_of, title_of
from okrdesk.drafts.merge_links import settle_links
from okrdesk.drafts.merge_states import CONTENT_TABLES, read_all, read_base, read_ids
from okrdesk.drafts.merge_vet import draft_of, refuse_unknown_base
from okrdesk.drafts.merge_work import Key, MergeWork
from okrdesk.drafts.part import DraftPart
from okrdesk.drafts.reads import Source


@dataclass
class WorkedOut:
    work: MergeWork
    part: DraftPart
    part_keys: PartKeys
    part_name: str


def work_out(plan: Source, draft: Source, plan_path: Path, draft_path: Path,
             resolutions: Resolution) -> WorkedOut:
    """Everything the merge writes, before the alignment rules are asked; DraftRefused for a
    file that cannot be merged into this plan."""
    part = draft_of(plan, draft, plan_path, draft_path)
    base = read_base(draft)
    now = read_all(draft)
    refuse_unknown_base(base, part, plan, draft_path)
    work = MergeWork(base.rows, now, {table: {} for table in CONTENT_TABLES}, resolutions)
    changed = changed_keys(work)
    wanted: dict[str, list[str]] = {}
    for table, row_id in changed:
        wanted.setdefault(table, []).append(row_id)
    for table, ids in wanted.items():  # the plan's side of what the draft changed
        work.plan[table] = read_ids(plan, table, ids)
    part_keys = compare_rows(work, part, draft_path, changed)
    settle_links(work, plan, part_keys)
    unit = now["units"].get(part.part_unit_id) or base.rows["units"][part.part_unit_id]
    return WorkedOut(work, part, part_keys, str(unit["name"]))


def review_of(worked: WorkedOut, plan_path: Path, draft_path: Path) -> MergeReview:
    work = worked.work
    incoming = [RowIncoming(table, row_id, work.kinds[(table, row_id)],
                            tuple(work.changes[(table, row_id)]),
                            objective_of(work, table, row_id), title_of(work, table, row_id))
                for table, row_id in sorted(work.writes, key=_order)]
    conflicts = sorted(work.conflicts.values(), key=lambda c: (c.objective_id or "", c.key))
    return MergeReview(plan_path, draft_path, tuple(incoming), tuple(conflicts),
                       worked.part_name, tuple(work.refusals))


def _order(key: Key) -> tuple[int, str]:
    return CONTENT_TABLES.index(key[0]), key[1]


__all__ = ["FieldChange", "WorkedOut", "review_of", "work_out"]
