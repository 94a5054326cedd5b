"""What one objective adds to the health figures of its cycle, worked out from its own row, its
key results, its owner and its line of sight."""

from __future__ import annotations

from dataclasses import dataclass

from okrdesk.rulebook import is_top, levels_down, orphaned, skip_between
from okrdesk.snapshot import ObjectiveRow, Snapshot


@dataclass(slots=True)
class Facts:
    """What one objective adds to the figures of its cycle."""

    cycle_id: str
    level: int | None  # position of the owner's level from the top; None if owner/level missing
    delegated: bool
    kr_own: int
    kr_delegated: int
    kr_aligned: int
    above: tuple[str, ...]  # the line of sight without the objective itself
    skip: int  # levels skipped to the parent objective
    contributes: bool
    function_id: str | None
    reaches_top: bool
    down: int | None = None  # an alignment that does not run upwards: levels down (0: same)

    @property
    def parent_id(self) -> str | None:
        return self.above[0] if self.above else None

    @property
    def orphan(self) -> bool:
        return orphaned(self.level, bool(self.above), self.contributes)


def count_krs(snapshot: Snapshot, objective_id: str) -> tuple[int, int, int]:
    """The objective's key results: all of them, of them delegated, of them aligned."""
    every = delegated = aligned = 0
    key_results = snapshot.key_results
    for kr_id in snapshot.krs_of.get(objective_id, ()):
        kr = key_results[kr_id]
        every += 1
        if kr.kind == "objective":
            aligned += 1
        elif kr.origin == "delegated":
            delegated += 1
    return every, delegated, aligned


def skip_and_reach(unit_level: dict[str, int | None], objectives: dict[str, ObjectiveRow],
                   level: int | None,
                   above: tuple[str, ...]) -> tuple[int, bool, int | None]:
    """Levels skipped up to the parent objective, whether the line of sight reaches the top
    level, and the levels down to a parent at the same or a lower level (None: it is above)."""
    if not above:
        return 0, False, None
    parent_level = unit_level.get(objectives[above[0]].owner_id)
    return (skip_between(level, parent_level),
            is_top(unit_level.get(objectives[above[-1]].owner_id)),
            levels_down(level, parent_level))
