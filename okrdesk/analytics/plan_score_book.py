"""The parts the plan score of one view is added up from, kept per objective and per owner, so
that a change re-scores only the owners whose objectives it touches (docs/PERFORMANCE.md, "Plan
score"). `plan_score` fills a book once; the app keeps one current per change set
(okrdesk.analytics.plan_score_live). Both read the score the same way, from the same parts.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from okrdesk.analytics.findings import Finding
from okrdesk.analytics.plan_score_members import FOCUS, Member, coaching_members, members_of
from okrdesk.analytics.plan_score_parts import (
    OwnerScore,
    PlanScore,
    owner_score,
    plan_rule_scores,
    score_of,
)
from okrdesk.analytics.plan_score_rules import RULES
from okrdesk.analytics.plan_score_tally import COUNTS, Tally, owner_name_of
from okrdesk.analytics.progress import ProgressCalculator
from okrdesk.analytics.quality import DEFAULT_MAX_OBJECTIVES_PER_OWNER, int_setting
from okrdesk.rulebook import is_top, unit_positions
from okrdesk.snapshot import Snapshot

RULE = {rule.key: rule for rule in RULES}


@dataclass
class OwnerPart:
    """One owner's share of the plan's counts, its faults and its score."""

    tally: Tally
    score: OwnerScore
    rank: tuple[int, str, str]  # lowest score first, then by name
    # Per rule, each objective it finds fault with and the first kind of finding about it.
    firsts: dict[str, dict[str, int]] = field(default_factory=dict)


class ScoreBook:
    def __init__(self, snapshot: Snapshot, today: date) -> None:
        self.snapshot = snapshot
        self.today = today
        self.most = int_setting(snapshot, "max_objectives_per_owner",
                                DEFAULT_MAX_OBJECTIVES_PER_OWNER)
        self.positions = unit_positions(snapshot)
        self.ids: list[str] = []
        self.in_view: set[str] = set()
        self._came: set[str] = set()  # objectives new to the view at this update
        self.by_owner: dict[str, list[str]] = {}  # the view's objectives per owner, by id
        self.owner_of: dict[str, str] = {}  # whose each objective in view was counted as
        self._members: dict[int, tuple[Finding, list[Member]]] = {}  # by the finding's id()
        self.quality: dict[str, list[Member]] = {}  # per objective in view
        self.coaching: dict[str, list[Member]] = {}  # per objective in view
        self.own: dict[str, int] = {}  # own key results (not aligned objectives)
        self.focus: dict[str, list[Finding]] = {}  # too many objectives, by the owner's name
        self.extras = Tally()  # faults of rows outside the view: the plan's alone
        self.extra_firsts: dict[str, dict[str, int]] = {}
        self.parts: dict[str, OwnerPart] = {}
        self.counted = dict.fromkeys(COUNTS, 0)  # the owners' counts, added up
        self.failing = dict.fromkeys(RULE, 0)  # the owners' faults per rule, added up
        # Per rule, (first kind of finding, objective) of the owners' objectives it fails;
        # and the owners' ranks: both kept in order.
        self.firsts: dict[str, list[tuple[int, str]]] = {rule: [] for rule in RULE}
        self.ranked: list[tuple[int, str, str]] = []
        self._ordered: dict[str, tuple[str, ...]] = {}  # per rule, while its firsts stand

    def update(self, ids: Sequence[str], findings: Sequence[Finding],
               dirty: Collection[str] | None) -> None:
        """Bring the parts up to the view's objectives and quality findings; `dirty`: the
        objectives that may count or read otherwise now (None: all of them). Their owners are
        scored again, and those whose objectives or quality findings changed."""
        self.ids = list(ids)
        owners = self._follow_view(dirty)
        owners |= self._follow_quality(findings)
        owners |= self._follow_coaching(dirty)
        old = {owner_id: part for owner_id in owners
               if (part := self.parts.pop(owner_id, None)) is not None}
        in_order = dirty is not None  # a first count sorts once at the end
        for part in old.values():  # all taken off first: a moved objective was another's
            self._add(part, -1, in_order)
        for owner_id in owners:
            objective_ids = self.by_owner.get(owner_id)
            now = self._part(owner_id, objective_ids) if objective_ids else None
            if now is not None:
                self.parts[owner_id] = now
                self._add(now, 1, in_order)
            before = old.get(owner_id)
            for rule in RULE:  # the plan's order of objectives stands unless these changed
                if (before.firsts.get(rule) if before else None) != \
                        (now.firsts.get(rule) if now else None):
                    self._ordered.pop(rule, None)
        if not in_order:
            self.ranked.sort()
            for listed in self.firsts.values():
                listed.sort()

    def refresh_owners(self) -> None:
        """Owners' levels or names changed: read their positions again."""
        self.positions = unit_positions(self.snapshot)

    def _follow_view(self, dirty: Collection[str] | None) -> set[str]:
        """Owners whose objectives in view changed (a kept book follows only the objectives
        that came, went, or are `dirty`: moved to another owner, perhaps)."""
        objectives = self.snapshot.objectives
        in_view = set(self.ids)
        if dirty is None:
            self.by_owner, self.owner_of = {}, {}
            again: Collection[str] = self.ids
        else:
            again = (in_view ^ self.in_view) | {o for o in dirty if o in in_view}
        changed: set[str] = set()
        for objective_id in again:
            owner_before = self.owner_of.pop(objective_id, None)
            owner_now = objectives[objective_id].owner_id if objective_id in in_view else None
            if owner_before == owner_now:
                if owner_now is not None:
                    self.owner_of[objective_id] = owner_now
                continue
            if owner_before is not None:
                owned = self.by_owner[owner_before]
                owned.remove(objective_id)
                if not owned:
                    del self.by_owner[owner_before]
                changed.add(owner_before)
            if owner_now is not None:
                self.owner_of[objective_id] = owner_now
                insort(self.by_owner.setdefault(owner_now, []), objective_id)  # by id: the
                changed.add(owner_now)  # same in a kept snapshot and a fresh one
        for gone in self.in_view - in_view:
            self.coaching.pop(gone, None)
            self.own.pop(gone, None)
        self._came = in_view - self.in_view
        self.in_view = in_view
        return changed

    def _follow_quality(self, findings: Sequence[Finding]) -> set[str]:
        """Owners whose quality findings changed (compared row by row)."""
        snapshot, objectives = self.snapshot, self.snapshot.objectives
        quality: dict[str, list[Member]] = {}
        focus: dict[str, list[Finding]] = {}
        outside: list[Member] = []
        in_view = self.in_view
        known, taken = self._members, {}
        for finding in findings:
            if finding.code == "too_many_objectives":
                focus.setdefault(finding.owners[0] if finding.owners else "", []).append(finding)
                continue
            held = known.get(id(finding))  # a finding kept from before: taken apart then
            if held is None or held[0] is not finding:
                held = (finding, list(members_of(snapshot, finding)))
            taken[id(finding)] = held
            for member in held[1]:
                if member.objective_id in in_view:
                    quality.setdefault(member.objective_id, []).append(member)
                else:
                    outside.append(member)
        self._members = taken
        changed = {objectives[o].owner_id for o in quality.keys() | self.quality.keys()
                   if o in in_view and quality.get(o) != self.quality.get(o)}
        self.quality = quality
        names = {name for name in focus.keys() | self.focus.keys()
                 if focus.get(name) != self.focus.get(name)}
        if names:
            changed.update(o for o in self.by_owner if owner_name_of(snapshot, o) in names)
        self.focus = focus
        self._count_outside(outside)
        return changed

    def _count_outside(self, outside: list[Member]) -> None:
        extras = Tally()
        firsts: dict[str, dict[str, int]] = {}
        for member in sorted(outside):
            key = (member.objective_id or member.message, member.key_result_id)
            extras.fault(RULE[member.rule], key, member.message, about(member),
                         kr_of(member), tail=member.tail, uncounted=True)
            if member.objective_id:
                firsts.setdefault(member.rule, {}).setdefault(member.objective_id, member.order)
        if firsts != self.extra_firsts:
            self._ordered.clear()
        self.extras, self.extra_firsts = extras, firsts

    def _follow_coaching(self, dirty: Collection[str] | None) -> set[str]:
        snapshot = self.snapshot
        objectives = snapshot.objectives
        progress = ProgressCalculator(snapshot)
        changed: set[str] = set()
        again = self.ids if dirty is None else \
            [*self._came, *(o for o in dirty if o in self.in_view and o not in self._came)]
        key_results, krs_of, positions = snapshot.key_results, snapshot.krs_of, self.positions
        coaching, own, today = self.coaching, self.own, self.today
        for objective_id in again:
            owner_id = objectives[objective_id].owner_id
            krs = [key_results[kr_id] for kr_id in krs_of.get(objective_id, ())]
            own[objective_id] = len(krs) - [kr.kind for kr in krs].count("objective")
            coaching[objective_id] = coaching_members(
                snapshot, objective_id, krs, is_top(positions.get(owner_id)), today, progress)
            changed.add(owner_id)  # its counts may have changed too (key results, cycle)
        return changed

    def _part(self, owner_id: str, objective_ids: list[str]) -> OwnerPart:
        snapshot, objectives, quality, coaching = \
            self.snapshot, self.snapshot.objectives, self.quality, self.coaching
        tally = Tally(objective_ids=list(objective_ids))
        counted, cycles = tally.counted, {objectives[o].cycle_id for o in objective_ids}
        counted["key results"] = sum(self.own[o] for o in objective_ids)
        counted["objectives"] = len(objective_ids)
        counted["company objectives"] = len(objective_ids) \
            if is_top(self.positions.get(owner_id)) else 0
        counted["cycles"] = len(cycles)
        found: list[Member] = []
        for objective_id in objective_ids:
            if objective_id in quality:
                found += quality[objective_id]
            found += coaching[objective_id]
        firsts: dict[str, dict[str, int]] = {}
        found.sort()
        for member in found:
            tally.fault(RULE[member.rule], (member.objective_id, member.key_result_id),
                        member.message, about(member), kr_of(member), tail=member.tail)
            firsts.setdefault(member.rule, {}).setdefault(member.objective_id, member.order)
        name = owner_name_of(snapshot, owner_id)
        for finding in sorted(self.focus.get(name, ()), key=lambda f: f.message):
            tally.fault(RULE[FOCUS], (finding.message, ""), finding.message,
                        tuple(tally.objective_ids), ())
        score = owner_score(snapshot, owner_id, tally, self.most)
        return OwnerPart(tally, score, (score.score, score.name.casefold(), owner_id), firsts)

    def _add(self, part: OwnerPart, sign: int, in_order: bool) -> None:
        for kind, count in part.tally.counted.items():
            self.counted[kind] += sign * count
        for rule, items in part.tally.failing.items():
            if rule != FOCUS:
                self.failing[rule] += sign * len(items)
        for rule, firsts in part.firsts.items():
            _file(self.firsts[rule], [(order, o) for o, order in firsts.items()], sign,
                  in_order)
        _file(self.ranked, [part.rank], sign, in_order)

    def score(self, cycle_id: str | None) -> PlanScore:
        counted = {kind: count + self.extras.counted[kind]
                   for kind, count in self.counted.items()}
        failing = {rule: self.failing[rule] + len(self.extras.failing.get(rule, ()))
                   for rule in RULE}
        failing[FOCUS] = len({f.message for found in self.focus.values() for f in found})
        rules = plan_rule_scores(counted, failing, self._objective_ids, self.most)
        parts = self.parts
        return PlanScore(cycle_id, score_of(rules) if self.ids else None, len(self.ids),
                         rules, tuple(parts[rank[2]].score for rank in self.ranked))

    def _objective_ids(self, rule: str) -> tuple[str, ...]:
        """The objectives a rule finds fault with, by the first kind of finding about each,
        then by id (as the plan's faults are counted)."""
        known = self._ordered.get(rule)
        if known is None:
            firsts = self.firsts[rule]
            outside = self.extra_firsts.get(rule)
            if outside:
                firsts = sorted(firsts + [(order, o) for o, order in outside.items()])
            known = self._ordered[rule] = tuple(o for _order, o in firsts)
        return known


def _file(ordered: list[Any], entries: list[Any], sign: int, in_order: bool) -> None:
    """Add (sign 1) or take off (-1) entries of a sorted list; out of order: appended, to be
    sorted later."""
    for entry in entries:
        if sign < 0:
            del ordered[bisect_left(ordered, entry)]
        elif in_order:
            insort(ordered, entry)
        else:
            ordered.append(entry)


def about(member: Member) -> tuple[str, ...]:
    return (member.objective_id,) if member.objective_id else ()


def kr_of(member: Member) -> tuple[str, ...]:
    return (member.key_result_id,) if member.key_result_id else ()
