"""What deleting an objective or a key result takes with it, said before it is done."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from okrdesk.model import KrKind
from okrdesk.snapshot import Snapshot

from .translation import tr

NAMED_AT_MOST = 4


def objective_consequences(snapshot: Snapshot, objective_id: str) -> list[str]:
    """What else changes when the objective goes; empty when nothing else does."""
    said: list[str] = []
    krs = snapshot.key_results_of(objective_id)
    own = [kr for kr in krs if kr.kind != KrKind.OBJECTIVE]
    if own:
        said.append(tr("Its {n} key result(s) and their check-ins are deleted with it.")
                    .format(n=len(own)))
    below = [child for kr in krs for child in snapshot.objectives_under(kr.id)]
    if below:
        said.append(tr("{n} objective(s) aligned to it stay, aligned to nothing: {names}.")
                    .format(n=len(below), names=_names(o.title for o in below)))
    return said


def key_result_consequences(snapshot: Snapshot, kr_id: str) -> list[str]:
    below = snapshot.objectives_under(kr_id)
    if not below:
        return []
    return [tr("{n} objective(s) aligned under it stay, aligned to nothing: {names}.")
            .format(n=len(below), names=_names(o.title for o in below))]


def ask_to_delete(parent: QWidget, what: str, consequences: list[str],
                  delete: Callable[[], object]) -> QMessageBox:
    """A window-modal question, not blocking; `delete` runs if the planner says so. Enter
    deletes (Undo brings everything back), Esc keeps."""
    box = QMessageBox(QMessageBox.Icon.Question, tr("Delete"),
                      tr("Delete {what}?").format(what=what), QMessageBox.StandardButton.NoButton,
                      parent)
    box.setObjectName("deleteQuestion")
    box.setInformativeText(" ".join([*consequences, tr("Undo (Ctrl+Z) brings it all back.")]))
    button = box.addButton(tr("Delete"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(button)
    box.buttonClicked.connect(lambda clicked: delete() if clicked is button else None)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def _names(titles: Iterable[str]) -> str:
    listed = [f"“{title}”" for title in titles]
    if len(listed) > NAMED_AT_MOST:
        rest = len(listed) - NAMED_AT_MOST
        return ", ".join(listed[:NAMED_AT_MOST]) + tr(" and {n} more").format(n=rest)
    return ", ".join(listed)
