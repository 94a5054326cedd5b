"""The inspector's page for one objective: its fields, its key results, its progress explained."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from okrdesk import ops

from ..document import PlanDocument
from .fields import ChoiceBox, TextEdit, label
from .progress_text import objective_explanation, percent

ID_ROLE = Qt.ItemDataRole.UserRole
COMMITMENTS = [("Committed", "committed"), ("Aspirational", "aspirational")]
VISIBILITIES = [("Published", "published"), ("Draft", "draft")]
STATUSES = [("No status", ""), ("On track", "on_track"), ("At risk", "at_risk"),
            ("Off track", "off_track")]


class ObjectiveForm(QWidget):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.objective_id = ""
        self.heading = label("", self, "panelHeading", wrap=True)
        self.title = TextEdit(self)
        self.description = QPlainTextEdit(self)
        self.description.setPlaceholderText("Why this matters (optional)")
        self.description.setFixedHeight(64)
        self.owner = ChoiceBox([], self)
        self.cycle = ChoiceBox([], self)
        self.commitment = ChoiceBox(COMMITMENTS, self)
        self.visibility = ChoiceBox(VISIBILITIES, self)
        self.status = ChoiceBox(STATUSES, self)
        self.progress = label("", self, "progressExplanation", wrap=True)
        self.progress.setTextFormat(Qt.TextFormat.PlainText)
        self.key_results = QListWidget(self)
        self.key_results.setObjectName("objectiveKeyResults")
        self.add_kr = QPushButton("Add key result", self)
        self.delete = QPushButton("Delete objective", self)
        form = QFormLayout()
        form.addRow("Title", self.title)
        form.addRow("Description", self.description)
        form.addRow("Owner", self.owner)
        form.addRow("Cycle", self.cycle)
        form.addRow("Commitment", self.commitment)
        form.addRow("Visibility", self.visibility)
        form.addRow("Status", self.status)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_kr)
        buttons.addStretch(1)
        buttons.addWidget(self.delete)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(label("Key results", self, "panelHeading"))
        layout.addWidget(self.key_results, 1)
        layout.addLayout(buttons)
        layout.addWidget(label("Progress", self, "panelHeading"))
        layout.addWidget(self.progress)
        self.title.committed.connect(lambda text: self._edit("Rename objective", title=text))
        self.description.installEventFilter(self)
        self.commitment.chosen.connect(lambda v: self._edit("Change commitment", commitment=v))
        self.visibility.chosen.connect(lambda v: self._edit("Change visibility", visibility=v))
        self.status.chosen.connect(lambda v: self._edit("Change status", status=v or None))
        self.owner.chosen.connect(lambda v: self._move("Change owner", owner_id=v))
        self.cycle.chosen.connect(lambda v: self._move("Change cycle", cycle_id=v))
        self.key_results.itemActivated.connect(self._open_kr)
        self.key_results.itemDoubleClicked.connect(self._open_kr)
        self.add_kr.clicked.connect(self._add_key_result)
        self.delete.clicked.connect(self._delete)

    def show_objective(self, objective_id: str) -> None:
        snapshot = self.document.snapshot
        objective = snapshot.objectives[objective_id]
        self.objective_id = objective_id
        owner = snapshot.units.get(objective.owner_id)
        level = snapshot.levels.get(owner.level_id) if owner else None
        origin = "delegated from above" if objective.origin == "delegated" else "own"
        self.heading.setText(f"Objective · {level.name if level else ''} · {origin}")
        self.title.show_text(objective.title)
        self.description.setPlainText(objective.description)
        units = sorted(snapshot.units.values(), key=lambda u: u.name.lower())
        self.owner.set_choices([(u.name, u.id) for u in units])
        self.owner.show_value(objective.owner_id)
        cycles = sorted(snapshot.cycles.values(), key=lambda c: (c.kind == "backlog", c.name))
        self.cycle.set_choices([(c.name, c.id) for c in cycles])
        self.cycle.show_value(objective.cycle_id)
        self.commitment.show_value(objective.commitment)
        self.visibility.show_value(objective.visibility)
        self.status.show_value(objective.status or "")
        self.key_results.clear()
        for kr in snapshot.key_results_of(objective_id):
            item = QListWidgetItem(f"{kr.title}  ·  {percent(snapshot, kr.id)}")
            item.setData(ID_ROLE, kr.id)
            self.key_results.addItem(item)
        self.progress.setText(objective_explanation(snapshot, objective_id))
        editable = not self.document.read_only
        for widget in (self.title, self.description, self.owner, self.cycle, self.commitment,
                       self.visibility, self.status, self.add_kr, self.delete):
            widget.setEnabled(editable)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        from PySide6.QtCore import QEvent

        if watched is self.description and event.type() == QEvent.Type.FocusOut:
            objective = self.document.snapshot.objectives.get(self.objective_id)
            text = self.description.toPlainText()
            if objective is not None and text != objective.description:
                self._edit("Edit description", description=text)
        return super().eventFilter(watched, event)

    def _edit(self, label: str, **fields: object) -> None:
        objective_id = self.objective_id
        self.document.run(label, lambda: ops.edit_objective(self.document.plan, objective_id,
                                                            **fields))
        self._reshow()

    def _move(self, label: str, **where: Any) -> None:
        objective_id = self.objective_id
        self.document.run(label, lambda: ops.move_objective(self.document.plan, objective_id,
                                                            **where))
        self._reshow()

    def _reshow(self) -> None:
        """After a refusal the fields show the plan again, not what was typed."""
        if self.objective_id in self.document.snapshot.objectives:
            self.show_objective(self.objective_id)

    def _open_kr(self, item: QListWidgetItem) -> None:
        self.document.select("key_results", str(item.data(ID_ROLE)))

    def _add_key_result(self) -> None:
        objective_id = self.objective_id
        changes = self.document.run("Add key result", lambda: ops.add_key_result(
            self.document.plan, objective_id, "New key result", kind="increase", unit="",
            start_value=0.0, target_value=1.0, current_value=0.0, weight=1.0, confidence=None))
        if changes:
            self.document.select("key_results", changes.new_id("key_results"))

    def _delete(self) -> None:
        objective_id = self.objective_id
        if self.document.run("Delete objective",
                             lambda: ops.delete_objective(self.document.plan, objective_id)):
            self.document.select("", "")
