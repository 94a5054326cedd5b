"""Closing a cycle: the scores proposed for it, and the summary of the scores it closed with.

One rule for scores, kept here: a final score is proposed from progress, rounded to 0.1
(`score_from_progress`), and a score that differs from that by more than 0.05 needs a note
(`needs_note`). Committed objectives are expected at 1.0, aspirational ones at 0.7.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from okrdesk.analytics.progress import ProgressCalculator
from okrdesk.model import Commitment
from okrdesk.rulebook.cycles import following_cycle, require_cycle
from okrdesk.snapshot import CycleRow, KrScoreRow, ObjectiveRow, ObjectiveScoreRow, Snapshot

NOTE_FROM = 0.05  # a score further than this from the proposal needs a note
EXPECTED = {Commitment.COMMITTED.value: 1.0, Commitment.ASPIRATIONAL.value: 0.7}
_SLACK = 1e-9  # scores are typed in tenths: float noise is not a difference


@dataclass(frozen=True)
class ProposedKeyResult:
    id: str
    title: str
    progress: float
    score: float


@dataclass(frozen=True)
class ProposedObjective:
    id: str
    title: str
    owner: str
    commitment: str
    progress: float
    score: float
    key_results: tuple[ProposedKeyResult, ...]


@dataclass(frozen=True)
class ClosingProposal:
    cycle_id: str
    cycle_name: str
    objectives: tuple[ProposedObjective, ...]
    # The rows it was worked out from (`basis_of`); closing the cycle with this proposal
    # checks them unchanged, and works the proposal out again where they are not. 0: unknown.
    basis: int = field(default=0, compare=False)


@dataclass(frozen=True)
class ShortFall:
    objective_id: str
    title: str
    commitment: str
    score: float
    expected: float


@dataclass(frozen=True)
class ClosingSummary:
    cycle_id: str
    cycle_name: str
    scored: int
    average: float | None
    short: tuple[ShortFall, ...]  # committed under 1.0, aspirational under 0.7
    unfinished: tuple[str, ...]  # objective ids scored under 1.0: offered for carrying over


def score_from_progress(progress: float) -> float:
    """The final score proposed for a progress: rounded to the nearest 0.1 (halves up)."""
    return math.floor(min(1.0, max(0.0, progress)) * 10 + 0.5) / 10


def needs_note(score: float, progress: float) -> bool:
    """Whether a final score strays far enough from its proposal to need a note."""
    return abs(score - score_from_progress(progress)) > NOTE_FROM + _SLACK


def expected_score(commitment: str) -> float:
    return EXPECTED.get(commitment, 1.0)


def cycle_objectives(snapshot: Snapshot, cycle_id: str) -> list[ObjectiveRow]:
    """The objectives a cycle closes with (its own, not its quarters'), by owner's level,
    owner and position."""
    def order(objective: ObjectiveRow) -> tuple[int, str, int, str, str]:
        owner = snapshot.units.get(objective.owner_id)
        level = snapshot.levels.get(owner.level_id) if owner is not None else None
        return (level.rank if level is not None else 1 << 30, owner.name if owner else "",
                objective.position, objective.created_at, objective.id)

    return sorted((o for o in snapshot.objectives.values() if o.cycle_id == cycle_id),
                  key=order)


def closing_proposal(snapshot: Snapshot, cycle_id: str) -> ClosingProposal:
    """Every objective of the cycle and its key results with their progress and the score to
    pre-fill: a score kept from an earlier closing (the cycle was reopened), else the one
    proposed from progress. NotFoundError for an unknown cycle."""
    cycle = _cycle(snapshot, cycle_id)
    calculator = ProgressCalculator(snapshot)
    kr_progress, objective_progress = calculator.key_result, calculator.objective
    objective_scores, kr_scores, units = snapshot.objective_scores, snapshot.kr_scores, \
        snapshot.units
    objectives = []
    for objective in cycle_objectives(snapshot, cycle_id):
        krs = []
        for kr in snapshot.key_results_of(objective.id):
            progress = kr_progress(kr.id)
            krs.append(ProposedKeyResult(kr.id, kr.title, progress,
                                         _kept(kr_scores.get(kr.id), progress)))
        progress = objective_progress(objective.id)
        owner = units.get(objective.owner_id)
        objectives.append(ProposedObjective(
            objective.id, objective.title, owner.name if owner is not None else "",
            objective.commitment, progress,
            _kept(objective_scores.get(objective.id), progress), tuple(krs)))
    return ClosingProposal(cycle.id, cycle.name, tuple(objectives), snapshot_basis(snapshot))


# The tables a proposal is worked out from, with the Snapshot field holding each: their rows'
# ids and times of change are its basis. Units and levels only name and order it.
BASIS_TABLES = (("objectives", "objectives"), ("key_results", "key_results"),
                ("objective_scores", "objective_scores"), ("key_result_scores", "kr_scores"))


def basis_of(stamps: Iterable[Iterable[tuple[str, str]]]) -> int:
    """One number for the (id, updated_at) pairs of each of BASIS_TABLES, in that order.
    Every write stamps the row it changes, and undo puts a row back whole with its stamp, so
    equal pairs mean equal rows. The number is a hash: it holds within one process only."""
    return hash(tuple(frozenset(pairs) for pairs in stamps)) or 1


def snapshot_basis(snapshot: Snapshot) -> int:
    return basis_of([(row.id, row.updated_at) for row in getattr(snapshot, store).values()]
                    for _, store in BASIS_TABLES)


def closing_summary(snapshot: Snapshot, cycle_id: str) -> ClosingSummary:
    """The stored scores of the cycle's objectives: how many, their mean, the objectives that
    fell short of what their commitment expects, and those not finished."""
    cycle = _cycle(snapshot, cycle_id)
    scored = [(objective, score.value) for objective in cycle_objectives(snapshot, cycle_id)
              if (score := snapshot.objective_scores.get(objective.id)) is not None]
    short = tuple(ShortFall(objective.id, objective.title, objective.commitment, value,
                            expected_score(objective.commitment))
                  for objective, value in scored
                  if value < expected_score(objective.commitment) - _SLACK)
    values = [value for _, value in scored]
    return ClosingSummary(
        cycle.id, cycle.name, len(scored), sum(values) / len(values) if values else None,
        short, tuple(objective.id for objective, value in scored if value < 1.0 - _SLACK))


def next_cycle(snapshot: Snapshot, cycle_id: str) -> CycleRow | None:
    """The cycle after this one (the next of its kind by dates), where unfinished objectives
    are carried over to; None for the last one or the backlog."""
    return following_cycle(snapshot, cycle_id)


def _cycle(snapshot: Snapshot, cycle_id: str) -> CycleRow:
    cycle = require_cycle(snapshot, cycle_id)
    assert cycle is not None
    return cycle


def _kept(stored: ObjectiveScoreRow | KrScoreRow | None, progress: float) -> float:
    return float(stored.value) if stored is not None else score_from_progress(progress)
