"""Which objectives get a card: the map's rules for the cycle, the focus and the levels
(okrdesk.maps.view.select_view), so a scorecard shows what the map of the same choice shows."""

from __future__ import annotations

from dataclasses import dataclass

from okrdesk.maps.request import MapRequest
from okrdesk.maps.text import clean
from okrdesk.maps.view import MapView, objective_named, select_view
from okrdesk.rulebook import descendants
from okrdesk.scorecards.request import ScorecardError, ScorecardRequest
from okrdesk.snapshot import Snapshot


@dataclass(frozen=True)
class Selection:
    view: MapView
    objective_ids: tuple[str, ...]  # one card each (or gathered by owner), in the map's order


def select(snapshot: Snapshot, request: ScorecardRequest) -> Selection:
    """The objectives `request` gives cards to; ScorecardError when there are none, the map's
    errors (MapRequestError, NotFoundError) when it names what the plan does not have."""
    view = select_view(snapshot, MapRequest(cycle=request.cycle, focus=request.focus,
                                            levels=request.levels))
    focus = objective_named(snapshot, request.focus) if request.focus else None
    if request.levels:
        tree = {focus, *descendants(snapshot, focus)} if focus else None
        chosen = [o for o in view.objective_ids if tree is None or o in tree]
    elif focus is not None:
        chosen = [focus]
    else:
        chosen = [o for o in view.objective_ids if o not in view.links]  # the tops
    if not chosen:
        raise ScorecardError(_nothing_message(snapshot, view, request))
    return Selection(view, tuple(chosen))


def _nothing_message(snapshot: Snapshot, view: MapView, request: ScorecardRequest) -> str:
    if not snapshot.objectives:
        return "The plan has no objectives yet, so there is nothing to put on a scorecard."
    where = f"in {clean(view.cycle.name)}" if view.cycle is not None else "in the plan"
    if request.levels:
        return (f"No objective {where} is at levels {clean(request.levels)}; "
                "choose other levels or another cycle.")
    return f"There are no objectives {where}; choose another cycle with --cycle."
