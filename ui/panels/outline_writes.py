"""What the outline writes: each line typed, title edited, deletion or move one operation, so
one undo step; a refusal reaches the status bar with its reason."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from okrdesk import ops
from okrdesk.authoring import OutlineObjective, read_key_result
from okrdesk.storage import ChangeSet

from ..document import PlanDocument
from ..translation import tr
from .outline_rows import siblings


class OutlineWrites:
    """Changes to one open plan made from the outline; questions open over `parent`."""

    def __init__(self, document: PlanDocument, parent: QWidget) -> None:
        self.document = document
        self.parent = parent

    def write_objective(self, owner_id: str, after_id: str, text: str) -> ChangeSet | None:
        """A new objective of `owner_id` in this cycle, after `after_id` when that is theirs."""
        plan, cycle = self.document.plan, self.document.cycle_id
        if not cycle:
            self.document.refused.emit(tr("Add a cycle first: an objective belongs to one."))
            return None
        snapshot = self.document.snapshot
        position: int | None = None
        after = snapshot.objectives.get(after_id)
        if after is not None and after.owner_id == owner_id and after.cycle_id == cycle:
            order = siblings(snapshot, after)
            position = order.index(after.id) + 1
            if position >= len(order):
                position = None
        label = tr("New objective “{0}”").format(text[:60])
        if position is None:
            return self.document.run(label, lambda: ops.create_objective(
                plan, owner_id, cycle, text))
        where = position
        return self.document.run(label, lambda: ops.create_outline(
            plan, owner_id, cycle, [OutlineObjective(text, [])], position=where, label=label))

    def write_key_result(self, objective_id: str, after_id: str, text: str) -> ChangeSet | None:
        """A new key result read from `text`, after `after_id` (first when that is empty)."""
        plan = self.document.plan
        krs = self.document.snapshot.krs_of.get(objective_id, [])
        position = krs.index(after_id) + 1 if after_id in krs else 0
        label = tr("New key result “{0}”").format(text[:60])
        if position >= len(krs):
            reading = read_key_result(text)
            return self.document.run(label, lambda: ops.add_key_result(
                plan, objective_id, **reading.key_result_fields()))
        return self.document.run(label, lambda: ops.insert_key_result(
            plan, objective_id, text, position=position))

    def write_title(self, table: str, row_id: str, text: str) -> None:
        plan, snapshot = self.document.plan, self.document.snapshot
        if table == "objectives" and row_id in snapshot.objectives:
            if text.strip() != snapshot.objectives[row_id].title:
                self.document.run(tr("Edit objective"), lambda: ops.edit_objective(
                    plan, row_id, title=text))
        elif table == "key_results" and row_id in snapshot.key_results:
            kr = snapshot.key_results[row_id]
            if text.strip() == kr.title:
                return
            fields: dict[str, object] = {"title": text}
            was = read_key_result(kr.title)
            if (was.kind.value, was.start, was.target, was.unit) == (
                    kr.kind, kr.start_value, kr.target_value, kr.unit):
                # the measure was read from the old words, not set by hand: read the new ones
                now = read_key_result(text)
                fields.update(kind=now.kind.value, start_value=now.start,
                              target_value=now.target, unit=now.unit)
            self.document.run(tr("Edit key result"), lambda: ops.edit_key_result(
                plan, row_id, **fields))

    def delete(self, table: str, row_id: str) -> None:
        """Delete a row, asking first when key results or aligned objectives are touched."""
        snapshot, plan = self.document.snapshot, self.document.plan
        if table == "objectives" and row_id in snapshot.objectives:
            objective = snapshot.objectives[row_id]
            krs = snapshot.krs_of.get(row_id, [])
            aligned = sum(len(snapshot.aligned_to_kr.get(kr, ())) for kr in krs)
            if (krs or aligned) and not self.confirm(
                    tr("Delete “{0}”?").format(objective.title),
                    tr("Its {0} key result(s) go with it; {1} objective(s) aligned under "
                       "them stay, unaligned.").format(len(krs), aligned)):
                return
            self.document.run(tr("Delete objective"),
                              lambda: ops.delete_objective(plan, row_id))
        elif table == "key_results" and row_id in snapshot.key_results:
            kr = snapshot.key_results[row_id]
            aligned = len(snapshot.aligned_to_kr.get(row_id, ()))
            if aligned and not self.confirm(
                    tr("Delete “{0}”?").format(kr.title),
                    tr("{0} objective(s) aligned under it stay, unaligned.").format(aligned)):
                return
            self.document.run(tr("Delete key result"),
                              lambda: ops.delete_key_result(plan, row_id))

    def confirm(self, question: str, detail: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, tr("Delete"), question,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self.parent)
        box.setObjectName("outlineDeleteQuestion")
        box.setInformativeText(detail)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes

    def move(self, table: str, row_id: str, step: int) -> None:
        """Move a row `step` places among its siblings (nothing past either end)."""
        snapshot, plan = self.document.snapshot, self.document.plan
        if table == "objectives" and row_id in snapshot.objectives:
            order = siblings(snapshot, snapshot.objectives[row_id])
            where = order.index(row_id) + step
            if 0 <= where < len(order):
                self.document.run(tr("Reorder objective"),
                                  lambda: ops.reorder_objective(plan, row_id, where))
        elif table == "key_results" and row_id in snapshot.key_results:
            krs = snapshot.krs_of.get(snapshot.key_results[row_id].objective_id, [])
            where = krs.index(row_id) + step
            if 0 <= where < len(krs):
                self.document.run(tr("Reorder key result"),
                                  lambda: ops.reorder_key_result(plan, row_id, where))
