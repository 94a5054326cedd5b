"""Read and check a JSON plan file before any of it reaches a plan.

Three passes, each naming the first problem and where it is (`objectives[3].owner_id: ...`):
the structure (header, fields, types, vocabularies, and the limits of every value that the
operations apply too, okrdesk/limits.py), then uniqueness, then references and circular
chains. An export of an older plan format gets the fields added since (fields.ADDED_FIELDS).
The JSON Schema file says the same for other tools, and the tests hold the two together.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeGuard

from okrdesk import limits
from okrdesk.errors import OperationRefused
from okrdesk.formats import SCHEMA_VERSION, SQLITE_MAGIC
from okrdesk.interchange.errors import InterchangeError, NewerFormatError
from okrdesk.interchange.fields import (
    ADDED_FIELDS,
    ADDED_TABLES,
    ENUMS,
    FORMAT_NAME,
    FORMAT_VERSION,
    MAX_ID_LENGTH,
    NOUNS,
    TABLE_ORDER,
    Field,
    fields_of,
    unique_keys,
)
from okrdesk.limits import shown
from okrdesk.ops.emails import email_address

Row = dict[str, Any]
Tables = dict[str, list[Row]]
_PLAIN_KEY = re.compile("[A-Za-z_][A-Za-z0-9_]{0,40}")


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
    except ValueError:  # Python refuses to read a number of thousands of digits
        raise InterchangeError(f"{path.name}: holds a number too long to be a value of a "
                               "plan") from None
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
            raise InterchangeError(f"{_key(key)}: unknown section; expected one of "
                                   f"{', '.join(TABLE_ORDER)}")
    tables = {name: _rows(document, name) for name in TABLE_ORDER}
    _check_settings(tables["settings"])
    _check_unique(tables)
    _check_emails(tables["units"])
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
            f"format.name: is {shown(name)}, not {FORMAT_NAME!r}; this is not an OKR Desk plan "
            "export"
        )
    version = header.get("version")
    if not _is_int(version):
        raise InterchangeError(f"format.version: must be a whole number, not {shown(version)}")
    if version > FORMAT_VERSION:
        raise NewerFormatError(
            f"format.version: is {shown(version)}; the file was written by a newer OKR Desk "
            f"(this version reads format {FORMAT_VERSION}). Update OKR Desk to import it."
        )
    if version < 1:
        raise InterchangeError(f"format.version: {shown(version)} is not a version of the "
                               "format")
    plan_format = document.get("plan_format")
    if not _is_int(plan_format):
        raise InterchangeError(f"plan_format: must be a whole number, not {shown(plan_format)}")
    if plan_format > SCHEMA_VERSION:
        raise NewerFormatError(
            f"plan_format: is {shown(plan_format)}; the plan comes from a newer OKR Desk (this "
            f"version reads plan formats up to {SCHEMA_VERSION}). Update OKR Desk to import it."
        )
    if plan_format < 1:
        raise InterchangeError(f"plan_format: {shown(plan_format)} is not a plan format")


def _rows(document: dict[str, Any], name: str) -> list[Row]:
    rows = document.get(name)
    if rows is None and document["plan_format"] < ADDED_TABLES.get(name, 0):
        rows = []  # an export of a plan format before this table
    if rows is None:
        raise InterchangeError(f"{name}: is missing (an empty list [] if there are none)")
    if not isinstance(rows, list):
        raise InterchangeError(f"{name}: must be a list, not a JSON {_json_type(rows)}")
    checks = [(field.name, _value_check(name, field)) for field in fields_of(name)]
    known = frozenset(field for field, _ in checks)
    rows = _with_added_fields(name, rows, document["plan_format"])
    for index, row in enumerate(rows):
        if not isinstance(row, dict) or row.keys() != known:
            _shape_problem(name, index, row, known)
        for field, check in checks:
            problem = check(row[field])
            if problem:
                raise InterchangeError(f"{name}[{index}].{field}: {problem}")
    return rows


def _with_added_fields(name: str, rows: list[Any], plan_format: int) -> list[Any]:
    """Rows of an export from an older plan format, given the fields added since then."""
    defaults = {field: default for (table_name, field), (added, default) in ADDED_FIELDS.items()
                if table_name == name and plan_format < added}
    if not defaults:
        return rows
    return [{**defaults, **row} if isinstance(row, dict) else row for row in rows]


def _shape_problem(name: str, index: int, row: Any, known: frozenset[str]) -> None:
    where = f"{name}[{index}]"
    if not isinstance(row, dict):
        raise InterchangeError(f"{where}: must be an object (a {NOUNS[name]}), "
                               f"not a JSON {_json_type(row)}")
    for key in row:
        if key not in known:
            raise InterchangeError(f"{where}.{_key(key)}: unknown field of a {NOUNS[name]}")
    missing = sorted(known - row.keys())
    raise InterchangeError(f"{where}.{missing[0]}: is missing")


def _value_check(table: str, field: Field) -> Callable[[Any], str]:
    """A check of one field's values, built once per table: '' or the problem."""
    rule = limits.limit_of(table, field.name)
    if (table, field.name) == ("settings", "value"):
        rule = limits.Text(limits.LONG_TEXT_LENGTH, one_line=False)
        # only its type here: _check_settings applies the rule of the row's key
        return lambda value: "" if isinstance(value, str) else rule.problem(value)
    if (table, field.name) == ("units", "email"):
        return lambda value: rule.problem(value) or _email_problem(value)
    enum = ENUMS.get((table, field.name))
    choices = tuple(member.value for member in enum) if enum is not None else ()
    is_id = field.name == "id" or field.references is not None

    def check(value: Any) -> str:
        if value is None and field.nullable:
            return ""
        if choices and value not in choices:
            if not isinstance(value, str):
                return f"must be text, not {shown(value)}"
            return f"is {shown(value)}; expected one of {', '.join(choices)}"
        if is_id and isinstance(value, str) and not 0 < len(value) <= MAX_ID_LENGTH:
            return f"must be an id of 1 to {MAX_ID_LENGTH} characters"
        return rule.problem(value)

    return check


def _email_problem(value: str) -> str:
    try:
        address = email_address(value)
    except OperationRefused as refusal:
        return str(refusal).rstrip(".")
    if address != value:
        return f"{shown(value)} has spaces around it; write it as {shown(address)}"
    return ""


def _check_emails(units: list[Row]) -> None:
    """An address names one person or team; letter case of ASCII letters does not count, as
    in the plan itself."""
    seen: dict[str, int] = {}
    for index, row in enumerate(units):
        address = row["email"]
        if not address:
            continue
        folded = "".join(c.lower() if c.isascii() else c for c in address)
        if folded in seen:
            raise InterchangeError(f"units[{index}].email: {address!r} appears twice (also in "
                                   f"units[{seen[folded]}]); an address names one person or "
                                   "team")
        seen[folded] = index


def _check_settings(rows: list[Row]) -> None:
    for index, row in enumerate(rows):
        problem = limits.setting_problem(row["key"], row["value"])
        if problem:
            raise InterchangeError(f"settings[{index}].value: {problem}")


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
    for index, row in enumerate(tables["objectives"]):
        # copied_from_id may name an objective that is not in the file (since deleted)
        if row["copied_from_id"] == row["id"]:
            raise InterchangeError(f"objectives[{index}].copied_from_id: names the objective "
                                   "itself; a copy is made from another objective")


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


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "list", str: "text", bool: "true/false", type(None): "null"}
    for kind, label in names.items():
        if isinstance(value, kind):
            return label
    return "number"


def _key(key: str) -> str:
    """A key of the document as it can be shown: quoted and escaped unless it is a plain name."""
    return key if _PLAIN_KEY.fullmatch(key) else repr(key)


def _no_constant(name: str) -> Any:
    raise InterchangeError(f"{name} is not a number JSON allows")


def _no_twins(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise InterchangeError(f"the field {key!r} appears twice in one object")
        result[key] = value
    return result
