"""Which objective of one side is which of the other.

Two plans (a plan and its draft, its copy or an older copy) share row ids, so rows match by id.
Two cycles of one plan match an objective to itself (a year objective seen from both quarters),
then through the copied-from links carrying over leaves (objectives.copied_from_id, followed
back however many times the work was carried), then by title and owner; key results of matched
objectives match by id, then by title.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from okrdesk.snapshot import KeyResultRow, Snapshot


def title_key(title: str) -> str:
    return " ".join(title.split()).casefold()


def match_by_copies(snapshot: Snapshot, ids_a: Iterable[str],
                    ids_b: Iterable[str]) -> dict[str, str]:
    """A id -> B id for the objectives of two scopes of one plan (see the module)."""
    set_a, set_b = set(ids_a), set(ids_b)
    matched = {oid: oid for oid in sorted(set_a & set_b)}
    taken = set(matched.values())
    # Copies run either way: B carried over from A, or A from B (comparing with a later cycle).
    for source, targets, forward in ((set_a, set_b, True), (set_b, set_a, False)):
        for oid in sorted(targets):
            ancestor = _copied_ancestor(snapshot, oid, source)
            if ancestor is None:
                continue
            a_id, b_id = (ancestor, oid) if forward else (oid, ancestor)
            if a_id not in matched and b_id not in taken:
                matched[a_id] = b_id
                taken.add(b_id)
    rest_a = [oid for oid in set_a if oid not in matched]
    rest_b = {oid for oid in set_b if oid not in taken}
    matched.update(_by_title_and_owner(snapshot, rest_a, rest_b))
    return matched


def _copied_ancestor(snapshot: Snapshot, objective_id: str, wanted: set[str]) -> str | None:
    """The nearest objective in `wanted` this one was copied from (loop-safe)."""
    seen = {objective_id}
    source = snapshot.objectives[objective_id].copied_from_id
    while source is not None and source not in seen:
        if source in wanted:
            return source
        seen.add(source)
        row = snapshot.objectives.get(source)
        source = row.copied_from_id if row is not None else None
    return None


def _by_title_and_owner(snapshot: Snapshot, ids_a: Iterable[str],
                        ids_b: set[str]) -> dict[str, str]:
    """Objectives of the same owner and title (ignoring case and spacing), paired in their
    order where an owner has several of one title."""
    waiting: dict[tuple[str, str], list[str]] = defaultdict(list)
    for oid in sorted(ids_b, key=lambda o: _order(snapshot, o)):
        row = snapshot.objectives[oid]
        waiting[(row.owner_id, title_key(row.title))].append(oid)
    matched = {}
    for oid in sorted(ids_a, key=lambda o: _order(snapshot, o)):
        row = snapshot.objectives[oid]
        candidates = waiting.get((row.owner_id, title_key(row.title)))
        if candidates:
            matched[oid] = candidates.pop(0)
    return matched


def _order(snapshot: Snapshot, objective_id: str) -> tuple[int, str, str]:
    row = snapshot.objectives[objective_id]
    return row.position, row.created_at, row.id


def match_key_results(krs_a: list[KeyResultRow], krs_b: list[KeyResultRow]
                      ) -> list[tuple[KeyResultRow | None, KeyResultRow | None]]:
    """Pairs of two objectives' key results: by id, then by title in their order; the rest
    alone (added or removed)."""
    by_id = {kr.id: kr for kr in krs_b}
    pairs: list[tuple[KeyResultRow | None, KeyResultRow | None]] = []
    left_a = []
    for kr in krs_a:
        twin = by_id.pop(kr.id, None)
        if twin is not None:
            pairs.append((kr, twin))
        else:
            left_a.append(kr)
    waiting: dict[str, list[KeyResultRow]] = defaultdict(list)
    for kr in krs_b:
        if kr.id in by_id:
            waiting[title_key(kr.title)].append(kr)
    for kr in left_a:
        candidates = waiting.get(title_key(kr.title))
        pairs.append((kr, candidates.pop(0) if candidates else None))
    pairs.extend((None, kr) for group in waiting.values() for kr in group)
    return pairs
