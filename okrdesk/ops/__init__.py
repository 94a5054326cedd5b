"""Operations: the only way a plan changes.

Each takes the plan first, checks its input, writes inside one transaction and returns the
`ChangeSet`; `plan.apply(changes.inverse())` undoes it exactly. A refusal raises
`OperationRefused` (or `NotFoundError`) with a reason for a planner, and changes nothing.
"""

from okrdesk.ops.alignment import (
    add_contribution,
    align_up,
    delegate_down,
    remove_contribution,
    unlink,
)
from okrdesk.ops.key_results import (
    add_key_result,
    delete_key_result,
    edit_key_result,
    reorder_key_result,
)
from okrdesk.ops.objectives import (
    create_objective,
    delete_objective,
    edit_objective,
    move_objective,
    reorder_objective,
)
from okrdesk.ops.org import add_cycle, add_function, add_level, add_unit, edit_unit, rename_level
from okrdesk.ops.progress import place_card, place_cards, record_check_in
from okrdesk.ops.rules import (
    SnapshotFacts,
    alignment_refusal,
    contribution_refusal,
    delegation_refusal,
)
from okrdesk.ops.setup import DEFAULT_LEVELS, new_plan, set_setting

__all__ = [
    "DEFAULT_LEVELS",
    "SnapshotFacts",
    "add_contribution",
    "add_cycle",
    "add_function",
    "add_key_result",
    "add_level",
    "add_unit",
    "align_up",
    "alignment_refusal",
    "contribution_refusal",
    "create_objective",
    "delegate_down",
    "delegation_refusal",
    "delete_key_result",
    "delete_objective",
    "edit_key_result",
    "edit_objective",
    "edit_unit",
    "move_objective",
    "new_plan",
    "place_card",
    "place_cards",
    "record_check_in",
    "remove_contribution",
    "rename_level",
    "reorder_key_result",
    "reorder_objective",
    "set_setting",
    "unlink",
]
