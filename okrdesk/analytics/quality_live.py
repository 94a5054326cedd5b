"""Quality findings kept current per change set, equal to quality_findings of the snapshot.

Findings are held per objective, key result and link, and owner and title counts per cycle, so
that a change set costs work in proportion to the rows it touches. A change to the settings,
levels or cycles (rare, and able to touch every objective) rebuilds everything.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from okrdesk.analytics.findings import Finding, finished
from okrdesk.analytics.quality import (
    DEFAULT_MAX_KEY_RESULTS,
    DEFAULT_MAX_OBJECTIVES_PER_OWNER,
    contribution_findings,
    duplicate_titles,
    int_setting,
    key_result_reference_findings,
    loop_through,
    normal_title,
    objective_findings,
    objective_reference_findings,
    owner_findings,
    too_many_objectives,
)
from okrdesk.rulebook import cycle_view, parent_through, view_objectives
from okrdesk.snapshot import Snapshot
from okrdesk.storage.changes import ChangeSet

REBUILD_TABLES = frozenset({"settings", "levels", "cycles"})
OwnerKey = tuple[str, str]  # (owner id, cycle id)
TitleKey = tuple[str, str]  # (cycle id, normalised title)


class QualityTracker:
    """Call `apply(changes)` after `snapshot.apply(changes)`; `findings(cycle)` is then current."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self._build()

    def _build(self) -> None:
        snapshot = self.snapshot
        self.most_krs = int_setting(snapshot, "max_key_results", DEFAULT_MAX_KEY_RESULTS)
        self.most_objectives = int_setting(snapshot, "max_objectives_per_owner",
                                           DEFAULT_MAX_OBJECTIVES_PER_OWNER)
        # What each objective was counted as: (owner id, cycle id, normalised title).
        self.counted: dict[str, tuple[str, str, str]] = {}
        self.per_owner: dict[OwnerKey, int] = defaultdict(int)
        self.titles: dict[TitleKey, set[str]] = defaultdict(set)
        self.owned: dict[str, set[str]] = defaultdict(set)
        self.crowded: set[OwnerKey] = set()  # more objectives than allowed
        self.shared: set[TitleKey] = set()  # titles used more than once
        # Non-empty findings only: objective checks grouped by cycle, references by row.
        self.checks: dict[str, dict[str, list[Finding]]] = defaultdict(dict)
        self.references: dict[str, list[Finding]] = {}
        self.looped: set[str] = set()
        self.kr_references: dict[str, list[Finding]] = {}
        self.link_references: dict[str, list[Finding]] = {}
        self.links_of: dict[str, set[str]] = defaultdict(set)
        self.link_ends: dict[str, tuple[str, str]] = {}
        self._refresh_objectives(snapshot.objectives, whole=True)
        self._refresh_key_results(snapshot.key_results)
        self._refresh_links(snapshot.contributions)

    # -- keeping current ------------------------------------------------------------------

    def apply(self, changes: ChangeSet) -> None:
        if any(change.table in REBUILD_TABLES for change in changes):
            self._build()
            return
        snapshot = self.snapshot
        objectives: set[str] = set()
        krs: set[str] = set()
        links: set[str] = set()
        for change in changes:
            rows = [row for row in (change.before, change.after) if row is not None]
            if change.table == "objectives":
                objectives.add(change.row_id)
                for row in rows:  # the objective above counts the objectives aligned to it
                    parent = parent_through(row["parent_kr_id"], snapshot.key_results.get,
                                            snapshot.objectives.__contains__)
                    if parent is not None:
                        objectives.add(parent)
                krs.update(snapshot.krs_of.get(change.row_id, ()))
                links.update(self.links_of.get(change.row_id, ()))
            elif change.table == "key_results":
                krs.add(change.row_id)
                objectives.update(row["objective_id"] for row in rows)
                objectives.update(snapshot.aligned_to_kr.get(change.row_id, ()))
            elif change.table == "contributions":
                links.add(change.row_id)
            elif change.table == "units":  # findings name the owner
                owned = self.owned.get(change.row_id, ())
                objectives.update(owned)
                for objective_id in owned:
                    links.update(self.links_of.get(objective_id, ()))
        self._refresh_objectives(objectives)
        self._refresh_key_results(krs)
        self._refresh_links(links)

    def _refresh_objectives(self, objective_ids: Iterable[str], whole: bool = False) -> None:
        snapshot = self.snapshot
        touched = set(objective_ids)
        for objective_id in touched:
            self._uncount(objective_id)
            if objective_id in snapshot.objectives:
                self._count(objective_id)
        # A loop made or broken runs through a touched objective; one broken was known before.
        again = touched | self.looped
        for objective_id in () if whole else touched:
            if objective_id in snapshot.objectives:
                again.update(loop_through(snapshot, objective_id))
        for objective_id in again:
            self.references.pop(objective_id, None)
            self.looped.discard(objective_id)
            if objective_id not in snapshot.objectives:
                continue
            found = objective_reference_findings(snapshot, objective_id)
            if found:
                self.references[objective_id] = found
                if any(f.code == "alignment_loop" for f in found):
                    self.looped.add(objective_id)

    def _uncount(self, objective_id: str) -> None:
        known = self.counted.pop(objective_id, None)
        if known is None:
            return
        owner_id, cycle_id, title = known
        self.per_owner[owner_id, cycle_id] -= 1
        self._mark(owner_id, cycle_id, title)
        self.titles[cycle_id, title].discard(objective_id)
        self._mark(owner_id, cycle_id, title)
        self.owned[owner_id].discard(objective_id)
        self.checks[cycle_id].pop(objective_id, None)

    def _count(self, objective_id: str) -> None:
        objective = self.snapshot.objectives[objective_id]
        owner_id, cycle_id = objective.owner_id, objective.cycle_id
        title = normal_title(objective.title)
        self.counted[objective_id] = (owner_id, cycle_id, title)
        self.per_owner[owner_id, cycle_id] += 1
        self.titles[cycle_id, title].add(objective_id)
        self._mark(owner_id, cycle_id, title)
        self.owned[owner_id].add(objective_id)
        found = objective_findings(self.snapshot, objective_id, self.most_krs)
        if found:
            self.checks[cycle_id][objective_id] = found

    def _mark(self, owner_id: str, cycle_id: str, title: str) -> None:
        if self.per_owner[owner_id, cycle_id] > self.most_objectives:
            self.crowded.add((owner_id, cycle_id))
        else:
            self.crowded.discard((owner_id, cycle_id))
        if len(self.titles[cycle_id, title]) > 1:
            self.shared.add((cycle_id, title))
        else:
            self.shared.discard((cycle_id, title))

    def _refresh_key_results(self, kr_ids: Iterable[str]) -> None:
        for kr_id in kr_ids:
            self.kr_references.pop(kr_id, None)
            if kr_id in self.snapshot.key_results:
                found = key_result_reference_findings(self.snapshot, kr_id)
                if found:
                    self.kr_references[kr_id] = found

    def _refresh_links(self, link_ids: Iterable[str]) -> None:
        contributions = self.snapshot.contributions
        for link_id in link_ids:
            self.link_references.pop(link_id, None)
            for end in self.link_ends.pop(link_id, ()):
                self.links_of[end].discard(link_id)
            link = contributions.get(link_id)
            if link is None:
                continue
            self.link_ends[link_id] = (link.source_id, link.target_id)
            self.links_of[link.source_id].add(link_id)
            self.links_of[link.target_id].add(link_id)
            found = contribution_findings(self.snapshot, link_id)
            if found:
                self.link_references[link_id] = found

    # -- reading --------------------------------------------------------------------------

    def findings(self, cycle_id: str | None) -> list[Finding]:
        """The same findings, in the same order, as quality_findings(snapshot, cycle_id)."""
        snapshot = self.snapshot
        view = cycle_view(snapshot, cycle_id)
        if view.year_id is not None:
            return self._partial_view(cycle_id)
        cycles = view.cycles
        found = [f for cycle_key, flagged in self.checks.items()
                 if cycles is None or cycle_key in cycles
                 for listed in flagged.values() for f in listed]
        found += [too_many_objectives(snapshot, owner_id, cycle_key,
                                      self.per_owner[owner_id, cycle_key], self.most_objectives)
                  for owner_id, cycle_key in self.crowded
                  if cycles is None or cycle_key in cycles]
        for key in self.shared:
            if cycles is None or key[0] in cycles:
                found += duplicate_titles(snapshot, self.titles[key])
        return finished(found + self._references())

    def _partial_view(self, cycle_id: str | None) -> list[Finding]:
        """A quarter's view holds only some of its year's objectives: count them afresh."""
        objective_ids = view_objectives(self.snapshot, cycle_id)
        found: list[Finding] = []
        for objective_id in objective_ids:
            known = self.counted[objective_id]
            found += self.checks[known[1]].get(objective_id, ())
        found += owner_findings(self.snapshot, objective_ids)
        return finished(found + self._references())

    def _references(self) -> list[Finding]:
        return [f for store in (self.references, self.kr_references, self.link_references)
                for listed in store.values() for f in listed]
