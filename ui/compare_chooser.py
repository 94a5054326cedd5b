"""The first step of View > Compare with…: another plan file, or another cycle of this plan."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from okrdesk import PLAN_SUFFIX
from okrdesk.rulebook.cycles import ordered_cycles

from .document import PlanDocument


@dataclass(frozen=True)
class CompareChoice:
    """What to compare the open plan with: a plan file, or (`path` None) a cycle of it."""

    path: Path | None = None
    cycle_id: str | None = None


class CompareChooser(QDialog):
    def __init__(self, parent: QWidget, document: PlanDocument) -> None:
        super().__init__(parent)
        self.setObjectName("compareChooser")
        self.setWindowTitle(self.tr("Compare with"))
        self.document = document
        self.file_button = QRadioButton(self.tr("Another plan &file (an older copy, a draft):"),
                                        self)
        self.cycle_button = QRadioButton(self.tr("Another &cycle of this plan:"), self)
        group = QButtonGroup(self)
        group.addButton(self.file_button)
        group.addButton(self.cycle_button)
        self.path_field = QLineEdit(self)
        self.path_field.setObjectName("comparePath")
        self.path_field.setAccessibleName(self.tr("Plan file to compare with"))
        self.path_field.setPlaceholderText(self.tr("Path of a plan file"))
        browse = QPushButton(self.tr("&Browse…"), self)
        browse.clicked.connect(self._browse)
        self.cycle_box = QComboBox(self)
        self.cycle_box.setObjectName("compareCycle")
        self.cycle_box.setAccessibleName(self.tr("Cycle to compare with"))
        self._fill_cycles()
        shown = document.snapshot.cycles.get(document.cycle_id)
        note = QLabel(self.tr("The differences are those of the cycle shown now, {cycle}, "
                              "from the one chosen here.").format(
            cycle=shown.name if shown else self.tr("the whole plan")), self, wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Compare"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        grid = QGridLayout()
        grid.addWidget(self.file_button, 0, 0, 1, 2)
        row = QHBoxLayout()
        row.addWidget(self.path_field, 1)
        row.addWidget(browse)
        grid.addLayout(row, 1, 0, 1, 2)
        grid.addWidget(self.cycle_button, 2, 0)
        grid.addWidget(self.cycle_box, 2, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.path_field.textEdited.connect(lambda _text: self.file_button.setChecked(True))
        self.path_field.textChanged.connect(lambda _text: self._update())
        self.cycle_box.activated.connect(lambda _index: self.cycle_button.setChecked(True))
        group.buttonToggled.connect(lambda *_args: self._update())
        self.file_button.setChecked(True)
        self.cycle_button.setEnabled(bool(document.cycle_id) and self.cycle_box.count() > 0)
        self._update()
        self.resize(max(520, self.sizeHint().width()), self.sizeHint().height())

    def choice(self) -> CompareChoice:
        if self.cycle_button.isChecked():
            return CompareChoice(cycle_id=str(self.cycle_box.currentData()))
        return CompareChoice(path=Path(self.path_field.text().strip()).expanduser())

    def _fill_cycles(self) -> None:
        """Every other cycle; the one before the shown cycle first chosen."""
        cycles = [c for c in ordered_cycles(self.document.snapshot)
                  if c.id != self.document.cycle_id]
        for cycle in cycles:
            self.cycle_box.addItem(cycle.name, cycle.id)
        ordered = [c.id for c in ordered_cycles(self.document.snapshot)]
        if self.document.cycle_id in ordered:
            before = ordered.index(self.document.cycle_id) - 1
            if before >= 0:
                self.cycle_box.setCurrentIndex(max(0, self.cycle_box.findData(ordered[before])))

    def _browse(self) -> None:
        folder = str(self.document.plan.path.parent)
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Plan to compare with"), folder,
            self.tr("OKR plans (*{suffix});;All files (*)").format(suffix=PLAN_SUFFIX))
        if path:
            self.path_field.setText(path)
            self.file_button.setChecked(True)

    def _update(self) -> None:
        self.ok_button.setEnabled(self.cycle_button.isChecked()
                                  or bool(self.path_field.text().strip()))
