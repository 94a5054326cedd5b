"""Random plans for the rulebook's cross-checks, written row by row as a planner's file could be.

Shapes the operations make and some only a hand-edited file holds: level ranks with gaps,
skip-level links, alignments across cycles and upwards, quarters under years and without one,
undated cycles, orphans, contributes-to links. No loops and no broken references: a plan file
holding those is refused when it is opened.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st

from okrdesk.storage import Plan

YEARS = (2026, 2027, 2028)
QUARTER_DATES = (("01-01", "03-31"), ("04-01", "06-30"), ("07-01", "09-30"), ("10-01", "12-31"))


@dataclass(frozen=True)
class CycleSpec:
    name: str
    kind: str
    parent: int | None  # index of the year, for a quarter
    starts_on: str | None
    ends_on: str | None


@dataclass(frozen=True)
class ObjectiveSpec:
    owner: int
    cycle: int
    origin: str
    metric_krs: int
    parent: int | None  # index of the objective it aligns to
    attach: bool  # under an existing metric key result of the parent, if it has one


@dataclass(frozen=True)
class PlanSpec:
    ranks: tuple[int, ...]
    cycles: tuple[CycleSpec, ...]
    owners: tuple[tuple[int, int | None], ...]  # (level index, function index)
    objectives: tuple[ObjectiveSpec, ...]
    contributions: tuple[tuple[int, int], ...]


@dataclass
class WrittenPlan:
    path: Path
    levels: list[str] = field(default_factory=list)
    cycles: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)


@st.composite
def cycle_specs(draw: st.DrawFn) -> tuple[CycleSpec, ...]:
    cycles: list[CycleSpec] = []
    for year in draw(st.lists(st.sampled_from(YEARS), max_size=2, unique=True)):
        dated = draw(st.booleans())
        year_index = len(cycles)
        cycles.append(CycleSpec(str(year), "year", None, f"{year}-01-01" if dated else None,
                                f"{year}-12-31" if dated else None))
        for q in draw(st.lists(st.integers(0, 3), max_size=3, unique=True)):
            start, end = QUARTER_DATES[q]
            cycles.append(CycleSpec(f"{year}-Q{q + 1}", "quarter", year_index,
                                    f"{year}-{start}" if dated else None,
                                    f"{year}-{end}" if dated else None))
    if not cycles or draw(st.booleans()):
        cycles.append(CycleSpec("Loose quarter", "quarter", None, "2027-04-01", "2027-06-30"))
    if draw(st.booleans()):
        cycles.append(CycleSpec("Backlog", "backlog", None, None, None))
    return tuple(cycles)


@st.composite
def plan_specs(draw: st.DrawFn, most_objectives: int = 14) -> PlanSpec:
    ranks = tuple(sorted(draw(st.lists(st.integers(0, 9), min_size=1, max_size=5,
                                       unique=True))))
    cycles = draw(cycle_specs())
    owners = tuple((level, draw(st.none() | st.integers(0, 1)))
                   for level in range(len(ranks)) for _ in range(draw(st.integers(1, 2))))
    count = draw(st.integers(1, most_objectives))
    # Alignment runs only from a later objective of this order to an earlier one: no loops,
    # while the rows are written in another order.
    order = draw(st.permutations(range(count)))
    objectives = []
    for index in range(count):
        earlier = [j for j in range(count) if order[j] < order[index]]
        parent = draw(st.none() | st.sampled_from(earlier)) if earlier else None
        objectives.append(ObjectiveSpec(
            owner=draw(st.integers(0, len(owners) - 1)),
            cycle=draw(st.integers(0, len(cycles) - 1)),
            origin=draw(st.sampled_from(("own", "delegated"))),
            metric_krs=draw(st.integers(0, 2)), parent=parent, attach=draw(st.booleans())))
    pairs = st.tuples(st.integers(0, count - 1), st.integers(0, count - 1))
    links = draw(st.lists(pairs.filter(lambda p: p[0] != p[1]), max_size=3, unique=True))
    return PlanSpec(ranks, cycles, owners, tuple(objectives), tuple(links))


def write_plan(path: Path, spec: PlanSpec) -> WrittenPlan:
    """Write the plan in one transaction; the plan file is closed afterwards."""
    written = WrittenPlan(path)
    plan = Plan.create(path)
    try:
        with plan.change("Write a random plan") as tx:
            written.levels = [tx.insert("levels", rank=rank, name=f"Level {rank}")["id"]
                              for rank in spec.ranks]
            functions = [tx.insert("functions", name=name)["id"] for name in ("Sales", "Legal")]
            for cycle in spec.cycles:
                parent = written.cycles[cycle.parent] if cycle.parent is not None else None
                written.cycles.append(tx.insert(
                    "cycles", name=cycle.name, kind=cycle.kind, parent_id=parent,
                    starts_on=cycle.starts_on, ends_on=cycle.ends_on)["id"])
            for number, (level, function) in enumerate(spec.owners):
                written.units.append(tx.insert(
                    "units", name=f"Person {number}", kind="person",
                    level_id=written.levels[level],
                    function_id=functions[function] if function is not None else None)["id"])
            metrics: list[list[str]] = []
            for number, objective in enumerate(spec.objectives):
                objective_id = tx.insert(
                    "objectives", title=f"Objective {number}",
                    owner_id=written.units[objective.owner],
                    cycle_id=written.cycles[objective.cycle], origin=objective.origin)["id"]
                written.objectives.append(objective_id)
                metrics.append([tx.insert("key_results", objective_id=objective_id,
                                          title=f"Result {number}.{k}", kind="increase",
                                          start_value=0.0, target_value=10.0,
                                          current_value=float(k))["id"]
                                for k in range(objective.metric_krs)])
            for number, objective in enumerate(spec.objectives):
                if objective.parent is None:
                    continue
                parent_metrics = metrics[objective.parent]
                if objective.attach and parent_metrics:
                    kr_id = parent_metrics[0]
                else:
                    kr_id = tx.insert("key_results",
                                      objective_id=written.objectives[objective.parent],
                                      title=f"Objective {number}", kind="objective",
                                      start_value=None, target_value=None)["id"]
                tx.update("objectives", written.objectives[number], parent_kr_id=kr_id)
            for source, target in spec.contributions:
                tx.insert("contributions", source_id=written.objectives[source],
                          target_id=written.objectives[target])
    finally:
        plan.close()
    return written
