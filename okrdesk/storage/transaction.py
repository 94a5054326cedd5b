"""One operation's transaction: reads and writes rows and records every change."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table

from okrdesk.clock import new_id, utc_now
from okrdesk.errors import NotFoundError, StaleChangeError
from okrdesk.model import TABLES
from okrdesk.storage.batches import BATCH_ROWS, InsertBatches
from okrdesk.storage.changes import ChangeSet, RowChange


def table_of(name: str) -> Table:
    table: Table = TABLES[name].__table__
    return table


# One SQL text per table and kind, run on the SQLite connection itself: building a statement
# for every row, and then SQLAlchemy's own work per execution, were most of the time of a large
# import, copy, paste or undo. Every column holds text or a number, which sqlite3 returns as
# SQLAlchemy would.
@dataclass(frozen=True)
class _TableSql:
    columns: tuple[str, ...]
    select_one: str
    insert: str
    update: str
    delete: str


@cache
def _sql(table: str) -> _TableSql:
    t = table_of(table)
    columns = tuple(column.name for column in t.columns)
    names = ", ".join(columns)
    return _TableSql(
        columns=columns,
        select_one=f"SELECT {names} FROM {t.name} WHERE id = ?",
        insert=f"INSERT INTO {t.name} ({names}) VALUES ({', '.join('?' for _ in columns)})",
        update=f"UPDATE {t.name} SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
        delete=f"DELETE FROM {t.name} WHERE id = ?",
    )


@cache
def _set_sql(table: str, columns: tuple[str, ...]) -> str:
    table_of(table)  # a KeyError for a table the plan does not have
    return f"UPDATE {table} SET {', '.join(f'{column} = ?' for column in columns)} WHERE id = ?"


@cache
def _rows_query(table: str, where: tuple[tuple[str, bool], ...]) -> str:
    """SELECT of the rows whose columns equal values given in order ((column, is None), ...)."""
    sql, t = _sql(table), table_of(table)
    for column, _ in where:
        if column not in t.c:
            raise KeyError(column)
    conditions = [f"{column} IS NULL" if is_none else f"{column} = ?" for column, is_none in where]
    order = ["position"] if "position" in t.c else []
    return (f"SELECT {', '.join(sql.columns)} FROM {t.name}"
            + (f" WHERE {' AND '.join(conditions)}" if conditions else "")
            + f" ORDER BY {', '.join([*order, 'created_at', 'id'])}")


class Transaction:
    """Rows read and written inside one SQLite transaction; `changeset()` reports the writes."""

    def __init__(self, connection: Connection, label: str,
                 parent: Transaction | None = None) -> None:
        self._connection = connection
        driver = connection.connection.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        self._sqlite = driver
        # The engine interrupts a statement that runs past its time limit, timed from the start
        # of each statement SQLAlchemy runs; the statements run here restart that clock too.
        self._clock = connection.info.get("clock")
        self.label = label
        self._parent = parent
        self._changes: list[RowChange] = []
        self._batches: InsertBatches | None = None  # while `batched_inserts` is on

    @property
    def connection(self) -> Connection:
        """The SQLAlchemy connection, with every insert held back so far written first."""
        self._flush()
        return self._connection

    @contextmanager
    def batched_inserts(self) -> Iterator[None]:
        """Hold inserted rows back and write them in batches (okrdesk/storage/batches.py), all
        of them before any other statement runs: what is read is as if each row had been
        written at once. Only the moment of a refusal (a row that breaks a unique rule)
        differs: it comes when its batch is written, still inside the transaction. Foreign
        keys are checked at commit."""
        root = self._root()
        if root._batches is not None:
            yield
            return
        root._batches = InsertBatches(self._sqlite, self._clock)
        try:
            yield
            root._batches.flush()
        finally:  # a failed step's rows are dropped: its transaction is rolled back
            root._batches.drop()
            root._batches = None

    def get(self, table: str, row_id: str) -> dict[str, Any] | None:
        sql = _sql(table)
        found = self._execute(sql.select_one, (row_id,)).fetchone()
        return dict(zip(sql.columns, found, strict=True)) if found is not None else None

    def require(self, table: str, row_id: str, what: str) -> dict[str, Any]:
        row = self.get(table, row_id)
        if row is None:
            raise NotFoundError(f"There is no {what} with id {row_id}.")
        return row

    def fetch(self, sql: str, values: tuple[Any, ...] = ()) -> list[Any]:
        """The rows of a read-only query, as tuples."""
        return self._execute(sql, values).fetchall()

    def rows(self, table: str, **where: Any) -> list[dict[str, Any]]:
        """Rows whose columns equal the given values, in a stable order."""
        sql = _sql(table)
        query = _rows_query(table, tuple((column, value is None)
                                         for column, value in where.items()))
        values = tuple(value for value in where.values() if value is not None)
        return [dict(zip(sql.columns, row, strict=True))
                for row in self._execute(query, values)]

    def insert(self, table: str, **values: Any) -> dict[str, Any]:
        row = {**_defaults(table), **values}
        if "created_at" not in values or "updated_at" not in values:  # else kept as given
            now = utc_now()
            row = {**row, "created_at": now, "updated_at": now, **values}
        if row.get("id") is None:
            row["id"] = new_id()
        self._write_insert(table, row)
        self._record(RowChange(table, row["id"], None, row))
        return row

    def insert_rows(self, table: str, rows: Iterable[Mapping[str, Any]]) -> None:
        """Insert many rows at once (each with its id; one time stamps them all), one
        `executemany` a BATCH_ROWS: a closing's hundred thousand scores without a call a row.
        They go in by id, so the id's index grows at one end rather than splitting its pages
        all over (half SQLite's time for random ids)."""
        now = utc_now()
        sql, stamped = _sql(table), {**_defaults(table), "created_at": now, "updated_at": now}
        made = [{**stamped, **row} for row in rows]
        made.sort(key=itemgetter("id"))
        values = itemgetter(*sql.columns)
        self._flush()
        for start in range(0, len(made), BATCH_ROWS):
            if self._clock is not None:
                self._clock.start()
            self._sqlite.executemany(sql.insert, map(values, made[start:start + BATCH_ROWS]))
        changes = [RowChange(table, row["id"], None, row) for row in made]
        transaction: Transaction | None = self
        while transaction is not None:
            transaction._changes.extend(changes)
            transaction = transaction._parent

    def set_columns(self, table: str, columns: tuple[str, ...],
                    rows: Sequence[tuple[Any, ...]]) -> None:
        """Set `columns` of many rows to exactly the values given (times too: nothing is
        stamped), each of `rows` being the values followed by the row's id, in one statement.
        Each row's change is recorded as `update` records it, so the change set, and the
        rules checked on it before the commit, see these writes like any other. A row that
        does not exist is left alone, as UPDATE leaves it."""
        current = self.rows_with_ids(table, [row[-1] for row in rows])
        written: list[tuple[Any, ...]] = []
        for *values, row_id in rows:
            before = current.get(row_id)
            if before is None:
                continue
            after = {**before, **dict(zip(columns, values, strict=True))}
            if after != before:
                current[row_id] = after
                written.append((*values, row_id))
                self._record(RowChange(table, row_id, before, after))
        if written:
            self._flush()
            if self._clock is not None:
                self._clock.start()
            self._sqlite.executemany(_set_sql(table, columns), written)

    def rows_with_ids(self, table: str, ids: list[str]) -> dict[str, dict[str, Any]]:
        """The rows of `table` whose id is among `ids`, by id (read 500 at a time)."""
        columns = _sql(table).columns
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            query = (f"SELECT {', '.join(columns)} FROM {table} "
                     f"WHERE id IN ({', '.join('?' * len(chunk))})")
            for row in self._execute(query, tuple(chunk)):
                values = dict(zip(columns, row, strict=True))
                found[values["id"]] = values
        return found

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
        self._execute(_sql(table).delete, (row_id,))
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
            self._execute(_sql(change.table).delete, (change.row_id,))
        elif change.before is None:
            self._write_insert(change.table, change.after)
        else:
            self._write_update(change.table, change.row_id, change.after)
        self._record(change)

    def _execute(self, sql: str, values: tuple[Any, ...]) -> sqlite3.Cursor:
        self._flush()
        if self._clock is not None:
            self._clock.start()
        return self._sqlite.execute(sql, values)

    def _write_insert(self, table: str, row: Any) -> None:
        sql = _sql(table)
        values = tuple(map(row.get, sql.columns))
        batches = self._root()._batches
        if batches is not None:
            batches.add(sql.insert, values)
        else:
            self._execute(sql.insert, values)

    def _root(self) -> Transaction:
        return self if self._parent is None else self._parent._root()

    def _flush(self) -> None:
        batches = self._root()._batches
        if batches is not None:
            batches.flush()

    def _write_update(self, table: str, row_id: str, after: Any) -> None:
        # `id` stays in the SET list with its own value: the row keeps its key.
        sql = _sql(table)
        self._execute(sql.update, (*map(after.get, sql.columns), row_id))

    def _record(self, change: RowChange) -> None:
        self._changes.append(change)
        if self._parent is not None:
            self._parent._record(change)

    def changeset(self) -> ChangeSet:
        return ChangeSet(self.label, tuple(self._changes))


@cache
def _defaults(table: str) -> dict[str, Any]:
    """Each column's value when an insert gives none (a copy is made for every row)."""
    return {column.name: _default(column) for column in table_of(table).columns}


def _default(column: Any) -> Any:
    default = column.default
    if default is None or not default.is_scalar:
        return None
    return default.arg
