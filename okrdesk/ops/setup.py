"""Making a new plan, and its settings."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from okrdesk import limits
from okrdesk.errors import OperationRefused
from okrdesk.model import CycleKind
from okrdesk.ops.checks import field, refuse, text
from okrdesk.rulebook.rhythm import CADENCE_SETTING, cadence_problem
from okrdesk.storage import ChangeSet, Plan

if TYPE_CHECKING:
    from okrdesk.storage.transaction import Transaction

DEFAULT_LEVELS: tuple[str, ...] = (
    "C-suite", "Vice Presidents", "Directors", "Managers", "Team members",
)
DEFAULT_SETTINGS: dict[str, str] = {
    "bottom_up_target": "0.5",
    "max_objectives_per_owner": "5",
    "max_key_results": "5",
}
BACKLOG = "Backlog"


def new_plan(
    path: Path | str, *, name: str, year: int = 2027, levels: Sequence[str] = DEFAULT_LEVELS
) -> Plan:
    """Create a plan file with its levels, the year and its quarters, a backlog and settings."""
    name = text(name, "plan name", limits.PLAN_NAME)
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2999:
        raise OperationRefused(f"The year must be a whole number like 2027, not {year!r}.")
    level_names = [field("levels", "name", level, "level name") for level in levels]
    if not level_names:
        raise OperationRefused("A plan needs at least one level.")
    if len(set(level_names)) != len(level_names):
        raise OperationRefused("Each level needs its own name.")
    plan = Plan.create(path)
    try:
        with plan.change("New plan") as tx:
            for rank, level in enumerate(level_names):
                tx.insert("levels", rank=rank, name=level)
            insert_year(tx, year)
            tx.insert("cycles", name=BACKLOG, kind=CycleKind.BACKLOG.value)
            for key, value in {"plan_name": name, **DEFAULT_SETTINGS}.items():
                tx.insert("settings", key=key, value=value)
    except BaseException:
        plan.close()
        raise
    return plan


def insert_year(tx: Transaction, year: int) -> None:
    year_row = tx.insert("cycles", name=str(year), kind=CycleKind.YEAR.value,
                         starts_on=f"{year}-01-01", ends_on=f"{year}-12-31")
    for quarter in range(1, 5):
        last_month = quarter * 3
        last_day = calendar.monthrange(year, last_month)[1]
        tx.insert("cycles", name=f"{year}-Q{quarter}", kind=CycleKind.QUARTER.value,
                  parent_id=year_row["id"], starts_on=f"{year}-{last_month - 2:02d}-01",
                  ends_on=f"{year}-{last_month:02d}-{last_day:02d}")


def set_setting(plan: Plan, key: str, value: str) -> ChangeSet:
    """Set a plan-wide value; the known keys are checked for sense."""
    key = field("settings", "key", key, "setting name")
    value = _checked_setting(key, value)
    with plan.change(f"Set {key}") as tx:
        rows = tx.rows("settings", key=key)
        if rows:
            tx.update("settings", rows[0]["id"], value=value)
        else:
            tx.insert("settings", key=key, value=value)
    return tx.changeset()


SETTING_NAMES = {"plan_name": "plan name", "bottom_up_target": "bottom-up target",
                 CADENCE_SETTING: "check-in cadence"}


def _checked_setting(key: str, value: object) -> str:
    refuse(SETTING_NAMES.get(key, f"setting {key}"), limits.setting_problem(key, value))
    if key == CADENCE_SETTING:
        refuse(SETTING_NAMES[key], cadence_problem(value))
    assert isinstance(value, str)
    return value.strip() if key in SETTING_NAMES or key.startswith("max_") else value
