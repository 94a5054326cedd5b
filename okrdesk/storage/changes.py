"""Row-level change sets: what an operation changed, and its exact inverse."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

Values = Mapping[str, Any]


@dataclass(frozen=True)
class RowChange:
    """One row inserted (before is None), deleted (after is None) or updated."""

    table: str
    row_id: str
    before: Values | None
    after: Values | None

    def inverted(self) -> RowChange:
        return RowChange(self.table, self.row_id, self.after, self.before)

    @property
    def is_insert(self) -> bool:
        return self.before is None

    @property
    def is_delete(self) -> bool:
        return self.after is None


@dataclass(frozen=True)
class ChangeSet:
    """What one operation changed; applying `inverse()` gives the plan back exactly."""

    label: str
    rows: tuple[RowChange, ...] = field(default_factory=tuple)

    def inverse(self) -> ChangeSet:
        return ChangeSet(self.label, tuple(change.inverted() for change in reversed(self.rows)))

    def __bool__(self) -> bool:
        return bool(self.rows)

    def __iter__(self) -> Iterator[RowChange]:
        return iter(self.rows)

    def ids(self, table: str) -> set[str]:
        """Ids of the rows of `table` this change set touches."""
        return {change.row_id for change in self.rows if change.table == table}

    def inserted(self, table: str) -> list[Values]:
        return [c.after for c in self.rows if c.table == table and c.before is None and c.after]

    def new_id(self, table: str) -> str:
        """The id of the first row this change set inserted into `table`."""
        for change in self.rows:
            if change.table == table and change.before is None:
                return change.row_id
        raise LookupError(f"no row was inserted into {table}")
