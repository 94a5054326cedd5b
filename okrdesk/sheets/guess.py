"""Which column holds which field, guessed from the headers, or named in a saved mapping.

Headers are compared without case, spaces or punctuation ("Owner e-mail" = "owner_email" =
"OWNER EMAIL"), against OKR Desk's own headers first and then against the names other tools
and hand-made sheets use.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from okrdesk.atomic import atomic_write
from okrdesk.errors import OkrDeskError
from okrdesk.sheets.model import OKR_HEADERS, ORG_HEADERS, Field, Mapping, OrgField, SheetProblem

OKR_SYNONYMS: dict[Field, tuple[str, ...]] = {
    Field.ID: ("id", "okr id", "goal id", "objective id", "uuid", "key"),
    Field.TYPE: ("type", "kind", "item type", "goal type", "okr type", "level type"),
    Field.TITLE: ("title", "name", "objective", "key result", "goal", "goal name", "okr",
                  "objective name", "okr title", "goal title", "summary", "outline"),
    Field.PARENT: ("parent", "parent id", "parent goal", "parent objective", "parent row",
                   "parent title", "aligned to", "parent goal id", "parent name", "contributes to"),
    Field.OWNER: ("owner", "owner name", "assignee", "owned by", "responsible", "person",
                  "goal owner", "accountable"),
    Field.OWNER_ID: ("owner id", "owner uuid", "assignee id"),
    Field.OWNER_EMAIL: ("owner email", "email", "assignee email", "owner mail", "mail"),
    Field.LEVEL: ("level", "org level", "owner level"),
    Field.FUNCTION: ("function", "department", "business function"),
    Field.TEAM: ("team", "team name", "group"),
    Field.CYCLE: ("cycle", "time period", "period", "quarter", "timeframe", "time frame",
                  "session"),
    Field.STARTS_ON: ("start date", "starts on", "begin date", "from"),
    Field.ENDS_ON: ("end date", "ends on", "due date", "due", "deadline", "to"),
    Field.MEASURE: ("measure", "metric type", "measurement", "metric", "progress type",
                    "tracking"),
    Field.START: ("start", "start value", "baseline", "initial value", "starting value"),
    Field.TARGET: ("target", "target value", "goal value", "desired value"),
    Field.CURRENT: ("current", "current value", "progress", "actual", "value", "actual value"),
    Field.UNIT: ("unit", "metric unit", "units", "unit of measure"),
    Field.WEIGHT: ("weight", "weighting"),
    Field.CONFIDENCE: ("confidence", "confidence level"),
    Field.STATUS: ("status", "health", "state"),
    Field.COMMITMENT: ("commitment", "committed or aspirational"),
    Field.ORIGIN: ("origin",),
    Field.DESCRIPTION: ("description", "details", "notes", "note", "comment", "comments"),
}
ORG_SYNONYMS: dict[OrgField, tuple[str, ...]] = {
    OrgField.ID: ("id", "person id", "employee id", "uuid"),
    OrgField.NAME: ("name", "full name", "person", "employee", "team name", "display name"),
    OrgField.EMAIL: ("email", "e mail", "mail", "work email", "email address"),
    OrgField.ROLE: ("title", "role", "job title", "position"),
    OrgField.KIND: ("kind", "type"),
    OrgField.MANAGER: ("manager", "reports to", "manager email", "manager name", "supervisor",
                       "manager id"),
    OrgField.LEVEL: ("level", "org level"),
    OrgField.FUNCTION: ("function", "department"),
}


@lru_cache(maxsize=4096, typed=True)  # the same few words come in every row
def normal(header: object) -> str:
    """A header without case, spaces or punctuation: "Owner e-mail" -> "owneremail"."""
    return re.sub(r"[\W_]+", "", str(header or "").casefold())


def guess_mapping(headers: Sequence[str]) -> Mapping:
    """OKR fields (keys are `Field` values) to column indexes, guessed from the headers."""
    return _guess(headers, OKR_HEADERS, OKR_SYNONYMS)


def guess_org_mapping(headers: Sequence[str]) -> Mapping:
    """Org chart fields (keys are `OrgField` values) to column indexes."""
    return _guess(headers, ORG_HEADERS, ORG_SYNONYMS)


def _guess(headers: Sequence[str], own: dict, synonyms: dict) -> Mapping:  # type: ignore[type-arg]
    columns = [normal(header) for header in headers]
    mapping: Mapping = {}
    taken: set[int] = set()

    def place(field: str, names: Iterable[str]) -> None:
        if field in mapping:
            return
        for name in names:
            wanted = normal(name)
            for index, column in enumerate(columns):
                if column and column == wanted and index not in taken:
                    mapping[field] = index
                    taken.add(index)
                    return

    for field, header in own.items():  # OKR Desk's own headers win
        place(str(field), [header])
    for field, names in synonyms.items():
        place(str(field), names)
    return mapping


def resolve_mapping(names: dict[str, str], headers: Sequence[str], sheet: str,
                    known: Iterable[str]) -> tuple[Mapping, list[SheetProblem]]:
    """A saved mapping ({field: header text}) as column indexes of `headers`, with a problem
    for each header the sheet lacks and each field OKR Desk does not know."""
    allowed = set(known)
    columns = {normal(header): index for index, header in reversed(list(enumerate(headers)))}
    mapping: Mapping = {}
    problems: list[SheetProblem] = []
    for field, header in names.items():
        if field not in allowed:
            problems.append(SheetProblem(sheet, None, None, f"the mapping names an unknown "
                                         f"field {field!r}; known: {', '.join(sorted(allowed))}"))
        elif normal(header) not in columns:
            problems.append(SheetProblem(sheet, None, str(header)[:80], "the mapping names this "
                                         "column, but the sheet has no such header"))
        else:
            mapping[field] = columns[normal(header)]
    return mapping, problems


class MappingFileError(OkrDeskError):
    """A saved column mapping cannot be read."""


def load_mapping(path: Path | str) -> dict[str, str]:
    """A mapping saved as JSON {field: header text}."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise MappingFileError(f"{path.name}: cannot be read as a column mapping ({error})") \
            from None
    if not isinstance(data, dict) or not all(isinstance(key, str) and isinstance(value, str)
                                             for key, value in data.items()):
        raise MappingFileError(f"{path.name}: a column mapping is a JSON object of field "
                               'names to header texts, like {"title": "Goal name"}')
    return data


def save_mapping(mapping: dict[str, str], path: Path | str) -> Path:
    """Save {field: header text} as JSON, written whole or not at all."""
    path = Path(path)
    with atomic_write(path, binary=False) as handle:
        handle.write(json.dumps(mapping, indent=2, ensure_ascii=False) + "\n")
    return path


def named_mapping(mapping: Mapping, headers: Sequence[str]) -> dict[str, str]:
    """Column indexes back to header texts, as `save_mapping` stores them."""
    return {field: headers[index] for field, index in mapping.items() if index < len(headers)}
