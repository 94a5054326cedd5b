"""The inspector's page for one objective: its fields, its key results, its progress explained."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from okrdesk import ops
from okrdesk.rulebook import ordered_cycles
from okrdesk.snapshot import ObjectiveRow, Snapshot

from ..commands import Commands
from ..document import PlanDocument
from ..translation import QT_TR_NOOP, tr
from .expected_status import ExpectedStatus
from .fields import ChoiceBox, TextEdit, add_field, label, shrinkable, translated
from .final_scores import objective_score_text
from .progress_text import objective_explanation, percent

ID_ROLE = Qt.ItemDataRole.UserRole
COMMITMENTS = [(QT_TR_NOOP("Committed"), "committed"), (QT_TR_NOOP("Aspirational"), "aspirational")]
VISIBILITIES = [(QT_TR_NOOP("Published"), "published"), (QT_TR_NOOP("Draft"), "draft")]
STATUSES = [(QT_TR_NOOP("No status"), ""), (QT_TR_NOOP("On track"), "on_track"),
            (QT_TR_NOOP("At risk"), "at_risk"), (QT_TR_NOOP("Off track"), "off_track")]
# The registry's commands on the selected objective, offered as a column of flat buttons.
COMMAND_KEYS = ("objective.change_owner", "objective.move_cycle", "objective.duplicate",
                "objective.copy_to_cycle", "objective.carry_over_subtree", "objective.delete")


def copied_from_text(
snapshot: Snapshot, objective: ObjectiveRow) -> tuple[str, str]:
    """What the objective was copied from, in words, and the original's id ("" if it is gone
    or the objective is not a copy)."""
    if objective.copied_from_id is None:
        return "", ""
    original = snapshot.objectives.get(objective.copied_from_id)
    if original is None:
        return tr("Copied from an objective since deleted."), ""
    if original.cycle_id == objective.cycle_id:
        return tr("Copied from “{title}”").format(title=original.title), original.id
    cycle = snapshot.cycles.get(original.cycle_id)
    return (tr("Carried over from {cycle}: “{title}”").format(
        cycle=cycle.name if cycle else "", title=original.title), original.id)


def owner_email(snapshot: Snapshot, owner_id: str) -> str:
    """The owner's e-mail address, for showing beside their name ("" if not known)."""
    owner = snapshot.units.get(owner_id)
    return owner.email if owner is not None else ""


class ElidedLabel(QLabel):
    """One line that never widens the inspector: shortened in the middle ("techni…example")
    when the panel is narrow, the whole text in its tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full_text = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(self.contentsRect().width(), 20)
        self.setText(self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideMiddle,
                                                   width))


class ObjectiveForm(QWidget):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None, *,
                 commands: Commands | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.commands = commands
        self.objective_id = ""
        self.original_id = ""
        self.heading = label("", self, "panelHeading", wrap=True)
        self.copied_from = label("", self, "copiedFrom", wrap=True)
        self.copied_from.setAccessibleName(tr("Copied from"))
        self.copied_from.setTextFormat(Qt.TextFormat.RichText)
        self.copied_from.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.copied_from.linkActivated.connect(lambda _link: self._open_original())
        self.final_score = label("", self, "finalScore", wrap=True)  # read-only, once closed
        self.final_score.setAccessibleName(tr("Final score"))
        self.final_score.setTextFormat(Qt.TextFormat.PlainText)
        self.final_score.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title = TextEdit(self)
        self.description = QPlainTextEdit(self)
        self.description.setPlaceholderText(self.tr("Why this matters (optional)"))
        self.description.setFixedHeight(64)
        self.owner = ChoiceBox([], self)
        self.owner_email = ElidedLabel(self)
        self.owner_email.setObjectName("ownerEmail")
        self.cycle = ChoiceBox([], self)
        self.commitment = ChoiceBox(translated(COMMITMENTS), self)
        self.visibility = ChoiceBox(translated(VISIBILITIES), self)
        self.status = ChoiceBox(translated(STATUSES), self)
        shrinkable(self.owner, self.cycle, self.commitment, self.visibility, self.status)
        self.expected = ExpectedStatus(self)
        self.progress = label("", self, "progressExplanation", wrap=True)
        self.progress.setTextFormat(Qt.TextFormat.PlainText)
        self.key_results = QListWidget(self)
        self.key_results.setObjectName("objectiveKeyResults")
        self.key_results.setAccessibleName(self.tr("Key results of the objective"))
        # a long title is shortened in its middle, so its progress stays in sight
        self.key_results.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.key_results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.add_kr = QPushButton(self.tr("Add key result"), self)
        self.command_buttons = {key: self._command_button(key) for key in COMMAND_KEYS}
        self.delete = self.command_buttons["objective.delete"]
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # a narrow inspector
        add_field(form, self.tr("Title"), self.title)
        add_field(form, self.tr("Description"), self.description)
        add_field(form, self.tr("Owner"), self.owner)
        form.addRow(tr("E-mail"), self.owner_email)
        self.owner_email.setAccessibleName(tr("Owner's e-mail address"))
        add_field(form, self.tr("Cycle"), self.cycle)
        add_field(form, self.tr("Commitment"), self.commitment)
        add_field(form, self.tr("Visibility"), self.visibility)
        add_field(form, self.tr("Status"), self.status)
        form.addRow("", self.expected)  # beside the status set by hand
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_kr)
        buttons.addStretch(1)
        actions = QVBoxLayout()
        actions.setSpacing(0)
        for button in self.command_buttons.values():
            actions.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.copied_from)
        layout.addWidget(self.final_score)
        layout.addLayout(form)
        layout.addWidget(label(self.tr("Key results"), self, "panelHeading"))
        layout.addWidget(self.key_results, 1)
        layout.addLayout(buttons)
        layout.addWidget(label(tr("Actions"), self, "panelHeading"))
        layout.addLayout(actions)
        layout.addWidget(label(self.tr("Progress"), self, "panelHeading"))
        layout.addWidget(self.progress)
        self.title.committed.connect(
            lambda text: self._edit(self.tr("Rename objective"), title=text))
        self.description.installEventFilter(self)
        self.commitment.chosen.connect(
            lambda v: self._edit(self.tr("Change commitment"), commitment=v))
        self.visibility.chosen.connect(
            lambda v: self._edit(self.tr("Change visibility"), visibility=v))
        self.status.chosen.connect(
            lambda v: self._edit(self.tr("Change status"), status=v or None))
        self.owner.chosen.connect(lambda v: self._move(self.tr("Change owner"), owner_id=v))
        self.cycle.chosen.connect(lambda v: self._move(self.tr("Change cycle"), cycle_id=v))
        self.key_results.itemActivated.connect(self._open_kr)
        self.key_results.itemDoubleClicked.connect(self._open_kr)
        self.add_kr.clicked.connect(self._add_key_result)

    def _command_button(self, key: str) -> QToolButton:
        """A button that runs the registry's command (its text, shortcut and enabled state);
        without a registry, or before the command is registered, it stays hidden."""
        button = QToolButton(self)
        button.setObjectName(key.replace(".", "_"))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setAutoRaise(True)
        if self.commands is not None and key in self.commands:
            action = self.commands.action(key)
            button.setDefaultAction(action)
            button.setAccessibleName(action.text().replace("&", ""))
            shortcut = action.shortcut().toString(action.shortcut().SequenceFormat.NativeText)
            if shortcut:
                button.setToolTip(self.tr("{tip} ({shortcut})").format(
                    tip=action.toolTip() or button.accessibleName(), shortcut=shortcut))
        else:
            button.hide()
        return button

    def show_objective(self, objective_id: str) -> None:
        snapshot = self.document.snapshot
        objective = snapshot.objectives[objective_id]
        self.objective_id = objective_id
        owner = snapshot.units.get(objective.owner_id)
        level = snapshot.levels.get(owner.level_id) if owner else None
        origin = (self.tr("delegated from above") if objective.origin == "delegated" else
                  self.tr("own"))
        self.heading.setText(self.tr("Objective · {level} · {origin}").format(
            level=level.name if level else "", origin=origin))
        self.title.show_text(objective.title)
        self.description.setPlainText(objective.description)
        units = sorted(snapshot.units.values(), key=lambda u: u.name.lower())
        self.owner.set_choices([(u.name, u.id) for u in units])
        for index, unit in enumerate(units):
            if unit.email:
                self.owner.setItemData(index, unit.email, Qt.ItemDataRole.ToolTipRole)
        self.owner.show_value(objective.owner_id)
        email = owner_email(snapshot, objective.owner_id)
        self.owner_email.set_full_text(email or tr("not known"))
        self.owner_email.setEnabled(bool(email))
        self._show_copied_from(snapshot, objective)
        self.final_score.setText(objective_score_text(snapshot, objective_id))
        self.final_score.setVisible(bool(self.final_score.text()))
        self.cycle.set_choices([(c.name, c.id) for c in ordered_cycles(snapshot)])
        self.cycle.show_value(objective.cycle_id)
        self.commitment.show_value(objective.commitment)
        self.visibility.show_value(objective.visibility)
        self.status.show_value(objective.status or "")
        self.expected.show_objective(snapshot, objective_id)
        self.key_results.clear()
        for kr in snapshot.key_results_of(objective_id):
            item = QListWidgetItem(f"{kr.title}  ·  {percent(snapshot, kr.id)}")
            item.setData(ID_ROLE, kr.id)
            self.key_results.addItem(item)
        self.progress.setText(objective_explanation(snapshot, objective_id))
        editable = not self.document.read_only
        for widget in (self.title, self.description, self.owner, self.cycle, self.commitment,
                       self.visibility, self.status, self.add_kr):
            widget.setEnabled(editable)

    def _show_copied_from(self, snapshot: Snapshot, objective: ObjectiveRow) -> None:
        text, self.original_id = copied_from_text(snapshot, objective)
        if self.original_id:
            self.copied_from.setText(f'<a href="original">{escape(text)}</a>')
            self.copied_from.setToolTip(tr("Show the original objective"))
        else:
            self.copied_from.setText(escape(text))
            self.copied_from.setToolTip("")
        self.copied_from.setVisible(bool(text))

    def _open_original(self) -> None:
        original = self.document.snapshot.objectives.get(self.original_id)
        if original is None:
            return
        self.document.set_cycle(original.cycle_id)
        self.document.select("objectives", original.id)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        from PySide6.QtCore import QEvent

        if watched is self.description and event.type() == QEvent.Type.FocusOut:
            objective = self.document.snapshot.objectives.get(self.objective_id)
            text = self.description.toPlainText()
            if objective is not None and text != objective.description:
                self._edit(self.tr("Edit description"), description=text)
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
        changes = self.document.run(self.tr("Add key result"), lambda: ops.add_key_result(
            self.document.plan, objective_id, self.tr("New key result"), kind="increase", unit="",
            start_value=0.0, target_value=1.0, current_value=0.0, weight=1.0, confidence=None))
        if changes:
            self.document.select("key_results", changes.new_id("key_results"))
