"""Counting for the plan score: for the plan or one owner, the items each rule looks at and those
it finds fault with, each with the findings that say why (filled by
okrdesk.analytics.plan_score_book)."""

from __future__ import annotations

from dataclasses import dataclass, field

from okrdesk.analytics.findings import UNKNOWN_OWNER
from okrdesk.analytics.plan_score_rules import Rule
from okrdesk.snapshot import Snapshot

ItemKey = tuple[str, str]  # (objective id or message, key result id or "")
COUNTS = ("key results", "objectives", "company objectives", "cycles")


@dataclass
class Item:
    """One thing a rule finds fault with: a key result, an objective or an owner's cycle."""

    reasons: list[str] = field(default_factory=list)
    objective_ids: tuple[str, ...] = ()
    key_result_ids: tuple[str, ...] = ()
    tails: list[str] = field(default_factory=list)  # what each reason says after its subject

    def add(self, reason: str, tail: str) -> None:
        if reason not in self.reasons:
            self.reasons.append(reason)
            self.tails.append(tail)

    @property
    def reason(self) -> str:
        """The first reason whole; the others, about the same row, by what they add."""
        if len(self.reasons) == 1 or not all(self.tails[1:]):
            return " ".join(self.reasons)
        return "; ".join([self.reasons[0].rstrip("."), *(t.rstrip(".") for t in
                                                         self.tails[1:])]) + "."


@dataclass
class Tally:
    """What the rules count for the plan or one owner: the items of each kind a rule looks at
    (Rule.counts), and per rule the items it finds fault with."""

    counted: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))
    failing: dict[str, dict[ItemKey, Item]] = field(default_factory=dict)
    objective_ids: list[str] = field(default_factory=list)

    def fault(self, rule: Rule, key: ItemKey, reason: str, objective_ids: tuple[str, ...],
              key_result_ids: tuple[str, ...], *, tail: str = "",
              uncounted: bool = False) -> None:
        """Note a fault; `uncounted`: an item the counts above left out (a broken reference
        outside the view), counted now."""
        items = self.failing.setdefault(rule.key, {})
        item = items.get(key)
        if item is None:
            item = items[key] = Item(objective_ids=objective_ids, key_result_ids=key_result_ids)
            if uncounted:
                self.counted[rule.counts] += 1
        item.add(reason, tail)


def owner_name_of(snapshot: Snapshot, owner_id: str) -> str:
    owner = snapshot.units.get(owner_id)
    return owner.name if owner is not None else UNKNOWN_OWNER
