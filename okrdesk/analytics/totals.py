"""The health figures of a set of objectives, kept as sums: each objective's facts are added
in, or taken out again with `sign=-1`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from okrdesk.analytics.facts import Facts
from okrdesk.rulebook import is_top

# Columns of a level's tally.
OBJECTIVES, OWN, DELEGATED, KR_OWN, KR_DELEGATED, KR_ALIGNED = range(6)


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

