"""Arrange: lay the cards out with Graphviz `dot` over the alignment graph, one rank per lane."""

from __future__ import annotations

from collections.abc import Callable

import pygraphviz

from okrdesk import ops
from okrdesk.errors import OperationRefused
from okrdesk.storage import ChangeSet, Plan
from ui.canvas.lanes import LANE_LABEL_WIDTH
from ui.canvas.scene import CanvasScene
from ui.canvas.theme import CARD_GAP_X, LANE_PAD_TOP

POINTS_PER_INCH = 72.0


def graphviz_positions(scene: CanvasScene) -> dict[str, tuple[float, float]]:
    """Where `dot` puts each card: (x, y within its lane); cards of one lane share one row."""
    graph = pygraphviz.AGraph(directed=True, strict=False, rankdir="TB", newrank="true",
                              nodesep=str(CARD_GAP_X / POINTS_PER_INCH), ranksep="1.0")
    graph.node_attr.update(shape="box", fixedsize="true", label="")
    lanes = scene.lanes.lanes
    for index in range(len(lanes)):
        graph.add_node(f"lane:{index}", style="invis", width="0.01", height="0.01")
        if index:
            graph.add_edge(f"lane:{index - 1}", f"lane:{index}", style="invis", weight="0")
    for objective_id, card in scene.cards.items():
        rect = card.card_rect()
        graph.add_node(objective_id, width=str(rect.width() / POINTS_PER_INCH),
                       height=str(rect.height() / POINTS_PER_INCH))
    for index, lane in enumerate(lanes):
        members = [i for i, c in scene.cards.items() if c.level_id == lane.level_id]
        graph.add_subgraph([f"lane:{index}", *members], name=f"lane_{index}", rank="same")
    snapshot = scene.snapshot
    for objective_id in scene.cards:
        parent = snapshot.parent_objective_id(objective_id)
        if parent in scene.cards:
            graph.add_edge(parent, objective_id, weight="4")
    for link in snapshot.contributions.values():
        if link.source_id in scene.cards and link.target_id in scene.cards:
            graph.add_edge(link.target_id, link.source_id, weight="1", constraint="false")
    graph.layout(prog="dot")
    placed: dict[str, tuple[float, float]] = {}
    lefts = []
    for objective_id, card in scene.cards.items():
        x = float(str(graph.get_node(objective_id).attr["pos"]).split(",")[0])
        placed[objective_id] = (x - card.card_rect().width() / 2, LANE_PAD_TOP)
        lefts.append(placed[objective_id][0])
    shift = LANE_LABEL_WIDTH + CARD_GAP_X - min(lefts, default=0.0)
    return {i: (round(x + shift, 1), y) for i, (x, y) in placed.items()}


def arrange_operation(scene: CanvasScene) -> Callable[[], ChangeSet]:
    """One operation storing the Graphviz position of every card that moves or has no
    stored position yet (a default place may change when the plan does)."""
    positions = graphviz_positions(scene)
    stored = scene.snapshot.canvas_positions
    moved = {i: spot for i, spot in positions.items()
             if i not in stored or scene.cards[i].spot != spot}
    plan: Plan = scene.document.plan

    def arrange() -> ChangeSet:
        if not moved:
            raise OperationRefused("The cards are already arranged.")
        with plan.change("Arrange") as transaction:  # one transaction for every card
            for objective_id, (x, y) in moved.items():
                ops.place_card(plan, objective_id, x, y)
        return transaction.changeset()

    return arrange
