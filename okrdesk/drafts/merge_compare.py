"""The three-way comparison, row by row and field by field, of the part's rows.

For each row of the part (judged on the base or the draft): a field changed on one side only
takes that side's value; the same new value on both sides is no conflict; two different new
values are a field conflict; a row deleted on one side and changed on the other is a
`deleted_edited` conflict. Rows outside the part must be as the base holds them (canvas
positions aside: placing cards is free in a draft); a draft that changed one is refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from okrdesk.drafts.merge import DraftRefused, EditedValue, FieldChange
from okrdesk.drafts.merge_describe import objective_of, title_of
from okrdesk.drafts.merge_states import CONTENT_TABLES, MERGED_TABLES, Row, fields_of, same_fields
from okrdesk.drafts.merge_work import Key, MergeWork
from okrdesk.drafts.part import DraftPart, RowsLookup, row_in_part

FREE_OUTSIDE = frozenset({"canvas_positions"})


class PartKeys:
    """Whether a (table, id) is a row of the part, judged on the base or the draft (asked of
    the few rows that need it: most of a draft is the same as its base)."""

    def __init__(self, work: MergeWork, part: DraftPart) -> None:
        self._work, self._part = work, part
        self._base = RowsLookup(work.base["objectives"], work.base["key_results"])
        self._draft = RowsLookup(work.draft["objectives"], work.draft["key_results"])

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, tuple):
            return False
        table, row_id = key
        if table not in MERGED_TABLES:
            return False
        before, now = self._work.base[table].get(row_id), self._work.draft[table].get(row_id)
        return ((before is not None and row_in_part(self._part, table, before, self._base))
                or (now is not None and row_in_part(self._part, table, now, self._draft)))


def changed_keys(work: MergeWork) -> list[Key]:
    """The (table, id) of the rows the draft added, removed or changed since its base."""
    changed: list[Key] = []
    for table in CONTENT_TABLES:
        base, draft = work.base[table], work.draft[table]
        changed.extend((table, row_id) for row_id in sorted(base.keys() | draft.keys())
                       if base.get(row_id) != draft.get(row_id))
    return changed


def compare_rows(work: MergeWork, part: DraftPart, draft_path: Path,
                 changed: list[Key]) -> PartKeys:
    """Add every clean change and every conflict of the part's rows to `work` (a row the
    draft did not change has neither), and return the part's rows; DraftRefused for a draft
    changed outside its part."""
    part_keys = PartKeys(work, part)
    for table, row_id in changed:
        before, now = work.base[table].get(row_id), work.draft[table].get(row_id)
        if (table, row_id) in part_keys:
            _compare_row(work, table, row_id, before, now)
        elif table not in FREE_OUTSIDE:
            raise DraftRefused(
                f"{draft_path.name} was changed outside its part: "
                f"{_what(work, table, row_id, before, now)}; it cannot be merged.")
    return part_keys


def _what(work: MergeWork, table: str, row_id: str, before: Row | None,
          now: Row | None) -> str:
    title = title_of(work, table, row_id)
    done = "added" if before is None else "removed" if now is None else "changed"
    return f"\u201c{title}\u201d ({table.replace('_', ' ')}) was {done}"


def _compare_row(work: MergeWork, table: str, row_id: str, base: Row | None,
                 draft: Row | None) -> None:
    plan = work.plan_row(table, row_id)
    objective = objective_of(work, table, row_id)
    if draft is None:
        if base is None or plan is None:
            return
        if same_fields(table, base, plan) or work.conflict(
                "deleted_edited", table, row_id, None, (base, None, plan), objective,
                "deleted in the draft, changed in the plan") == "draft":
            work.write(table, row_id, None, "delete")
        return
    if plan is None:
        if base is None or (not same_fields(table, base, draft) and work.conflict(
                "deleted_edited", table, row_id, None, (base, draft, None), objective,
                "deleted in the plan, changed in the draft") == "draft"):
            work.write(table, row_id, dict(draft), "insert", _all_fields(table, draft))
        return
    _compare_fields(work, table, row_id, base, draft, plan, objective)


def _compare_fields(work: MergeWork, table: str, row_id: str, base: Row | None, draft: Row,
                    plan: Row, objective: str | None) -> None:
    merged = dict(plan)
    changes: list[FieldChange] = []
    for name in fields_of(table):
        was = base[name] if base is not None else None
        ours, theirs = draft[name], plan[name]
        if ours == theirs or (base is not None and ours == was):
            continue
        if base is not None and theirs == was:
            merged[name] = ours
            changes.append(FieldChange(name, was, ours))
            continue
        settled = work.conflict("field", table, row_id, name, (was, ours, theirs), objective,
                                f"{name.replace('_', ' ')} changed on both sides")
        chosen: Any = (ours if settled == "draft" else settled.value
                       if isinstance(settled, EditedValue) else theirs)
        if chosen != theirs:
            merged[name] = chosen
            changes.append(FieldChange(name, was, chosen))
    if changes:
        work.write(table, row_id, merged, "update", changes)


def _all_fields(table: str, row: Row) -> list[FieldChange]:
    return [FieldChange(name, None, row[name]) for name in fields_of(table)]
