"""Reading the three states of a merge: the base (the draft's `draft_base`), the draft as it is
now, and the rows of the plan that the merge may touch.

Everything is read through `okrdesk.drafts.reads`, so the plan may be an open Plan (for a
review) or the transaction of the merge itself (so that what is written is decided on the plan
as it stands inside that transaction).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from okrdesk.drafts.reads import Source, query

Row = dict[str, Any]
Rows = dict[str, dict[str, Row]]  # table -> row id -> row

# The tables that hold the plan itself (not the file's own records: identity, history and what
# a draft records), parents before children.
CONTENT_TABLES = ("settings", "levels", "functions", "units", "cycles", "objectives",
                  "key_results", "contributions", "check_ins", "canvas_positions",
                  "objective_scores", "key_result_scores")
# The tables a part's rows can be in (okrdesk/drafts/part.py): the only ones merged.
MERGED_TABLES = ("units", "objectives", "key_results", "contributions", "check_ins",
                 "canvas_positions", "objective_scores", "key_result_scores")
STAMPS = ("id", "created_at", "updated_at")
CHUNK = 500


@cache
def columns_of(table: str) -> tuple[str, ...]:
    from okrdesk.model import TABLES  # SQLAlchemy: loaded with the first merge, not with ops

    return tuple(column.name for column in TABLES[table].__table__.columns)


@cache
def fields_of(table: str) -> tuple[str, ...]:
    """The columns a merge compares: all but the id and the time stamps."""
    return tuple(name for name in columns_of(table) if name not in STAMPS)


@cache
def foreign_keys() -> tuple[tuple[str, str, str], ...]:
    """(table, column, referred table) of every link between the content tables."""
    from okrdesk.model import TABLES

    found = []
    for table in CONTENT_TABLES:
        for key in TABLES[table].__table__.foreign_keys:
            found.append((table, key.parent.name, key.column.table.name))
    return tuple(found)


@dataclass
class BaseRows:
    """The base as the draft recorded it; `problems` names rows that cannot be a plan's."""

    rows: Rows = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def read_base(draft: Source) -> BaseRows:
    base = BaseRows({table: {} for table in CONTENT_TABLES})
    shapes = {table: frozenset(columns_of(table)) for table in CONTENT_TABLES}
    decode = json.JSONDecoder().decode
    for table, row_id, values in query(draft, "SELECT table_name, row_id, row_values "
                                              "FROM draft_base"):
        if table not in base.rows:
            base.problems.append(f"a row of an unknown table '{table}'")
            continue
        try:
            row = decode(values)
        except (ValueError, TypeError):
            base.problems.append(f"the {table} row {row_id} is not readable")
            continue
        if not isinstance(row, dict) or row.keys() != shapes[table] \
                or row.get("id") != row_id:
            base.problems.append(f"the {table} row {row_id} does not fit the table")
            continue
        base.rows[table][row_id] = row
    return base


def read_all(source: Source, tables: Iterable[str] = CONTENT_TABLES) -> Rows:
    """Every row of `tables` (a draft is small: its part, its context and the org)."""
    found: Rows = {}
    for table in tables:
        names = columns_of(table)
        rows = (dict(zip(names, row, strict=True)) for row in query(
            source, f"SELECT {', '.join(names)} FROM {table}"))
        found[table] = {row["id"]: row for row in rows}
    return found


def read_ids(source: Source, table: str, ids: Iterable[str]) -> dict[str, Row]:
    """The rows of `table` whose id is among `ids`."""
    return read_where(source, table, "id", ids)


def read_where(source: Source, table: str, column: str,
               values: Iterable[str]) -> dict[str, Row]:
    """The rows of `table` whose `column` is among `values`, by id."""
    names = columns_of(table)
    wanted = sorted(set(values))
    found: dict[str, Row] = {}
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start:start + CHUNK]
        sql = (f"SELECT {', '.join(names)} FROM {table} "
               f"WHERE {column} IN ({', '.join('?' * len(chunk))})")
        for row in query(source, sql, tuple(chunk)):
            values = dict(zip(names, row, strict=True))
            found[values["id"]] = values
    return found


def same_fields(table: str, first: Mapping[str, Any] | None,
                second: Mapping[str, Any] | None) -> bool:
    if first is None or second is None:
        return first is second
    return all(first[name] == second[name] for name in fields_of(table))
