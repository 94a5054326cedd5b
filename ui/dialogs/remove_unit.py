"""Removing a person or team who owns objectives or has people reporting to them: hand those to
another owner chosen among the valid ones, or learn why it cannot be done."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from okrdesk.rulebook import children_of, parent_of
from okrdesk.snapshot import Snapshot, UnitRow

from ..translation import tr
from .widgets import counted, named, problem_label

Submit = Callable[[str, str], "str | None"]  # (hand_to, reports_to) -> why refused, or None
SHOWN = 5


def valid_successors(snapshot: Snapshot, unit_id: str) -> list[UnitRow]:
    """Who can take over the unit's objectives with every alignment still going upward: above
    each objective's children and below each one's parent. Top levels first."""
    ranks = {level.id: level.rank for level in snapshot.levels.values()}
    owned = [o for o in snapshot.objectives.values() if o.owner_id == unit_id]
    links: list[tuple[str, str]] = []  # (lower owner, upper owner) the hand-over must keep
    for objective in owned:
        parent = parent_of(snapshot, objective.id)
        if parent is not None:
            links.append((unit_id, snapshot.objectives[parent].owner_id))
        links.extend((snapshot.objectives[child].owner_id, unit_id)
                     for child in children_of(snapshot, objective.id))

    def rank(owner_id: str, successor: UnitRow) -> int:
        unit = successor if owner_id == unit_id else snapshot.units[owner_id]
        return ranks.get(unit.level_id, 0)

    return sorted((candidate for candidate in snapshot.units.values()
                   if candidate.id != unit_id
                   and all(rank(lower, candidate) > rank(upper, candidate)
                           for lower, upper in links)),
                  key=lambda u: (ranks.get(u.level_id, 0), u.name.lower()))


class RemoveUnitDialog(QDialog):
    def __init__(self, snapshot: Snapshot, unit_id: str, submit: Submit,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("removeUnitDialog")
        self.submit = submit
        unit = snapshot.units[unit_id]
        self.setWindowTitle(self.tr("Remove %1").replace("%1", unit.name))
        owned = sorted((o for o in snapshot.objectives.values() if o.owner_id == unit_id),
                       key=lambda o: o.title.lower())
        reports = sorted((u for u in snapshot.units.values() if u.manager_id == unit_id),
                         key=lambda u: u.name.lower())
        parts = []
        if owned:
            parts.append(self.tr("owns ") + counted(len(owned), self.tr("objective"),
                                                    self.tr("objectives")) + ": "
                         + _listed([f"“{o.title}”" for o in owned]))
        if reports:
            parts.append(self.tr("has ") + counted(len(reports), self.tr("report"),
                                                   self.tr("reports")) + ": "
                         + _listed([u.name for u in reports]))
        summary = QLabel(f"{unit.name} {self.tr(' and ').join(parts)}.", self)
        summary.setObjectName("removeSummary")
        summary.setWordWrap(True)
        self.successor = named(QComboBox(self), "successorChoice", self.tr("Hand them to"))
        for candidate in valid_successors(snapshot, unit_id):
            level = snapshot.levels.get(candidate.level_id)
            self.successor.addItem(f"{candidate.name} — {level.name if level else ''}",
                                   candidate.id)
        manager = snapshot.units.get(unit.manager_id or "")
        self.to_manager = named(QRadioButton(self), "reportsToManager",
                                self.tr("Reports go to the manager"))
        self.to_manager.setText(self.tr("%1's manager, %2").replace("%1", unit.name).replace(
            "%2", manager.name) if manager else "")
        self.to_successor = named(QRadioButton(self.tr("the new owner"), self),
                                  "reportsToSuccessor", self.tr("Reports go to the new owner"))
        group = QButtonGroup(self)
        group.addButton(self.to_manager)
        group.addButton(self.to_successor)
        (self.to_manager if manager else self.to_successor).setChecked(True)
        self.problem = problem_label(self, "removeProblem")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.remove_button = buttons.addButton(self.tr("Hand over and remove"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.remove_button.setObjectName("handOverButton")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        if self.successor.count():
            layout.addWidget(QLabel(self.tr("Hand the objectives and reports to:"), self))
            layout.addWidget(self.successor)
            if reports and manager is not None:
                layout.addWidget(QLabel(self.tr("The people reporting to %1 go to:")
                                        .replace("%1", unit.name), self))
                layout.addWidget(self.to_manager)
                layout.addWidget(self.to_successor)
        else:
            self.problem.setText(self.tr(
                "Nobody can take over: every other person or team would break an alignment "
                "of these objectives. Align them elsewhere or delete them first, then remove "
                "%1.").replace("%1", unit.name))
            self.remove_button.setEnabled(False)
        for radio in (self.to_manager, self.to_successor):
            radio.setVisible(bool(reports and manager is not None and self.successor.count()))
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def save(self) -> None:
        hand_to = self.successor.currentData()
        if hand_to is None:
            return
        reports_to = "manager" if self.to_manager.isChecked() else "hand_to"
        reason = self.submit(str(hand_to), reports_to)
        if reason:
            self.problem.setText(reason)
            return
        self.accept()


def _listed(items: list[str]) -> str:
    shown = ", ".join(items[:SHOWN])
    more = len(items) - SHOWN
    return shown + (tr(" and {n} more").format(n=more) if more > 0 else "")
