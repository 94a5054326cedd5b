"""What the closing dialog holds for each objective, apart from any widget: the scores and notes
typed for it and its key results, and its three reflections. The list makes widgets only for the
objectives near the view, so everything typed lives here and a block is built from it again
when it comes back into view."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from okrdesk.analytics.closing import ClosingProposal, ProposedObjective, needs_note
from okrdesk.ops import FinalScore, Reflection
from okrdesk.snapshot import Snapshot

REFLECTION_KEYS = ("achieved", "learned", "decided")


@dataclass
class ObjectiveEntry:
    objective: ProposedObjective
    scores: dict[str, float]  # row id -> score typed (the objective first, then key results)
    notes: dict[str, str]
    reflections: dict[str, str] = field(default_factory=dict)
    progress: dict[str, float] = field(default_factory=dict)
    search_text: str = ""

    def matches(self, words: str, owner: str) -> bool:
        """Whether a filter (text typed, casefolded; an owner's name or "" for all) shows it."""
        return (not owner or self.objective.owner == owner) and (
            not words or words in self.search_text)

    def note_missing(self, row_id: str) -> bool:
        return needs_note(self.value(row_id), self.progress[row_id]) and not self.note(row_id)

    def first_missing_note(self) -> str | None:
        """The first row (objective, then its key results) whose note is needed and empty."""
        return next((row_id for row_id in self.scores if self.note_missing(row_id)), None)

    def value(self, row_id: str) -> float:
        return round(self.scores[row_id], 2)

    def note(self, row_id: str) -> str:
        return self.notes[row_id].strip()

    def final_scores(self) -> dict[str, FinalScore]:
        return {row_id: FinalScore(self.value(row_id), self.note(row_id))
                for row_id in self.scores}

    def reflection(self) -> Reflection:
        texts = [self.reflections.get(key, "").strip() for key in REFLECTION_KEYS]
        return Reflection(*texts)


def entries_of(proposal: ClosingProposal, snapshot: Snapshot) -> list[ObjectiveEntry]:
    """One entry per objective of the proposal, pre-filled with its scores and with the notes
    and reflections kept from an earlier closing of the cycle."""
    objective_scores, kr_scores = snapshot.objective_scores, snapshot.kr_scores
    entries = []
    for objective in proposal.objectives:
        kept = objective_scores.get(objective.id)
        scores = {objective.id: objective.score}
        notes = {objective.id: kept.note if kept is not None else ""}
        progress = {objective.id: objective.progress}
        for kr in objective.key_results:
            kept_kr = kr_scores.get(kr.id)
            scores[kr.id] = kr.score
            notes[kr.id] = kept_kr.note if kept_kr is not None else ""
            progress[kr.id] = kr.progress
        reflections = ({key: str(getattr(kept, key)) for key in REFLECTION_KEYS}
                       if kept is not None else {})
        entries.append(ObjectiveEntry(objective, scores, notes, reflections, progress,
                                      f"{objective.title}\n{objective.owner}".casefold()))
    return entries


def all_scores(entries: Sequence[ObjectiveEntry]) -> dict[str, FinalScore]:
    return {row_id: score for entry in entries for row_id, score in entry.final_scores().items()}


def all_reflections(entries: Sequence[ObjectiveEntry]) -> dict[str, Reflection]:
    return {entry.objective.id: entry.reflection() for entry in entries}
