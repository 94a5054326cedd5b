"""Read and check a JSON plan file before any of it reaches a plan.

Three passes, each naming the first problem and where it is (`objectives[3].owner_id: ...`):
the structure (header, fields, types, vocabularies), then uniqueness, then references and
circular chains. The checks are written out here; the JSON Schema file says the same for
other tools, and the tests hold the two together.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeGuard

from okrdesk.formats import SCHEMA_VERSION
from okrdesk.interchange.errors import InterchangeError, NewerFormatError
from okrdesk.interchange.fields import (
    DATES,
    ENUMS,
    FORMAT_NAME,
    FORMAT_VERSION,
    MAX_ID_LENGTH,
    NON_NEGATIVE,
    NOUNS,
    TABLE_ORDER,
    TIMESTAMPS,
    UNIT_INTERVAL,
    Field,
    fields_of,
    unique_keys,
)
from okrdesk.storage.header import SQLITE_MAGIC

Row = dict[str, Any]
Tables = dict[str, list[Row]]


def read_document(path: Path) -> Any:
    """The parsed JSON of `path`; InterchangeError if it is not a readable JSON text."""
    if not path.exists():
        raise InterchangeError(f"{path.name}: no such file")
    if path.is_dir():
        raise InterchangeError(f"{path.name}: is a folder, not a JSON file")
    data = path.read_bytes()
    if data.startswith(SQLITE_MAGIC):
        raise InterchangeError(f"{path.name}: is a database (perhaps a plan), not a JSON export")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InterchangeError(
            f"{path.name}: is not UTF-8 text (a bad byte at offset {error.start})"
        ) from None
    try:
        return json.loads(text, parse_constant=_no_constant, object_pairs_hook=_no_twins)
    except json.JSONDecodeError as error:
        raise InterchangeError(
            f"{path.name}: is not valid JSON: {error.msg} at line {error.lineno}, "
            f"column {error.colno}"
        ) from None
    except RecursionError:
        raise InterchangeError(f"{path.name}: is nested too deeply to be a plan") from None
    except InterchangeError as error:
        raise InterchangeError(f"{path.name}: {error}") from None


def validate_document(document: Any) -> Tables:
    """The rows of every table, checked; InterchangeError naming the first problem."""
    if not isinstance(document, dict):
        raise InterchangeError(
            f"holds a JSON {_json_type(document)}, not an OKR Desk plan (an object with a "
            f'"format" header)'
        )
    _check_header(document)
    allowed = {"format", "plan_format", *TABLE_ORDER}
    for key in sorted(document):
        if key not in allowed:
            raise InterchangeError(f"{key}: unknown section; expected one of "
                                   f"{', '.join(TABLE_ORDER)}")
    tables = {name: _rows(document, name) for name in TABLE_ORDER}
    _check_unique(tables)
    _check_references(tables)
    _check_chains(tables)
    return tables


def _check_header(document: dict[str, Any]) -> None:
    header = document.get("format")
    if header is None:
        raise InterchangeError('format: is missing; this is not an OKR Desk plan export')
    if not isinstance(header, dict) or header.get("name") != FORMAT_NAME:
        name = header.get("name") if isinstance(header, dict) else header
        raise InterchangeError(
            f"format.name: is {name!r}, not {FORMAT_NAME!r}; this is not an OKR Desk plan export"
        )
    version = header.get("version")
    if not _is_int(version):
        raise InterchangeError(f"format.version: must be a whole number, not {version!r}")
    if version > FORMAT_VERSION:
        raise NewerFormatError(
            f"format.version: is {version}; the file was written by a newer OKR Desk (this "
            f"version reads format {FORMAT_VERSION}). Update OKR Desk to import it."
        )
    if version < 1:
        raise InterchangeError(f"format.version: {version} is not a version of the format")
    plan_format = document.get("plan_format")
    if not _is_int(plan_format):
        raise InterchangeError(f"plan_format: must be a whole number, not {plan_format!r}")
    if plan_format > SCHEMA_VERSION:
        raise NewerFormatError(
            f"plan_format: is {plan_format}; the plan comes from a newer OKR Desk (this version "
            f"reads plan formats up to {SCHEMA_VERSION}). Update OKR Desk to import it."
        )


def _rows(document: dict[str, Any], name: str) -> list[Row]:
    rows = document.get(name)
    if rows is None:
        raise InterchangeError(f"{name}: is missing (an empty list [] if there are none)")
    if not isinstance(rows, list):
        raise InterchangeError(f"{name}: must be a list, not a JSON {_json_type(rows)}")
    checks = [(field.name, _value_check(name, field)) for field in fields_of(name)]
    known = frozenset(field for field, _ in checks)
    for index, row in enumerate(rows):
        if not isinstance(row, dict) or row.keys() != known:
            _shape_problem(name, index, row, known)
        for field, check in checks:
            problem = check(row[field])
            if problem:
                raise InterchangeError(f"{name}[{index}].{field}: {problem}")
    return rows


def _shape_problem(name: str, index: int, row: Any, known: frozenset[str]) -> None:
    where = f"{name}[{index}]"
    if not isinstance(row, dict):
        raise InterchangeError(f"{where}: must be an object (a {NOUNS[name]}), "
                               f"not a JSON {_json_type(row)}")
    for key in row:
        if key not in known:
            raise InterchangeError(f"{where}.{key}: unknown field of a {NOUNS[name]}")
    missing = sorted(known - row.keys())
    raise InterchangeError(f"{where}.{missing[0]}: is missing")


def _value_check(table: str, field: Field) -> Callable[[Any], str]:
    """A check of one field's values, built once per table: '' or the problem."""
    if field.kind == "integer":
        typed: Callable[[Any], str] = _integer_problem
    elif field.kind == "number":
        typed = _number_check(table, field)
    else:
        typed = _text_check(table, field)

    def check(value: Any) -> str:
        if value is None:
            return "" if field.nullable else "must not be null"
        return typed(value)

    return check


def _integer_problem(value: Any) -> str:
    return "" if _is_int(value) else f"must be a whole number, not {_shown(value)}"


def _number_check(table: str, field: Field) -> Callable[[Any], str]:
    share = (table, field.name) in UNIT_INTERVAL
    non_negative = (table, field.name) in NON_NEGATIVE

    def check(value: Any) -> str:
        if not _is_number(value):
            return f"must be a number, not {_shown(value)}"
        if share and not 0 <= value <= 1:
            return f"must be between 0 and 1, not {value}"
        if non_negative and value < 0:
            return f"must not be negative ({value})"
        return ""

    return check


def _text_check(table: str, field: Field) -> Callable[[Any], str]:
    is_id = field.name == "id" or field.references is not None
    enum = ENUMS.get((table, field.name))
    choices = tuple(member.value for member in enum) if enum is not None else ()
    parse: Callable[[str], object] | None = None
    wanted = ""
    if field.name in TIMESTAMPS:
        parse, wanted = datetime.fromisoformat, "an ISO 8601 time"
    elif field.name in DATES:
        parse, wanted = date.fromisoformat, "a date YYYY-MM-DD"

    def check(value: Any) -> str:
        if not isinstance(value, str):
            return f"must be text, not {_shown(value)}"
        if is_id and not 0 < len(value) <= MAX_ID_LENGTH:
            return f"must be an id of 1 to {MAX_ID_LENGTH} characters"
        if choices and value not in choices:
            return f"is {value!r}; expected one of {', '.join(choices)}"
        if parse is not None:
            try:
                parse(value)
            except ValueError:
                return f"is {value!r}, not {wanted}"
        return ""

    return check


def _check_unique(tables: Tables) -> None:
    for name in TABLE_ORDER:
        for key in [("id",), *unique_keys(name)]:
            seen: dict[tuple[Any, ...], int] = {}
            for index, row in enumerate(tables[name]):
                values = tuple(row[column] for column in key)
                if None in values:
                    continue
                if values in seen:
                    shown = values[0] if len(values) == 1 else values
                    raise InterchangeError(
                        f"{name}[{index}].{'+'.join(key)}: {shown!r} appears twice "
                        f"(also in {name}[{seen[values]}])"
                    )
                seen[values] = index


def _check_references(tables: Tables) -> None:
    ids = {name: {row["id"] for row in rows} for name, rows in tables.items()}
    for name in TABLE_ORDER:
        links = [field for field in fields_of(name) if field.references is not None]
        for index, row in enumerate(tables[name]):
            for field in links:
                value = row[field.name]
                assert field.references is not None
                if value is not None and value not in ids[field.references]:
                    raise InterchangeError(f"{name}[{index}].{field.name}: no "
                                           f"{NOUNS[field.references]} with id {value!r}")
    for index, row in enumerate(tables["contributions"]):
        if row["source_id"] == row["target_id"]:
            raise InterchangeError(f"contributions[{index}]: links an objective to itself")


def _check_chains(tables: Tables) -> None:
    kr_owner = {row["id"]: row["objective_id"] for row in tables["key_results"]}
    parents: list[tuple[str, str, dict[str, str | None], str]] = [
        ("units", "manager_id",
         {row["id"]: row["manager_id"] for row in tables["units"]},
         "the reporting line runs in a circle"),
        ("cycles", "parent_id",
         {row["id"]: row["parent_id"] for row in tables["cycles"]},
         "the cycle ends up inside itself"),
        ("objectives", "parent_kr_id",
         {row["id"]: kr_owner.get(row["parent_kr_id"] or "") for row in tables["objectives"]},
         "the objective ends up aligned under itself"),
    ]
    for name, column, parent_of, problem in parents:
        index_of = {row["id"]: index for index, row in enumerate(tables[name])}
        circular = _first_in_circle(parent_of)
        if circular is not None:
            raise InterchangeError(f"{name}[{index_of[circular]}].{column}: {problem}")


def _first_in_circle(parent_of: dict[str, str | None]) -> str | None:
    done: set[str] = set()
    for start in parent_of:
        path: list[str] = []
        on_path: set[str] = set()
        node: str | None = start
        while node is not None and node not in done:
            if node in on_path:
                return node
            path.append(node)
            on_path.add(node)
            node = parent_of.get(node)
        done.update(path)
    return None


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return math.isfinite(value)


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "list", str: "text", bool: "true/false", type(None): "null"}
    for kind, label in names.items():
        if isinstance(value, kind):
            return label
    return "number"


def _shown(value: Any) -> str:
    return f"{_json_type(value)} {json.dumps(value, ensure_ascii=False)[:40]}"


def _no_constant(name: str) -> Any:
    raise InterchangeError(f"{name} is not a number JSON allows")


def _no_twins(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise InterchangeError(f"the field {key!r} appears twice in one object")
        result[key] = value
    return result
