"""Asking who in a lane takes over a key result dropped on the lane's empty space."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QWidget

from okrdesk.snapshot import UnitRow

from ..translation import tr
from .lanes import Lane


def ask_for_owner(parent: QWidget, lane: Lane, people: list[UnitRow]) -> str | None:
    """The id of the person picked from `people`, or None if the question was dismissed."""
    names = [f"{person.name} — {person.role}" if person.role else person.name
             for person in people]
    name, ok = QInputDialog.getItem(parent, tr("Delegate to"),
                                    tr("Who in {lane} takes it?").format(lane=lane.name),
                                    names, 0, False)
    return people[names.index(name)].id if ok and name in names else None
