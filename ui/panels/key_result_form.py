"""The inspector's page for one key result. Checking in is what a key result's page is opened
for most, so its title and check-ins come first (in sight on a laptop's screen without
scrolling), then its definition: the metric, weight and confidence, and its progress."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from okrdesk import ops
from okrdesk.analytics.progress import kr_progress
from okrdesk.errors import OkrDeskError

from ..document import PlanDocument
from ..translation import QT_TR_NOOP
from .check_ins import CheckInPanel
from .elided_label import ElidedLabel
from .expected_status import ExpectedStatus
from .fields import (
    ChoiceBox,
    ConfidenceBox,
    ElidedButton,
    NumberEdit,
    TextEdit,
    add_field,
    label,
    parse_number,
    shrinkable,
    translated,
)
from .final_scores import key_result_score_text
from .progress_text import percent

KINDS = [
    (QT_TR_NOOP("Increase to a target"), "increase"),
    (QT_TR_NOOP("Decrease to a target"), "decrease"),
    (QT_TR_NOOP("Stay above"), "stay_above"), (QT_TR_NOOP("Stay below"), "stay_below"),
    (QT_TR_NOOP("Milestone (done or not)"), "milestone"), (QT_TR_NOOP("No metric"), "no_metric"),
    (QT_TR_NOOP("An aligned objective"), "objective"),
]
KIND_NAMES = dict((value, text) for text, value in KINDS)
METRICS = {"increase", "decrease", "stay_above", "stay_below", "milestone"}


class KeyResultForm(QWidget):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.kr_id = ""
        self.heading = ElidedLabel(self, "panelHeading")
        self.owner = label("", self, "keyResultOwner", wrap=True)
        self.owner.setAccessibleName(self.tr("Owner of the objective"))
        self.owner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.owner.setTextFormat(Qt.TextFormat.PlainText)
        self.back = QPushButton(self.tr("◀ Objective"), self)
        self.back.setAccessibleName(self.tr("Back to the objective"))
        self.title = TextEdit(self)
        self.kind = ChoiceBox(translated(KINDS), self)
        shrinkable(self.kind)
        self.unit = TextEdit(self)
        self.unit.setPlaceholderText(self.tr("e.g. customers, €, %"))
        self.start = NumberEdit(parent=self)
        self.target = NumberEdit(parent=self)
        self.current = NumberEdit(parent=self)
        self.weight = QDoubleSpinBox(self)
        self.weight.setRange(0.0, 1000.0)
        self.weight.setDecimals(2)
        self.weight.setKeyboardTracking(False)
        self.confidence = ConfidenceBox(self)
        self.progress = label("", self, "progressExplanation", wrap=True)
        self.expected = ExpectedStatus(self)
        self.final_score = label("", self, "finalScore", wrap=True)  # read-only, once closed
        self.final_score.setAccessibleName(self.tr("Final score"))
        self.final_score.setTextFormat(Qt.TextFormat.PlainText)
        self.stands_for = ElidedButton(self)
        self.stands_for.setAccessibleName(self.tr("Open the objective aligned to this key result"))
        self.delete = QPushButton(self.tr("Delete key result"), self)
        self.check_ins = CheckInPanel(document, self)
        named = QFormLayout()
        add_field(named, self.tr("Title"), self.title)
        form = QFormLayout()
        add_field(form, self.tr("Kind"), self.kind)
        add_field(form, self.tr("Unit"), self.unit)
        add_field(form, self.tr("Start"), self.start)
        add_field(form, self.tr("Target"), self.target)
        add_field(form, self.tr("Current"), self.current)
        add_field(form, self.tr("Weight"), self.weight)
        add_field(form, self.tr("Confidence"), self.confidence)
        top = QHBoxLayout()
        top.addWidget(self.back)
        top.addWidget(self.heading, 1)
        line_up_labels(*self.check_ins.labels, *_labels_of(named), *_labels_of(form))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.final_score)
        layout.addLayout(named)
        layout.addWidget(self.check_ins, 1)  # its history takes the height left
        layout.addWidget(self.progress)
        layout.addWidget(self.expected)
        layout.addWidget(label(self.tr("Definition"), self, "panelHeading"))
        layout.addLayout(form)
        layout.addWidget(self.stands_for)
        layout.addWidget(self.owner)
        layout.addWidget(self.delete)
        self.title.committed.connect(
            lambda text: self._edit(self.tr("Rename key result"), title=text))
        self.kind.chosen.connect(lambda value: self._edit(self.tr("Change kind"), kind=value))
        self.unit.committed.connect(lambda text: self._edit(self.tr("Change unit"), unit=text))
        self.start.committed.connect(lambda t: self._number(
            self.tr("Change start"), "start_value", self.tr("start value"), t))
        self.target.committed.connect(lambda t: self._number(
            self.tr("Change target"), "target_value", self.tr("target value"), t))
        self.current.committed.connect(lambda t: self._number(
            self.tr("Change current value"), "current_value", self.tr("current value"), t))
        self.weight.valueChanged.connect(
            lambda v: self._edit(self.tr("Change weight"), weight=v))
        self.confidence.valueChanged.connect(lambda _v: self._edit(
            self.tr("Change confidence"), confidence=self.confidence.fraction()))
        self.back.clicked.connect(self._back)
        self.stands_for.clicked.connect(self._open_aligned)
        self.delete.clicked.connect(self._delete)

    def show_key_result(self, kr_id: str) -> None:
        snapshot = self.document.snapshot
        kr = snapshot.key_results[kr_id]
        self.kr_id = kr_id
        objective = snapshot.objectives.get(kr.objective_id)
        self.heading.set_full_text(self.tr("Key result of “{title}”").format(
            title=objective.title if objective else ""))
        owner = snapshot.units.get(objective.owner_id) if objective else None
        self.owner.setText(self.tr("Owner: {name}").format(name=owner.name)
                           + (f" · {owner.email}" if owner.email else "") if owner else "")
        self.owner.setVisible(owner is not None)
        self.title.show_text(kr.title)
        self.kind.show_value(kr.kind)
        self.unit.show_text(kr.unit)
        self.start.show_value(kr.start_value)
        self.target.show_value(kr.target_value)
        self.current.show_value(kr.current_value)
        self.weight.blockSignals(True)
        self.weight.setValue(kr.weight)
        self.weight.blockSignals(False)
        self.confidence.show_fraction(kr.confidence)
        self.progress.setText(self.tr("Progress {percent}").format(
            percent=percent(snapshot, kr_id)))
        if objective is not None:
            self.expected.show_for(snapshot, objective.cycle_id, kr_progress(snapshot, kr_id))
        self.expected.setVisible(objective is not None and bool(self.expected.text()))
        self.final_score.setText(key_result_score_text(snapshot, kr_id))
        self.final_score.setVisible(bool(self.final_score.text()))
        aligned = snapshot.objectives_under(kr_id)
        self.stands_for.setVisible(bool(aligned))
        if aligned:
            shown = (self.tr("Stands for: “{title}” ▶") if kr.kind == "objective" else
                     self.tr("Aligned under it: “{title}” ▶"))
            self.stands_for.set_full_text(shown.format(title=aligned[0].title))
        editable = not self.document.read_only
        has_metric = kr.kind in METRICS
        always: list[QWidget] = [self.title, self.kind, self.weight, self.confidence, self.delete]
        metric: list[QWidget] = [self.unit, self.start, self.target, self.current]
        for widget in always:
            widget.setEnabled(editable)
        for widget in metric:
            widget.setEnabled(editable and has_metric)
        self.check_ins.show_key_result(kr_id)

    def _number(self, label: str, field: str, what: str, text: str) -> None:
        try:
            value = parse_number(text, what)
        except OkrDeskError as error:
            self.document.refused.emit(str(error))
            self._reshow()
            return
        self._edit(label, **{field: value})

    def _edit(self, label: str, **fields: Any) -> None:
        kr_id = self.kr_id
        self.document.run(label, lambda: ops.edit_key_result(self.document.plan, kr_id, **fields))
        self._reshow()

    def _reshow(self) -> None:
        if self.kr_id in self.document.snapshot.key_results:
            self.show_key_result(self.kr_id)

    def _back(self) -> None:
        kr = self.document.snapshot.key_results.get(self.kr_id)
        if kr is not None:
            self.document.select("objectives", kr.objective_id)

    def _open_aligned(self) -> None:
        aligned = self.document.snapshot.objectives_under(self.kr_id)
        if aligned:
            self.document.select("objectives", aligned[0].id)

    def _delete(self) -> None:
        kr = self.document.snapshot.key_results.get(self.kr_id)
        if kr is None:
            return
        kr_id, objective_id = self.kr_id, kr.objective_id
        if self.document.run(self.tr("Delete key result"),
                             lambda: ops.delete_key_result(self.document.plan, kr_id)):
            self.document.select("objectives", objective_id)


def _labels_of(form: QFormLayout) -> list[QLabel]:
    found = (form.itemAt(row, QFormLayout.ItemRole.LabelRole) for row in range(form.rowCount()))
    widgets = (item.widget() for item in found if item is not None)
    return [widget for widget in widgets if isinstance(widget, QLabel)]


def line_up_labels(*labels: QLabel) -> None:
    """One width for the labels of the page's separate forms, so their fields start in one
    column."""
    widest = max(each.sizeHint().width() for each in labels)
    for each in labels:
        each.setMinimumWidth(widest)
