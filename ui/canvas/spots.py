"""Where cards go when the plan stores no position for them: the tidy tree of placement.py
on opening, a free place near the parent for a card that appears later."""

from __future__ import annotations

from collections.abc import Mapping

from okrdesk.rulebook import parent_of, parents
from okrdesk.snapshot import Snapshot

from .card_place import CardPlace
from .lanes import SLOT_WIDTH, Lanes
from .placement import Grid, Node, free_spot, place
from .theme import (
    CARD_GAP_X,
    CARD_GAP_Y,
    CARD_PAD,
    CARD_WIDTH,
    HEADER_HEIGHT,
    LANE_LABEL_WIDTH,
    LANE_PAD_BOTTOM,
    LANE_PAD_TOP,
    MIN_LANE_HEIGHT,
    ROW_HEIGHT,
)


def lay_out(snapshot: Snapshot, cards: dict[str, CardPlace], all_lanes: Lanes,
            by_level: dict[str, list[CardPlace]],
            parent_ids: Mapping[str, str] | None = None) -> None:
    """Stored positions where there are some, a tidy tree (placement.py) elsewhere; then
    each lane as tall as its cards need. `parent_ids`: the rulebook's `parents` of the plan,
    if the caller has worked them out already."""
    if parent_ids is None:
        parent_ids = parents(snapshot)
    objectives, units, krs_of = snapshot.objectives, snapshot.units, snapshot.krs_of
    stored_at = snapshot.canvas_positions
    lanes = all_lanes.lanes
    index = {lane.level_id: number for number, lane in enumerate(lanes)}
    nodes: list[Node] = []
    fixed: dict[str, float] = {}
    for card in cards.values():
        objective_id = card.objective_id
        stored = stored_at.get(objective_id)
        if stored is not None:
            fixed[objective_id] = stored.x
            card.spot = (stored.x, stored.y)
            continue
        objective = objectives[objective_id]
        parent = parent_ids.get(objective_id)
        owner = units.get(objective.owner_id)
        nodes.append(Node(
            objective_id, index[card.level_id], parent,
            krs_of[parent].index(objective.parent_kr_id or "") if parent else 0,
            (owner.name if owner else "", objective.position, objective.title)))
    for lane in lanes:
        members = by_level.get(lane.level_id, [])
        rows = max((len(card.kr_ids) for card in members), default=None)  # the tallest card's
        tallest = 120.0 if rows is None else HEADER_HEIGHT + rows * ROW_HEIGHT + CARD_PAD
        lane.slot_height = tallest + CARD_GAP_Y
    grid = Grid(LANE_LABEL_WIDTH + CARD_GAP_X, SLOT_WIDTH,
                tuple(lane.slot_height for lane in lanes), LANE_PAD_TOP + LANE_PAD_BOTTOM)
    layout = place(nodes, grid, fixed)
    all_lanes.columns = layout.columns
    slot_height = {lane.level_id: lane.slot_height for lane in lanes}
    for objective_id, (x, row) in layout.spots.items():
        card = cards[objective_id]
        card.default_spot = card.spot = (x, LANE_PAD_TOP + row * slot_height[card.level_id])
    for lane in lanes:
        members = by_level.get(lane.level_id, [])
        if members:  # one pass per lane: its lowest card's bottom, its rightmost card's left
            all_lanes.widen(max(card.spot[0] for card in members) + CARD_WIDTH)
        bottom = max((card.spot[1] + card.height for card in members), default=LANE_PAD_TOP)
        lane.height = max(MIN_LANE_HEIGHT, max(bottom, LANE_PAD_TOP) + LANE_PAD_BOTTOM)


def new_spot(snapshot: Snapshot, cards: dict[str, CardPlace], all_lanes: Lanes, card: CardPlace
             ) -> tuple[float, float]:
    """A free place in the card's lane, under its parent if it is aligned."""
    lane = all_lanes.get(card.level_id)
    assert lane is not None
    parent_id = parent_of(snapshot, card.objective_id)
    parent = cards.get(parent_id) if parent_id is not None else None
    taken = [(c.spot[0], c.spot[1], c.spot[1] + c.height) for c in cards.values()
             if c.level_id == card.level_id and c is not card]
    if parent is not None:
        wanted = parent.spot[0]
    else:
        wanted = max((x for x, _top, _bottom in taken), default=0.0) + SLOT_WIDTH
    rows = int((lane.height - LANE_PAD_TOP - LANE_PAD_BOTTOM) // lane.slot_height) + 1
    return free_spot(wanted, taken, card.height,
                     [LANE_PAD_TOP + row * lane.slot_height for row in range(rows)],
                     LANE_LABEL_WIDTH + CARD_GAP_X, SLOT_WIDTH)
