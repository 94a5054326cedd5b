"""The plan's settings: its name, the bottom-up target, the limits the quality checks use and
the check-in cadence."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from okrdesk.limits import HIGHEST_COUNT_SETTING
from okrdesk.rulebook.rhythm import CADENCE_SETTING, CADENCES, cadence_of
from okrdesk.snapshot import Snapshot

from ..rhythm_words import CADENCE_TIP, cadence_choice
from ..translation import tr
from .widgets import named, problem_label

Submit = Callable[[Mapping[str, str]], "str | None"]  # changed settings -> why refused, or None


class PlanSettingsDialog(QDialog):
    def __init__(self, snapshot: Snapshot, submit: Submit, fallback_name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planSettingsDialog")
        self.setWindowTitle(self.tr("Plan settings"))
        self.submit = submit
        self.before = {key: snapshot.setting(key) for key in
                       ("plan_name", "bottom_up_target", "max_objectives_per_owner",
                        "max_key_results")}
        self.before[CADENCE_SETTING] = cadence_of(snapshot)  # the default when never set
        self.name = named(QLineEdit(self.before["plan_name"] or fallback_name, self),
                          "planName", self.tr("Name of the plan"))
        self.bottom_up = named(QSpinBox(self), "bottomUpTarget", self.tr("Bottom-up target"))
        self.bottom_up.setRange(0, 100)
        self.bottom_up.setSuffix(" %")
        self.bottom_up.setToolTip(self.tr("The share of objectives that should be aligned up "
                                          "from below rather than delegated down"))
        self.bottom_up.setValue(round(_share(self.before["bottom_up_target"]) * 100))
        self.max_objectives = self._count("maxObjectives", self.tr("Most objectives per owner"),
                                          self.before["max_objectives_per_owner"])
        self.max_key_results = self._count("maxKeyResults",
                                           self.tr("Most key results per objective"),
                                           self.before["max_key_results"])
        self.cadence = named(QComboBox(self), "checkInCadence", self.tr("Check-in cadence"))
        for cadence in CADENCES:
            self.cadence.addItem(cadence_choice(cadence), cadence)
        self.cadence.setCurrentIndex(self.cadence.findData(self.before[CADENCE_SETTING]))
        self.cadence.setToolTip(tr(CADENCE_TIP))
        self.problem = problem_label(self, "settingsProblem")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Bottom-up target:"), self.bottom_up)
        form.addRow(self.tr("Most &objectives per owner:"), self.max_objectives)
        form.addRow(self.tr("Most &key results per objective:"), self.max_key_results)
        form.addRow(self.tr("&Check-in cadence:"), self.cadence)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    def values(self) -> dict[str, str]:
        return {"plan_name": self.name.text().strip(),
                "bottom_up_target": _share_text(self.bottom_up.value()),
                "max_objectives_per_owner": str(self.max_objectives.value()),
                "max_key_results": str(self.max_key_results.value()),
                CADENCE_SETTING: str(self.cadence.currentData())}

    def changed(self) -> dict[str, str]:
        values = self.values()
        same_share = _share(self.before["bottom_up_target"]) == _share(
            values["bottom_up_target"])
        return {key: value for key, value in values.items()
                if value != self.before[key] and not (key == "bottom_up_target" and same_share)}

    def save(self) -> None:
        changed = self.changed()
        reason = self.submit(changed) if changed else None
        if reason:
            self.problem.setText(reason)
            return
        self.accept()

    def _count(self, name: str, accessible: str, value: str) -> QSpinBox:
        box = named(QSpinBox(self), name, accessible)
        box.setRange(1, HIGHEST_COUNT_SETTING)
        box.setValue(int(value) if value.isdigit() else 5)
        return box


def _share(text: str) -> float:
    try:
        return round(float(text), 2)
    except ValueError:
        return 0.5


def _share_text(percent: int) -> str:
    return f"{percent / 100:g}"
