"""Rows that break the model, found with cheap queries before anything reads the plan.

Values the model cannot hold are refused; broken links and loops are reported and the plan
opens, as the rest of the program copes with them (a missing parent counts as none, loops are
quality findings).

A plan may have been edited by hand with a database tool. Each check below scans a table once
inside SQLite; only the rows it finds come to Python. Each problem names the row (table,
title or name, id), the column and what is wrong, so the person who edited it can mend it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from itertools import islice

from okrdesk.storage.current_format import RULES
from okrdesk.storage.schema import Schema

SHOWN = 5  # problems named in a message; the rest are counted
LABELS = {"objectives": "title", "key_results": "title", "levels": "name", "functions": "name",
          "units": "name", "cycles": "name", "settings": "key"}
# What SQLite's typeof() may say of a value in a column of each affinity.
STORED_AS = {"TEXT": ("text",), "INTEGER": ("integer",), "REAL": ("real", "integer"),
             "NUMERIC": ("integer", "real"), "BLOB": ("blob",)}
NOT_ASCII = "'*[^' || char(1) || '-' || char(127) || ']*'"
# Chains of parents the program walks: each must end, never come back to where it started.
PARENT_LINKS = {
    "objectives": ("SELECT o.id, k.objective_id FROM objectives o "
                   "JOIN key_results k ON k.id = o.parent_kr_id", "aligned to"),
    "units": ("SELECT id, manager_id FROM units WHERE manager_id IS NOT NULL", "reports to"),
    "cycles": ("SELECT id, parent_id FROM cycles WHERE parent_id IS NOT NULL", "lies in"),
}


def row_problems(driver: sqlite3.Connection, schema: Schema) -> list[str]:
    """Values the model cannot hold (a few, at most SHOWN + 1): the plan is refused.

    Text that is not UTF-8 has no cheap test in SQL; `undecodable_text` finds it when
    reading stumbles.
    """
    return list(islice(_wrong_values(driver, schema), SHOWN + 1))


def broken_links(driver: sqlite3.Connection, schema: Schema) -> list[str]:
    """Links to rows that do not exist and loops in chains of parents (a few, at most
    SHOWN + 1). The plan opens with them: every part of the program treats a missing parent
    as none and reports loops (quality findings), and a planner can mend them in the app."""
    for check in (_dangling_links, _loops):
        problems = list(islice(check(driver, schema), SHOWN + 1))
        if problems:
            return problems
    return []


def undecodable_text(driver: sqlite3.Connection, schema: Schema) -> list[str]:
    """The rows holding text that is not valid UTF-8 (a full scan: run only on suspicion)."""
    return list(islice(_bad_text(driver, schema), SHOWN + 1))


def _tables(schema: Schema) -> list[str]:
    return [name for name in schema if name != "alembic_version"]


def _wrong_values(driver: sqlite3.Connection, schema: Schema) -> Iterator[str]:
    """Values of the wrong kind (text in a number column, binary data anywhere) and values
    outside the model's vocabularies and ranges (its CHECK constraints, which a database tool
    can switch off): one scan per table."""
    for table in _tables(schema):
        tests: list[tuple[str, str]] = []  # (SQL that is true for a bad row, what it means)
        for column, shape in schema[table].columns.items():
            allowed = STORED_AS[shape.affinity] + (() if shape.not_null else ("null",))
            # NOT IN (...) spelt out: SQLite runs a chain of comparisons faster than a list.
            wrong = " AND ".join(f"typeof(\"{column}\") <> '{kind}'" for kind in allowed)
            want = _kind_text(STORED_AS[shape.affinity][0])
            tests.append((f"({wrong})",
                          f"'{column} holds ' || typeof(\"{column}\") || ', not {want}'"))
        for rule in _rules(table, schema):
            tests.append((f"NOT ({rule})", "'breaks the rule ' || " + _sql_text(rule)))
        which = " ".join(f"WHEN {test} THEN {meaning}" for test, meaning in tests)
        query = (f'SELECT {_label_sql(table)}, CASE {which} END FROM "{table}" '
                 f'WHERE {" OR ".join(test for test, _ in tests)} LIMIT {SHOWN + 1}')
        for row_id, label, meaning in driver.execute(query):
            for kind in ("text", "integer", "real", "blob", "null"):
                meaning = meaning.replace(f" holds {kind},", f" holds {_kind_text(kind)},")
            yield f"{_row(table, row_id, label)}: {meaning}"


def _rules(table: str, schema: Schema) -> list[str]:
    """The model's CHECK rules of `table` (as current_format.py records them)."""
    # A rule on a column this format lacks is left out: the shape check has spoken.
    return [rule for rule, named in RULES.get(table, ())
            if all(column in schema[table].columns for column in named)]


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _bad_text(driver: sqlite3.Connection, schema: Schema) -> Iterator[str]:
    """Text that is not valid UTF-8 (only text with bytes beyond ASCII is looked at)."""
    for table in _tables(schema):
        columns = [c for c, shape in schema[table].columns.items() if shape.affinity == "TEXT"]
        if not columns:
            continue
        values = ", ".join(f'CAST("{column}" AS BLOB)' for column in columns)
        wide = " OR ".join(f'"{column}" GLOB {NOT_ASCII}' for column in columns)
        for row in driver.execute(f'SELECT {_label_sql(table)}, {values} FROM "{table}" '
                                  f"WHERE {wide}"):
            for column, value in zip(columns, row[2:], strict=True):
                if isinstance(value, bytes) and not _is_utf8(value):
                    yield (f"{_row(table, row[0], row[1])}: {column} holds text that is not "
                           "valid UTF-8")


def _dangling_links(driver: sqlite3.Connection, _schema: Schema) -> Iterator[str]:
    links: dict[str, list[tuple[str, str]]] = {}
    for table, rowid, target, key in driver.execute("PRAGMA foreign_key_check").fetchmany(
            SHOWN + 1):
        if table not in links:
            links[table] = [(row[3], row[2]) for row in
                            driver.execute(f'PRAGMA foreign_key_list("{table}")')]
        column, _ = links[table][key] if key < len(links[table]) else ("?", target)
        found = driver.execute(f'SELECT {_label_sql(table)} FROM "{table}" WHERE rowid = ?',
                               (rowid,)).fetchone()
        row_id, label = found if found else (None, None)
        yield (f"{_row(table, row_id, label)}: {column} names a row of {target} that does not "
               "exist")


def _loops(driver: sqlite3.Connection, _schema: Schema) -> Iterator[str]:
    for table, (query, verb) in PARENT_LINKS.items():
        parent_of = dict(driver.execute(query).fetchall())
        for loop in _find_loops(parent_of):
            names = [_row(table, *_label_of(driver, table, row_id)) for row_id in loop]
            yield (f"{table} {verb} one another in a loop: "
                   + f" {verb} ".join([*names, names[0]]))


def _find_loops(parent_of: dict[str, str]) -> Iterable[list[str]]:
    """Each loop of a parent map once, in walking order (linear in the number of rows)."""
    state: dict[str, int] = {}  # 1 = on the current walk, 2 = done
    for start in parent_of:
        walk: list[str] = []
        node: str | None = start
        while node is not None and node not in state:
            state[node] = 1
            walk.append(node)
            node = parent_of.get(node)
        if node is not None and state[node] == 1:
            yield walk[walk.index(node):]
        for visited in walk:
            state[visited] = 2


def _label_sql(table: str) -> str:
    """Two columns naming a row: its id and its title or name, as bytes (never decoded by the
    driver, which fails on text that is not UTF-8)."""
    label = LABELS.get(table)
    return "CAST(id AS BLOB), " + (f'CAST("{label}" AS BLOB)' if label else "NULL")


def _label_of(driver: sqlite3.Connection, table: str,
              row_id: str) -> tuple[bytes | None, bytes | None]:
    row = driver.execute(f'SELECT {_label_sql(table)} FROM "{table}" WHERE id = ?',
                         (row_id,)).fetchone()
    return (row[0], row[1]) if row else (None, None)


def _row(table: str, row_id: object, label: object) -> str:
    if row_id is None:
        return f"a row of {table}"
    shown_id = _text(row_id)
    if not label:
        return f"{table} row {shown_id}"
    title = _text(label)
    title = title if len(title) <= 60 else title[:57] + "..."
    return f"{table} row \u201c{title}\u201d (id {shown_id})"


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _kind_text(kind: str) -> str:
    return {"text": "text", "integer": "a whole number", "real": "a number",
            "blob": "binary data", "null": "nothing"}.get(kind, kind)


def _is_utf8(value: bytes) -> bool:
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
