"""The plan's data model."""

from okrdesk.model.enums import (
    Commitment,
    CycleKind,
    KrKind,
    Origin,
    Status,
    UnitKind,
    Visibility,
)
from okrdesk.model.tables import (
    TABLES,
    Base,
    CanvasPosition,
    CheckIn,
    Contribution,
    Cycle,
    Function,
    KeyResult,
    Level,
    Objective,
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
    "Function",
    "KeyResult",
    "KrKind",
    "Level",
    "Objective",
    "Origin",
    "Setting",
    "Status",
    "Unit",
    "UnitKind",
    "Visibility",
]
