"""Export a whole plan as JSON: every row, ids and timestamps included, in a stable order."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from okrdesk.atomic import atomic_write, refuse_unsafe_output
from okrdesk.formats import SCHEMA_VERSION
from okrdesk.interchange.errors import InterchangeError
from okrdesk.interchange.fields import (
    FORMAT_NAME,
    FORMAT_VERSION,
    TABLE_ORDER,
    fields_of,
    sort_key,
)
from okrdesk.storage import Plan

Document = dict[str, Any]


def export_plan(plan_or_path: Plan | Path | str) -> Document:
    """The whole plan as a JSON-ready dict (see docs/FORMAT.md)."""
    if isinstance(plan_or_path, Plan):
        return _export(plan_or_path)
    with Plan.open(Path(plan_or_path), read_only=True) as plan:
        return _export(plan)


def canonical_json(document: Document) -> str:
    """The one text of a document: keys sorted, one row per line, UTF-8 characters kept.

    Rows on lines of their own keep exports easy to compare, and let the fast JSON encoder
    write them (an indenting encoder is several times slower on big plans).
    """
    try:
        parts = []
        for key in sorted(document):
            value = document[key]
            if isinstance(value, list) and value:
                rows = ",\n".join(f"    {_compact(row)}" for row in value)
                text = f"[\n{rows}\n  ]"
            else:
                text = _compact(value)
            parts.append(f"  {_compact(key)}: {text}")
    except ValueError:
        raise InterchangeError(
            "the plan holds a number that JSON cannot express (infinite or not a number): "
            + _first_non_finite(document)
        ) from None
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False,
                      separators=(", ", ": "))


def write_export(plan_or_path: Plan | Path | str, json_path: Path | str) -> Path:
    """Export a plan to `json_path`, replacing an older export but never a plan file."""
    json_path = Path(json_path)
    source = plan_or_path.path if isinstance(plan_or_path, Plan) else Path(plan_or_path)
    refuse_unsafe_output(json_path, sources=(source,))
    text = canonical_json(export_plan(plan_or_path))
    try:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(json_path, binary=False) as stream:
            stream.write(text)
    except OSError as error:
        raise InterchangeError(
            f"{json_path}: cannot be written ({error.strerror or error})") from None
    return json_path


def _export(plan: Plan) -> Document:
    document: Document = {
        "format": {"name": FORMAT_NAME, "version": FORMAT_VERSION},
        "plan_format": SCHEMA_VERSION,
    }
    with plan.read() as connection:
        for name in TABLE_ORDER:
            # Names come from the model, never from the file; the driver's own types
            # (text, integer, float, None) are exactly JSON's.
            columns = [field.name for field in fields_of(name)]
            query = (f"SELECT {', '.join(columns)} FROM {name} "
                     f"ORDER BY {', '.join(sort_key(name))}")
            document[name] = [dict(zip(columns, row, strict=True))
                              for row in connection.exec_driver_sql(query)]
    return document


def _first_non_finite(document: Document) -> str:
    for name in TABLE_ORDER:
        for index, row in enumerate(document.get(name, [])):
            for column, value in row.items():
                if isinstance(value, float) and not math.isfinite(value):
                    return f"{name}[{index}].{column} is {value}"
    return "unknown field"
