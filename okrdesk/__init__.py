"""OKR Desk core: plan files, operations and analytics. Never imports Qt."""

__version__ = "0.1.0"

PLAN_SUFFIX = ".okr"
