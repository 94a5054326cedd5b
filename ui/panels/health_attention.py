"""The health panel's list of what needs attention: objectives not aligned upwards, orphans,
skip-level links, and stale key results (okrdesk.analytics.health, okrdesk.rulebook.rhythm)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from okrdesk.analytics.health import HealthReport
from okrdesk.snapshot import Snapshot

from ..document import PlanDocument
from ..translation import tr
from .health_stale import fill_stale

ID_ROLE = Qt.ItemDataRole.UserRole


def owner_name(snapshot: Snapshot, owner_id: str) -> str:
    owner = snapshot.units.get(owner_id)
    return owner.name if owner is not None else "?"


def fill_attention(tree: QTreeWidget, document: PlanDocument, report: HealthReport) -> int:
    """Fill the tree anew; the number of stale key results."""
    snapshot = document.snapshot
    objectives = snapshot.objectives
    tree.clear()
    if report.downward_links:  # only a hand-edited or imported file holds one
        fill_downward(tree, snapshot, report)
    orphans = QTreeWidgetItem(tree, [tr("Orphans ({n})").format(n=len(report.orphans))])
    orphan_text = tr("{title} ({owner})")  # translated once, not once per row
    for objective_id in report.orphans:
        orphan = objectives[objective_id]
        item = QTreeWidgetItem(orphans, [orphan_text.format(
            title=orphan.title, owner=owner_name(snapshot, orphan.owner_id))])
        item.setData(0, ID_ROLE, objective_id)
    skips = QTreeWidgetItem(tree, [
        tr("Skip-level links ({n})").format(n=len(report.skip_links))])
    skip_text = tr("{child} → {parent} (skips {n})")
    for link in report.skip_links:
        child, parent = objectives.get(link.child_id), objectives.get(link.parent_id)
        if child is None or parent is None:
            continue
        item = QTreeWidgetItem(skips, [skip_text.format(
            child=child.title, parent=parent.title, n=link.skipped)])
        item.setData(0, ID_ROLE, link.child_id)
    orphans.setExpanded(True)
    skips.setExpanded(True)
    return fill_stale(tree, document)


def fill_downward(tree: QTreeWidget, snapshot: Snapshot, report: HealthReport) -> None:
    group = QTreeWidgetItem(tree, [tr(
        "Not aligned upwards ({n})").format(n=len(report.downward_links))])
    group.setToolTip(0, tr("Aligned to an objective at the same or a lower level: "
                           "align it to a higher level's objective instead."))
    for link in report.downward_links:
        child, parent = snapshot.objectives.get(link.child_id), \
            snapshot.objectives.get(link.parent_id)
        if child is None or parent is None:
            continue
        where = (tr("same level") if link.levels_down == 0 else
                 tr("{n} level(s) down").format(n=link.levels_down))
        item = QTreeWidgetItem(group, [tr("{child} ({owner}) → {parent} ({parent_owner}):"
                                          " {where}").format(
            child=child.title, owner=owner_name(snapshot, child.owner_id),
            parent=parent.title, parent_owner=owner_name(snapshot, parent.owner_id),
            where=where)])
        item.setData(0, ID_ROLE, link.child_id)
    group.setExpanded(True)

