"""Per-objective facts and per-cycle totals behind the health figures, kept current per change.

Each objective's facts depend only on its own row, its key results, its owner and its line of
sight. A change set marks the objectives it touches; those whose alignment moved take their
whole aligned subtree with them, since their lines of sight changed. Totals per cycle are
adjusted by taking each marked objective's old facts out and its new facts in.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import chain

from okrdesk.rulebook import (
    Direction,
    children_of,
    direction_of,
    is_top,
    levels_down,
    orphaned,
    parent_of,
    parents,
    skip_between,
    unit_positions,
)
from okrdesk.snapshot import ObjectiveRow, Snapshot, gc_paused
from okrdesk.storage.changes import ChangeSet, Values

# Columns of a level's tally.
OBJECTIVES, OWN, DELEGATED, KR_OWN, KR_DELEGATED, KR_ALIGNED = range(6)
STRUCTURE_TABLES = frozenset({"units", "levels", "functions"})


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


@dataclass
class Totals:
    """The figures of the objectives of one cycle (or any set of objectives)."""

    levels: dict[int, list[int]] = field(default_factory=dict)
    bottom_up: int = 0
    top_down: int = 0
    orphans: set[str] = field(default_factory=set)
    skips: dict[str, tuple[str, int]] = field(default_factory=dict)
    downward: dict[str, tuple[str, int]] = field(default_factory=dict)  # child: parent, down
    reaching: Counter[str] = field(default_factory=Counter)

    def add(self, objective_id: str, facts: Facts, sign: int = 1) -> None:
        if facts.level is None:
            return
        tally = self.levels.setdefault(facts.level, [0] * 6)
        tally[OBJECTIVES] += sign
        tally[DELEGATED if facts.delegated else OWN] += sign
        tally[KR_OWN] += sign * facts.kr_own
        tally[KR_DELEGATED] += sign * facts.kr_delegated
        tally[KR_ALIGNED] += sign * facts.kr_aligned
        if facts.down is not None and facts.parent_id is not None:
            if sign > 0:
                self.downward[objective_id] = (facts.parent_id, facts.down)
            else:
                self.downward.pop(objective_id, None)
        if is_top(facts.level):
            return
        if facts.above:
            if facts.delegated:
                self.top_down += sign
            else:
                self.bottom_up += sign
        if facts.orphan:
            _toggle(self.orphans, objective_id, sign)
        if facts.skip > 0 and facts.parent_id is not None:
            if sign > 0:
                self.skips[objective_id] = (facts.parent_id, facts.skip)
            else:
                self.skips.pop(objective_id, None)
        if facts.reaches_top and facts.function_id is not None:
            self.reaching[facts.function_id] += sign
            if self.reaching[facts.function_id] <= 0:
                del self.reaching[facts.function_id]

    def merged(self, others: list[Totals]) -> Totals:
        result = Totals(levels={k: list(v) for k, v in self.levels.items()},
                        bottom_up=self.bottom_up, top_down=self.top_down,
                        orphans=set(self.orphans), skips=dict(self.skips),
                        downward=dict(self.downward), reaching=Counter(self.reaching))
        for other in others:
            for level, tally in other.levels.items():
                mine = result.levels.setdefault(level, [0] * 6)
                for column, value in enumerate(tally):
                    mine[column] += value
            result.bottom_up += other.bottom_up
            result.top_down += other.top_down
            result.orphans |= other.orphans
            result.skips.update(other.skips)
            result.downward.update(other.downward)
            result.reaching.update(other.reaching)
        return result


def _toggle(members: set[str], item: str, sign: int) -> None:
    if sign > 0:
        members.add(item)
    else:
        members.discard(item)


class AlignmentIndex:
    """Facts of every objective and totals per cycle for one snapshot, updated per change set."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.facts: dict[str, Facts] = {}
        self.totals: dict[str, Totals] = {}
        # refs[cycle][objective]: objectives of that cycle with the objective on their line of sight
        self.refs: dict[str, Counter[str]] = {}
        self._rebuild()

    # -- building -------------------------------------------------------------------------

    def _rebuild(self) -> None:
        with gc_paused():
            self._build()

    def _build(self) -> None:
        snapshot = self.snapshot
        self.facts.clear()
        self.totals.clear()
        self.refs.clear()
        self._unit_level = unit_positions(snapshot)
        self._unit_function = {unit.id: unit.function_id for unit in snapshot.units.values()}
        key_results = snapshot.key_results
        self._parents = parents(snapshot)
        self._sources = Counter(c.source_id for c in snapshot.contributions.values())
        self._dirty: set[str] = set()
        # Key results counted per objective in one pass each, rather than one objective at a time.
        krs = key_results.values()
        aligned = Counter([kr.objective_id for kr in krs if kr.kind == "objective"])
        delegated = Counter([kr.objective_id for kr in krs
                             if kr.origin == "delegated" and kr.kind != "objective"])
        self._add_all(delegated, aligned)

    def _add_all(self, delegated: Counter[str], aligned: Counter[str]) -> None:
        """`_facts` and `_add` for every objective, inlined: this runs over a whole large plan.

        The test comparing LiveAnalytics with a fresh computation keeps the two in step.
        """
        objectives = self.snapshot.objectives
        unit_level, unit_function = self._unit_level, self._unit_function
        parents, sources = self._parents, self._sources
        krs_of = self.snapshot.krs_of
        memo: dict[str, tuple[str, ...]] = {}
        all_facts, all_totals, all_refs = self.facts, self.totals, self.refs
        lines: dict[str, list[tuple[str, ...]]] = {}  # per cycle, for `refs`
        for objective_id, objective in objectives.items():
            parent = parents.get(objective_id)
            if parent is None:
                above: tuple[str, ...] = ()
                memo[objective_id] = above
            else:
                tail = memo.get(parent)
                if tail is None:
                    above = self._line(objective_id, memo)
                else:
                    above = memo[objective_id] = (parent, *tail)
            level = unit_level.get(objective.owner_id)
            skip, reaches_top, down = _skip_and_reach(unit_level, objectives, level, above)
            is_delegated = direction_of(objective) is Direction.TOP_DOWN
            kr_delegated = delegated.get(objective_id, 0)
            kr_aligned = aligned.get(objective_id, 0)
            kr_own = len(krs_of.get(objective_id, ())) - kr_delegated - kr_aligned
            contributes = sources.get(objective_id, 0) > 0
            function_id = unit_function.get(objective.owner_id)
            cycle_id = objective.cycle_id
            all_facts[objective_id] = Facts(cycle_id, level, is_delegated, kr_own, kr_delegated,
                                            kr_aligned, above, skip, contributes, function_id,
                                            reaches_top, down)
            totals = all_totals.get(cycle_id)
            if totals is None:
                totals = all_totals[cycle_id] = Totals()
                lines[cycle_id] = []
            if above:
                lines[cycle_id].append(above)
            if level is None:
                continue
            tally = totals.levels.get(level)
            if tally is None:
                tally = totals.levels[level] = [0] * 6
            tally[OBJECTIVES] += 1
            tally[DELEGATED if is_delegated else OWN] += 1
            tally[KR_OWN] += kr_own
            tally[KR_DELEGATED] += kr_delegated
            tally[KR_ALIGNED] += kr_aligned
            if down is not None:
                totals.downward[objective_id] = (above[0], down)
            if is_top(level):
                continue
            if above:
                if is_delegated:
                    totals.top_down += 1
                else:
                    totals.bottom_up += 1
                if skip > 0:
                    totals.skips[objective_id] = (above[0], skip)
                if reaches_top and function_id is not None:
                    totals.reaching[function_id] += 1
            elif orphaned(level, False, contributes):
                totals.orphans.add(objective_id)
        for cycle_id, cycle_lines in lines.items():
            all_refs[cycle_id] = Counter(chain.from_iterable(cycle_lines))

    def _set_parent(self, objective_id: str) -> None:
        parent = parent_of(self.snapshot, objective_id)
        if parent is None:
            self._parents.pop(objective_id, None)
        else:
            self._parents[objective_id] = parent

    def _line(self, objective_id: str, memo: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
        """The line of sight above an objective; lines free of loops are remembered."""
        known = self._known(objective_id, memo)
        if known is not None:
            return known
        chain: list[str] = []
        seen = {objective_id}
        parents = self._parents
        parent = parents.get(objective_id)
        tail: tuple[str, ...] = ()
        looped = False
        while parent is not None:
            if parent in seen:
                looped = True
                break
            known = self._known(parent, memo)
            if known is not None:  # a remembered line is free of loops, so ours is too
                tail = (parent, *known)
                break
            chain.append(parent)
            seen.add(parent)
            parent = parents.get(parent)
        line = (*chain, *tail)
        if not looped:
            memo[objective_id] = line
            for position, node in enumerate(chain):
                memo[node] = (*chain[position + 1:], *tail)
        return line

    def _known(self, objective_id: str, memo: dict[str, tuple[str, ...]]) -> tuple[str, ...] | None:
        known = memo.get(objective_id)
        if known is None and objective_id not in self._dirty:
            facts = self.facts.get(objective_id)
            known = facts.above if facts is not None else None
        return known

    def _facts(self, objective_id: str, memo: dict[str, tuple[str, ...]],
               counts: tuple[int, int, int] | None = None) -> Facts:
        """`counts`: the objective's key results, of them delegated, of them aligned."""
        snapshot = self.snapshot
        objectives = snapshot.objectives
        objective = objectives[objective_id]
        if counts is None:
            counts = self._count_krs(objective_id)
        every, delegated, aligned = counts
        own = every - delegated - aligned
        unit_level = self._unit_level
        level = unit_level.get(objective.owner_id)
        above = self._line(objective_id, memo)
        skip, reaches_top, down = _skip_and_reach(unit_level, objectives, level, above)
        delegated_down = direction_of(objective) is Direction.TOP_DOWN
        return Facts(objective.cycle_id, level, delegated_down, own, delegated, aligned, above,
                     skip, self._sources.get(objective_id, 0) > 0,
                     self._unit_function.get(objective.owner_id), reaches_top, down)

    def _count_krs(self, objective_id: str) -> tuple[int, int, int]:
        every = delegated = aligned = 0
        key_results = self.snapshot.key_results
        for kr_id in self.snapshot.krs_of.get(objective_id, ()):
            kr = key_results[kr_id]
            every += 1
            if kr.kind == "objective":
                aligned += 1
            elif kr.origin == "delegated":
                delegated += 1
        return every, delegated, aligned

    def _add(self, objective_id: str, facts: Facts, sign: int = 1) -> None:
        totals = self.totals.get(facts.cycle_id)
        if totals is None:
            totals = self.totals[facts.cycle_id] = Totals()
        totals.add(objective_id, facts, sign)
        refs = self.refs.get(facts.cycle_id)
        if refs is None:
            refs = self.refs[facts.cycle_id] = Counter()
        for ancestor in facts.above:
            refs[ancestor] += sign
            if refs[ancestor] <= 0:
                del refs[ancestor]
        if sign > 0:
            self.facts[objective_id] = facts
        else:
            self.facts.pop(objective_id, None)

    # -- keeping current ------------------------------------------------------------------

    def apply(self, changes: ChangeSet) -> None:
        """Update after `snapshot.apply(changes)`."""
        if any(change.table in STRUCTURE_TABLES for change in changes):
            self._rebuild()
            return
        snapshot = self.snapshot
        touched: set[str] = set()
        moved: set[str] = set()
        for change in changes:
            rows = [row for row in (change.before, change.after) if row is not None]
            if change.table == "objectives":
                touched.add(change.row_id)
                if _differs(change.before, change.after, ("parent_kr_id", "owner_id")):
                    moved.add(change.row_id)
            elif change.table == "key_results":
                touched.update(row["objective_id"] for row in rows)
                if _differs(change.before, change.after, ("objective_id",)):
                    moved.update(snapshot.aligned_to_kr.get(change.row_id, ()))
            elif change.table == "contributions":
                for row, sign in ((change.before, -1), (change.after, 1)):
                    if row is not None:
                        self._sources[row["source_id"]] += sign
                        touched.add(row["source_id"])
        self._refresh(touched, moved)

    def _refresh(self, touched: set[str], moved: set[str]) -> None:
        snapshot = self.snapshot
        dirty = set(touched)
        stack = [o for o in moved if o in snapshot.objectives]
        expanded: set[str] = set()
        while stack:
            objective_id = stack.pop()
            if objective_id not in expanded:
                expanded.add(objective_id)
                dirty.add(objective_id)
                stack.extend(children_of(snapshot, objective_id))
        self._dirty = dirty
        for objective_id in dirty:
            self._set_parent(objective_id)
        for objective_id in dirty:
            old = self.facts.get(objective_id)
            if old is not None:
                self._add(objective_id, old, -1)
        memo: dict[str, tuple[str, ...]] = {}
        for objective_id in dirty:
            if objective_id in snapshot.objectives:
                self._add(objective_id, self._facts(objective_id, memo))
        self._dirty = set()


def _differs(before: Values | None, after: Values | None, columns: tuple[str, ...]) -> bool:
    if before is None or after is None:
        return True
    return any(before.get(c) != after.get(c) for c in columns)


def _skip_and_reach(unit_level: dict[str, int | None], objectives: dict[str, ObjectiveRow],
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
