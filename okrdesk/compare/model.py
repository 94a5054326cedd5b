"""What a comparison finds: rows added, removed, changed field by field and re-aligned.

Side A is the earlier or other plan (or cycle), side B the one being looked at: "added" is in B
and not in A. Every value is already put in words (people by name, parents by title), so the
command line, the JSON and the app show the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ADDED, REMOVED, CHANGED, REALIGNED = "added", "removed", "changed", "realigned"
GROUPS = (ADDED, REMOVED, CHANGED, REALIGNED)
# What the map marks on a card of side B, strongest first.
MARK_ORDER = (ADDED, REALIGNED, CHANGED)
TABLE_WORDS = {"objectives": "objective", "key_results": "key result", "units": "person",
               "levels": "level", "functions": "function", "cycles": "cycle"}


@dataclass(frozen=True, slots=True)
class FieldDifference:
    """One field of a row, before (side A) and after (side B), in words."""

    field: str  # the column, or a derived key such as "final_score"
    name: str  # the field's name for people: "Owner"
    before: str
    after: str

    def to_dict(self) -> dict[str, str]:
        return {"field": self.field, "name": self.name, "before": self.before,
                "after": self.after}


@dataclass(frozen=True, slots=True)
class Difference:
    """A row that differs. `objective_a` / `objective_b`: the objective it concerns on each
    side (itself, or a key result's objective), None where that side has none."""

    change: str  # ADDED, REMOVED, CHANGED or REALIGNED
    table: str  # objectives, key_results, units, levels, functions, cycles
    id_a: str | None
    id_b: str | None
    title: str  # the row's title or name
    context: str  # where it sits: an objective's owner, a key result's objective
    objective_a: str | None = None
    objective_b: str | None = None
    fields: tuple[FieldDifference, ...] = ()

    @property
    def what(self) -> str:
        return TABLE_WORDS.get(self.table, self.table)

    def to_dict(self) -> dict[str, Any]:
        return {"change": self.change, "kind": self.what, "table": self.table,
                "id_a": self.id_a, "id_b": self.id_b, "title": self.title,
                "context": self.context, "objective_a": self.objective_a,
                "objective_b": self.objective_b,
                "fields": [f.to_dict() for f in self.fields]}


@dataclass(frozen=True)
class PlanDiff:
    """Objectives and key results added, removed, changed and re-aligned; people, levels,
    functions and cycles that differ (`organisation`). Each list in a fixed order: by level,
    owner and title, a key result right after its objective."""

    label_a: str
    label_b: str
    added: tuple[Difference, ...] = ()
    removed: tuple[Difference, ...] = ()
    changed: tuple[Difference, ...] = ()
    realigned: tuple[Difference, ...] = ()
    organisation: tuple[Difference, ...] = ()

    def __bool__(self) -> bool:
        return any((self.added, self.removed, self.changed, self.realigned, self.organisation))

    def group(self, change: str) -> tuple[Difference, ...]:
        return {ADDED: self.added, REMOVED: self.removed, CHANGED: self.changed,
                REALIGNED: self.realigned}[change]

    def size(self) -> int:
        return sum(len(self.group(g)) for g in GROUPS) + len(self.organisation)

    def marks(self) -> dict[str, str]:
        """Side B objective id -> ADDED, REALIGNED or CHANGED (a key result that differs marks
        its objective changed), the strongest where several apply."""
        found: dict[str, str] = {}
        for change in (CHANGED, REALIGNED, ADDED):  # weakest first: stronger ones overwrite
            for difference in self.group(change):
                target = difference.objective_b
                if target is None:
                    continue
                mark = change if difference.table == "objectives" else CHANGED
                if MARK_ORDER.index(mark) <= MARK_ORDER.index(found.get(target, CHANGED)):
                    found[target] = mark
        for difference in self.removed:  # a key result gone: its objective changed
            if difference.table == "key_results" and difference.objective_b is not None:
                found.setdefault(difference.objective_b, CHANGED)
        return found

    def removed_objectives(self) -> list[Difference]:
        return [d for d in self.removed if d.table == "objectives"]

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.label_a, "b": self.label_b, "differences": self.size(),
                **{g: [d.to_dict() for d in self.group(g)] for g in GROUPS},
                "organisation": [d.to_dict() for d in self.organisation]}
