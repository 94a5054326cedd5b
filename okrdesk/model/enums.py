"""The fixed vocabularies of a plan, stored as text."""

from __future__ import annotations

from enum import StrEnum


class UnitKind(StrEnum):
    PERSON = "person"
    TEAM = "team"


class CycleKind(StrEnum):
    YEAR = "year"
    QUARTER = "quarter"
    BACKLOG = "backlog"


class Origin(StrEnum):
    """Where an objective or key result came from."""

    OWN = "own"
    DELEGATED = "delegated"


class Commitment(StrEnum):
    COMMITTED = "committed"
    ASPIRATIONAL = "aspirational"


class Visibility(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class Status(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"


class KrKind(StrEnum):
    """How a key result measures progress.

    OBJECTIVE is the bottom-up move: the key result stands for the lower objective aligned
    to it, and its progress is that objective's progress.
    """

    INCREASE = "increase"
    DECREASE = "decrease"
    STAY_ABOVE = "stay_above"
    STAY_BELOW = "stay_below"
    MILESTONE = "milestone"
    NO_METRIC = "no_metric"
    OBJECTIVE = "objective"


def sql_in(enum: type[StrEnum]) -> str:
    """A CHECK expression body listing the values of an enum."""
    return ", ".join(f"'{member.value}'" for member in enum)
