"""The health panel's list of stale key results: no check-in within the plan's cadence. Choosing
one brings its objective's card into view with the key result chosen (shown in the inspector)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from okrdesk.rulebook import cycle_view
from okrdesk.rulebook.rhythm import cadence_of

from ..document import PlanDocument
from ..rhythm_words import cadence_name
from ..translation import tr

ID_ROLE = Qt.ItemDataRole.UserRole  # the objective a row leads to
KR_ROLE = Qt.ItemDataRole.UserRole + 1  # and the key result chosen in it
SHOWN_AT_MOST = 500  # rows listed; the heading counts them all


def stale_in_view(document: PlanDocument) -> list[tuple[str, int]]:
    """The stale key results of the objectives the shown cycle holds, the longest without
    news first: (key result id, days)."""
    snapshot = document.snapshot
    cycle_id = document.cycle_id
    if cycle_id not in snapshot.cycles:
        return []
    view = cycle_view(snapshot, cycle_id)
    in_view = document.analytics.in_view
    found = [(kr_id, days) for kr_id, days in document.rhythm.stale_days().items()
             if kr_id in snapshot.key_results
             and in_view(view, snapshot.key_results[kr_id].objective_id)]
    return sorted(found, key=lambda pair: (-pair[1], snapshot.key_results[pair[0]].title))


def fill_stale(tree: QTreeWidget, document: PlanDocument) -> int:
    """Add the group of stale key results to the tree; their number."""
    snapshot = document.snapshot
    stale = stale_in_view(document)
    group = QTreeWidgetItem(tree, [tr("Stale key results ({n})").format(n=len(stale))])
    cadence = cadence_name(cadence_of(snapshot))
    group.setToolTip(0, tr("No check-in within the plan's cadence ({cadence}) while their "
                           "cycle is under way.").format(cadence=cadence))
    row_text = tr("{title} ({days} days, {objective})")
    for kr_id, days in stale[:SHOWN_AT_MOST]:
        kr = snapshot.key_results[kr_id]
        objective = snapshot.objectives.get(kr.objective_id)
        item = QTreeWidgetItem(group, [row_text.format(
            title=kr.title, days=days, objective=objective.title if objective else "?")])
        item.setData(0, ID_ROLE, kr.objective_id)
        item.setData(0, KR_ROLE, kr_id)
    group.setExpanded(True)
    return len(stale)
