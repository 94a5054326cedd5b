"""The alignment rules, as pure functions over `Facts`.

Each returns None when the link is allowed, or the reason a planner reads when it is not. They
walk only the chain above an objective (O(depth)), so the canvas can ask them while a card is
being dragged.
"""

from __future__ import annotations

from okrdesk.model import CycleKind, KrKind
from okrdesk.ops.checks import quoted
from okrdesk.ops.facts import Facts, SnapshotFacts, TransactionFacts
from okrdesk.rulebook import parent_in, runs_upward, within_year
from okrdesk.snapshot import ObjectiveRow

__all__ = [
    "Facts",
    "SnapshotFacts",
    "TransactionFacts",
    "alignment_refusal",
    "contribution_refusal",
    "delegation_refusal",
    "level_clause",
    "parent_of",
]


def alignment_refusal(
    facts: Facts, child_id: str, parent_id: str, *, under_kr_id: str | None = None
) -> str | None:
    """Why objective `child_id` may not align to objective `parent_id` (or under one of its
    key results), or None if it may."""
    found = _both(facts, child_id, parent_id)
    if isinstance(found, str):
        return found
    child, parent = found
    lead = f"{quoted(child.title)} cannot align to {quoted(parent.title)}"
    if child_id == parent_id:
        return f"{quoted(child.title)} cannot align to itself."
    if under_kr_id is not None:
        kr = facts.key_result(under_kr_id)
        if kr is None:
            return f"There is no key result with id {under_kr_id}."
        if kr.objective_id != parent_id:
            return f"{lead}: the key result {quoted(kr.title)} is not one of its key results."
        if kr.kind == KrKind.OBJECTIVE and child.parent_kr_id != kr.id:
            return (f"{lead} under {quoted(kr.title)}: that key result stands for another "
                    "objective; align to the objective itself instead.")
    clause = (_loop_clause(facts, child, parent)
              or level_clause(facts, child.owner_id, parent.owner_id)
              or cycle_clause(facts, child.cycle_id, parent.cycle_id))
    return f"{lead}: {clause}" if clause else None


def delegation_refusal(
    facts: Facts, kr_id: str, owner_id: str, cycle_id: str | None = None
) -> str | None:
    """Why key result `kr_id` may not be delegated down to `owner_id`, or None if it may."""
    kr = facts.key_result(kr_id)
    if kr is None:
        return f"There is no key result with id {kr_id}."
    parent = facts.objective(kr.objective_id)
    if parent is None:
        return f"The key result {quoted(kr.title)} belongs to no objective."
    owner = facts.unit(owner_id)
    if owner is None:
        return f"There is no person or team with id {owner_id}."
    lead = f"{quoted(kr.title)} cannot be delegated to {owner.name}"
    if kr.kind == KrKind.OBJECTIVE:
        return (f"{lead}: it stands for an objective aligned from below; delegate one of that "
                "objective's key results instead.")
    if cycle_id is not None and facts.cycle(cycle_id) is None:
        return f"There is no cycle with id {cycle_id}."
    clause = (level_clause(facts, owner_id, parent.owner_id)
              or cycle_clause(facts, cycle_id or parent.cycle_id, parent.cycle_id))
    return f"{lead}: {clause}" if clause else None


def contribution_refusal(facts: Facts, source_id: str, target_id: str) -> str | None:
    """Why objective `source_id` may not be linked as contributing to `target_id`, or None."""
    found = _both(facts, source_id, target_id)
    if isinstance(found, str):
        return found
    source, target = found
    lead = f"{quoted(source.title)} cannot contribute to {quoted(target.title)}"
    if source_id == target_id:
        return f"{quoted(source.title)} cannot contribute to itself."
    if target_id in facts.contribution_targets(source_id):
        return f"{quoted(source.title)} already contributes to {quoted(target.title)}."
    if parent_of(facts, source) == target_id or parent_of(facts, target) == source_id:
        return f"{lead}: the two are already aligned, and a contribution would repeat that link."
    if _contributes(facts, target_id, source_id):
        return (f"{lead}: {quoted(target.title)} already contributes to "
                f"{quoted(source.title)} (directly or through others), so the links would "
                "go round in a loop.")
    return None


# -- clauses shared by the rules -----------------------------------------------------------


def _both(facts: Facts, first_id: str, second_id: str) -> tuple[ObjectiveRow, ObjectiveRow] | str:
    """The two objectives, or why one of them cannot be found."""
    first, second = facts.objective(first_id), facts.objective(second_id)
    if first is None:
        return f"There is no objective with id {first_id}."
    if second is None:
        return f"There is no objective with id {second_id}."
    return first, second


def parent_of(facts: Facts, objective: ObjectiveRow) -> str | None:
    """The id of the objective that `objective` is aligned to, if any (okrdesk.rulebook)."""
    return parent_in(facts, objective)


def level_clause(facts: Facts, lower_owner_id: str, upper_owner_id: str) -> str | None:
    """None if `lower_owner_id` sits at a lower level (greater rank) than `upper_owner_id`."""
    lower, upper = facts.unit(lower_owner_id), facts.unit(upper_owner_id)
    if lower is None or upper is None:
        return "its owner is missing from the plan."
    lower_level, upper_level = facts.level(lower.level_id), facts.level(upper.level_id)
    if lower_level is None or upper_level is None:
        return "an owner's level is missing from the plan."
    if runs_upward(lower_level.rank, upper_level.rank):  # ranks keep the levels' order
        return None
    return (f"{lower.name} ({lower_level.name}) is not below "
            f"{upper.name} ({upper_level.name}).")


def cycle_clause(facts: Facts, lower_cycle_id: str, upper_cycle_id: str) -> str | None:
    """None if an objective in `lower_cycle_id` may align to one in `upper_cycle_id`."""
    if lower_cycle_id == upper_cycle_id:
        return None
    lower, upper = facts.cycle(lower_cycle_id), facts.cycle(upper_cycle_id)
    if lower is None or upper is None:
        return "its cycle is missing from the plan."
    if CycleKind.BACKLOG in (lower.kind, upper.kind):
        return "the backlog aligns only within the backlog."
    if lower.kind == CycleKind.QUARTER and within_year(lower, upper):
        return None
    return f"{lower.name} is not {upper.name} nor one of its quarters."


def _loop_clause(facts: Facts, child: ObjectiveRow, parent: ObjectiveRow) -> str | None:
    node: ObjectiveRow | None = parent
    seen: set[str] = set()
    while node is not None and node.id not in seen:
        if node.id == child.id:
            return (f"{quoted(parent.title)} already sits under {quoted(child.title)}, "
                    "so the alignment would go round in a loop.")
        seen.add(node.id)
        above = parent_of(facts, node)
        node = facts.objective(above) if above is not None else None
    return None


def _contributes(facts: Facts, start_id: str, goal_id: str) -> bool:
    """Whether `start_id` reaches `goal_id` through contributions."""
    stack, seen = [start_id], {start_id}
    while stack:
        for target in facts.contribution_targets(stack.pop()):
            if target == goal_id:
                return True
            if target not in seen:
                seen.add(target)
                stack.append(target)
    return False
