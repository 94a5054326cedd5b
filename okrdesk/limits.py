"""The values a plan accepts: one set of limits for the operations and the JSON import alike.

Numbers are finite and within bounds that a plan can add up and draw; names and titles are one
line of plain text and not blank; longer texts (descriptions, notes) may hold tabs and line
breaks but no other control character; no text holds a broken character (a lone surrogate).

Each check returns '' for a good value, else the problem in words that follow the field's name,
such as "must be between 0 and 1,000,000, not 1e+308". The operations say "The weight must
be ..." (okrdesk/ops/checks.py); the import says "key_results[3].weight: must be ..."
(okrdesk/interchange/validate.py). Both look the rule up here by table and column.

The columns' kinds and declared lengths come from the record of the newest plan format
(okrdesk/storage/current_format.py, written from the model and held equal to it by a test), so
that the limits load without SQLAlchemy and the model.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from okrdesk.storage import current_format
from okrdesk.storage.current_format import KINDS
from okrdesk.storage.history_reading import HISTORY_CHANGES_LENGTH  # the history's own bound

# Values of key results and check-ins: a thousand trillion either way keeps every difference
# and ratio of progress finite.
VALUE_BOUND = 1e15
WEIGHT_BOUND = 1e6
# Canvas coordinates: the canvas zooms in four times and Qt's scroll range is a 32-bit integer.
COORDINATE_BOUND = 1e8
HIGHEST_RANK = 99
HIGHEST_POSITION = 1_000_000
HIGHEST_COUNT_SETTING = 1000
TITLE_LENGTH = 500
LONG_TEXT_LENGTH = 20_000
ID_LENGTH = 64
FIRST_YEAR, LAST_YEAR = 1900, 2999

_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_LINES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # tab, LF, CR pass
_DIGITS = re.compile("[0-9]{1,9}")


@dataclass(frozen=True)
class Number:
    """A finite number from `low` to `high`; `whole` asks for an integer."""

    low: float
    high: float
    whole: bool = False

    def problem(self, value: object) -> str:
        kind = "a whole number" if self.whole else "a number"
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"must be {kind}, not {shown(value)}"
        if self.whole and not isinstance(value, int):
            return f"must be a whole number, not {value!r}" if abs(value) < 1e16 else (
                f"must be a whole number, not {number_text(value)}")
        if isinstance(value, float) and not math.isfinite(value):
            return f"must be a finite number, not {number_text(value)}"
        if not self.low <= value <= self.high:
            whole = "a whole number " if self.whole else ""
            return (f"must be {whole}between {number_text(self.low)} and "
                    f"{number_text(self.high)}, not {number_text(value)}")
        return ""


@dataclass(frozen=True)
class Text:
    """Text of at most `longest` characters; `one_line` refuses every control character
    (names, titles), otherwise tabs and line breaks are fine; `required` refuses blank text."""

    longest: int
    one_line: bool = True
    required: bool = False

    def problem(self, value: object) -> str:
        if not isinstance(value, str):
            return f"must be text, not {shown(value)}"
        broken = _SURROGATE.search(value)
        if broken:
            return (f"holds a broken character ({_code(broken.group())}, half of a surrogate "
                    f"pair, at character {broken.start() + 1})")
        control = (_CONTROL if self.one_line else _CONTROL_BUT_LINES).search(value)
        if control:
            rule = ("names and titles are one line of plain text" if self.one_line
                    else "only tabs and line breaks may be used")
            return (f"holds a control character ({_code(control.group())} at character "
                    f"{control.start() + 1}); {rule}")
        if self.required and not value.strip():
            return "cannot be empty"
        if len(value) > self.longest:
            return (f"must be at most {self.longest:,} characters long, not "
                    f"{len(value):,}")
        return ""


@dataclass(frozen=True)
class Moment:
    """An ISO 8601 date (`day`) or date and time, between the years 1900 and 2999."""

    day: bool = False

    def problem(self, value: object) -> str:
        wanted = ("a date such as 2027-01-31" if self.day
                  else "an ISO 8601 time such as 2027-03-31T17:00:00+00:00")
        if not isinstance(value, str):
            return f"must be {wanted}, not {shown(value)}"
        try:
            parsed = date.fromisoformat(value) if self.day else datetime.fromisoformat(value)
        except ValueError:
            return f"is {shown(value)}, not {wanted}"
        if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
            return f"is {shown(value)}; the year must be from {FIRST_YEAR} to {LAST_YEAR}"
        return ""


Limit = Number | Text | Moment

VALUE = Number(-VALUE_BOUND, VALUE_BOUND)
WEIGHT = Number(0, WEIGHT_BOUND)
SHARE = Number(0, 1)
COORDINATE = Number(-COORDINATE_BOUND, COORDINATE_BOUND)
RANK = Number(0, HIGHEST_RANK, whole=True)
POSITION = Number(0, HIGHEST_POSITION, whole=True)
TITLE = Text(TITLE_LENGTH, required=True)
LONG_TEXT = Text(LONG_TEXT_LENGTH, one_line=False)
ID = Text(ID_LENGTH, required=True)
PLAN_NAME = Text(200, required=True)
TIME = Moment()
DAY = Moment(day=True)


def _declared_length(table: str, column: str) -> int:
    return KINDS[table][column][1] or LONG_TEXT_LENGTH


def _name(table: str, column: str = "name") -> Text:
    return Text(_declared_length(table, column), required=True)


FIELDS: dict[tuple[str, str], Limit] = {
    ("settings", "key"): _name("settings", "key"),
    ("settings", "value"): LONG_TEXT,  # and the known keys' own rules, setting_problem()
    ("levels", "rank"): RANK,
    ("levels", "name"): _name("levels"),
    ("functions", "name"): _name("functions"),
    ("units", "name"): _name("units"),
    ("units", "role"): Text(_declared_length("units", "role")),
    ("cycles", "name"): _name("cycles"),
    ("objectives", "title"): TITLE,
    ("objectives", "description"): LONG_TEXT,
    ("objectives", "position"): POSITION,
    ("key_results", "title"): TITLE,
    ("key_results", "unit"): Text(_declared_length("key_results", "unit")),
    ("key_results", "start_value"): VALUE,
    ("key_results", "target_value"): VALUE,
    ("key_results", "current_value"): VALUE,
    ("key_results", "weight"): WEIGHT,
    ("key_results", "confidence"): SHARE,
    ("key_results", "position"): POSITION,
    ("contributions", "note"): LONG_TEXT,
    ("check_ins", "value"): VALUE,
    ("check_ins", "confidence"): SHARE,
    ("check_ins", "note"): LONG_TEXT,
    ("check_ins", "at"): TIME,
    ("canvas_positions", "x"): COORDINATE,
    ("canvas_positions", "y"): COORDINATE,
    ("objective_scores", "value"): SHARE,
    ("objective_scores", "note"): LONG_TEXT,
    ("objective_scores", "achieved"): LONG_TEXT,
    ("objective_scores", "learned"): LONG_TEXT,
    ("objective_scores", "decided"): LONG_TEXT,
    ("key_result_scores", "value"): SHARE,
    ("key_result_scores", "note"): LONG_TEXT,
    ("history", "label"): LONG_TEXT,
    ("history", "row_count"): Number(0, HIGHEST_POSITION, whole=True),
    ("history", "changes"): Text(HISTORY_CHANGES_LENGTH, one_line=False),
    ("drafts", "plan_name"): LONG_TEXT,
    ("draft_base", "row_values"): Text(HISTORY_CHANGES_LENGTH, one_line=False),
}
_TIMES = frozenset({"created_at", "updated_at", "at", "closed_at"})
_DAYS = frozenset({"starts_on", "ends_on"})


@cache
def limit_of(table: str, column: str) -> Limit:
    """The rule for one column; columns not listed follow their kind (ids, times, dates, text
    as long as the model declares it, numbers within the value bounds)."""
    rule = FIELDS.get((table, column))
    if rule is not None:
        return rule
    if column == "id" or column.endswith("_id"):
        return ID
    if column in _TIMES:
        return TIME
    if column in _DAYS:
        return DAY
    python_type = KINDS[table][column][0]
    if python_type == "int":
        return Number(-HIGHEST_POSITION, HIGHEST_POSITION, whole=True)
    if python_type == "float":
        return VALUE
    return Text(_declared_length(table, column))


def may_be_empty(table: str, column: str) -> bool:
    """Whether the column may hold nothing (NULL), as the model declares it."""
    columns = current_format.TABLES[table][0]
    return not next(not_null for name, _kind, not_null, _key in columns if name == column)


def setting_problem(key: str, value: object) -> str:
    """'' if `value` is a sensible value of the setting `key`, else the problem."""
    if not isinstance(value, str):
        return f"must be given as text, not {shown(value)}"
    if key == "plan_name":
        return PLAN_NAME.problem(value)
    if key == "bottom_up_target":
        text_problem = Text(40).problem(value)
        if text_problem:
            return text_problem
        try:
            share = float(value)
        except ValueError:
            share = math.nan
        if not 0.0 <= share <= 1.0:
            return f"must be a share from 0 to 1 (such as 0.5), not {shown(value)}"
        return ""
    if key in ("max_objectives_per_owner", "max_key_results"):
        digits = value.strip()
        if not _DIGITS.fullmatch(digits) or not 1 <= int(digits) <= HIGHEST_COUNT_SETTING:
            return (f"must be a whole number of 1 or more (up to {HIGHEST_COUNT_SETTING:,}), "
                    f"not {shown(value)}")
        return ""
    return LONG_TEXT.problem(value)


# -- showing a value in a message ----------------------------------------------------------


def number_text(value: float) -> str:
    """A number as a planner reads it: 1,000,000 or 0.25 or 1e+308, never pages of digits."""
    if isinstance(value, int) and abs(value) >= 10**16:
        return f"{float(value):.6g}" if abs(value) < 10**300 else "a number of hundreds of digits"
    if isinstance(value, int) or (math.isfinite(value) and value == int(value)
                                  and abs(value) < 1e16):
        return f"{int(value):,}"
    return f"{value:.6g}"


def shown(value: object) -> str:
    """A short, printable rendering of any value for a message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return number_text(value)
    if isinstance(value, str):
        if len(value) <= 40:
            return repr(value)  # repr escapes control and broken characters
        return f"{value[:40]!r}… ({len(value):,} characters)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _code(character: str) -> str:
    return f"U+{ord(character):04X}"
