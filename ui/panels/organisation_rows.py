"""The organisation tree's rows: headings, levels and functions at once, then their people and
teams a batch at a time (gradual_fill.py), with the objective count of each owner.

Rows are keyed "heading:levels", "level:ID", "unit:ID", "function:ID", "heading:functions".
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from ..document import PlanDocument
from ..translation import tr
from .gradual_fill import FIRST, GradualFill
from .organisation_tree import NAME_ROLE, UNIT_ROLE

Jobs = list[tuple[QTreeWidgetItem | None, list[str]]]


class OrganisationRows:
    """Fills `tree` from the document's plan and finds its rows by key."""

    def __init__(self, tree: QTreeWidget, document: PlanDocument) -> None:
        self.tree = tree
        self.document = document
        self.items: dict[str, QTreeWidgetItem] = {}  # key: the first row showing it
        self._counts: dict[str, int] = {}  # owner: objectives in the cycle's view
        self._unit_tip = ""
        self.filling = GradualFill(tree, self._unit_item)  # people and teams

    def refill(self) -> None:
        """A large organisation is worked out once the tree has been drawn (or a row is asked
        for); the rows that were unfolded stay unfolded."""
        self.tree.blockSignals(True)
        expanded = self._expanded_keys()
        self.items.clear()
        self.tree.clear()
        self.tree.blockSignals(False)
        large = 2 * len(self.document.snapshot.units) > FIRST  # a row per level and function
        self.filling.start((lambda: self._rows(expanded)) if large else self._rows(expanded))

    def item_for(self, key: str) -> QTreeWidgetItem | None:
        """The first row with this key; rows still to come are added first."""
        if key not in self.items:
            self.filling.finish()
        return self.items.get(key)

    def all_items(self) -> list[QTreeWidgetItem]:
        """Every row, in the tree's order (rows still to come are added first)."""
        self.filling.finish()
        found: list[QTreeWidgetItem] = []
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            if item is not None:
                found.append(item)
                stack.extend(item.child(i) for i in reversed(range(item.childCount())))
        return found

    def row(self, parent: QTreeWidgetItem | None, key: str, text: str, name: str,
            count: str = "") -> QTreeWidgetItem:
        """A row under `parent`, or one to be added (None)."""
        item = QTreeWidgetItem(parent, [text, count]) if parent is not None \
            else QTreeWidgetItem([text, count])
        self.items.setdefault(key, item)
        item.setData(0, UNIT_ROLE, key)
        item.setData(0, NAME_ROLE, name)
        flags = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                 | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDropEnabled)
        if key.startswith("unit:"):
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        item.setFlags(flags)
        return item

    def _rows(self, expanded: set[str]) -> Jobs:
        """The headings, levels and functions; returns the people and teams to add under them."""
        snapshot = self.document.snapshot
        counts: dict[str, int] = {}
        cycle_id = self.document.cycle_id
        shown = (self.document.analytics.view_objectives(cycle_id)
                 if cycle_id in snapshot.cycles else [])
        for objective_id in shown:
            owner_id = snapshot.objectives[objective_id].owner_id
            counts[owner_id] = counts.get(owner_id, 0) + 1
        self._counts = counts
        self._unit_tip = tr("%1: choose to list this owner's objectives; F2 renames, Enter "
                            "opens the details, drag onto another person to change the "
                            "manager")
        at_level: dict[str, list[str]] = {}
        in_function: dict[str, list[str]] = {}
        for unit in sorted(snapshot.units.values(), key=lambda u: u.name.lower()):
            at_level.setdefault(unit.level_id, []).append(unit.id)
            if unit.function_id:
                in_function.setdefault(unit.function_id, []).append(unit.id)
        self.tree.blockSignals(True)
        jobs: Jobs = []
        levels_item = self._heading(tr("Levels"), "levels")
        for level in snapshot.ordered_levels():
            level_item = self.row(levels_item, f"level:{level.id}", level.name, level.name)
            members = at_level.get(level.id, [])
            level_item.setText(1, str(sum(counts.get(u, 0) for u in members)))
            jobs.append((level_item, members))
        functions_item = self._heading(tr("Functions"), "functions")
        for function in sorted(snapshot.functions.values(), key=lambda f: f.name.lower()):
            function_item = self.row(functions_item, f"function:{function.id}", function.name,
                                     function.name)
            jobs.append((function_item, in_function.get(function.id, [])))
        self._restore_expanded(expanded)
        self.tree.blockSignals(False)
        return jobs

    def _heading(self, text: str, key: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.tree, [text, ""])
        item.setData(0, UNIT_ROLE, f"heading:{key}")
        self.items[f"heading:{key}"] = item
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                      | Qt.ItemFlag.ItemIsDropEnabled)
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.setExpanded(True)
        return item

    def _unit_item(self, unit_id: str) -> QTreeWidgetItem:
        """A person's or team's row, to be added under a level or a function."""
        unit = self.document.snapshot.units[unit_id]
        role = f" — {unit.role}" if unit.role else ""
        marker = "👥 " if unit.kind == "team" else ""
        item = self.row(None, f"unit:{unit_id}", f"{marker}{unit.name}{role}", unit.name,
                        str(self._counts.get(unit_id, 0)))
        item.setToolTip(0, self._unit_tip.replace("%1", f"{unit.name}{role}"))
        return item

    def _folders(self) -> dict[str, QTreeWidgetItem]:
        """The rows that hold others (headings, levels, functions): the ones that fold."""
        return {key: item for key, item in self.items.items() if not key.startswith("unit:")}

    def _expanded_keys(self) -> set[str]:
        return {key for key, item in self._folders().items() if item.isExpanded()}

    def _restore_expanded(self, keys: set[str]) -> None:
        for key, item in self._folders().items():
            if key in keys or (not keys and key.startswith(("heading:", "level:"))):
                item.setExpanded(True)
