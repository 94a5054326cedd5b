"""Objectives and key results of two sides compared, once it is known which is which."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from operator import attrgetter

from okrdesk.compare import words
from okrdesk.compare.files import RowValues
from okrdesk.compare.matching import match_key_results
from okrdesk.compare.model import ADDED, CHANGED, REALIGNED, REMOVED, Difference, FieldDifference
from okrdesk.model import KrKind
from okrdesk.rulebook.alignment import level_positions, parents
from okrdesk.snapshot import KeyResultRow, ObjectiveRow, Snapshot

Order = tuple[int, str, str, str, int, int, str]
_KR_OBJECTIVE = [f.name for f in fields(KeyResultRow)].index("objective_id")


@dataclass
class Sides:
    """Two snapshots (one twice, for two cycles) and which objective of A is which of B.
    `by_id`: key results pair by id across objectives (two plans); else within each pair of
    objectives, by id and then title (two cycles). `values_a` / `values_b` tell a row the
    same as its twin in one step (the common case). `skip`: objective fields not compared."""

    a: Snapshot
    b: Snapshot
    match: dict[str, str]
    only_a: list[str]
    only_b: list[str]
    by_id: bool
    values_a: RowValues  # every column of each objective and key result, as read
    values_b: RowValues
    skip: frozenset[str] = frozenset()
    found: dict[str, list[tuple[Order, Difference]]] = field(
        default_factory=lambda: defaultdict(list))

    def add(self, order: Order, difference: Difference) -> None:
        self.found[difference.change].append((order, difference))

    def sorted(self, change: str) -> tuple[Difference, ...]:
        return tuple(d for _, d in sorted(self.found[change], key=lambda pair: pair[0]))


def compare_objectives(sides: Sides) -> None:
    """Fill `sides.found` with every objective and key result difference."""
    a, b = sides.a, sides.b
    order_a, order_b = _orderer(a), _orderer(b)
    for oid in sides.only_a:
        row = a.objectives[oid]
        sides.add(order_a(row), Difference(REMOVED, "objectives", oid, None, row.title,
                                           words.owner_context(a, row), oid, None))
    for oid in sides.only_b:
        row = b.objectives[oid]
        sides.add(order_b(row), Difference(ADDED, "objectives", None, oid, row.title,
                                           words.owner_context(b, row), None, oid))
    names = [n for n in words.OBJECTIVE_FIELDS if n not in sides.skip]
    values = attrgetter(*names)
    parents_a, parents_b = parents(a), parents(b)
    targets_a, targets_b = _contributions(a), _contributions(b)
    scores_a, scores_b = a.objective_scores, b.objective_scores
    match = sides.match
    columns_a, columns_b = sides.values_a["objectives"], sides.values_b["objectives"]
    for a_id, b_id in match.items():
        parent_a, parent_b = parents_a.get(a_id), parents_b.get(b_id)
        realigned = (match.get(parent_a, parent_a) if parent_a else None) != parent_b
        if (not realigned and columns_a[a_id] == columns_b[b_id]
                and scores_a.get(a_id) == scores_b.get(b_id)  # both None, mostly
                and a_id not in targets_a and b_id not in targets_b):
            continue  # the common case, decided without a word written
        row_a, row_b = a.objectives[a_id], b.objectives[b_id]
        same = (values(row_a) == values(row_b) and not realigned
                and scores_a.get(a_id) == scores_b.get(b_id)
                and a_id not in targets_a and b_id not in targets_b)
        if same:  # another id or place only (two cycles), nothing compared differs
            continue
        changes = []
        if values(row_a) != values(row_b):
            changes = [_field(a, b, "objectives", n, getattr(row_a, n), getattr(row_b, n))
                       for n in names if getattr(row_a, n) != getattr(row_b, n)]
        changes += _scores(words.FINAL_SCORE, scores_a.get(a_id), scores_b.get(b_id))
        changes += _links(sides, targets_a.get(a_id, ()), targets_b.get(b_id, ()))
        context = words.owner_context(b, row_b)
        if changes:
            sides.add(order_b(row_b), Difference(CHANGED, "objectives", a_id, b_id, row_b.title,
                                                 context, a_id, b_id, tuple(changes)))
        if realigned:
            moved = FieldDifference(words.PARENT, words.DERIVED_NAMES[words.PARENT],
                                    words.objective_title(a, parent_a),
                                    words.objective_title(b, parent_b))
            sides.add(order_b(row_b), Difference(REALIGNED, "objectives", a_id, b_id,
                                                 row_b.title, context, a_id, b_id, (moved,)))
    _compare_key_results(sides, order_a, order_b)


def _compare_key_results(sides: Sides, order_a: Callable[..., Order],
                         order_b: Callable[..., Order]) -> None:
    a, b = sides.a, sides.b
    names = list(words.KEY_RESULT_FIELDS)
    values = attrgetter(*names)
    a_of = {b_id: a_id for a_id, b_id in sides.match.items()}
    for kr_a, kr_b in _kr_pairs(sides):
        if kr_b is None:
            assert kr_a is not None
            if not a.aligned_to_kr.get(kr_a.id):  # a stand-in goes with its alignment
                objective = a.objectives[kr_a.objective_id]
                sides.add(order_a(objective, kr_a), Difference(
                    REMOVED, "key_results", kr_a.id, None, kr_a.title,
                    words.objective_title(a, objective.id), objective.id,
                    sides.match.get(objective.id)))
            continue
        objective_b = b.objectives[kr_b.objective_id]
        if kr_a is None:
            if not b.aligned_to_kr.get(kr_b.id):
                sides.add(order_b(objective_b, kr_b), Difference(
                    ADDED, "key_results", None, kr_b.id, kr_b.title,
                    words.objective_title(b, objective_b.id), a_of.get(objective_b.id),
                    objective_b.id))
            continue
        where = words.objective_title(b, objective_b.id)
        if sides.match.get(kr_a.objective_id) != kr_b.objective_id:
            moved = FieldDifference(words.MOVED, words.DERIVED_NAMES[words.MOVED],
                                    words.objective_title(a, kr_a.objective_id), where)
            sides.add(order_b(objective_b, kr_b), Difference(
                REALIGNED, "key_results", kr_a.id, kr_b.id, kr_b.title, where,
                kr_a.objective_id, objective_b.id, (moved,)))
        stand_in = kr_a.kind == kr_b.kind == KrKind.OBJECTIVE
        compared = ["weight"] if stand_in else names  # a stand-in's text follows its objective
        changes = []
        if stand_in or values(kr_a) != values(kr_b):
            changes = [_field(a, b, "key_results", n, getattr(kr_a, n), getattr(kr_b, n))
                       for n in compared if getattr(kr_a, n) != getattr(kr_b, n)]
        changes += _scores(words.FINAL_SCORE, a.kr_scores.get(kr_a.id), b.kr_scores.get(kr_b.id))
        if changes:
            sides.add(order_b(objective_b, kr_b), Difference(
                CHANGED, "key_results", kr_a.id, kr_b.id, kr_b.title, where,
                kr_a.objective_id, objective_b.id, tuple(changes)))


def _kr_pairs(sides: Sides) -> Iterator[tuple[KeyResultRow | None, KeyResultRow | None]]:
    """Key results of the compared objectives, paired, leaving out pairs that are plainly the
    same (one row, unchanged, under the matching objective, no score either side). With ids
    shared, a key result moved from or to an objective only one side has (or one outside the
    compared cycle) pairs too."""
    a, b = sides.a, sides.b
    match = sides.match
    if not sides.by_id:
        for a_id, b_id in match.items():
            yield from match_key_results(a.key_results_of(a_id), b.key_results_of(b_id))
        return
    krs_a, krs_b = a.key_results, b.key_results
    scores_a, scores_b = a.kr_scores, b.kr_scores
    columns_b = sides.values_b["key_results"]
    matched_b = set(match.values())
    scored = scores_a.keys() | scores_b.keys()  # few or none: most rows skip looking
    for kr_id, columns in sides.values_a["key_results"].items():
        objective_id = columns[_KR_OBJECTIVE]
        if objective_id not in match:
            continue
        if (columns_b.get(kr_id) == columns and match[objective_id] == objective_id
                and (kr_id not in scored or scores_a.get(kr_id) == scores_b.get(kr_id))):
            continue  # one row, unchanged, under the same objective
        yield krs_a[kr_id], krs_b.get(kr_id)
    for kr_id, kr_b in krs_b.items():
        if kr_b.objective_id in matched_b:
            earlier = krs_a.get(kr_id)
            if earlier is None or earlier.objective_id not in match:
                yield earlier, kr_b


def _field(a: Snapshot, b: Snapshot, table: str, column: str, before: object,
           after: object) -> FieldDifference:
    names = words.OBJECTIVE_FIELDS if table == "objectives" else words.KEY_RESULT_FIELDS
    return FieldDifference(column, names[column], words.field_value(a, table, column, before),
                           words.field_value(b, table, column, after))


def _scores(key: str, before: object, after: object) -> list[FieldDifference]:
    value_a = getattr(before, "value", None)
    value_b = getattr(after, "value", None)
    if value_a == value_b:
        return []
    return [FieldDifference(key, words.DERIVED_NAMES[key], words.number(value_a),
                            words.number(value_b))]


def _contributions(snapshot: Snapshot) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for link in snapshot.contributions.values():
        found[link.source_id].add(link.target_id)
    return found


def _links(sides: Sides, targets_a: set[str] | tuple[()],
           targets_b: set[str] | tuple[()]) -> list[FieldDifference]:
    seen_from_b = {sides.match.get(t, t) for t in targets_a}
    if seen_from_b == set(targets_b):
        return []
    def listed(snapshot: Snapshot, ids: set[str] | tuple[()]) -> str:
        titles = sorted(words.objective_title(snapshot, t) for t in ids)
        return "; ".join(titles) or words.NOTHING
    return [FieldDifference(words.CONTRIBUTES, words.DERIVED_NAMES[words.CONTRIBUTES],
                            listed(sides.a, targets_a), listed(sides.b, targets_b))]


def _orderer(snapshot: Snapshot) -> Callable[..., Order]:
    """The sort key of an objective (and of one of its key results): level, owner, title."""
    places = level_positions(snapshot)

    def order(objective: ObjectiveRow, kr: KeyResultRow | None = None) -> Order:
        owner = snapshot.units.get(objective.owner_id)
        place = places.get(owner.level_id, len(places)) if owner is not None else len(places)
        return (place, owner.name.casefold() if owner else "", objective.title.casefold(),
                objective.id, 0 if kr is None else 1, kr.position if kr else 0,
                kr.id if kr else "")
    return order
