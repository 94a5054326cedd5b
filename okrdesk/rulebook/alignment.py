"""Alignment questions: the parent of an objective, its children, its line of sight, the levels
an alignment skips, whether it runs upwards, which way it runs, and what an orphan is.

Each rule is written once here. Where a hot path needs a rule for a whole plan at once, the bulk
form lives beside the single one and a test keeps the two equal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Protocol

from okrdesk.errors import NotFoundError
from okrdesk.model import Origin

if TYPE_CHECKING:
    from okrdesk.snapshot import KeyResultRow, ObjectiveRow, Snapshot

TOP = 0  # the position of the top level


class Direction(StrEnum):
    """Which way a link between two objectives runs."""

    BOTTOM_UP = "bottom_up"  # the owner's own objective, aligned up
    TOP_DOWN = "top_down"  # delegated down from a key result above
    CONTRIBUTES = "contributes"  # a contributes-to link: shown, never counted


class AlignmentRows(Protocol):
    """Rows read one at a time: operations read them inside their transaction."""

    def objective(self, objective_id: str) -> ObjectiveRow | None: ...

    def key_result(self, kr_id: str) -> KeyResultRow | None: ...


# -- parent, children, line of sight ---------------------------------------------------------


def parent_through(kr_id: str | None, key_result: Callable[[str], KeyResultRow | None],
                   is_objective: Callable[[str], bool]) -> str | None:
    """The parent rule: the objective that owns the key result `kr_id`, when that key result
    and that objective both exist (a damaged file may name either one missing)."""
    if kr_id is None:
        return None
    kr = key_result(kr_id)
    if kr is None or not is_objective(kr.objective_id):
        return None
    return kr.objective_id


def parent_of(snapshot: Snapshot, objective_id: str) -> str | None:
    """The objective this one is aligned to, or None (also for an unknown objective)."""
    objective = snapshot.objectives.get(objective_id)
    if objective is None:
        return None
    return parent_through(objective.parent_kr_id, snapshot.key_results.get,
                          snapshot.objectives.__contains__)


def parent_in(rows: AlignmentRows, objective: ObjectiveRow) -> str | None:
    """`parent_of` for rows read one at a time."""
    return parent_through(objective.parent_kr_id, rows.key_result,
                          lambda objective_id: rows.objective(objective_id) is not None)


def parents(snapshot: Snapshot) -> dict[str, str]:
    """Every aligned objective's parent, for a whole plan at once."""
    get_kr, is_objective = snapshot.key_results.get, snapshot.objectives.__contains__
    found = {}
    for objective_id, objective in snapshot.objectives.items():
        if objective.parent_kr_id is not None:
            parent = parent_through(objective.parent_kr_id, get_kr, is_objective)
            if parent is not None:
                found[objective_id] = parent
    return found


def children_of(snapshot: Snapshot, objective_id: str) -> list[str]:
    """Objectives aligned to this objective's key results, in key result order: exactly those
    whose parent it is."""
    objectives = snapshot.objectives
    return [child for kr_id in snapshot.krs_of.get(objective_id, ())
            for child in snapshot.aligned_to_kr.get(kr_id, ()) if child in objectives]


def line_of_sight(snapshot: Snapshot, objective_id: str) -> list[str]:
    """The objective, its parent, the parent's parent ... up to an objective aligned to nothing.
    Contributes-to links are no part of it; a loop (only a hand-edited file holds one) ends the
    line where it would repeat."""
    if objective_id not in snapshot.objectives:
        raise NotFoundError(f"There is no objective with id {objective_id}.")
    line = [objective_id]
    seen = {objective_id}
    parent = parent_of(snapshot, objective_id)
    while parent is not None and parent not in seen:
        line.append(parent)
        seen.add(parent)
        parent = parent_of(snapshot, parent)
    return line


def descendants(snapshot: Snapshot, objective_id: str) -> list[str]:
    """Everything aligned below an objective, directly or through others (loop-safe; never the
    objective itself), nearest first."""
    found: list[str] = []
    seen = {objective_id}
    todo = [objective_id]
    while todo:
        below = [c for c in children_of(snapshot, todo.pop(0)) if c not in seen]
        seen.update(below)
        found.extend(below)
        todo.extend(below)
    return found


# -- levels and skips ------------------------------------------------------------------------


def level_positions(snapshot: Snapshot) -> Mapping[str, int]:
    """Level id -> position among the plan's levels ordered by rank (0 = the top). Ranks may
    have gaps; positions do not. Cached on the levels' ids and ranks, so a change of levels
    gives a new map."""
    return _positions(tuple((level.id, level.rank) for level in snapshot.levels.values()))


@lru_cache(maxsize=16)
def _positions(levels: tuple[tuple[str, int], ...]) -> Mapping[str, int]:
    ordered = sorted(levels, key=lambda pair: (pair[1], pair[0]))
    return MappingProxyType({level_id: n for n, (level_id, _rank) in enumerate(ordered)})


def unit_positions(snapshot: Snapshot) -> dict[str, int | None]:
    """Person or team id -> the position of their level (None for a level that is missing)."""
    positions = level_positions(snapshot)
    return {unit.id: positions.get(unit.level_id) for unit in snapshot.units.values()}


def position_of(snapshot: Snapshot, objective_id: str) -> int | None:
    """The position of the objective owner's level; None when the owner or level is missing."""
    objective = snapshot.objectives.get(objective_id)
    owner = snapshot.units.get(objective.owner_id) if objective is not None else None
    return level_positions(snapshot).get(owner.level_id) if owner is not None else None


def skip_between(child_position: int | None, parent_position: int | None) -> int:
    """Levels skipped by an alignment: position(child) - position(parent) - 1, never below 0;
    0 when either level is unknown."""
    if child_position is None or parent_position is None:
        return 0
    return max(0, child_position - parent_position - 1)


def skip_count(snapshot: Snapshot, child_id: str, parent_id: str) -> int:
    """Levels skipped between two objectives' owners."""
    return skip_between(position_of(snapshot, child_id), position_of(snapshot, parent_id))


def is_top(position: int | None) -> bool:
    return position == TOP


def runs_upward(child_position: int | None, parent_position: int | None) -> bool:
    """The upward rule: an alignment runs up to a parent at a higher level than the child's.
    The operations refuse any other, but an imported or hand-edited file can hold one whose
    parent sits at the same or a lower level. An unknown level is given the benefit of the
    doubt (its missing owner or level is a finding of its own)."""
    if child_position is None or parent_position is None:
        return True
    return parent_position < child_position


def levels_down(child_position: int | None, parent_position: int | None) -> int | None:
    """For an alignment that does not run upwards, how far below the child's level the parent
    sits (0: the same level); None for one that runs upwards."""
    if runs_upward(child_position, parent_position):
        return None
    assert child_position is not None and parent_position is not None
    return parent_position - child_position


def downward_alignments(snapshot: Snapshot,
                        objective_ids: Iterable[str]) -> list[tuple[str, str, int]]:
    """(child, parent, levels down) of each alignment among these objectives (the child's
    side) that does not run upwards, in their order."""
    found = []
    for objective_id in objective_ids:
        parent = parent_of(snapshot, objective_id)
        if parent is not None:
            down = levels_down_between(snapshot, objective_id, parent)
            if down is not None:
                found.append((objective_id, parent, down))
    return found


def levels_down_between(snapshot: Snapshot, child_id: str, parent_id: str) -> int | None:
    """`levels_down` between two objectives' owners."""
    return levels_down(position_of(snapshot, child_id), position_of(snapshot, parent_id))


# -- direction and orphans -------------------------------------------------------------------


def direction_of(objective: ObjectiveRow) -> Direction:
    """How an aligned objective came to sit under its parent: delegated objectives were handed
    down, every other one was aligned up by its owner."""
    return Direction.TOP_DOWN if objective.origin == Origin.DELEGATED else Direction.BOTTOM_UP


def orphaned(position: int | None, aligned: bool, contributes: bool) -> bool:
    """The orphan rule: below the top level, aligned to nothing and contributing to nothing.
    An objective whose owner or level is missing is no orphan (it has no place to be one)."""
    return position is not None and position > TOP and not aligned and not contributes


def contributing(snapshot: Snapshot) -> set[str]:
    """Objectives with a contributes-to link from them."""
    return {link.source_id for link in snapshot.contributions.values()}


def is_orphan(snapshot: Snapshot, objective_id: str) -> bool:
    return objective_id in orphans(snapshot, (objective_id,))


def orphans(snapshot: Snapshot, objective_ids: Iterable[str]) -> list[str]:
    """The orphans among these objectives, in their order."""
    sources = contributing(snapshot)
    return [o for o in objective_ids if o in snapshot.objectives and orphaned(
        position_of(snapshot, o), parent_of(snapshot, o) is not None, o in sources)]
