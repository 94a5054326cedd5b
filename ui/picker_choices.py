"""What the searchable pickers list: the targets a command may use, valid ones first, each
refused one with the rule's reason.

The reasons always come from the rules (`okrdesk.ops.*_refusal`). On a large plan asking the
rules about every objective would take too long to open a picker, so a cheap necessary
condition sorts out the objectives that cannot be valid first; their reasons are asked only
when a row is shown (`Choices.refusal`); so are the second lines.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from okrdesk import ops
from okrdesk.model import CycleKind, KrKind
from okrdesk.ops import SnapshotFacts
from okrdesk.ops.rules import cycle_clause
from okrdesk.rulebook import children_of, descendants, parent_of
from okrdesk.snapshot import CycleRow, KeyResultRow, ObjectiveRow, Snapshot, UnitRow

from .translation import tr

Explain = Callable[[object], str | None]  # a payload's refusal, asked when its row is shown
Describe = Callable[[object], str]  # a payload's second line, made when its row is shown


@dataclass(slots=True)
class Choice:
    """One row of a picker: what it shows and what picking it gives. `refused` None: the rules
    have not been asked yet (see `Choices.refusal`)."""

    text: str
    payload: object
    search: str  # lower case: what type-ahead matches, word by word
    indent: bool = False  # a key result under its objective
    refused: bool | None = False
    reason: str | None = None
    detail: str | None = None  # None: made by `Choices.detail` when shown


@dataclass
class Choices:
    """The rows of a picker, and how to explain and describe a row when it is shown."""

    rows: list[Choice]
    explain: Explain = field(default=lambda _payload: None)
    describe: Describe = field(default=lambda _payload: "")

    def refusal(self, choice: Choice) -> str | None:
        if choice.refused is None:
            choice.reason = self.explain(choice.payload)
            choice.refused = choice.reason is not None
        return choice.reason

    def detail(self, choice: Choice) -> str:
        if choice.detail is None:
            choice.detail = self.describe(choice.payload)
        return choice.detail


@contextmanager
def few_collections() -> Iterator[None]:
    """Many small rows are made at once over a large snapshot: without this the collector
    would walk the whole snapshot again and again meanwhile."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# -- align up to ---------------------------------------------------------------------------


def alignment_choices(snapshot: Snapshot, child_id: str) -> Choices:
    """The objectives `child_id` may align to, each followed by its key results (align under
    one of them); then the objectives it may not align to, with the reason.

    The three clauses of `alignment_refusal` (a loop, the levels, the cycles) are worked out
    once for the child rather than once per objective; a test holds this sorting to the rule
    over whole plans. Payloads are (objective id, key result id or None)."""
    with few_collections():
        facts = SnapshotFacts(snapshot)
        child = snapshot.objectives[child_id]
        names = _Names(snapshot)
        child_rank = names.rank_of(child.owner_id)
        cycles_ok: dict[str, bool] = {}
        managers = _managers(snapshot, child.owner_id)
        below = set(descendants(snapshot, child_id))  # aligning to one would make a loop
        valid: list[ObjectiveRow] = []
        refused: list[Choice] = []
        for parent in snapshot.objectives.values():
            if parent.id == child_id:
                continue
            if parent.cycle_id not in cycles_ok:
                cycles_ok[parent.cycle_id] = cycle_clause(facts, child.cycle_id,
                                                          parent.cycle_id) is None
            if (cycles_ok[parent.cycle_id] and parent.id not in below
                    and names.known(parent.owner_id)
                    and names.rank_of(parent.owner_id) < child_rank):
                valid.append(parent)
            else:
                refused.append(names.objective(parent, (parent.id, None), refused=None))
        valid.sort(key=lambda o: (o.owner_id not in managers, -names.rank_of(o.owner_id),
                                  o.title.lower()))
        current_kr = child.parent_kr_id
        rows: list[Choice] = []
        for parent in valid:
            here = tr(" (aligned here now)") if _stands_in(snapshot, current_kr, parent.id) else ""
            rows.append(names.objective(parent, (parent.id, None), suffix=here))
            for kr in snapshot.key_results_of(parent.id):
                if kr.kind == KrKind.OBJECTIVE:
                    continue  # stands for another objective: align to that one instead
                rows.append(names.key_result(kr, parent, here=kr.id == current_kr))
        refused.sort(key=lambda c: c.search)

    def explain(payload: object) -> str | None:
        parent_id, kr_id = alignment_target(payload)
        return ops.alignment_refusal(facts, child_id, parent_id, under_kr_id=kr_id)

    def describe(payload: object) -> str:
        parent_id, kr_id = alignment_target(payload)
        if kr_id is None:
            return names.objective_detail(snapshot.objectives[parent_id])
        return tr("a key result of “{title}”").format(title=snapshot.objectives[parent_id].title)

    return Choices(rows + refused, explain, describe)


def alignment_target(payload: object) -> tuple[str, str | None]:
    """(objective id, key result id or None) from an align-up picker's payload."""
    assert isinstance(payload, tuple) and len(payload) == 2
    parent_id, kr_id = payload
    return str(parent_id), (None if kr_id is None else str(kr_id))


def _stands_in(snapshot: Snapshot, kr_id: str | None, parent_id: str) -> bool:
    kr = snapshot.key_results.get(kr_id or "")
    return kr is not None and kr.objective_id == parent_id and kr.kind == KrKind.OBJECTIVE


# -- delegate to ---------------------------------------------------------------------------


def delegation_choices(snapshot: Snapshot, kr_id: str) -> Choices:
    """The people and teams key result `kr_id` may be delegated to (the owner's reports first),
    then the others with the reason. Payloads are unit ids."""
    with few_collections():
        facts = SnapshotFacts(snapshot)
        names = _Names(snapshot)
        owner_id = snapshot.objectives[snapshot.key_results[kr_id].objective_id].owner_id
        valid: list[tuple[tuple[bool, int, str], Choice]] = []
        refused: list[Choice] = []
        for unit in snapshot.units.values():
            reason = ops.delegation_refusal(facts, kr_id, unit.id)
            row = names.unit(unit)
            if reason is None:
                valid.append(((unit.manager_id != owner_id, names.rank_of(unit.id),
                               row.search), row))
            elif unit.id != owner_id:
                row.refused, row.reason = True, reason
                refused.append(row)
        valid.sort(key=lambda pair: pair[0])
        refused.sort(key=lambda c: c.search)
    return Choices([row for _key, row in valid] + refused, describe=names.unit_detail)


# -- contributes to ------------------------------------------------------------------------


def contribution_choices(snapshot: Snapshot, source_id: str) -> Choices:
    """The objectives `source_id` may be shown contributing to (its own cycle first), then the
    ones it may not, with the reason. Payloads are objective ids."""
    with few_collections():
        facts = SnapshotFacts(snapshot)
        names = _Names(snapshot)
        source = snapshot.objectives[source_id]
        suspects = _contribution_suspects(snapshot, facts, source_id)
        valid: list[ObjectiveRow] = []
        refused: list[Choice] = []
        for target in snapshot.objectives.values():
            if target.id == source_id:
                continue
            reason = (ops.contribution_refusal(facts, source_id, target.id)
                      if target.id in suspects else None)
            if reason is None:
                valid.append(target)
            else:
                refused.append(names.objective(target, target.id, refused=True, reason=reason))
        valid.sort(key=lambda o: (o.cycle_id != source.cycle_id, names.rank_of(o.owner_id),
                                  o.title.lower()))
        refused.sort(key=lambda c: c.search)
        rows = [names.objective(o, o.id) for o in valid] + refused
    return Choices(rows, describe=lambda payload: names.objective_detail(
        snapshot.objectives[str(payload)]))


def _contribution_suspects(snapshot: Snapshot, facts: SnapshotFacts, source_id: str) -> set[str]:
    """Every objective a contribution from `source_id` might be refused for: those already
    linked, aligned to or from it, and those that reach it through contributions (a loop).
    The rule decides for these; the others pass every clause of `contribution_refusal`."""
    suspects = set(facts.contribution_targets(source_id))
    above = parent_of(snapshot, source_id)
    if above is not None:
        suspects.add(above)
    suspects.update(children_of(snapshot, source_id))
    reaching: dict[str, list[str]] = {}
    for link in snapshot.contributions.values():
        reaching.setdefault(link.target_id, []).append(link.source_id)
    todo = [source_id]
    while todo:
        for earlier in reaching.get(todo.pop(), ()):
            if earlier not in suspects:
                suspects.add(earlier)
                todo.append(earlier)
    return suspects


# -- move to cycle, change owner -----------------------------------------------------------


def cycle_choices(snapshot: Snapshot, objective_id: str) -> Choices:
    """Every other cycle, years and their quarters in order, the backlog last."""
    current = snapshot.objectives[objective_id].cycle_id
    cycles = sorted((c for c in snapshot.cycles.values() if c.id != current), key=_cycle_order)
    return Choices([Choice(c.name, c.id, c.name.lower(), detail=_cycle_kind(c))
                    for c in cycles])


def owner_choices(snapshot: Snapshot, objective_id: str) -> Choices:
    """Every other person and team, those at the owner's level first."""
    with few_collections():
        names = _Names(snapshot)
        current = snapshot.objectives[objective_id].owner_id
        rank = names.rank_of(current)
        units = sorted((u for u in snapshot.units.values() if u.id != current),
                       key=lambda u: (names.rank_of(u.id) != rank, names.rank_of(u.id),
                                      u.name.lower()))
        rows = [names.unit(u) for u in units]
    return Choices(rows, describe=names.unit_detail)


def _cycle_order(cycle: CycleRow) -> tuple[bool, str, str]:
    return (cycle.kind == CycleKind.BACKLOG, cycle.starts_on or "", cycle.name)


def _cycle_kind(cycle: CycleRow) -> str:
    if cycle.kind == CycleKind.BACKLOG:
        return tr("Backlog")
    return tr("Quarter") if cycle.kind == CycleKind.QUARTER else tr("Year")


# -- shared wording ------------------------------------------------------------------------


class _Names:
    """Owner names, levels and cycles, looked up once per picker."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        levels = snapshot.levels
        self._rank = {u.id: levels[u.level_id].rank for u in snapshot.units.values()
                      if u.level_id in levels}
        self._name = {u.id: u.name for u in snapshot.units.values()}

    def known(self, unit_id: str) -> bool:
        """Whether the unit and its level are in the plan."""
        return unit_id in self._rank

    def rank_of(self, unit_id: str) -> int:
        return self._rank.get(unit_id, 0)

    def objective(self, objective: ObjectiveRow, payload: object, *, suffix: str = "",
                  refused: bool | None = False, reason: str | None = None) -> Choice:
        owner = self._name.get(objective.owner_id, "")
        return Choice(objective.title + suffix, payload, f"{objective.title} {owner}".lower(),
                      refused=refused, reason=reason)

    def objective_detail(self, objective: ObjectiveRow) -> str:
        unit = self.snapshot.units.get(objective.owner_id)
        cycle = self.snapshot.cycles.get(objective.cycle_id)
        return " · ".join(part for part in (unit.name if unit else "", self._level(unit),
                                            cycle.name if cycle else "") if part)

    def key_result(self, kr: KeyResultRow, parent: ObjectiveRow, *, here: bool) -> Choice:
        owner = self._name.get(parent.owner_id, "")
        return Choice(f"↳ {kr.title}" + (tr(" (aligned here now)") if here else ""),
                      (parent.id, kr.id), f"{kr.title} {parent.title} {owner}".lower(),
                      indent=True, refused=None)

    def unit(self, unit: UnitRow) -> Choice:
        return Choice(unit.name, unit.id, f"{unit.name} {unit.role}".lower())

    def unit_detail(self, unit_id: object) -> str:
        unit = self.snapshot.units[str(unit_id)]
        manager = self.snapshot.units.get(unit.manager_id or "")
        parts = (unit.role, self._level(unit),
                 tr("reports to {name}").format(name=manager.name) if manager else "")
        return " · ".join(p for p in parts if p)

    def _level(self, unit: UnitRow | None) -> str:
        level = self.snapshot.levels.get(unit.level_id) if unit is not None else None
        return level.name if level is not None else ""


def _managers(snapshot: Snapshot, unit_id: str) -> set[str]:
    """Everyone above a person in the reporting tree (loop-safe)."""
    found: set[str] = set()
    unit = snapshot.units.get(unit_id)
    while unit is not None and unit.manager_id and unit.manager_id not in found:
        found.add(unit.manager_id)
        unit = snapshot.units.get(unit.manager_id)
    return found
