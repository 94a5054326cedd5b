"""The alignment graph: objectives as nodes, edges from child to parent objective.

Alignment edges carry kind="aligns", the key result the child is aligned to (`kr_id`), the
direction ("bottom_up" for the owner's own objective aligned up, "top_down" for a delegated one)
and `skip`, the number of levels skipped (0 when adjacent). Contributes-to links are edges of
kind="contributes" with their `contribution_id`. When an objective both aligns and contributes to
the same objective, the one edge is the alignment and also carries the `contribution_id`.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from okrdesk.analytics.views import parent_of
from okrdesk.snapshot import Snapshot
from okrdesk.storage.changes import ChangeSet


class AlignmentGraph(nx.DiGraph):
    """A networkx DiGraph of a snapshot's objectives, kept current with `apply`."""

    def __init__(self, incoming_graph_data: Any = None, **attr: Any) -> None:
        super().__init__(incoming_graph_data, **attr)
        self._aligned: dict[str, str] = {}  # child -> parent objective
        self._links: dict[tuple[str, str], str] = {}  # (source, target) -> contribution id
        self._level_at: dict[str, int] = {}

    @classmethod
    def from_snapshot(cls, snapshot: Snapshot) -> AlignmentGraph:
        graph = cls()
        graph.add_nodes_from(snapshot.objectives)
        graph._level_at = _levels(snapshot)
        for objective_id in snapshot.objectives:
            graph._align(snapshot, objective_id)
        for contribution in snapshot.contributions.values():
            graph._link(snapshot, contribution.id, contribution.source_id, contribution.target_id)
        return graph

    # -- reading --------------------------------------------------------------------------

    def parent(self, objective_id: str) -> str | None:
        return self._aligned.get(objective_id)

    def aligned_children(self, objective_id: str) -> list[str]:
        return [child for child in self.predecessors(objective_id)
                if self._aligned.get(child) == objective_id]

    def alignment_edges(self) -> list[tuple[str, str, dict[str, Any]]]:
        return [(u, v, d) for u, v, d in self.edges(data=True) if d["kind"] == "aligns"]

    def contribution_edges(self) -> list[tuple[str, str, dict[str, Any]]]:
        return [(u, v, d) for u, v, d in self.edges(data=True) if d["kind"] == "contributes"]

    # -- keeping current ------------------------------------------------------------------

    def apply(self, snapshot: Snapshot, changes: ChangeSet) -> None:
        """Update after `snapshot.apply(changes)`."""
        if any(change.table in ("units", "levels") for change in changes):
            self._level_at = _levels(snapshot)
            self._realign(snapshot, list(snapshot.objectives))
            return
        realign: set[str] = set()
        for change in changes:
            if change.table == "objectives":
                if change.after is None:
                    self._drop(change.row_id)
                else:
                    self.add_node(change.row_id)
                    realign.add(change.row_id)
                    realign.update(self.predecessors(change.row_id))
            elif change.table == "key_results":
                realign.update(snapshot.aligned_to_kr.get(change.row_id, ()))
            elif change.table == "contributions":
                if change.before is not None:
                    self._unlink(change.before["source_id"], change.before["target_id"])
                if change.after is not None:
                    self._link(snapshot, change.row_id, change.after["source_id"],
                               change.after["target_id"])
        self._realign(snapshot, [o for o in realign if o in snapshot.objectives])

    def _realign(self, snapshot: Snapshot, objective_ids: list[str]) -> None:
        for objective_id in objective_ids:
            self._align(snapshot, objective_id)

    def _align(self, snapshot: Snapshot, child: str) -> None:
        old = self._aligned.pop(child, None)
        if old is not None:
            self._refresh_pair(child, old)
        parent = parent_of(snapshot, child)
        if parent is None:
            return
        self._aligned[child] = parent
        objective = snapshot.objectives[child]
        child_level = self._level(snapshot, child)
        parent_level = self._level(snapshot, parent)
        skip = 0
        if child_level is not None and parent_level is not None:
            skip = max(0, child_level - parent_level - 1)
        self._refresh_pair(child, parent, kr_id=objective.parent_kr_id, skip=skip,
                           direction="top_down" if objective.origin == "delegated"
                           else "bottom_up")

    def _link(self, snapshot: Snapshot, contribution_id: str, source: str, target: str) -> None:
        if source in snapshot.objectives and target in snapshot.objectives:
            self._links[source, target] = contribution_id
            self._refresh_pair(source, target)

    def _unlink(self, source: str, target: str) -> None:
        if self._links.pop((source, target), None) is not None:
            self._refresh_pair(source, target)

    def _refresh_pair(self, source: str, target: str, **alignment: Any) -> None:
        contribution_id = self._links.get((source, target))
        if self._aligned.get(source) == target:
            if not alignment:
                alignment = {k: v for k, v in self[source][target].items()
                             if k in ("kr_id", "direction", "skip")}
            attributes = {"kind": "aligns", **alignment, "contribution_id": contribution_id}
        elif contribution_id is not None:
            attributes = {"kind": "contributes", "contribution_id": contribution_id}
        else:
            if self.has_edge(source, target):
                self.remove_edge(source, target)
            return
        if self.has_edge(source, target):
            self[source][target].clear()
            self[source][target].update(attributes)
        else:
            self.add_edge(source, target, **attributes)

    def _drop(self, objective_id: str) -> None:
        if objective_id not in self:
            return
        pairs = [(objective_id, t) for t in self.successors(objective_id)]
        pairs += [(s, objective_id) for s in self.predecessors(objective_id)]
        for source, target in pairs:
            self._links.pop((source, target), None)
            if self._aligned.get(source) == target:
                del self._aligned[source]
        self.remove_node(objective_id)

    def _level(self, snapshot: Snapshot, objective_id: str) -> int | None:
        owner = snapshot.units.get(snapshot.objectives[objective_id].owner_id)
        return self._level_at.get(owner.level_id) if owner is not None else None


def _levels(snapshot: Snapshot) -> dict[str, int]:
    return {level.id: position for position, level in enumerate(snapshot.ordered_levels())}
