"""The rulebook: every question about a plan's structure, answered in one place.

- the parent of an objective (through an existing key result of an existing objective), its
  children, everything below it, its line of sight (loop-safe);
- the position of a level among the plan's levels, the levels an alignment skips, and whether
  it runs upwards at all (a hand-edited file can align to the same or a lower level);
- which way an alignment runs (aligned up, delegated down, contributes), and what an orphan is;
- which cycles and objectives the view of a cycle holds, and the cycle a plan opens on.

Operations, analytics, maps, the command line and the app all ask these functions rather than
working the answers out themselves; tests cross-check the canvas, the maps, the health figures
and `okrdesk check` against them. docs/ANALYTICS.md states the rules in words.
"""

from okrdesk.rulebook.alignment import (
    TOP,
    AlignmentRows,
    Direction,
    children_of,
    contributing,
    descendants,
    direction_of,
    downward_alignments,
    is_orphan,
    is_top,
    level_positions,
    levels_down,
    levels_down_between,
    line_of_sight,
    orphaned,
    orphans,
    parent_in,
    parent_of,
    parent_through,
    parents,
    position_of,
    runs_upward,
    skip_between,
    skip_count,
    unit_positions,
)
from okrdesk.rulebook.cycles import (
    CycleView,
    cycle_view,
    default_cycle,
    following_cycle,
    next_year,
    ordered_cycles,
    require_cycle,
    view_objectives,
    within_year,
)

__all__ = [
    "TOP",
    "AlignmentRows",
    "CycleView",
    "Direction",
    "children_of",
    "contributing",
    "cycle_view",
    "default_cycle",
    "descendants",
    "direction_of",
    "downward_alignments",
    "following_cycle",
    "is_orphan",
    "is_top",
    "level_positions",
    "levels_down",
    "levels_down_between",
    "line_of_sight",
    "next_year",
    "ordered_cycles",
    "orphaned",
    "orphans",
    "parent_in",
    "parent_of",
    "parent_through",
    "parents",
    "position_of",
    "require_cycle",
    "runs_upward",
    "skip_between",
    "skip_count",
    "unit_positions",
    "view_objectives",
    "within_year",
]
