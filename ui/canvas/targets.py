"""What is under a point of the canvas: a key-result row, a card, an edge or a lane.

Edges are not scene items (see edges.py), so a point is near an edge when it lies within a few
pixels of one of the drawn segments of an edge of the cards around it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from PySide6.QtCore import QLineF, QPointF, QRectF

from .edges import EdgeItem
from .items import CardItem, KrRowItem
from .scene import CanvasScene

EDGE_REACH_PX = 6.0  # how near the mouse must be to an edge, in pixels on screen


class TargetKind(StrEnum):
    NOTHING = "nothing"
    CARD = "card"
    KEY_RESULT = "key_result"
    ALIGNMENT = "alignment"  # an edge from an aligned objective: `row_id` is the objective
    LINK = "link"  # a contributes-to edge: `row_id` is the contribution
    LANE = "lane"  # the background of a level's lane: `row_id` is the level


@dataclass(frozen=True)
class CanvasTarget:
    kind: TargetKind
    row_id: str = ""
    scene_pos: QPointF = field(default_factory=QPointF)


def target_at(scene: CanvasScene, scene_pos: QPointF, zoom: float) -> CanvasTarget:
    """The thing a click at `scene_pos` is on; cards and rows over edges, edges over lanes."""
    item = scene.item_at(scene_pos)
    if isinstance(item, KrRowItem):
        return CanvasTarget(TargetKind.KEY_RESULT, item.face.kr_id, scene_pos)
    if isinstance(item, CardItem):
        return CanvasTarget(TargetKind.CARD, item.objective_id, scene_pos)
    edge = edge_at(scene, scene_pos, EDGE_REACH_PX / max(zoom, 1e-6))
    if edge is not None:
        return edge
    lane = scene.lanes.lane_at(scene_pos.y())
    if lane is not None and scene.sceneRect().contains(scene_pos):
        return CanvasTarget(TargetKind.LANE, lane.level_id, scene_pos)
    return CanvasTarget(TargetKind.NOTHING, "", scene_pos)


def edge_at(scene: CanvasScene, scene_pos: QPointF, reach: float) -> CanvasTarget | None:
    """The nearest edge within `reach` scene units of the point, if any."""
    around = QRectF(scene_pos.x() - reach, scene_pos.y() - reach, 2 * reach, 2 * reach)
    nearest: tuple[float, EdgeItem] | None = None
    for edge in scene.edges_near(around.adjusted(-2000, -2000, 2000, 2000)):
        if not edge.bounds.adjusted(-reach, -reach, reach, reach).contains(scene_pos):
            continue
        distance = min(_distance(scene_pos, line) for _box, line in edge.segments)
        if distance <= reach and (nearest is None or distance < nearest[0]):
            nearest = (distance, edge)
    if nearest is None:
        return None
    edge = nearest[1]
    for objective_id, aligned in scene.align_edges.items():
        if aligned is edge:
            return CanvasTarget(TargetKind.ALIGNMENT, objective_id, scene_pos)
    for link_id, linked in scene.link_edges.items():
        if linked is edge:
            return CanvasTarget(TargetKind.LINK, link_id, scene_pos)
    return None


def _distance(point: QPointF, line: QLineF) -> float:
    dx, dy = line.dx(), line.dy()
    length = dx * dx + dy * dy
    if length == 0:
        return QLineF(point, line.p1()).length()
    t = ((point.x() - line.x1()) * dx + (point.y() - line.y1()) * dy) / length
    t = max(0.0, min(1.0, t))
    return QLineF(point, QPointF(line.x1() + t * dx, line.y1() + t * dy)).length()
