"""Which objectives a map shows, and how they are linked: the model behind every page."""

from __future__ import annotations

from dataclasses import dataclass, field

from okrdesk.errors import NotFoundError
from okrdesk.maps.errors import AmbiguousObjective, MapRequestError
from okrdesk.maps.figures import Figures, Headline
from okrdesk.maps.highlight import Highlight
from okrdesk.maps.request import MapRequest
from okrdesk.maps.text import clean
from okrdesk.rulebook import (
    Direction,
    default_cycle,
    descendants,
    direction_of,
    levels_down_between,
    line_of_sight,
    parent_of,
    skip_count,
    view_objectives,
)
from okrdesk.snapshot import CycleRow, LevelRow, Snapshot

BOTTOM_UP, TOP_DOWN = "bottom-up", "top-down"  # as the drawing's style classes name them
KIND_OF = {Direction.BOTTOM_UP: BOTTOM_UP, Direction.TOP_DOWN: TOP_DOWN}


@dataclass(frozen=True)
class Link:
    """An aligned objective (child) drawn into the key result it sits under."""

    child: str
    parent: str
    kr_id: str
    kind: str  # BOTTOM_UP or TOP_DOWN
    skipped: int  # levels jumped over; 0 for a link to the level right above
    down: int | None = None  # not upwards (a hand-edited file): levels down, 0 for the same


@dataclass
class MapView:
    snapshot: Snapshot
    request: MapRequest
    figures: Figures
    cycle: CycleRow | None
    scope: str
    objective_ids: list[str]
    links: dict[str, Link] = field(default_factory=dict)  # by child id
    aligned_outside: set[str] = field(default_factory=set)
    contributions: list[tuple[str, str]] = field(default_factory=list)
    headline: Headline | None = None
    _names: dict[str, str] = field(default_factory=dict)
    labels: dict[tuple[str, str], str] = field(default_factory=dict)  # drawn labels, reused
    highlight: Highlight | None = None  # what differs from another plan or cycle

    def node_names(self) -> dict[str, str]:
        """Graphviz node name of each objective: short, and never made of user text."""
        if not self._names:
            self._names = {oid: f"o{n}" for n, oid in enumerate(self.objective_ids)}
        return self._names

    def rank(self, objective_id: str) -> int:
        return self.snapshot.level_of(objective_id).rank

    def children(self) -> dict[str, list[str]]:
        """Objective id -> ids of the objectives aligned under it, in key result order."""
        result: dict[str, list[str]] = {oid: [] for oid in self.objective_ids}
        for link in self.links.values():
            result[link.parent].append(link.child)
        return result

    def levels(self) -> list[LevelRow]:
        ranks = {self.rank(oid) for oid in self.objective_ids}
        return [level for level in self.snapshot.ordered_levels() if level.rank in ranks]

    def is_orphan(self, objective_id: str) -> bool:
        return self.headline is not None and objective_id in self.headline.orphans


def select_view(snapshot: Snapshot, request: MapRequest) -> MapView:
    """The objectives and links `request` asks for; MapRequestError or NotFoundError if the
    request names something the plan does not have."""
    focus = objective_named(snapshot, request.focus) if request.focus else None
    cycle = _cycle(snapshot, request.cycle, focus)
    if focus is not None:
        chosen = _tree(snapshot, focus)
        scope = f"Tree of “{clean(snapshot.objectives[focus].title)}”"
    else:
        # The view of the cycle, as the health figures, the canvas and the lists take it.
        chosen = set(view_objectives(snapshot, cycle.id if cycle else None))
        scope = "Whole plan"
    if request.levels:
        low, high = _level_range(snapshot, request.levels)
        chosen = {o for o in chosen if low <= snapshot.level_of(o).rank <= high}
        scope += f", levels {request.levels}"
    if request.function:
        function_id = _function(snapshot, request.function)
        chosen = {o for o in chosen if function_of(snapshot, o) == function_id}
        scope += f", {clean(snapshot.functions[function_id].name)}"
    figures = Figures(snapshot)
    view = MapView(snapshot, request, figures, cycle, scope, _ordered(snapshot, chosen))
    view.headline = figures.headline(cycle.id if cycle else None)
    _link(view, chosen)
    return view


def function_of(snapshot: Snapshot, objective_id: str) -> str | None:
    """The owner's function, or the nearest manager's when the owner has none."""
    unit = snapshot.units.get(snapshot.objectives[objective_id].owner_id)
    seen: set[str] = set()
    while unit is not None and unit.id not in seen:
        if unit.function_id is not None:
            return unit.function_id
        seen.add(unit.id)
        unit = snapshot.units.get(unit.manager_id) if unit.manager_id else None
    return None


def _link(view: MapView, chosen: set[str]) -> None:
    snapshot = view.snapshot
    for oid in view.objective_ids:
        objective = snapshot.objectives[oid]
        parent = parent_of(snapshot, oid)
        if parent is None or objective.parent_kr_id is None:
            continue
        if parent not in chosen:
            view.aligned_outside.add(oid)
            continue
        view.links[oid] = Link(oid, parent, objective.parent_kr_id,
                               KIND_OF[direction_of(objective)], skip_count(snapshot, oid, parent),
                               levels_down_between(snapshot, oid, parent))
    view.contributions = sorted(
        (c.source_id, c.target_id) for c in snapshot.contributions.values()
        if c.source_id in chosen and c.target_id in chosen
    )


def _ordered(snapshot: Snapshot, chosen: set[str]) -> list[str]:
    """Parents before their children, children in the order of the key results they sit under:
    Graphviz starts from this order, so the map reads like the plan."""
    def key(oid: str) -> tuple[int, str, int, str]:
        o = snapshot.objectives[oid]
        owner = snapshot.units.get(o.owner_id)
        return (snapshot.level_of(oid).rank, owner.name if owner else "", o.position, o.created_at)

    order: list[str] = []
    seen: set[str] = set()
    stack = sorted((o for o in chosen if _parent_in(snapshot, o, chosen) is None),
                   key=key, reverse=True)
    while stack:
        oid = stack.pop()
        if oid in seen:
            continue
        seen.add(oid)
        order.append(oid)
        below = [c for kr in snapshot.krs_of.get(oid, ()) for c in
                 sorted(snapshot.aligned_to_kr.get(kr, ()), key=key) if c in chosen]
        stack.extend(reversed(below))
    order.extend(sorted(chosen - seen, key=key))  # alignment loops in a hand-edited file
    return order


def _parent_in(snapshot: Snapshot, oid: str, chosen: set[str]) -> str | None:
    parent = parent_of(snapshot, oid)
    return parent if parent in chosen else None


def _tree(snapshot: Snapshot, focus: str) -> set[str]:
    """The focus, everything aligned under it, and its line of sight to the top."""
    return {*line_of_sight(snapshot, focus), *descendants(snapshot, focus)}


def objective_named(snapshot: Snapshot, wanted: str) -> str:
    """The objective a focus names, by id or by exact title (then ignoring case): the
    rule of every `--focus`. NotFoundError when none is, AmbiguousObjective when several
    share the title."""
    if wanted in snapshot.objectives:
        return wanted
    text = clean(wanted)
    matches = [o for o in snapshot.objectives.values() if clean(o.title) == text]
    if not matches:
        matches = [o for o in snapshot.objectives.values()
                   if clean(o.title).casefold() == text.casefold()]
    if not matches:
        raise NotFoundError(f"No objective is called “{text}”; give its exact title or id.")
    if len(matches) > 1:
        raise AmbiguousObjective(
            f"{len(matches)} objectives are called “{text}”; give the id of the one you mean:",
            sorted(_choice(snapshot, o.id) for o in matches))
    return matches[0].id


def _choice(snapshot: Snapshot, objective_id: str) -> str:
    """An objective as a choice: its id, its owner and the owner's level, its cycle."""
    objective = snapshot.objectives[objective_id]
    owner = snapshot.units.get(objective.owner_id)
    level = snapshot.levels.get(owner.level_id) if owner is not None else None
    cycle = snapshot.cycles.get(objective.cycle_id)
    return (f"{objective_id}  {clean(owner.name) if owner else 'owner unknown'}"
            f" ({clean(level.name) if level else 'level unknown'}), "
            f"{clean(cycle.name) if cycle else 'cycle unknown'}")


def _cycle(snapshot: Snapshot, wanted: str | None, focus: str | None) -> CycleRow | None:
    if wanted:
        cycle = snapshot.cycles.get(wanted) or snapshot.cycle_named(wanted)
        if cycle is None:
            known = ", ".join(sorted(clean(c.name) for c in snapshot.cycles.values()))
            raise NotFoundError(f"There is no cycle “{clean(wanted)}”; the plan has: "
                                f"{known or 'no cycles yet'}.")
        return cycle
    if focus is not None:
        return snapshot.cycles.get(snapshot.objectives[focus].cycle_id)
    return default_cycle(snapshot)  # the same cycle the app opens on and `okrdesk check` takes


def _level_range(snapshot: Snapshot, spec: str) -> tuple[int, int]:
    levels = snapshot.ordered_levels()
    if not levels:
        raise MapRequestError("The plan has no levels yet, so no level range can be shown.")
    low_text, sep, high_text = spec.partition("..")
    if not sep:
        high_text = low_text
    low = _level(levels, low_text, levels[0])
    high = _level(levels, high_text, levels[-1])
    if low.rank > high.rank:
        raise MapRequestError(f"Level range “{clean(spec)}” runs upwards; write the higher "
                              f"level first, e.g. “{clean(high.name)}..{clean(low.name)}”.")
    return low.rank, high.rank


def _level(levels: list[LevelRow], text: str, default: LevelRow) -> LevelRow:
    text = clean(text)
    if not text:
        return default
    if text.isdigit():
        number = int(text)
        if 1 <= number <= len(levels):
            return levels[number - 1]
        raise MapRequestError(f"Level {number} does not exist: levels are numbered 1 (the top) "
                              f"to {len(levels)}.")
    for level in levels:
        if clean(level.name).casefold() == text.casefold():
            return level
    names = ", ".join(clean(level.name) for level in levels)
    raise MapRequestError(f"There is no level “{text}”; the levels are: {names}.")


def _function(snapshot: Snapshot, wanted: str) -> str:
    text = clean(wanted).casefold()
    for function in snapshot.functions.values():
        if function.id == wanted or clean(function.name).casefold() == text:
            return function.id
    known = ", ".join(sorted(clean(f.name) for f in snapshot.functions.values()))
    raise NotFoundError(f"There is no function “{clean(wanted)}”; the plan has: "
                        f"{known or 'no functions yet'}.")
