"""Comparing two plans, or two cycles of one plan: what was added, removed, changed field by
field and re-aligned (`okrdesk diff`, View > Compare with…, the map's highlighting)."""

from okrdesk.compare.model import (
    ADDED,
    CHANGED,
    GROUPS,
    REALIGNED,
    REMOVED,
    Difference,
    FieldDifference,
    PlanDiff,
)
from okrdesk.compare.plans import compare_cycles, compare_plans

__all__ = ["ADDED", "CHANGED", "GROUPS", "REALIGNED", "REMOVED", "Difference",
           "FieldDifference", "PlanDiff", "compare_cycles", "compare_plans"]
