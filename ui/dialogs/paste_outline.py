"""Paste outline: the clipboard's plain text read as objectives and key results, previewed with
what was understood and what was skipped, then created in one undo step."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okrdesk import ops
from okrdesk.authoring import OutlineObjective, OutlineResult, parse_outline, read_key_result
from okrdesk.rulebook import ordered_cycles
from okrdesk.storage import ChangeSet

from ..document import PlanDocument
from ..measure_words import measure_text
from ..owner_field import OwnerField
from .widgets import counted

PREVIEW_LIMIT = 1_000  # objectives listed one by one; more are created all the same
WARNING_LIMIT = 500


class PasteOutlineDialog(QDialog):
    """The preview: every item can be left out by unticking it; OK creates the ticked ones."""

    def __init__(self, document: PlanDocument, text: str, *, owner_id: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.result_ = parse_outline(text)
        self.changes: ChangeSet | None = None
        self._refusal = ""
        self.setObjectName("pasteOutlineDialog")
        self.setWindowTitle(self.tr("Paste outline"))
        self.summary = QLabel(self)
        self.summary.setObjectName("pasteSummary")
        self.summary.setWordWrap(True)
        self.owner_box = self._owner_box(owner_id)
        self.cycle_box = QComboBox(self)
        self.cycle_box.setObjectName("pasteCycle")
        self.cycle_box.setAccessibleName(self.tr("Cycle"))
        for cycle in ordered_cycles(document.snapshot):
            self.cycle_box.addItem(cycle.name, cycle.id)
        self.cycle_box.setCurrentIndex(max(0, self.cycle_box.findData(document.cycle_id)))
        form = QFormLayout()
        form.addRow(self.tr("&Owner:"), self.owner_box)
        form.addRow(self.tr("C&ycle:"), self.cycle_box)
        self.preview = QTreeWidget(self)
        self.preview.setObjectName("pastePreview")
        self.preview.setAccessibleName(self.tr("Objectives and key results found"))
        self.preview.setHeaderLabels([self.tr("Objectives and key results found"),
                                      self.tr("Read as")])
        self.preview.header().setStretchLastSection(False)
        self.preview.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.preview.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.preview.setColumnWidth(1, 230)
        self.preview.setUniformRowHeights(True)
        self.preview.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.warnings_label = QLabel(self)
        self.warnings = QListWidget(self)
        self.warnings.setObjectName("pasteWarnings")
        self.warnings.setAccessibleName(self.tr("Lines skipped or changed"))
        self.warnings.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("pasteError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b;")
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        below = QWidget(self)
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(self.warnings_label)
        below_layout.addWidget(self.warnings)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.preview)
        split.addWidget(below)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(split, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._fill(self.result_)
        self.preview.itemChanged.connect(lambda *_args: self._count())
        self._count()
        self.resize(760, 560)

    # -- building -----------------------------------------------------------------------------

    def _owner_box(self, owner_id: str) -> OwnerField:
        box = OwnerField(self, "pasteOwner")
        box.setAccessibleName(self.tr("Owner"))
        box.fill(self.document.snapshot, owner_id)
        return box

    def _fill(self, result: OutlineResult) -> None:
        items = []
        for objective in result.objectives[:PREVIEW_LIMIT]:
            item = self._checkable(objective.title, self.tr("objective"))
            for title in objective.key_results:
                reading = read_key_result(title)
                understood = measure_text(reading.kind.value, reading.start, reading.target,
                                          reading.unit)
                child = self._checkable(reading.title or title, understood)
                child.setToolTip(1, reading.explanation)
                item.addChild(child)
            items.append(item)
        self.preview.addTopLevelItems(items)
        self.preview.expandAll()
        hidden = len(result.objectives) - PREVIEW_LIMIT
        if hidden > 0:
            note = QTreeWidgetItem([self.tr("… and {0} more objectives, created as read").format(
                hidden), ""])
            note.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.preview.addTopLevelItem(note)
        for warning in result.warnings[:WARNING_LIMIT]:
            self.warnings.addItem(str(warning))
        if len(result.warnings) > WARNING_LIMIT:
            self.warnings.addItem(self.tr("… and {0} more").format(
                len(result.warnings) - WARNING_LIMIT))
        self.warnings_label.setText(
            self.tr("Lines skipped or changed ({0}):").format(len(result.warnings))
            if result.warnings else self.tr("Every line was read."))
        self.warnings.setVisible(bool(result.warnings))

    @staticmethod
    def _checkable(title: str, note: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([title, note])
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                      | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(0, Qt.CheckState.Checked)
        item.setToolTip(0, title)
        return item

    # -- choosing -----------------------------------------------------------------------------

    def chosen(self) -> list[OutlineObjective]:
        """The ticked objectives with their ticked key results (and any beyond the preview)."""
        objectives = self.result_.objectives
        chosen: list[OutlineObjective] = []
        for index, objective in enumerate(objectives[:PREVIEW_LIMIT]):
            item = self.preview.topLevelItem(index)
            if item is None or item.checkState(0) != Qt.CheckState.Checked:
                continue
            krs = [title for row, title in enumerate(objective.key_results)
                   if _ticked(item.child(row))]
            chosen.append(OutlineObjective(objective.title, krs, objective.line))
        return chosen + list(objectives[PREVIEW_LIMIT:])

    def _count(self) -> None:
        chosen = self.chosen()
        krs = sum(len(o.key_results) for o in chosen)
        if not self.result_.objectives:
            text = self.tr("No objectives were found in the pasted text. Objectives go at the "
                           "margin and their key results indented under them, with or without "
                           "bullets or numbers.")
        else:
            text = self.tr("{0} with {1} will be created, in one step that Undo takes back. "
                           "Untick what should be left out.").format(
                counted(len(chosen), self.tr("objective"), self.tr("objectives")),
                counted(krs, self.tr("key result"), self.tr("key results")))
        self.summary.setText(text)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Create {0}").format(
            counted(len(chosen), self.tr("objective"), self.tr("objectives"))))
        ok.setEnabled(bool(chosen) and not self.document.read_only)

    def accept(self) -> None:
        owner = self.owner_box.chosen_id()
        cycle = self.cycle_box.currentData() or ""
        if not owner:
            self._show_error(self.tr("Choose an owner from the list: “{0}” is not a person or "
                                     "team of the plan.").format(self.owner_box.currentText()))
            return
        if not cycle:
            self._show_error(self.tr("The plan has no cycles yet: add one first."))
            return
        objectives = self.chosen()
        plan = self.document.plan
        self._refusal = ""
        self.document.refused.connect(self._refused)
        try:
            self.changes = self.document.run(self.tr("Paste outline"), lambda: ops.create_outline(
                plan, owner, cycle, objectives))
        finally:
            self.document.refused.disconnect(self._refused)
        if self.changes is None:
            self._show_error(self._refusal or self.tr("Nothing was created."))
            return
        super().accept()

    def _refused(self, reason: str) -> None:
        self._refusal = reason

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


def paste_outline(document: PlanDocument, parent: QWidget, *, owner_id: str = "",
                  text: str | None = None) -> PasteOutlineDialog | None:
    """Open the preview of the clipboard's text (or `text`); None when there is no text."""
    if text is None:
        text = QGuiApplication.clipboard().text()
    if not text.strip():
        document.refused.emit(QCoreApplication.translate(
            "paste", "The clipboard holds no text to read as an outline: copy the outline "
            "first."))
        return None
    dialog = PasteOutlineDialog(document, text, owner_id=owner_id, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def _ticked(item: QTreeWidgetItem | None) -> bool:
    return item is not None and item.checkState(0) == Qt.CheckState.Checked
