"""Checks of values a planner typed: each refuses with a reason, never a traceback.

The limits themselves (bounds of numbers, lengths and characters of text) are those of
okrdesk/limits.py, which the JSON import applies too: a value is accepted or refused the same
way by both. `field(table, column, value, what)` applies a column's own rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum
from functools import cache
from typing import Any

from okrdesk import limits
from okrdesk.errors import OperationRefused
from okrdesk.limits import Limit, Moment, Number, Text


def quoted(title: str) -> str:
    return f"“{title}”"


def refuse(what: str, problem: str) -> None:
    if problem:
        raise OperationRefused(f"The {what} {problem}.")


def field(table: str, column: str, value: object, what: str) -> Any:
    """`value` checked by the rule of `table.column`: text trimmed where it must not be blank,
    numbers as float (whole numbers as int); None only where the column may be empty."""
    rule = limits.limit_of(table, column)
    if value is None and _nullable(table, column):
        return None
    return _apply(rule, value, what)


def text(value: object, what: str, rule: Text = limits.TITLE) -> str:
    """Non-empty text of one line, trimmed."""
    result: str = _apply(rule, value, what)
    return result


def plain(value: object, what: str, rule: Text = limits.LONG_TEXT) -> str:
    """Any text within the rule, possibly empty (descriptions, notes)."""
    result: str = _apply(rule, value, what)
    return result


def choice(value: object, vocabulary: type[StrEnum], what: str) -> str:
    allowed = [member.value for member in vocabulary]
    if value not in allowed:
        raise OperationRefused(
            f"{limits.shown(value)} is not a {what}; choose one of: {', '.join(allowed)}."
        )
    return str(value)


def number(value: object, what: str, rule: Number = limits.VALUE) -> float | None:
    """A number within the rule, or None for 'not set'."""
    if value is None:
        return None
    return float(_apply(rule, value, what))


def fraction(value: object, what: str) -> float | None:
    """A number from 0 to 1, or None."""
    return number(value, what, limits.SHARE)


def weight(value: object) -> float:
    return float(_apply(limits.WEIGHT, value, "weight"))


def day(value: object, what: str) -> str | None:
    """An ISO date (YYYY-MM-DD), or None."""
    if value is None:
        return None
    if isinstance(value, date):
        value = value.isoformat()
    result: str = _apply(limits.DAY, value, what)
    return date.fromisoformat(result).isoformat()


def moment(value: object, what: str) -> str:
    """An ISO date and time, kept as given once it parses."""
    result: str = _apply(limits.TIME, value, what)
    return result


def position(value: object) -> int:
    result: int = _apply(limits.POSITION, value, "position")
    return result


def known_fields(fields: Mapping[str, Any], allowed: Iterable[str], what: str) -> None:
    unknown = sorted(set(fields) - set(allowed))
    if unknown:
        raise OperationRefused(
            f"The {what} has no field {', '.join(unknown)} that can be changed here; "
            f"changeable: {', '.join(sorted(allowed))}."
        )


def _apply(rule: Limit, value: object, what: str) -> Any:
    refuse(what, rule.problem(value))
    if isinstance(rule, Text):
        assert isinstance(value, str)
        return value.strip() if rule.required else value
    if isinstance(rule, Number):
        assert isinstance(value, int | float)
        return int(value) if rule.whole else float(value)
    assert isinstance(rule, Moment)
    return value


@cache
def _nullable(table: str, column: str) -> bool:
    return limits.may_be_empty(table, column)
