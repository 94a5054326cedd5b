"""File > Take out a draft…: choose a person or team of the organisation (searchable), the
cycle and the file; the draft holds their part of the plan (okrdesk.drafts)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from okrdesk import PLAN_SUFFIX
from okrdesk.drafts.contents import snapshot_part
from okrdesk.drafts.part import part_objective_ids
from okrdesk.rulebook import ordered_cycles
from okrdesk.snapshot import Snapshot, UnitRow

from ..document import PlanDocument
from ..translation import tr

UNIT_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class DraftChoice:
    unit_id: str
    cycle_id: str | None
    path: Path


class TakeOutDraftDialog(QDialog):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Take out a draft"))
        self.setObjectName("takeOutDraftDialog")
        self.document = document
        snapshot = self.snapshot = document.snapshot
        self.search = QLineEdit(self)
        self.search.setObjectName("draftSearch")
        self.search.setPlaceholderText(self.tr("Search people and teams"))
        self.search.setAccessibleName(self.tr("Search people and teams"))
        self.search.setClearButtonEnabled(True)
        self.people = QListWidget(self)
        self.people.setObjectName("draftPeople")
        self.people.setAccessibleName(self.tr("Person or team"))
        for unit in _people(snapshot):
            item = QListWidgetItem(_unit_text(snapshot, unit), self.people)
            item.setData(UNIT_ROLE, unit.id)
        self.cycle = QComboBox(self)
        self.cycle.setObjectName("draftCycle")
        self.cycle.setAccessibleName(self.tr("Cycle"))
        self.cycle.addItem(self.tr("Every cycle"), None)
        for cycle in ordered_cycles(snapshot):
            self.cycle.addItem(cycle.name, cycle.id)
        self.cycle.setCurrentIndex(max(self.cycle.findData(document.cycle_id), 0))
        self.summary = QLabel(self)
        self.summary.setObjectName("draftSummary")
        self.summary.setWordWrap(True)
        self.path = QLineEdit(self)
        self.path.setObjectName("draftPath")
        self.path.setAccessibleName(self.tr("File"))
        self.path.setMinimumWidth(self.path.fontMetrics().averageCharWidth() * 56)
        browse = QPushButton(self.tr("Choose…"), self)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        self.take_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.take_button.setText(self.tr("Take out"))
        form = QFormLayout(self)
        form.addRow(self.tr("Whose part"), self.search)
        form.addRow("", self.people)
        form.addRow(self.tr("Cycle"), self.cycle)
        form.addRow("", self.summary)
        form.addRow(self.tr("File"), where)
        form.addRow(buttons)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._first_shown)
        self.people.currentItemChanged.connect(lambda *_: self._chosen())
        self.cycle.currentIndexChanged.connect(lambda _index: self._update())
        self.path.textChanged.connect(lambda _text: self._update())
        browse.clicked.connect(self._browse)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._suggested = ""
        self._update()

    def choice(self) -> DraftChoice:
        item = self.people.currentItem()
        assert item is not None
        path = Path(self.path.text().strip()).expanduser()
        if not path.suffix:
            path = path.with_suffix(PLAN_SUFFIX)
        cycle = self.cycle.currentData()
        return DraftChoice(str(item.data(UNIT_ROLE)), str(cycle) if cycle else None, path)

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        for row in range(self.people.count()):
            item = self.people.item(row)
            item.setHidden(not all(word in item.text().casefold() for word in words))
        current = self.people.currentItem()
        if current is None or current.isHidden():
            self._first_shown()

    def _first_shown(self) -> None:
        shown = next((self.people.item(row) for row in range(self.people.count())
                      if not self.people.item(row).isHidden()), None)
        if shown is None:
            self.people.setCurrentRow(-1)
        else:
            self.people.setCurrentItem(shown)

    def _chosen(self) -> None:
        """Suggest a file named after the plan and the person, unless one was typed."""
        item = self.people.currentItem()
        if item is not None and self.path.text() in ("", self._suggested):
            unit = self.snapshot.units[str(item.data(UNIT_ROLE))]
            plan = self.snapshot.setting("plan_name", "") or self.document.plan.path.stem
            self._suggested = str(self.document.plan.path.with_name(
                tr("{plan} - {whose} draft{suffix}").format(plan=plan, whose=unit.name,
                                                            suffix=PLAN_SUFFIX)))
            self.path.setText(self._suggested)
        self._update()

    def _update(self) -> None:
        item = self.people.currentItem()
        count = 0
        if item is not None:
            unit_id = str(item.data(UNIT_ROLE))
            cycle = self.cycle.currentData()
            part = snapshot_part(self.snapshot, unit_id, str(cycle) if cycle else None)
            count = len(part_objective_ids(part, self.snapshot))
            name = self.snapshot.units[unit_id].name
            self.summary.setText(
                tr("{whose}'s part: {count} objectives of {people} people and teams.").format(
                    whose=name, count=count, people=len(part.unit_ids)) if count else
                tr("{whose}'s part holds no objectives here: there is nothing to take "
                   "out.").format(whose=name))
        else:
            self.summary.setText(tr("Choose whose part to take out."))
        self.take_button.setEnabled(bool(count) and bool(self.path.text().strip()))

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Take out a draft to"), self.path.text(),
            self.tr("OKR Desk plans (*{suffix})").format(suffix=PLAN_SUFFIX))
        if name:
            self.path.setText(name)


def _people(snapshot: Snapshot) -> list[UnitRow]:
    """Everyone, from the top level down, by name within a level."""
    ranks = {level.id: level.rank for level in snapshot.levels.values()}
    return sorted(snapshot.units.values(),
                  key=lambda u: (ranks.get(u.level_id, len(ranks)), u.name.casefold(), u.id))


def _unit_text(snapshot: Snapshot, unit: UnitRow) -> str:
    level = snapshot.levels.get(unit.level_id)
    parts = [unit.name, unit.role, level.name if level else ""]
    return " — ".join(part for part in parts if part)
