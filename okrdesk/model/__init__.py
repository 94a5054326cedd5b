"""The plan's data model.

The tables (SQLAlchemy's ORM classes) load when first asked for: the enums alone are light,
and a program that only reads a plan (a map's worker) never loads SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from okrdesk.model.enums import (
    Commitment,
    CycleKind,
    KrKind,
    Origin,
    Status,
    UnitKind,
    Visibility,
)

if TYPE_CHECKING:
    from okrdesk.model.tables import (
        TABLES,
        Base,
        CanvasPosition,
        CheckIn,
        Contribution,
        Cycle,
        Draft,
        DraftBaseRow,
        Function,
        HistoryEntry,
        KeyResult,
        KeyResultScore,
        Level,
        Objective,
        ObjectiveScore,
        PlanIdentity,
        Setting,
        Unit,
    )

__all__ = [
    "TABLES",
    "Base",
    "CanvasPosition",
    "CheckIn",
    "Commitment",
    "Contribution",
    "Cycle",
    "CycleKind",
    "Draft",
    "DraftBaseRow",
    "Function",
    "HistoryEntry",
    "KeyResult",
    "KeyResultScore",
    "KrKind",
    "Level",
    "Objective",
    "ObjectiveScore",
    "Origin",
    "PlanIdentity",
    "Setting",
    "Status",
    "Unit",
    "UnitKind",
    "Visibility",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from okrdesk.model import tables

        return getattr(tables, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
