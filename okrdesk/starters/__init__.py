"""Starting a plan: shipped starters (levels, functions, example people), another plan's
organisation and one of its cycles, and building the new plan file from either."""

from okrdesk.starters.building import BuiltPlan, Named, NewPlan, as_is, build_plan
from okrdesk.starters.from_plan import CycleChoice, PlanSource, read_plan_source
from okrdesk.starters.shipped import ShippedStarter, shipped_starter, shipped_starters
from okrdesk.starters.starter import Starter, StarterError, StarterPerson, parse_starter

__all__ = [
    "BuiltPlan",
    "CycleChoice",
    "Named",
    "NewPlan",
    "PlanSource",
    "ShippedStarter",
    "Starter",
    "StarterError",
    "StarterPerson",
    "as_is",
    "build_plan",
    "parse_starter",
    "read_plan_source",
    "shipped_starter",
    "shipped_starters",
]
