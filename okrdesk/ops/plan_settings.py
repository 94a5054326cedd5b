"""Several plan-wide settings changed together: one transaction, one undo step."""

from __future__ import annotations

from collections.abc import Mapping

from okrdesk.errors import OperationRefused
from okrdesk.ops.setup import set_setting
from okrdesk.storage import ChangeSet, Plan


def set_settings(plan: Plan, values: Mapping[str, str]) -> ChangeSet:
    """Set each of `values` (checked as `set_setting` checks one); all or none are set."""
    if not values:
        raise OperationRefused("There is no setting to change.")
    with plan.change("Change plan settings") as tx:
        for key, value in values.items():
            set_setting(plan, key, value)  # joins this transaction
    return tx.changeset()
