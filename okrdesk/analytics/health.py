"""The health figures of a plan's alignment, per cycle (see docs/ANALYTICS.md)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from okrdesk.analytics.index import AlignmentIndex
from okrdesk.analytics.totals import (
    DELEGATED,
    KR_ALIGNED,
    KR_DELEGATED,
    KR_OWN,
    OBJECTIVES,
    OWN,
    Totals,
)
from okrdesk.rulebook import cycle_view, level_positions
from okrdesk.snapshot import Snapshot

DEFAULT_BOTTOM_UP_TARGET = 0.5


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


@dataclass(frozen=True)
class LevelHealth:
    """Objectives and key results of one org level, by where they came from."""

    level_id: str
    rank: int
    name: str
    objectives: int
    own_objectives: int
    delegated_objectives: int
    own_objective_share: float
    delegated_objective_share: float
    key_results: int
    own_key_results: int
    delegated_key_results: int
    aligned_key_results: int
    own_key_result_share: float
    delegated_key_result_share: float
    aligned_key_result_share: float


@dataclass(slots=True)
class SkipLink:
    child_id: str
    parent_id: str
    skipped: int


@dataclass(slots=True)
class DownwardLink:
    """An alignment that does not run upwards (okrdesk.rulebook.runs_upward): the parent sits
    `levels_down` levels below the child's level, 0 for the same level."""

    child_id: str
    parent_id: str
    levels_down: int


@dataclass
class HealthReport:
    cycle_id: str | None
    levels: list[LevelHealth] = field(default_factory=list)
    objectives: int = 0
    bottom_up: int = 0
    top_down: int = 0
    bottom_up_share: float = 0.0
    bottom_up_target: float = DEFAULT_BOTTOM_UP_TARGET
    bottom_up_gap: float = 0.0  # share minus target: below zero is short of the target
    orphans: list[str] = field(default_factory=list)
    skip_links: list[SkipLink] = field(default_factory=list)
    downward_links: list[DownwardLink] = field(default_factory=list)
    critical_functions: list[str] = field(default_factory=list)
    non_critical_functions: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def bottom_up_target(snapshot: Snapshot) -> float:
    try:
        value = float(snapshot.setting("bottom_up_target", str(DEFAULT_BOTTOM_UP_TARGET)))
    except ValueError:
        return DEFAULT_BOTTOM_UP_TARGET
    return value if 0.0 <= value <= 1.0 else DEFAULT_BOTTOM_UP_TARGET


def view_totals(index: AlignmentIndex, cycle_id: str | None) -> Totals:
    """The totals of the objectives the view of a cycle holds (okrdesk.rulebook.cycle_view):
    its cycles' totals, and for a quarter the facts of the year objectives on its lines."""
    view = cycle_view(index.snapshot, cycle_id)
    empty = Totals()
    if view.cycles is None:
        return empty.merged(list(index.totals.values()))
    own = [index.totals[c] for c in sorted(view.cycles) if c in index.totals]
    if view.year_id is not None and view.cycle_id is not None:
        above = Totals()
        for objective_id in index.refs.get(view.cycle_id, ()):
            facts = index.facts.get(objective_id)
            if facts is not None and view.joins_on_line(facts.cycle_id):
                above.add(objective_id, facts)
        own.append(above)
    return empty.merged(own)


def report(index: AlignmentIndex, cycle_id: str | None) -> HealthReport:
    snapshot = index.snapshot
    totals = view_totals(index, cycle_id)
    levels = []
    positions = level_positions(snapshot)
    for level in sorted(snapshot.levels.values(), key=lambda level: positions[level.id]):
        position = positions[level.id]
        t = totals.levels.get(position, [0] * 6)
        krs = t[KR_OWN] + t[KR_DELEGATED] + t[KR_ALIGNED]
        levels.append(LevelHealth(
            level_id=level.id, rank=level.rank, name=level.name, objectives=t[OBJECTIVES],
            own_objectives=t[OWN], delegated_objectives=t[DELEGATED],
            own_objective_share=_share(t[OWN], t[OBJECTIVES]),
            delegated_objective_share=_share(t[DELEGATED], t[OBJECTIVES]),
            key_results=krs, own_key_results=t[KR_OWN], delegated_key_results=t[KR_DELEGATED],
            aligned_key_results=t[KR_ALIGNED], own_key_result_share=_share(t[KR_OWN], krs),
            delegated_key_result_share=_share(t[KR_DELEGATED], krs),
            aligned_key_result_share=_share(t[KR_ALIGNED], krs)))
    target = bottom_up_target(snapshot)
    share = _share(totals.bottom_up, totals.bottom_up + totals.top_down)

    functions = sorted(snapshot.functions.values(), key=lambda f: (f.name, f.id))
    return HealthReport(
        cycle_id=cycle_id, levels=levels, objectives=sum(level.objectives for level in levels),
        bottom_up=totals.bottom_up, top_down=totals.top_down, bottom_up_share=share,
        bottom_up_target=target, bottom_up_gap=share - target,
        orphans=sorted(totals.orphans),
        skip_links=[SkipLink(child, parent, skipped)
                    for child, (parent, skipped) in sorted(totals.skips.items())],
        downward_links=[DownwardLink(child, parent, down)
                        for child, (parent, down) in sorted(totals.downward.items())],
        critical_functions=[f.name for f in functions if totals.reaching[f.id] > 0],
        non_critical_functions=[f.name for f in functions if totals.reaching[f.id] <= 0])


def health(snapshot: Snapshot, cycle_id: str | None) -> HealthReport:
    """All health figures of one cycle's view (None: the whole plan), computed afresh. For
    figures kept current per change use LiveAnalytics."""
    return report(AlignmentIndex(snapshot), cycle_id)
