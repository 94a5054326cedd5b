"""Closing a cycle with final scores and reflections, and reopening it.

A closed cycle is read-only (okrdesk/storage/closed_cycles.py refuses every other change to
its rows); closing and reopening are one undo step each. Any cycle with dates may close (a
year, a quarter); the backlog has no end, so it never closes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from okrdesk import limits
from okrdesk.analytics.closing import (
    ClosingProposal,
    closing_proposal,
    needs_note,
    score_from_progress,
)
from okrdesk.clock import utc_now
from okrdesk.errors import NotFoundError, OperationRefused
from okrdesk.ops.checks import quoted
from okrdesk.ops.closing_rows import closing_snapshot, is_current, stored_scores
from okrdesk.snapshot import gc_paused
from okrdesk.storage import ChangeSet, Plan

if TYPE_CHECKING:
    from okrdesk.storage.transaction import Transaction


@dataclass(frozen=True)
class FinalScore:
    """A final score from 0 to 1 (tenths by convention), and why it differs from progress."""

    value: float
    note: str = ""


@dataclass(frozen=True)
class Reflection:
    """An objective's three closing notes."""

    achieved: str = ""
    learned: str = ""
    decided: str = ""


def close_cycle(plan: Plan, cycle_id: str, scores: Mapping[str, FinalScore],
                reflections: Mapping[str, Reflection], *,
                proposal: ClosingProposal | None = None) -> ChangeSet:
    """Close a cycle: every objective of it and each of their key results gets a final score
    (`scores` by objective or key result id; one not given takes the proposal's), objectives
    their reflections, and the cycle becomes read-only. A score more than 0.05 from the one
    its progress suggests needs a note.

    `proposal` is the cycle's `closing_proposal` if the caller has it (a dialog showing it):
    it is used if the plan's objectives, key results and scores are still as it was worked
    out from (its basis), else it is worked out again inside the change."""
    given = {row_id: _checked_score(score) for row_id, score in scores.items()}
    notes = {row_id: _checked_reflection(reflection)
             for row_id, reflection in reflections.items()}
    with plan.change("Close cycle") as tx:
        cycle = tx.require("cycles", cycle_id, "cycle")
        tx.label = f"Close {cycle['name']}"
        if cycle["closed_at"] is not None:
            raise OperationRefused(f"{cycle['name']} is closed already.")
        if not cycle["starts_on"] or not cycle["ends_on"]:
            raise OperationRefused(f"{cycle['name']} has no dates, so it has no end to close "
                                   "at; only a dated cycle (a year or a quarter) closes.")
        with gc_paused():  # a hundred thousand scores, proposed and kept in the change set
            if proposal is None or proposal.cycle_id != cycle_id \
                    or not is_current(tx, proposal):
                proposal = closing_proposal(closing_snapshot(tx), cycle_id)
            _refuse_strangers(tx, proposal, given, notes)
            _scores(tx, proposal, given, notes, stored_scores(tx, cycle_id))
        tx.update("cycles", cycle_id, known=cycle, closed_at=utc_now())
    return tx.changeset()


def _scores(tx: Transaction, proposal: ClosingProposal, given: Mapping[str, FinalScore],
            notes: Mapping[str, Reflection], kept: Mapping[str, dict[str, Any]]) -> None:
    """Write the score of each objective and key result of the proposal: the stored one
    updated, the others inserted together."""
    added: dict[str, list[dict[str, Any]]] = {"objective_scores": [], "key_result_scores": []}
    for objective in proposal.objectives:
        _score(tx, added, "objective_scores", objective.id, objective.title,
               objective.progress, given.get(objective.id), objective.score,
               notes.get(objective.id), kept.get(objective.id))
        for kr in objective.key_results:
            _score(tx, added, "key_result_scores", kr.id, kr.title, kr.progress,
                   given.get(kr.id), kr.score, None, kept.get(kr.id))
    for table, rows in added.items():
        tx.insert_rows(table, rows)


def reopen_cycle(plan: Plan, cycle_id: str) -> ChangeSet:
    """Reopen a closed cycle: its rows can change again; its scores stay, so closing it again
    starts from them."""
    with plan.change("Reopen cycle") as tx:
        cycle = tx.require("cycles", cycle_id, "cycle")
        tx.label = f"Reopen {cycle['name']}"
        if cycle["closed_at"] is None:
            raise OperationRefused(f"{cycle['name']} is not closed.")
        tx.update("cycles", cycle_id, known=cycle, closed_at=None)
    return tx.changeset()


def _checked_score(score: FinalScore) -> FinalScore:
    problem = limits.SHARE.problem(score.value)
    if problem:
        raise OperationRefused(f"The final score {problem}.")
    note = _text(score.note, "note")
    return FinalScore(float(score.value), note)


def _checked_reflection(reflection: Reflection) -> Reflection:
    return Reflection(_text(reflection.achieved, "note on what was achieved"),
                      _text(reflection.learned, "note on what was learned"),
                      _text(reflection.decided, "note on what was decided"))


def _text(value: object, what: str) -> str:
    problem = limits.LONG_TEXT.problem(value)
    if problem:
        raise OperationRefused(f"The {what} {problem}.")
    assert isinstance(value, str)
    return value.strip()


def _refuse_strangers(tx: Transaction, proposal: ClosingProposal,
                      given: Mapping[str, FinalScore], notes: Mapping[str, Reflection]) -> None:
    """Scores and reflections must name the cycle's own objectives and key results."""
    objectives = {objective.id for objective in proposal.objectives}
    scored = objectives | {kr.id for objective in proposal.objectives
                           for kr in objective.key_results}
    strangers = [(row_id, True) for row_id in given if row_id not in scored]
    strangers += [(row_id, False) for row_id in notes if row_id not in objectives]
    for row_id, is_score in strangers:
        row = tx.get("objectives", row_id) or tx.get("key_results", row_id)
        if row is None:
            raise NotFoundError(f"There is no objective or key result with id {row_id}.")
        what = quoted(row["title"])
        if not is_score:
            raise OperationRefused(f"{what} is not one of {proposal.cycle_name}'s objectives; "
                                   "reflections are written on objectives.")
        raise OperationRefused(f"{what} is not part of {proposal.cycle_name}; only the "
                               "cycle's own objectives and their key results are scored.")


def _score(tx: Transaction, added: dict[str, list[dict[str, Any]]], table: str, row_id: str,
           title: str, progress: float, given: FinalScore | None, proposed: float,
           reflection: Reflection | None, kept: dict[str, Any] | None) -> None:
    """Update the row's stored score, or add it to the rows to insert."""
    if given is not None and not given.note and needs_note(given.value, progress):
        raise OperationRefused(
            f"The final score of {quoted(title)} ({given.value:.2g}) differs from the "
            f"{score_from_progress(progress):.1f} its progress suggests: add a note saying "
            "why.")
    values: dict[str, Any] = (
        {"id": row_id, "value": given.value, "note": given.note} if given is not None
        else {"id": row_id, "value": proposed, "note": kept["note"] if kept else ""})
    if reflection is not None:
        values.update(achieved=reflection.achieved, learned=reflection.learned,
                      decided=reflection.decided)
    if kept is None:
        added[table].append(values)
    else:
        tx.update(table, row_id, known=kept, **values)
