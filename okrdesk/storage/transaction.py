"""One operation's transaction: reads and writes rows and records every change."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import (
    Connection,
    Delete,
    Insert,
    Select,
    Table,
    Update,
    bindparam,
    delete,
    insert,
    select,
    update,
)

from okrdesk.clock import new_id, utc_now
from okrdesk.errors import NotFoundError, StaleChangeError
from okrdesk.model import TABLES
from okrdesk.storage.changes import ChangeSet, RowChange


def table_of(name: str) -> Table:
    table: Table = TABLES[name].__table__
    return table


# One statement per table and kind, values bound at execution: building and compiling a fresh
# statement for every row was most of the time of a large copy, paste or undo.
ROW_ID = "row_id_"


@cache
def _select_one(table: str) -> Select[Any]:
    t = table_of(table)
    return select(t).where(t.c.id == bindparam(ROW_ID))


@cache
def _insert(table: str) -> Insert:
    return insert(table_of(table))


@cache
def _update(table: str) -> Update:
    t = table_of(table)
    return update(t).where(t.c.id == bindparam(ROW_ID))


@cache
def _delete(table: str) -> Delete:
    t = table_of(table)
    return delete(t).where(t.c.id == bindparam(ROW_ID))


class Transaction:
    """Rows read and written inside one SQLite transaction; `changeset()` reports the writes."""

    def __init__(self, connection: Connection, label: str,
                 parent: Transaction | None = None) -> None:
        self.connection = connection
        self.label = label
        self._parent = parent
        self._changes: list[RowChange] = []

    def get(self, table: str, row_id: str) -> dict[str, Any] | None:
        row = self.connection.execute(_select_one(table), {ROW_ID: row_id}).mappings().first()
        return dict(row) if row is not None else None

    def require(self, table: str, row_id: str, what: str) -> dict[str, Any]:
        row = self.get(table, row_id)
        if row is None:
            raise NotFoundError(f"There is no {what} with id {row_id}.")
        return row

    def rows_with_ids(self, table: str, ids: list[str]) -> dict[str, dict[str, Any]]:
        """The rows of `table` whose id is among `ids`, by id (read in chunks)."""
        t = table_of(table)
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            result = self.connection.execute(select(t).where(t.c.id.in_(chunk))).mappings()
            found.update((row["id"], dict(row)) for row in result)
        return found

    def rows(self, table: str, **where: Any) -> list[dict[str, Any]]:
        """Rows whose columns equal the given values, in a stable order."""
        t = table_of(table)
        query = select(t)
        for column, value in where.items():
            query = query.where(t.c[column].is_(None) if value is None else t.c[column] == value)
        order = [t.c.position] if "position" in t.c else []
        query = query.order_by(*order, t.c.created_at, t.c.id)
        return [dict(row) for row in self.connection.execute(query).mappings()]

    def insert(self, table: str, **values: Any) -> dict[str, Any]:
        t = table_of(table)
        now = utc_now()
        row = {column.name: _default(column) for column in t.columns}
        row.update(id=new_id(), created_at=now, updated_at=now)
        row.update(values)
        self.connection.execute(_insert(table), row)
        self._record(RowChange(table, row["id"], None, row))
        return row

    def update(self, table: str, row_id: str, *, known: dict[str, Any] | None = None,
               **values: Any) -> dict[str, Any]:
        """Change a row; `known` is the row as just read in this transaction, to save a read."""
        before = known if known is not None else self.require(
            table, row_id, table.rstrip("s").replace("_", " "))
        after = {**before, **values}
        if after == before:
            return before
        after["updated_at"] = utc_now()
        self._write_update(table, row_id, after)
        self._record(RowChange(table, row_id, before, after))
        return after

    def delete(self, table: str, row_id: str) -> dict[str, Any]:
        before = self.require(table, row_id, table.rstrip("s").replace("_", " "))
        self.connection.execute(_delete(table), {ROW_ID: row_id})
        self._record(RowChange(table, row_id, before, None))
        return before

    def replay(self, change: RowChange) -> None:
        """Apply a recorded change, refusing if the row is no longer as the change expects."""
        current = self.get(change.table, change.row_id)
        expected = dict(change.before) if change.before is not None else None
        if current != expected:
            raise StaleChangeError(
                f"'{self.label}' cannot be applied: the plan has changed since."
            )
        if change.after is None:
            self.connection.execute(_delete(change.table), {ROW_ID: change.row_id})
        elif change.before is None:
            self.connection.execute(_insert(change.table), dict(change.after))
        else:
            self._write_update(change.table, change.row_id, change.after)
        self._record(change)

    def _write_update(self, table: str, row_id: str, after: Any) -> None:
        # `id` stays in the SET list with its own value: the row keeps its key.
        self.connection.execute(_update(table), {**after, ROW_ID: row_id})

    def _record(self, change: RowChange) -> None:
        self._changes.append(change)
        if self._parent is not None:
            self._parent._record(change)

    def changeset(self) -> ChangeSet:
        return ChangeSet(self.label, tuple(self._changes))


def _default(column: Any) -> Any:
    default = column.default
    if default is None or not default.is_scalar:
        return None
    return default.arg
