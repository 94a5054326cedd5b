"""Which cards, key-result rows and lanes would take a drag: marked while it is under way."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QMimeData

from okrdesk.ops.rules import (
    SnapshotFacts,
    alignment_refusal,
    contribution_refusal,
    delegation_refusal,
)

from .drag_mime import OBJECTIVE_MIME, dragged
from .items import CardItem
from .scene import CanvasScene


@dataclass
class Targets:
    """Valid targets of one drag, for highlighting."""

    cards: set[str] = field(default_factory=set)
    link_cards: set[str] = field(default_factory=set)
    rows: set[str] = field(default_factory=set)
    lanes: set[str] = field(default_factory=set)


def valid_targets(scene: CanvasScene, mime: QMimeData, among: Iterable[CardItem]) -> Targets:
    """Which of the cards `among` (and which lanes and rows) would accept this drag."""
    what = dragged(mime)
    found = Targets()
    if what is None:
        return found
    kind, row_id, _hotspot = what
    facts = SnapshotFacts(scene.snapshot)
    if kind == OBJECTIVE_MIME:
        card = scene.card(row_id)
        if card is not None:
            found.lanes.add(card.level_id)
        for other in among:
            if other is card:
                continue
            parent_id = other.objective_id
            if alignment_refusal(facts, row_id, parent_id) is None:
                found.cards.add(parent_id)
                found.rows.update(
                    row.face.kr_id for row in other.rows
                    if alignment_refusal(facts, row_id, parent_id,
                                         under_kr_id=row.face.kr_id) is None)
            if contribution_refusal(facts, row_id, parent_id) is None:
                found.link_cards.add(parent_id)
        return found
    for lane in scene.lanes.lanes:
        person = next((u.id for u in facts.snapshot.units.values()
                       if u.level_id == lane.level_id), None)
        if person is not None and delegation_refusal(facts, row_id, person) is None:
            found.lanes.add(lane.level_id)
    for other in among:
        owner = facts.snapshot.objectives[other.objective_id].owner_id
        if delegation_refusal(facts, row_id, owner) is None:
            found.cards.add(other.objective_id)
    return found
