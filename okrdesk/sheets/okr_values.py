"""The words and numbers of an OKR row: type, measure, status, commitment, origin, values."""

from __future__ import annotations

from typing import Any

from okrdesk.model import Commitment, KrKind, Origin, Status
from okrdesk.ops.checks import field
from okrdesk.sheets.cells import RowCells
from okrdesk.sheets.guess import normal
from okrdesk.sheets.model import Field

OBJECTIVE, KEY_RESULT = "objective", "key_result"
TYPES = {
    **dict.fromkeys(("objective", "objectives", "goal", "subgoal", "subobjective", "o", "obj",
                     "companygoal", "teamgoal", "parentgoal", "childgoal"), OBJECTIVE),
    **dict.fromkeys(("keyresult", "keyresults", "kr", "k", "result", "measurablekeyresult",
                     "metric", "target"), KEY_RESULT),
}
MEASURES = {
    **{normal(kind.value): kind.value for kind in KrKind},
    **dict.fromkeys(("increaseto", "number", "numeric", "percentage", "percent", "currency",
                     "grow", "up"), KrKind.INCREASE.value),
    **dict.fromkeys(("decreaseto", "reduce", "down"), KrKind.DECREASE.value),
    **dict.fromkeys(("atleast", "keepabove", "maintainabove", "minimum"), KrKind.STAY_ABOVE.value),
    **dict.fromkeys(("atmost", "keepbelow", "maintainbelow", "maximum"), KrKind.STAY_BELOW.value),
    **dict.fromkeys(("binary", "done", "achieved", "completion", "boolean", "yesno"),
                    KrKind.MILESTONE.value),
    **dict.fromkeys(("none", "text", "nometric", "manual"), KrKind.NO_METRIC.value),
}
STATUSES = {
    **{normal(status.value): status.value for status in Status},
    **dict.fromkeys(("good", "green", "ok", "ontrack"), Status.ON_TRACK.value),
    **dict.fromkeys(("atrisk", "amber", "yellow", "risk"), Status.AT_RISK.value),
    **dict.fromkeys(("offtrack", "red", "behind", "late"), Status.OFF_TRACK.value),
}
COMMITMENTS = {
    **{normal(value.value): value.value for value in Commitment},
    **dict.fromkeys(("commit", "roofshot"), Commitment.COMMITTED.value),
    **dict.fromkeys(("aspirational", "stretch", "moonshot"), Commitment.ASPIRATIONAL.value),
}
ORIGINS = {normal(value.value): value.value for value in Origin}
METRIC_FIELDS = (Field.START, Field.TARGET, Field.CURRENT, Field.UNIT, Field.MEASURE)
VALUE_COLUMNS = {Field.START: "start_value", Field.TARGET: "target_value",
                 Field.CURRENT: "current_value"}
_WHAT = {name: name.replace("_", " ") for name in VALUE_COLUMNS.values()}


def row_type(cells: RowCells) -> str | None:
    text = cells.text(Field.TYPE)
    if not text:
        return None
    found = TYPES.get(normal(text))
    if found is None:
        cells.problem(Field.TYPE, f"{text[:80]!r} is neither an objective nor a key result")
    return found


def word(cells: RowCells, column: Field, words: dict[str, str], what: str) -> str | None:
    """A word of a vocabulary ("At risk" -> "at_risk"), None when the cell is empty."""
    text = cells.text(column)
    if not text:
        return None
    found = words.get(normal(text))
    if found is None:
        choices = ", ".join(sorted(set(words.values())))
        cells.problem(column, f"{text[:80]!r} is not a {what}; choose one of: {choices}")
    return found


def has_metric(cells: RowCells) -> bool:
    return any(cells.cell(column) is not None for column in METRIC_FIELDS)  # blanks read None


def key_result_values(cells: RowCells, kind_before: str | None) -> dict[str, Any] | None:
    """The columns of a key result the sheet gives, checked; None if any is refused."""
    values: dict[str, Any] = {}
    problems = len(cells.problems)
    unit_text = cells.text(Field.UNIT)
    percent_seen = False
    for column, name in VALUE_COLUMNS.items():
        if column not in cells.mapping:
            continue
        parsed = cells.number(column)
        value = parsed[0] if parsed else None
        percent_seen = percent_seen or bool(parsed and parsed[1])
        values[name] = cells.field(column, "key_results", name, value, _WHAT[name])
    if Field.UNIT in cells.mapping or percent_seen:
        unit = unit_text or ("%" if percent_seen else "")
        values["unit"] = cells.field(Field.UNIT, "key_results", "unit", unit, "unit")
    if Field.WEIGHT in cells.mapping:
        parsed = cells.number(Field.WEIGHT)
        weight = parsed[0] if parsed else 1.0
        values["weight"] = cells.field(Field.WEIGHT, "key_results", "weight", weight, "weight")
    if Field.CONFIDENCE in cells.mapping:
        parsed = cells.number(Field.CONFIDENCE)
        confidence = (parsed[0] / 100 if parsed[1] else parsed[0]) if parsed else None
        values["confidence"] = cells.field(Field.CONFIDENCE, "key_results", "confidence",
                                           confidence, "confidence")
    if Field.ORIGIN in cells.mapping:
        values["origin"] = word(cells, Field.ORIGIN, ORIGINS, "origin") or Origin.OWN.value
    kind = word(cells, Field.MEASURE, MEASURES, "measure")
    if kind is None:
        kind = kind_before or _default_kind(values)
    values["kind"] = kind
    if kind == KrKind.MILESTONE:
        for name in VALUE_COLUMNS.values():
            if values.get(name) not in (None, 0, 1):
                cells.problem(Field.MEASURE, f"a milestone is done (1) or not (0); its "
                                             f"{name.replace('_', ' ')} cannot be "
                                             f"{values[name]:g}")
    if kind == KrKind.OBJECTIVE:
        for name in (*VALUE_COLUMNS.values(), "unit"):
            values.pop(name, None)
    return values if len(cells.problems) == problems else None


def _default_kind(values: dict[str, Any]) -> str:
    start, target = values.get("start_value"), values.get("target_value")
    if target is None:
        return KrKind.NO_METRIC.value
    if start is not None and start > target:
        return KrKind.DECREASE.value
    return KrKind.INCREASE.value


def objective_values(cells: RowCells) -> dict[str, Any] | None:
    values: dict[str, Any] = {}
    problems = len(cells.problems)
    if Field.DESCRIPTION in cells.mapping:
        values["description"] = cells.checked(
            Field.DESCRIPTION, field, "objectives", "description",
            _as_text(cells.cell(Field.DESCRIPTION)), "description")
    if Field.STATUS in cells.mapping:
        values["status"] = word(cells, Field.STATUS, STATUSES, "status")
    if Field.COMMITMENT in cells.mapping:
        values["commitment"] = (word(cells, Field.COMMITMENT, COMMITMENTS, "commitment")
                                or Commitment.COMMITTED.value)
    if Field.ORIGIN in cells.mapping:
        values["origin"] = word(cells, Field.ORIGIN, ORIGINS, "origin") or Origin.OWN.value
    return values if len(cells.problems) == problems else None


def _as_text(cell: object) -> str:
    """A long text as written, its spaces and line breaks kept."""
    return "" if cell is None else str(cell)
