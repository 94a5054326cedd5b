"""Writes current_format.py: the newest plan format's tables and the model's rules, as the
model makes them, so that vetting a plan of that format needs no SQLAlchemy.

    python -m okrdesk.storage.format_record   # after changing the model; a test says when
"""

from __future__ import annotations

import sys
from pathlib import Path
from pprint import pformat

from okrdesk.formats import SCHEMA_VERSION
from okrdesk.storage.schema import built_schema

RECORD = Path(__file__).with_name("current_format.py")
HEADER = '''"""The newest plan format as the model makes it: each table's columns (name,
affinity, not null, place in the primary key), links (column, table, column) and unique column
lists, the model's CHECK rules with the columns each names, and each column's Python type and
declared length (0 for text of any length) for the limits of okrdesk/limits.py.

Written by `python -m okrdesk.storage.format_record`; do not edit (a test compares it with the
model).
"""

from __future__ import annotations
'''


def record_text() -> str:
    """The text of current_format.py for the model as it is now."""
    from sqlalchemy import CheckConstraint, String

    from okrdesk.model import Base

    tables = {name: (tuple((column, c.affinity, c.not_null, c.primary_key)
                           for column, c in shape.columns.items()),
                     tuple(sorted(shape.foreign_keys)), tuple(sorted(shape.unique)))
              for name, shape in built_schema(SCHEMA_VERSION).items()}
    rules = {}
    for table in Base.metadata.tables.values():
        texts = sorted(str(c.sqltext) for c in table.constraints
                       if isinstance(c, CheckConstraint))
        if texts:  # with the columns each names, to leave out those an older format lacks
            rules[table.name] = tuple((text, tuple(column.name for column in table.columns
                                                   if column.name in text))
                                      for text in texts)
    kinds = {table.name: {column.name: (column.type.python_type.__name__,
                                        (column.type.length or 0)
                                        if isinstance(column.type, String) else 0)
                          for column in table.columns}
             for table in Base.metadata.tables.values()}
    return "\n".join([
        HEADER, f"VERSION = {SCHEMA_VERSION}", "",
        "Columns = tuple[tuple[str, str, bool, int], ...]",
        "Links = tuple[tuple[str, str, str], ...]",
        "Unique = tuple[tuple[str, ...], ...]", "",
        "Rules = tuple[tuple[str, tuple[str, ...]], ...]", "",
        "TABLES: dict[str, tuple[Columns, Links, Unique]] = " + _literal(tables), "",
        "RULES: dict[str, Rules] = " + _literal(rules), "",
        "Kinds = dict[str, tuple[str, int]]", "",
        "KINDS: dict[str, Kinds] = " + _literal(kinds), ""])


def _literal(value: object) -> str:
    return pformat(value, width=96, sort_dicts=False)


def main() -> int:
    RECORD.write_text(record_text(), encoding="utf-8")
    print(f"Wrote {RECORD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
