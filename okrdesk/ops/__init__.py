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
from okrdesk.ops.authoring import create_objective_at
from okrdesk.ops.closing import FinalScore, Reflection, close_cycle, reopen_cycle
from okrdesk.ops.copy_plan import (
    CopyPlan,
    DroppedLink,
    LinkKind,
    cycle_ids,
    plan_copy,
    subtree_ids,
)
from okrdesk.ops.copying import copy_cycle, copy_objectives, copy_subtree, duplicate_objective
from okrdesk.ops.cycles import add_year, remove_cycle, rename_cycle
from okrdesk.ops.handover import remove_unit
from okrdesk.ops.key_results import (
    add_key_result,
    delete_key_result,
    edit_key_result,
    reorder_key_result,
)
from okrdesk.ops.levels import move_level, move_level_down, move_level_up, remove_level
from okrdesk.ops.merge import merge_draft, review_merge
from okrdesk.ops.objectives import (
    create_objective,
    delete_objective,
    edit_objective,
    move_objective,
    reorder_objective,
)
from okrdesk.ops.org import add_cycle, add_function, add_level, add_unit, edit_unit, rename_level
from okrdesk.ops.org_edit import (
    remove_function,
    rename_function,
    rename_unit,
    set_manager,
    set_unit_email,
    set_unit_function,
    set_unit_level,
)
from okrdesk.ops.outline_ops import create_outline, insert_key_result
from okrdesk.ops.plan_settings import set_settings
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
    "CopyPlan",
    "DroppedLink",
    "FinalScore",
    "LinkKind",
    "Reflection",
    "SnapshotFacts",
    "add_contribution",
    "add_cycle",
    "add_function",
    "add_key_result",
    "add_level",
    "add_unit",
    "add_year",
    "align_up",
    "alignment_refusal",
    "close_cycle",
    "contribution_refusal",
    "copy_cycle",
    "copy_objectives",
    "copy_subtree",
    "create_objective",
    "create_objective_at",
    "create_outline",
    "cycle_ids",
    "delegate_down",
    "delegation_refusal",
    "delete_key_result",
    "delete_objective",
    "duplicate_objective",
    "edit_key_result",
    "edit_objective",
    "edit_unit",
    "insert_key_result",
    "merge_draft",
    "move_level",
    "move_level_down",
    "move_level_up",
    "move_objective",
    "new_plan",
    "place_card",
    "place_cards",
    "plan_copy",
    "record_check_in",
    "remove_contribution",
    "remove_cycle",
    "remove_function",
    "remove_level",
    "remove_unit",
    "rename_cycle",
    "rename_function",
    "rename_level",
    "rename_unit",
    "reopen_cycle",
    "reorder_key_result",
    "reorder_objective",
    "review_merge",
    "set_manager",
    "set_setting",
    "set_settings",
    "set_unit_email",
    "set_unit_function",
    "set_unit_level",
    "subtree_ids",
    "unlink",
]
