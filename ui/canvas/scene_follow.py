"""Following a change set on the canvas: only the cards, edges and lanes it touches change.

Changes to levels or cycles rebuild the scene instead (scene.py); a change of card positions
alone moves cards and their edges without redrawing any face.
"""

from __future__ import annotations

from collections import defaultdict

from okrdesk.analytics.progress import ProgressCalculator
from okrdesk.rulebook import line_of_sight, parent_through
from okrdesk.storage import ChangeSet

from .card_place import CardPlace
from .faces import card_face
from .scene_base import PlacedScene
from .stale_marks import stale_marks
from .theme import CARD_WIDTH, LANE_PAD_BOTTOM, MIN_LANE_HEIGHT


def follow_changes(scene: PlacedScene, changes: ChangeSet) -> None:
    """Update only the items a change set touches (and the progress chain above them)."""
    if all(change.table == "canvas_positions" for change in changes):
        follow_positions(scene, changes.ids("canvas_positions"))
        return
    snapshot = scene.snapshot
    touched = changes.ids("objectives") | changes.ids("canvas_positions")
    edges_to_sync: set[str] = set(changes.ids("objectives"))
    for change in changes:
        if change.table == "objectives" and change.before is not None:
            touched.add(parent_through(change.before["parent_kr_id"],  # the old parent
                                       snapshot.key_results.get,
                                       snapshot.objectives.__contains__) or "")
        elif change.table == "key_results":
            for values in (change.before, change.after):
                if values is not None:
                    touched.add(values["objective_id"])
            edges_to_sync.update(snapshot.aligned_to_kr.get(change.row_id, ()))
        elif change.table == "contributions":
            for values in (change.before, change.after):
                if values is not None:
                    touched.update((values["source_id"], values["target_id"]))
        elif change.table == "check_ins":  # a stale mark comes or goes
            for values in (change.before, change.after):
                kr = snapshot.key_results.get(values["key_result_id"]) if values else None
                touched.add(kr.objective_id if kr is not None else "")
    if changes.ids("settings"):  # the cadence may have changed: every stale mark with it
        scene.faces.clear()
        touched.update(scene.cards.made)
    units = changes.ids("units")
    if units:
        touched.update(i for i in scene.cards.places
                       if snapshot.objectives[i].owner_id in units)
    touched.discard("")
    for objective_id in list(touched):
        if objective_id in snapshot.objectives:
            touched.update(line_of_sight(snapshot, objective_id))
    progress = scene.progress = ProgressCalculator(snapshot)
    for objective_id in touched:
        _update_card(scene, objective_id, progress)
    for objective_id in list(scene.joined - touched):  # may no longer lie on a line
        if not scene.document.analytics.in_view(scene.cycle_view, objective_id):
            scene.remove_card(objective_id)
        for kr_id in snapshot.krs_of.get(objective_id, ()):
            edges_to_sync.update(snapshot.aligned_to_kr.get(kr_id, ()))
    for objective_id in edges_to_sync | touched:
        scene.edges.sync_align(objective_id)
    for link_id in changes.ids("contributions"):
        scene.edges.sync_link(link_id)
    for objective_id in touched:
        scene.refresh_edges(objective_id)
    scene.count_lanes()


def follow_positions(scene: PlacedScene, ids: set[str]) -> None:
    """Cards moved (or put back): only their places and their edges change. Many cards at
    once (Arrange, or its undo) also fit the lanes to the cards again, narrower or lower
    as well as wider or taller."""
    if len(ids) > 1:
        _place_all(scene, ids)
        return
    for objective_id in ids:
        card = scene.cards.places.get(objective_id)
        if card is None:
            continue
        stored = scene.snapshot.canvas_positions.get(objective_id)
        if stored is not None:
            card.spot = (stored.x, stored.y)
        elif card.default_spot is not None:
            card.spot = card.default_spot
        else:
            card.default_spot = card.spot = scene.new_spot(card)
        if scene.lanes.fit(scene.lane_of(card), card.spot[1] + card.height):
            scene.restack()
        scene.put(card)
        scene.refresh_edges(objective_id)


def _place_all(scene: PlacedScene, ids: set[str]) -> None:
    places = scene.cards.places
    for objective_id in ids:
        card = places.get(objective_id)
        if card is not None:
            card.spot = _stored_spot(scene, card)
    scene.lanes.reach = max((c.spot[0] + CARD_WIDTH for c in places.values()), default=0.0)
    bottoms: dict[str, float] = defaultdict(float)
    for card in places.values():
        bottoms[card.level_id] = max(bottoms[card.level_id], card.spot[1] + card.height)
    for lane in scene.lanes.lanes:
        lane.height = max(MIN_LANE_HEIGHT, bottoms[lane.level_id] + LANE_PAD_BOTTOM)
    scene.lanes.restack()
    scene.restack()


def _stored_spot(scene: PlacedScene, card: CardPlace) -> tuple[float, float]:
    stored = scene.snapshot.canvas_positions.get(card.objective_id)
    if stored is not None:
        return stored.x, stored.y
    if card.default_spot is None:
        card.default_spot = scene.new_spot(card)
    return card.default_spot


def _update_card(scene: PlacedScene, objective_id: str, progress: ProgressCalculator) -> None:
    snapshot = scene.snapshot
    objective = snapshot.objectives.get(objective_id)
    card = scene.cards.places.get(objective_id)
    level = snapshot.placed_level(objective_id) if objective is not None else None
    if (objective is None or level is None
            or not scene.document.analytics.in_view(scene.cycle_view, objective_id)):
        if card is not None:
            scene.remove_card(objective_id)
        return
    if scene.cycle_view.joins_on_line(objective.cycle_id):
        scene.joined.add(objective_id)
    level_id = level.id
    fresh = card is None or card.level_id != level_id
    if card is None:
        card = CardPlace(objective_id, tuple(snapshot.krs_of.get(objective_id, ())), level_id)
        scene.cards.add(card)
        scene.card(objective_id)  # a new card is made at once: it is where the user works
    item = scene.cards.made.get(objective_id)
    if item is not None:
        face = scene.faces[objective_id] = card_face(
            progress, objective_id, orphan=scene.document.analytics.is_orphan(objective_id),
            shown_cycle=scene.document.cycle_id,
            stale=stale_marks(scene))
        item.set_face(face)
    else:  # its face is worked out when it is drawn; its height now
        scene.faces.pop(objective_id, None)
        card.kr_ids = tuple(snapshot.krs_of.get(objective_id, ()))
    card.level_id = level_id
    stored = snapshot.canvas_positions.get(objective_id)
    if stored is not None:
        card.spot = (stored.x, stored.y)
    elif fresh or card.default_spot is None:
        card.default_spot = card.spot = scene.new_spot(card)
    else:
        card.spot = card.default_spot
    if scene.lanes.fit(scene.lane_of(card), card.spot[1] + card.height):
        scene.restack()
    scene.put(card)
