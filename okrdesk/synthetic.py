"""A synthetic organisation of N people with a realistic OKR plan, for benchmarks and tests.

Five levels with a fan-out of about five to eight, functions that run down the reporting tree,
about three objectives per person with about three key results each, bottom-up alignment that
dominates the upper levels and top-down (delegated) alignment that dominates the lower ones, some
contributes-to links, orphans and skip-level links. Deterministic for a given seed. Rows are
written with bulk inserts in one transaction, so ten thousand people take a few seconds.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from okrdesk.errors import OkrDeskError
from okrdesk.storage.plan import Plan
from okrdesk.storage.transaction import table_of

LEVEL_NAMES = ("C-suite", "Vice Presidents", "Directors", "Managers", "Team members")
FUNCTION_NAMES = ("Sales", "Marketing", "Engineering", "Product", "Operations", "Finance",
                  "Customer Service", "People")
# A function that is not critical this cycle: its vice presidents contribute to other
# functions' objectives instead of aligning to the company's (see the seeds).
SUPPORTING_FUNCTION = "People"
BOTTOM_UP_CHANCE = (0.0, 0.8, 0.6, 0.4, 0.15)  # by the child's level rank
DELEGATED_KR_CHANCE = (0.0, 0.05, 0.15, 0.3, 0.6)
ORPHAN_CHANCE = 0.03
SKIP_CHANCE = 0.05
ATTACH_CHANCE = 0.15  # bottom-up under an existing key result instead of a new one
CONTRIBUTES_CHANCE = 0.04
PLACEHOLDER_CHANCE = 0.005
DUPLICATE_CHANCE = 0.002
_UNIT_WORDS = ("office", "division", "department", "team", "desk")
MISSING_TARGET_CHANCE = 0.01
MIN_PEOPLE = len(LEVEL_NAMES)

_FIRST = ("Ada", "Ben", "Chen", "Dana", "Eli", "Fatima", "Goran", "Hana", "Ines", "Jon", "Kemal",
          "Lena", "Mo", "Nadia", "Omar", "Pia", "Quinn", "Rosa", "Sami", "Tara", "Uma", "Viktor")
_LAST = ("Adams", "Berg", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Horvat", "Ito",
         "Jansen", "Kowalski", "Larsen", "Moreau", "Novak", "Okafor", "Patel", "Rossi", "Silva")
_VERBS = ("Grow", "Improve", "Launch", "Reduce", "Strengthen", "Simplify", "Expand", "Win",
          "Deliver", "Modernise")
_THINGS = ("customer retention", "the partner channel", "onboarding", "release quality",
           "regional reach", "service response times", "the mobile app", "pipeline coverage",
           "cost to serve", "team engagement", "the self-service portal", "data quality")
_TOPICS = [(verb, thing) for verb in _VERBS for thing in _THINGS]
_UNITS = ("%", "customers", "k EUR", "deals", "releases", "days", "points")
KR_KINDS = ("increase", "decrease", "stay_above", "stay_below", "milestone", "no_metric")
_KR_KIND_WEIGHTS = (50, 15, 8, 7, 15, 1)


@dataclass
class _Person:
    id: str
    rank: int
    manager: _Person | None
    function_id: str | None
    label: str
    objectives: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _Plan:
    """Rows per table, in insertion order."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, table: str, **values: Any) -> dict[str, Any]:
        self.rows.setdefault(table, []).append(values)
        return values


def level_sizes(people: int) -> list[int]:
    """People per level: a small C-suite, then a geometric fan-out to the team members."""
    if people < MIN_PEOPLE:
        raise OkrDeskError(f"A synthetic organisation needs at least {MIN_PEOPLE} people, "
                           f"one per level; {people} were asked for.")
    top = max(1, round(people / 1500))
    low, high = 1.0, 100.0
    for _ in range(60):
        ratio = (low + high) / 2
        total = top * sum(ratio**k for k in range(len(LEVEL_NAMES)))
        low, high = (ratio, high) if total < people else (low, ratio)
    sizes = [top] + [max(1, int(top * low**k)) for k in range(1, len(LEVEL_NAMES) - 1)]
    sizes.append(people - sum(sizes))
    return sizes


class _Generator:
    def __init__(self, people: int, seed: int, year: int) -> None:
        self.people_count = people
        self.rng = random.Random(seed)
        self.year = year
        self.stamp = f"{year - 1}-12-01T09:00:00.000000+00:00"
        self.plan = _Plan()
        self.people: list[list[_Person]] = []
        self.links: set[tuple[str, str]] = set()

    def new_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def add(self, table: str, **values: Any) -> dict[str, Any]:
        values.setdefault("id", self.new_id())
        return self.plan.add(table, created_at=self.stamp, updated_at=self.stamp, **values)

    def build(self) -> _Plan:
        settings = {"plan_name": f"Synthetic organisation of {self.people_count} people",
                    "bottom_up_target": "0.5", "max_objectives_per_owner": "5",
                    "max_key_results": "5"}
        for key, value in settings.items():
            self.add("settings", key=key, value=value)
        self._cycles()
        self._organisation()
        alignment = self._objectives()
        self._key_results(alignment)
        return self.plan

    def _cycles(self) -> None:
        y = self.year
        self.year_id = self.add("cycles", name=str(y), kind="year", parent_id=None,
                                starts_on=f"{y}-01-01", ends_on=f"{y}-12-31")["id"]
        ends = ("03-31", "06-30", "09-30", "12-31")
        self.quarter_ids = [
            self.add("cycles", name=f"{y}-Q{q + 1}", kind="quarter", parent_id=self.year_id,
                     starts_on=f"{y}-{3 * q + 1:02d}-01", ends_on=f"{y}-{ends[q]}")["id"]
            for q in range(4)
        ]
        self.add("cycles", name="Backlog", kind="backlog", parent_id=None, starts_on=None,
                 ends_on=None)

    def _organisation(self) -> None:
        level_ids = [self.add("levels", rank=rank, name=name)["id"]
                     for rank, name in enumerate(LEVEL_NAMES)]
        function_ids = {name: self.add("functions", name=name)["id"] for name in FUNCTION_NAMES}
        self.supporting_id = function_ids[SUPPORTING_FUNCTION]
        functions = list(function_ids.values())
        function_names = {v: k for k, v in function_ids.items()}
        for rank, size in enumerate(level_sizes(self.people_count)):
            above = self.people[-1] if self.people else []
            managers = list(above)
            self.rng.shuffle(managers)
            level: list[_Person] = []
            for i in range(size):
                if rank == 0:
                    manager = level[0] if level else None
                    function = functions[(i - 1) % len(functions)] if i else None
                else:
                    manager = managers[i * len(managers) // size]
                    function = manager.function_id or functions[i % len(functions)]
                name = function_names.get(function or '', 'Company')
                label = f"{name} {_UNIT_WORDS[rank]} {i + 1}"
                person = _Person(self.new_id(), rank, manager, function, label)
                level.append(person)
                self.add("units", id=person.id, name=self._name(), kind="person",
                         role=LEVEL_NAMES[rank], level_id=level_ids[rank],
                         function_id=function, manager_id=manager.id if manager else None)
            self.people.append(level)

    def _name(self) -> str:
        return f"{self.rng.choice(_FIRST)} {self.rng.choice(_LAST)}"

    def _objectives(self) -> dict[str, list[tuple[dict[str, Any], str]]]:
        """Create every objective; return per parent objective its children and how they align."""
        children: dict[str, list[tuple[dict[str, Any], str]]] = {}
        rng = self.rng
        previous: dict[str, Any] | None = None
        for level in self.people:
            for person in level:
                cycle = self.year_id if person.rank < 2 else self.quarter_ids[0]
                count = rng.choice((2, 3, 3, 3, 4))
                for position, (verb, thing) in enumerate(rng.sample(_TOPICS, count)):
                    title = f"{verb} {thing}, {person.label}"
                    if previous and rng.random() < DUPLICATE_CHANCE:
                        title = previous["title"]
                    objective = previous = self.add(
                        "objectives", title=title,
                        description="", owner_id=person.id, cycle_id=cycle, origin="own",
                        commitment="committed" if rng.random() < 0.8 else "aspirational",
                        visibility="published", status=None, parent_kr_id=None,
                        position=position)
                    objective["_planned"] = rng.choice((2, 3, 3, 3, 4))
                    person.objectives.append(objective)
                    if person.manager is not None and person.rank > 0:
                        self._align(person, objective, children)
        return children

    def _align(self, person: _Person, objective: dict[str, Any],
               children: dict[str, list[tuple[dict[str, Any], str]]]) -> None:
        rng = self.rng
        manager = person.manager
        assert manager is not None
        if person.rank == 1 and person.function_id == self.supporting_id:
            self._contribute(objective, self.people[1])
            return
        roll = rng.random()
        if roll < ORPHAN_CHANCE:
            return
        if roll < CONTRIBUTES_CHANCE + ORPHAN_CHANCE:
            self._contribute(objective, self.people[person.rank - 1])
        above = manager
        if person.rank >= 2 and manager.manager is not None and rng.random() < SKIP_CHANCE:
            above = manager.manager
        parent = rng.choice(above.objectives)
        if rng.random() < BOTTOM_UP_CHANCE[person.rank]:
            mode = "attach" if rng.random() < ATTACH_CHANCE else "new_kr"
        else:
            mode = "delegate"
            objective["origin"] = "delegated"
        children.setdefault(parent["id"], []).append((objective, mode))

    def _contribute(self, objective: dict[str, Any], candidates: list[_Person]) -> None:
        others = [p for p in candidates if p.objectives and p.function_id != self.supporting_id]
        if not others:
            return
        target = self.rng.choice(self.rng.choice(others).objectives)
        pair = (objective["id"], target["id"])
        if pair[0] != pair[1] and pair not in self.links:
            self.links.add(pair)
            self.add("contributions", source_id=pair[0], target_id=pair[1],
                     note="Helps with this objective")

    def _key_results(self, children: dict[str, list[tuple[dict[str, Any], str]]]) -> None:
        ranks = {p.id: p.rank for level in self.people for p in level}
        for objective in self.plan.rows["objectives"]:
            planned = objective.pop("_planned")
            mine = children.get(objective["id"], [])
            standing = [child for child, mode in mine if mode == "new_kr"]
            needs_metric = len(standing) < len(mine)
            metric_count = max(planned - len(standing), 1 if needs_metric else 0)
            rank = ranks[objective["owner_id"]]
            metric_ids = [self._metric_kr(objective["id"], rank, position)["id"]
                          for position in range(metric_count)]
            for position, child in enumerate(standing, start=metric_count):
                child["parent_kr_id"] = self.add(
                    "key_results", objective_id=objective["id"], title=child["title"],
                    kind="objective", origin="own", unit="", start_value=None,
                    target_value=None, current_value=None, weight=1.0, confidence=None,
                    position=position)["id"]
            for child, mode in mine:
                if mode != "new_kr":
                    child["parent_kr_id"] = self.rng.choice(metric_ids)

    def _metric_kr(self, objective_id: str, rank: int, position: int) -> dict[str, Any]:
        rng = self.rng
        kind = rng.choices(KR_KINDS, weights=_KR_KIND_WEIGHTS)[0]
        unit = rng.choice(_UNITS)
        base = float(rng.choice((0, 10, 50, 100)))
        step = float(rng.choice((10, 20, 50, 100)))
        start: float | None = base
        target: float | None
        if kind == "increase":
            target = base + step
            current: float | None = round(base + step * rng.random() * 1.1, 1)
        elif kind == "decrease":
            start, target = 200.0, 200.0 - step
            current = round(200.0 - step * rng.random() * 1.1, 1)
        elif kind in ("stay_above", "stay_below"):
            start, target = None, 95.0 if kind == "stay_above" else 5.0
            current = round(target + rng.uniform(-5.0, 5.0), 1)
        elif kind == "milestone":
            start, target, current, unit = 0.0, 1.0, float(rng.random() < 0.4), ""
        else:
            start = target = current = None
            unit = ""
        title = f"{rng.choice(_VERBS)} {rng.choice(_THINGS)} ({unit or kind})"
        if rng.random() < PLACEHOLDER_CHANCE:
            title = "x new followers by end of the month"
        if kind in ("increase", "decrease") and rng.random() < MISSING_TARGET_CHANCE:
            target = None
        return self.add(
            "key_results", objective_id=objective_id, title=title, kind=kind,
            origin="delegated" if rng.random() < DELEGATED_KR_CHANCE[rank] else "own",
            unit=unit, start_value=start, target_value=target, current_value=current,
            weight=rng.choice((1.0, 1.0, 1.0, 2.0, 0.5)),
            confidence=round(rng.uniform(0.3, 0.9), 1), position=position)


TABLE_ORDER = ("settings", "levels", "functions", "cycles", "units", "objectives", "key_results",
               "contributions")


def generate_plan(path: Path | str, people: int, *, seed: int = 0, year: int = 2027,
                  overwrite: bool = False) -> Path:
    """Write a synthetic organisation of `people` people to a new plan file at `path`."""
    rows = _Generator(people, seed, year).build().rows
    path = Path(path)
    plan = Plan.create(path, overwrite=overwrite)
    try:
        with plan.engine.connect().execution_options(sqlite_begin="IMMEDIATE") as connection:
            connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
            for table in TABLE_ORDER:
                if rows.get(table):
                    connection.execute(insert(table_of(table)), rows[table])
            connection.commit()
    finally:
        plan.close()
    return path
