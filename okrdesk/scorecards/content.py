"""What a card holds, read from the Snapshot and the newest check-ins: plain values, already
worded, so the page and slide layouts only place them.

One rule per figure, each asked of the module that owns it: progress from the map's figures
(okrdesk.analytics), the status an owner set or else the one expected from the share of the
cycle gone (okrdesk.rulebook.rhythm), confidence as "7/10" (okrdesk.ops.check_in_dates), the
objectives aligned under one from the rulebook, final scores from a closed cycle.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from okrdesk.check_ins import CheckInEntry
from okrdesk.limits import number_text
from okrdesk.maps.style import STATUS
from okrdesk.maps.text import clean
from okrdesk.model import KrKind
from okrdesk.ops.check_in_dates import confidence_text
from okrdesk.rulebook import children_of
from okrdesk.rulebook.rhythm import expected_status
from okrdesk.scorecards.selection import Selection
from okrdesk.snapshot import KeyResultRow, ObjectiveRow, Snapshot


def status_words(status: str | None) -> str:
    """"On track", "At risk", "Off track", or "" for no status."""
    return STATUS[status][0] if status in STATUS else ""


@dataclass(frozen=True)
class KeyResultLine:
    title: str
    owner: str
    start: str
    target: str
    current: str
    unit: str
    progress: float  # 0..1
    confidence: str  # "7/10", or "" when none was given
    status: str | None  # a Status value
    note: str  # of the newest check-in
    noted_on: str  # the day of the newest check-in, ISO
    score: float | None  # final score of a closed cycle


@dataclass(frozen=True)
class AlignedLine:
    title: str
    owner: str
    progress: float
    status: str | None


@dataclass(frozen=True)
class ObjectiveCard:
    id: str
    title: str
    owner: str
    level: str
    cycle: str
    commitment: str  # "Committed" or "Aspirational"
    progress: float
    status: str | None  # the owner's, else the expected one
    set_by_owner: bool
    expected: str | None  # expected from the dates (None: a cycle without dates)
    score: float | None
    score_note: str
    reflections: tuple[tuple[str, str], ...]  # ("What we achieved", text), ...
    key_results: tuple[KeyResultLine, ...]
    aligned: tuple[AlignedLine, ...]


@dataclass(frozen=True)
class OwnerCard:
    owner: str
    role: str
    level: str
    objectives: tuple[ObjectiveCard, ...]


Card = ObjectiveCard | OwnerCard


@dataclass(frozen=True)
class Deck:
    plan_name: str
    cycle: str  # the cycle's name, or "Whole plan"
    scope: str
    made_on: date
    cards: tuple[Card, ...]


class CardMaker:
    """Cards of one selection; `last_check_ins` maps a key result id to its newest check-in."""

    def __init__(self, selection: Selection, last_check_ins: Mapping[str, CheckInEntry],
                 today: date) -> None:
        self.snapshot: Snapshot = selection.view.snapshot
        self.figures = selection.view.figures
        self.last = last_check_ins
        self.today = today

    def objective(self, objective_id: str) -> ObjectiveCard:
        snapshot = self.snapshot
        objective = snapshot.objectives[objective_id]
        progress = self.figures.objective(objective_id)
        expected = self._expected(progress, objective)
        score = snapshot.objective_scores.get(objective_id)
        reflections: tuple[tuple[str, str], ...] = ()
        if score is not None:
            reflections = tuple((label, clean(text)) for label, text in (
                ("What we achieved", score.achieved), ("What we learned", score.learned),
                ("What we decide", score.decided)) if clean(text))
        return ObjectiveCard(
            id=objective_id, title=objective.title, owner=self._owner(objective.owner_id),
            level=self._level(objective.owner_id), cycle=self._cycle(objective),
            commitment=objective.commitment.capitalize(), progress=progress,
            status=objective.status or expected, set_by_owner=objective.status is not None,
            expected=expected, score=score.value if score is not None else None,
            score_note=score.note if score is not None else "", reflections=reflections,
            key_results=tuple(self._key_result(kr, objective)
                              for kr in snapshot.key_results_of(objective_id)),
            aligned=tuple(self._aligned(child) for child in children_of(snapshot, objective_id)))

    def owner(self, owner_id: str, objective_ids: list[str]) -> OwnerCard:
        unit = self.snapshot.units.get(owner_id)
        return OwnerCard(owner=self._owner(owner_id), role=unit.role if unit else "",
                         level=self._level(owner_id),
                         objectives=tuple(self.objective(o) for o in objective_ids))

    # -- parts --------------------------------------------------------------------------------

    def _key_result(self, kr: KeyResultRow, objective: ObjectiveRow) -> KeyResultLine:
        progress = self.figures.key_result(kr.id)
        below = self.snapshot.objectives_under(kr.id)
        owners = ([o.owner_id for o in below] if kr.kind == KrKind.OBJECTIVE and below
                  else [objective.owner_id])
        status = next((o.status for o in below if o.status), None)  # an owner's word below
        last = self.last.get(kr.id)
        score = self.snapshot.kr_scores.get(kr.id)
        return KeyResultLine(
            title=kr.title, owner=", ".join(dict.fromkeys(map(self._owner, owners))),
            start=_number(kr.start_value), target=_number(kr.target_value),
            current=_number(kr.current_value), unit=kr.unit, progress=progress,
            confidence=confidence_text(kr.confidence),
            status=status or self._expected(progress, objective),
            note=last.note if last is not None else "",
            noted_on=last.at[:10] if last is not None else "",
            score=score.value if score is not None else None)

    def _aligned(self, objective_id: str) -> AlignedLine:
        objective = self.snapshot.objectives[objective_id]
        progress = self.figures.objective(objective_id)
        return AlignedLine(objective.title, self._owner(objective.owner_id), progress,
                           objective.status or self._expected(progress, objective))

    def _expected(self, progress: float, objective: ObjectiveRow) -> str | None:
        cycle = self.snapshot.cycles.get(objective.cycle_id)
        status = expected_status(progress, cycle, self.today) if cycle is not None else None
        return str(status) if status is not None else None

    def _owner(self, owner_id: str) -> str:
        unit = self.snapshot.units.get(owner_id)
        return unit.name if unit is not None else "owner unknown"

    def _level(self, owner_id: str) -> str:
        unit = self.snapshot.units.get(owner_id)
        level = self.snapshot.levels.get(unit.level_id) if unit is not None else None
        return level.name if level is not None else ""

    def _cycle(self, objective: ObjectiveRow) -> str:
        cycle = self.snapshot.cycles.get(objective.cycle_id)
        return cycle.name if cycle is not None else ""


def make_deck(selection: Selection, last_check_ins: Mapping[str, CheckInEntry], today: date,
              *, plan_name: str, by_owner: bool) -> Deck:
    """Every card of the selection: one per objective, or one per owner in the selection's
    order of first appearance."""
    maker = CardMaker(selection, last_check_ins, today)
    snapshot = selection.view.snapshot
    cards: list[Card]
    if by_owner:
        groups: dict[str, list[str]] = {}
        for objective_id in selection.objective_ids:
            groups.setdefault(snapshot.objectives[objective_id].owner_id, []).append(objective_id)
        cards = [maker.owner(owner, ids) for owner, ids in groups.items()]
    else:
        cards = [maker.objective(o) for o in selection.objective_ids]
    view = selection.view
    return Deck(plan_name=plan_name, cycle=view.cycle.name if view.cycle else "Whole plan",
                scope=view.scope, made_on=today, cards=tuple(cards))


def _number(value: float | None) -> str:
    return "" if value is None else number_text(value)
