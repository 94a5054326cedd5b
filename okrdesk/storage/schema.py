"""The shape of a plan's tables, compared with the shape its format version must have.

The expected shape is read from a fresh plan of that format, built in memory the way OKR Desk
builds one (the model for the newest format, the migrations for older ones). The newest one is
also kept as a record (current_format.py, made by format_record.py and held equal to the model
by a test), so that a plan of the newest format is vetted without importing SQLAlchemy.
Columns are compared by SQLite's type affinity, the thing that decides what a column stores,
so the spellings of older and newer SQLAlchemy versions do not matter.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from okrdesk.formats import SCHEMA_VERSION, revision_for
from okrdesk.storage import current_format
from okrdesk.storage.connect import driver_of


@dataclass(frozen=True)
class ColumnShape:
    affinity: str  # INTEGER, TEXT, REAL, NUMERIC or BLOB
    not_null: bool
    primary_key: int  # position in the primary key, 0 if not part of it


@dataclass(frozen=True)
class TableShape:
    columns: Mapping[str, ColumnShape]
    foreign_keys: frozenset[tuple[str, str, str]]  # (column, table, column)
    unique: frozenset[tuple[str, ...]]  # the column lists of unique indexes and constraints


Schema = Mapping[str, TableShape]


def affinity(declared: str) -> str:
    """SQLite's rules for the affinity of a declared column type (section 3.1 of its docs)."""
    kind = declared.upper()
    if "INT" in kind:
        return "INTEGER"
    if any(word in kind for word in ("CHAR", "CLOB", "TEXT")):
        return "TEXT"
    if "BLOB" in kind or not kind:
        return "BLOB"
    if any(word in kind for word in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "NUMERIC"


def read_schema(connection: sqlite3.Connection | Any) -> Schema:
    """The tables of the database behind `connection` (a sqlite3 or a SQLAlchemy connection;
    SQLite's own tables left out)."""
    driver = driver_of(connection)
    names = [row[0] for row in driver.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    schema: dict[str, TableShape] = {}
    for name in names:
        quoted = name.replace('"', '""')
        columns = {
            column: ColumnShape(affinity(declared or ""), bool(not_null), int(key))
            for _cid, column, declared, not_null, _default, key
            in driver.execute(f'PRAGMA table_info("{quoted}")')
        }
        foreign_keys = frozenset(
            (row[3], row[2], row[4] or "id")
            for row in driver.execute(f'PRAGMA foreign_key_list("{quoted}")')
        )
        unique = frozenset(
            tuple(info[2] for info in driver.execute(
                f"PRAGMA index_info(\"{index.replace(chr(34), chr(34) * 2)}\")"))
            for _seq, index, is_unique, _origin, _partial
            in driver.execute(f'PRAGMA index_list("{quoted}")')
            if is_unique
        )
        schema[name] = TableShape(columns, foreign_keys, unique)
    return schema


@functools.cache
def expected_schema(version: int) -> Schema:
    """The schema of a fresh plan of format `version`."""
    if version == SCHEMA_VERSION == current_format.VERSION:
        return recorded_schema()
    return built_schema(version)


def recorded_schema() -> Schema:
    """The newest format's schema as current_format.py records it."""
    return {table: TableShape(
        {name: ColumnShape(kind, not_null, key) for name, kind, not_null, key in columns},
        frozenset(links), frozenset(unique))
        for table, (columns, links, unique) in current_format.TABLES.items()}


@functools.cache
def built_schema(version: int) -> Schema:
    """The schema of a fresh plan of format `version`, built in memory with SQLAlchemy."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    from okrdesk.storage import migrate

    engine = create_engine("sqlite://", poolclass=StaticPool)
    try:
        with engine.connect() as connection:
            if version == SCHEMA_VERSION:
                migrate.create_schema(connection)
            else:
                migrate.upgrade_to(connection, revision_for(version))
            connection.commit()
            return read_schema(connection)
    finally:
        engine.dispose()


def schema_differences(expected: Schema, actual: Schema) -> list[str]:
    """What about `actual` differs from `expected`, each a short phrase naming the place."""
    found: list[str] = []
    missing = sorted(set(expected) - set(actual))
    if missing:
        found.append(f"tables {', '.join(missing)} are missing" if len(missing) > 1
                     else f"table {missing[0]} is missing")
    found += [f"it has a table {name} that this plan format does not have"
              for name in sorted(set(actual) - set(expected))]
    for name in sorted(set(expected) & set(actual)):
        found += _table_differences(name, expected[name], actual[name])
    return found


def _table_differences(table: str, expected: TableShape, actual: TableShape) -> list[str]:
    found = []
    for column in sorted(set(expected.columns) - set(actual.columns)):
        found.append(f"column {table}.{column} is missing")
    for column in sorted(set(actual.columns) - set(expected.columns)):
        found.append(f"{table} has a column {column} that this plan format does not have")
    for column in sorted(set(expected.columns) & set(actual.columns)):
        want, have = expected.columns[column], actual.columns[column]
        if want.affinity != have.affinity:
            found.append(f"column {table}.{column} holds {have.affinity} values, not "
                         f"{want.affinity}")
        if want.not_null != have.not_null:
            found.append(f"column {table}.{column} " + (
                "may be empty but must not" if want.not_null else "must not be empty but may"))
        if want.primary_key != have.primary_key:
            found.append(f"the primary key of {table} is not ({_key_columns(expected)})")
    for column, target, target_column in sorted(expected.foreign_keys - actual.foreign_keys):
        found.append(f"the link {table}.{column} -> {target}.{target_column} is missing")
    for column, target, target_column in sorted(actual.foreign_keys - expected.foreign_keys):
        found.append(f"{table} has a link {column} -> {target}.{target_column} that this plan "
                     "format does not have")
    for columns in sorted(expected.unique - actual.unique):
        found.append(f"the rule that {table}.({', '.join(columns)}) is unique is missing")
    for columns in sorted(actual.unique - expected.unique):
        found.append(f"{table} has a uniqueness rule on ({', '.join(columns)}) that this plan "
                     "format does not have")
    return list(dict.fromkeys(found))  # a changed primary key is named once


def _key_columns(shape: TableShape) -> str:
    keyed = sorted((c.primary_key, name) for name, c in shape.columns.items() if c.primary_key)
    return ", ".join(name for _, name in keyed)
