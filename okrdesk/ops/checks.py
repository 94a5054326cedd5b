"""Checks of values a planner typed: each refuses with a reason, never a traceback."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from okrdesk.errors import OperationRefused


def quoted(title: str) -> str:
    return f"“{title}”"


def text(value: object, what: str) -> str:
    """Non-empty text, trimmed."""
    if not isinstance(value, str) or not value.strip():
        raise OperationRefused(f"The {what} cannot be empty.")
    return value.strip()


def plain(value: object, what: str) -> str:
    """Any text, possibly empty (descriptions, notes)."""
    if not isinstance(value, str):
        raise OperationRefused(f"The {what} must be text.")
    return value


def choice(value: object, vocabulary: type[StrEnum], what: str) -> str:
    allowed = [member.value for member in vocabulary]
    if value not in allowed:
        raise OperationRefused(
            f"{value!r} is not a {what}; choose one of: {', '.join(allowed)}."
        )
    return str(value)


def number(value: object, what: str) -> float | None:
    """A finite number, or None for 'not set'."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise OperationRefused(f"The {what} must be a number, not {value!r}.")
    if not math.isfinite(value):
        raise OperationRefused(f"The {what} must be a finite number, not {value}.")
    return float(value)


def fraction(value: object, what: str) -> float | None:
    """A number from 0 to 1, or None."""
    result = number(value, what)
    if result is not None and not 0.0 <= result <= 1.0:
        raise OperationRefused(f"The {what} must be between 0 and 1, not {result:g}.")
    return result


def weight(value: object) -> float:
    result = number(value, "weight")
    if result is None or result < 0:
        raise OperationRefused("The weight must be a number of 0 or more.")
    return result


def day(value: object, what: str) -> str | None:
    """An ISO date (YYYY-MM-DD), or None."""
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise OperationRefused(f"The {what} {value!r} is not a date like 2027-01-31.") from None


def moment(value: object, what: str) -> str:
    """An ISO date and time, kept as given once it parses."""
    try:
        datetime.fromisoformat(str(value))
    except ValueError:
        raise OperationRefused(
            f"The {what} {value!r} is not a time like 2027-03-31T17:00:00+00:00."
        ) from None
    return str(value)


def position(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise OperationRefused(f"The position must be a whole number of 0 or more, not {value!r}.")
    return value


def known_fields(fields: Mapping[str, Any], allowed: Iterable[str], what: str) -> None:
    unknown = sorted(set(fields) - set(allowed))
    if unknown:
        raise OperationRefused(
            f"The {what} has no field {', '.join(unknown)} that can be changed here; "
            f"changeable: {', '.join(sorted(allowed))}."
        )
