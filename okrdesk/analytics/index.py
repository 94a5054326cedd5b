"""Per-objective facts and per-cycle totals behind the health figures, kept current per change.

Each objective's facts depend only on its own row, its key results, its owner and its line of
sight. A change set marks the objectives it touches; those whose alignment moved take their
whole aligned subtree with them, since their lines of sight changed. Totals per cycle are
adjusted by taking each marked objective's old facts out and its new facts in. The facts are
facts.py's, the sums totals.py's, and which objectives a change set marks touched.py's.
"""

from __future__ import annotations

from collections import Counter
from itertools import chain

from okrdesk.analytics.facts import Facts, count_krs, skip_and_reach
from okrdesk.analytics.totals import (
    DELEGATED,
    KR_ALIGNED,
    KR_DELEGATED,
    KR_OWN,
    OBJECTIVES,
    OWN,
    Totals,
)
from okrdesk.analytics.touched import restructures, touched_and_moved
from okrdesk.rulebook import (
    Direction,
    children_of,
    direction_of,
    is_top,
    orphaned,
    parent_of,
    parents,
    unit_positions,
)
from okrdesk.snapshot import Snapshot, gc_paused
from okrdesk.storage.changes import ChangeSet


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
            skip, reaches_top, down = skip_and_reach(unit_level, objectives, level, above)
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
            counts = count_krs(snapshot, objective_id)
        every, delegated, aligned = counts
        own = every - delegated - aligned
        unit_level = self._unit_level
        level = unit_level.get(objective.owner_id)
        above = self._line(objective_id, memo)
        skip, reaches_top, down = skip_and_reach(unit_level, objectives, level, above)
        delegated_down = direction_of(objective) is Direction.TOP_DOWN
        return Facts(objective.cycle_id, level, delegated_down, own, delegated, aligned, above,
                     skip, self._sources.get(objective_id, 0) > 0,
                     self._unit_function.get(objective.owner_id), reaches_top, down)

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
        if restructures(changes):
            self._rebuild()
            return
        self._refresh(*touched_and_moved(changes, self.snapshot, self._sources))

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

