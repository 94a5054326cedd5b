"""What a merge of a draft into its plan would do: the names the review, the command line and
the operation share.

The merge is three-way, by row id and by field: the base (the rows as the draft was taken out,
kept in the draft's `draft_base`), the draft as it is now, and the plan as it is now. A field
changed on one side only applies; the same new value on both is no conflict; anything else is a
`Conflict`, settled by a `Resolution` before anything is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from okrdesk.errors import OkrDeskError

RowKind = Literal["insert", "update", "delete"]
ConflictKind = Literal["field", "deleted_edited", "invalid_alignment"]
Side = Literal["draft", "plan"]


class DraftRefused(OkrDeskError):
    """The file cannot be merged into this plan (not a draft, a draft of another plan, one
    whose base is unknown or one changed outside its part); the plan is left untouched."""


@dataclass(frozen=True)
class FieldChange:
    """One field the draft changes: its value in the base (None for a new row) and the draft."""

    field: str
    base: Any
    draft: Any


@dataclass(frozen=True)
class RowIncoming:
    """A row the merge writes from the draft, grouped under `objective_id` (None for a person
    or team); `title` names the row for a reader."""

    table: str
    row_id: str
    kind: RowKind
    fields: tuple[FieldChange, ...]
    objective_id: str | None
    title: str


@dataclass(frozen=True)
class Conflict:
    """A change the merge will not make on its own. `key` is stable across reviews of the same
    files; `field` is None for a whole row (deleted on one side, edited on the other) and
    `parent_kr_id` for an alignment; base, draft and plan hold that field's (or, for a row,
    the row's) values, None where the row is absent."""

    key: str
    kind: ConflictKind
    table: str
    row_id: str
    field: str | None
    base: Any
    draft: Any
    plan: Any
    objective_id: str | None
    reason: str


@dataclass(frozen=True)
class MergeReview:
    """Everything a merge would write (`incoming`) and everything it asks about; `refusals`
    say why a side chosen for a conflict cannot be taken (the merge is refused while one
    stands; `incoming` shows the plan's side there)."""

    plan_path: Path
    draft_path: Path
    incoming: tuple[RowIncoming, ...]
    conflicts: tuple[Conflict, ...]
    part_name: str = ""
    refusals: tuple[str, ...] = ()

    @property
    def clean(self) -> bool:
        return not self.conflicts


@dataclass(frozen=True)
class EditedValue:
    """A conflict settled with a value of its own (a field conflict or an alignment: the key
    result id to align under, or None for none)."""

    value: Any


Resolution = Mapping[str, Side | EditedValue]


def conflict_key(kind: ConflictKind, table: str, row_id: str, field: str | None) -> str:
    return f"{kind}:{table}:{row_id}:{field or ''}"
