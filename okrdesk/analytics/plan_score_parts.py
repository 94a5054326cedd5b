"""The plan score's results (the plan's, each owner's, each rule's and each point's) and the
arithmetic that makes them from counts (docs/ANALYTICS.md, "Plan score")."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from okrdesk.analytics.plan_score_rules import RULE_ORDER, RULES
from okrdesk.analytics.plan_score_tally import Tally, owner_name_of
from okrdesk.snapshot import Snapshot


@dataclass(frozen=True)
class ScorePoint:
    """Points taken off for one thing a rule finds fault with, and why."""

    rule: str
    lost: float
    reason: str
    objective_ids: tuple[str, ...] = ()
    key_result_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleScore:
    """How one rule went: `failing` of the `counted` items fell short, losing `lost` of its
    `weight` points."""

    rule: str
    name: str
    weight: int
    failing: int
    counted: int
    lost: float
    reason: str
    objective_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class OwnerScore:
    owner_id: str
    name: str
    score: int
    objectives: int
    rules: tuple[RuleScore, ...]  # those that took points off
    points: tuple[ScorePoint, ...]  # the largest loss first


@dataclass(frozen=True)
class PlanScore:
    cycle_id: str | None
    score: int | None  # None: no objectives to score
    objectives: int
    rules: tuple[RuleScore, ...]
    owners: tuple[OwnerScore, ...]  # the lowest score first

    @property
    def points(self) -> tuple[RuleScore, ...]:
        """The plan's points: each rule that took some off, the largest loss first."""
        return tuple(sorted((r for r in self.rules if r.failing),
                            key=lambda r: (-r.lost, RULE_ORDER[r.rule])))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def rule_score(rule_index: int, failing: int, counted: int,
               objective_ids: tuple[str, ...], most: int) -> RuleScore:
    rule = RULES[rule_index]
    counted = max(counted, failing)
    lost = rule.weight * failing / counted if counted else 0.0
    return RuleScore(rule.key, rule.name, rule.weight, failing, counted, lost,
                     rule.short.format(failing=failing, counted=counted, most=most),
                     objective_ids)


def plan_rule_scores(counted: Mapping[str, int], failing: Mapping[str, int],
                     objective_ids: Callable[[str], tuple[str, ...]],
                     most: int) -> tuple[RuleScore, ...]:
    """Every rule's score for the plan (`objective_ids` asked only of rules that fail)."""
    return tuple(rule_score(index, failing[rule.key], counted[rule.counts],
                            objective_ids(rule.key) if failing[rule.key] else (), most)
                 for index, rule in enumerate(RULES))


def owner_score(snapshot: Snapshot, owner_id: str, counts: Tally, most: int) -> OwnerScore:
    """An owner's score; its `rules` are those that took points off."""
    name = owner_name_of(snapshot, owner_id)
    if not counts.failing:
        return OwnerScore(owner_id, name, 100, len(counts.objective_ids), (), ())
    rules = []
    for index, rule in enumerate(RULES):
        items = counts.failing.get(rule.key)
        if items:
            rules.append(rule_score(index, len(items), counts.counted[rule.counts],
                                    tuple(dict.fromkeys(o for item in items.values()
                                                        for o in item.objective_ids)), most))
    points = []
    for scored in rules:
        each = scored.lost / scored.failing
        points += [ScorePoint(scored.rule, each, item.reason, item.objective_ids,
                              item.key_result_ids)
                   for item in counts.failing[scored.rule].values()]
    points.sort(key=lambda p: (-p.lost, RULE_ORDER[p.rule], p.reason))  # reads alphabetically
    return OwnerScore(owner_id, name, score_of(rules), len(counts.objective_ids), tuple(rules),
                      tuple(points))


def score_of(rules: Sequence[RuleScore]) -> int:
    """100 less what the rules took off, rounded half up to a whole number."""
    return max(0, min(100, math.floor(100 - sum(rule.lost for rule in rules) + 0.5)))
