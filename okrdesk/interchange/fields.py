"""What the JSON format holds, table by table, read from the plan's own model.

Column names, types, nullability, references and unique keys come from the SQLAlchemy tables,
so the format cannot drift from the model; the vocabularies are declared here, and the bounds
and lengths of values are those of okrdesk/limits.py, the same the operations apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Float, Integer, Table, UniqueConstraint

from okrdesk.formats import JSON_FORMAT_NAME, JSON_FORMAT_VERSION
from okrdesk.limits import ID_LENGTH
from okrdesk.model import (
    TABLES,
    Commitment,
    CycleKind,
    KrKind,
    Origin,
    Status,
    UnitKind,
    Visibility,
)

FORMAT_NAME = JSON_FORMAT_NAME
FORMAT_VERSION = JSON_FORMAT_VERSION

# Parents before children, so a reader can follow the file from top to bottom.
TABLE_ORDER = (
    "settings", "levels", "functions", "units", "cycles", "objectives", "key_results",
    "contributions", "check_ins", "canvas_positions", "objective_scores", "key_result_scores",
)

NOUNS = {
    "settings": "setting", "levels": "level", "functions": "function", "units": "unit",
    "cycles": "cycle", "objectives": "objective", "key_results": "key result",
    "contributions": "contributes-to link", "check_ins": "check-in",
    "canvas_positions": "canvas position", "objective_scores": "objective's final score",
    "key_result_scores": "key result's final score",
}

ENUMS: dict[tuple[str, str], type[StrEnum]] = {
    ("units", "kind"): UnitKind,
    ("cycles", "kind"): CycleKind,
    ("objectives", "origin"): Origin,
    ("objectives", "commitment"): Commitment,
    ("objectives", "visibility"): Visibility,
    ("objectives", "status"): Status,
    ("key_results", "kind"): KrKind,
    ("key_results", "origin"): Origin,
}

MAX_ID_LENGTH = ID_LENGTH

# Fields that older plan formats did not have: (table, field) -> (the plan format that added
# it, the value a row of an older export gets). An export of plan format 2 imports as it is.
ADDED_FIELDS: dict[tuple[str, str], tuple[int, str | None]] = {
    ("units", "email"): (3, ""),
    ("objectives", "copied_from_id"): (3, None),
    ("cycles", "closed_at"): (4, None),
}
# Tables that older plan formats did not have: table -> the plan format that added it. An
# export of an older format has no such section; it imports as an empty one.
ADDED_TABLES: dict[str, int] = {"objective_scores": 4, "key_result_scores": 4}


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # "text", "integer" or "number"
    nullable: bool
    references: str | None  # the table an id in this field points to


def table(name: str) -> Table:
    result: Table = TABLES[name].__table__
    return result


def fields_of(name: str) -> tuple[Field, ...]:
    """The fields of one table's rows, `id` first, then in the model's column order."""
    result = []
    for column in table(name).columns:
        if isinstance(column.type, Integer):
            kind = "integer"
        elif isinstance(column.type, Float):
            kind = "number"
        else:
            kind = "text"
        targets = [key.column.table.name for key in column.foreign_keys]
        result.append(Field(column.name, kind, bool(column.nullable),
                            targets[0] if targets else None))
    result.sort(key=lambda field: field.name != "id")
    return tuple(result)


def unique_keys(name: str) -> list[tuple[str, ...]]:
    """Column groups whose values must differ from row to row (besides `id`)."""
    t = table(name)
    keys = [tuple(c.name for c in constraint.columns) for constraint in t.constraints
            if isinstance(constraint, UniqueConstraint)]
    keys += [tuple(c.name for c in index.columns) for index in t.indexes if index.unique]
    return keys


def sort_key(name: str) -> tuple[str, ...]:
    """The columns rows are exported in: a stable order that reads naturally."""
    if name == "levels":
        return ("rank",)
    if name == "settings":
        return ("key",)
    return ("created_at", "id")
