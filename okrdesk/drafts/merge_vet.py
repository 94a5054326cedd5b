"""Refusing a file that cannot be merged into a plan, before anything is compared.

A file is refused when it is not a draft (no `drafts` row: a plain plan), when it is a draft of
another plan (its plan id is not this plan's), or when its base is unknown. A base is unknown
when it is empty, when one of its rows cannot be a plan's row (an unknown table, unreadable or
ill-fitting values), when it does not hold the part's own person or team, or when it names a row
of this plan with another creation time: a row keeps its id and its creation time for life, so
such a base was not taken from this plan. A draft changed outside its part is refused by the
comparison itself (merge_compare.py), which meets every row anyway.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from okrdesk.drafts.identity import plan_id
from okrdesk.drafts.merge import DraftRefused
from okrdesk.drafts.merge_states import CHUNK, BaseRows
from okrdesk.drafts.part import DraftPart, draft_part
from okrdesk.drafts.reads import Source, query

SHOWN = 3


def draft_of(plan: Source, draft: Source, plan_path: Path, draft_path: Path) -> DraftPart:
    """The draft's part, or DraftRefused if `draft` is not a draft of `plan`."""
    part = draft_part(draft)
    if part is None:
        raise DraftRefused(f"{draft_path.name} is not a draft: it records no plan it was taken "
                           "from (a plain plan cannot be merged; take a draft out instead).")
    own = plan_id(plan)
    if own is None or part.plan_id != own:
        named = f" ({part.plan_name})" if part.plan_name else ""
        raise DraftRefused(f"{draft_path.name} is a draft of another plan{named}, not of "
                           f"{plan_path.name}.")
    return part


def refuse_unknown_base(base: BaseRows, part: DraftPart, plan: Source,
                        draft_path: Path) -> None:
    """DraftRefused if the base cannot be the state the draft was taken from (module doc)."""
    lead = f"{draft_path.name} cannot be merged: the state it was taken from is unknown"
    if not any(base.rows.values()):
        raise DraftRefused(f"{lead} (it holds no base).")
    if base.problems:
        raise DraftRefused(f"{lead} ({'; '.join(base.problems[:SHOWN])}).")
    if part.part_unit_id not in base.rows["units"]:
        raise DraftRefused(f"{lead} (its base does not hold the person or team whose part "
                           "it is).")
    for table, rows in base.rows.items():
        if any(rows[row_id]["created_at"] != created_at
               for row_id, created_at in _creation_times(plan, table, rows)):
            raise DraftRefused(f"{lead} (its base names rows this plan made at other "
                               "times: it was not taken from this plan).")


def _creation_times(plan: Source, table: str, ids: Iterable[str]) -> list[tuple[str, str]]:
    """(id, created_at) of the plan's rows of `table` among `ids`."""
    wanted = sorted(ids)
    found: list[tuple[str, str]] = []
    for start in range(0, len(wanted), CHUNK):
        chunk = tuple(wanted[start:start + CHUNK])
        found.extend(query(plan, f"SELECT id, created_at FROM {table} WHERE id IN "
                                 f"({', '.join('?' * len(chunk))})", chunk))
    return found
