"""File > Import spreadsheet…: a CSV or XLSX file, its sheet, which column holds which field
(guessed from the headers, adjustable), the first rows, and what the import would create,
update and refuse; Import brings it into the open plan as one undo step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QKeyEvent, QPalette
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
    QPushButton,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from okrdesk.errors import OkrDeskError
from okrdesk.sheets import ImportPreview, Mapping, Sheet, SheetProblem, Workbook
from okrdesk.sheets.companions import read_with_companions
from okrdesk.sheets.guess import guess_mapping, guess_org_mapping
from okrdesk.sheets.importer import (
    choose_sheets,
    import_workbook,
    is_org_chart,
    preview_import,
)
from okrdesk.storage import ChangeSet

from ..document import PlanDocument
from ..translation import QT_TR_NOOP, tr
from .import_sheet_columns import ColumnFields
from .import_sheet_mapping_files import (
    ask_load_mapping,
    ask_save_mapping,
    read_mapping_file,
    save_mapping_file,
)
from .import_sheet_rows import fill_rows, fit_columns, label_columns
from .import_sheet_summary import list_problems, summary_text
from .widgets import named, problem_label

SHEET_FILTER = QT_TR_NOOP("Spreadsheets (*.xlsx *.xlsm *.csv *.tsv *.txt);;All files (*)")


class ImportSheetDialog(QDialog):
    """Reads the file typed or chosen; `changes` holds what Import did, else None."""

    def __init__(self, document: PlanDocument, path: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.workbook: Workbook | None = None
        self.sheet: Sheet | None = None
        self.preview: ImportPreview | None = None
        self.changes: ChangeSet | None = None
        self.setObjectName("importSheetDialog")
        self.setWindowTitle(self.tr("Import spreadsheet"))
        self.path_field = named(QLineEdit(self), "sheetPath", self.tr("Spreadsheet file"))
        self.path_field.setPlaceholderText(self.tr("A .xlsx or .csv file; Enter reads it"))
        browse = named(QPushButton(self.tr("C&hoose…"), self), "sheetBrowse",
                       self.tr("Choose the spreadsheet file"))
        self.sheet_box = named(QComboBox(self), "sheetChoice", self.tr("Sheet"))
        self.mapping = named(QTableWidget(0, 3, self), "sheetMapping",
                             self.tr("Columns of the sheet and the field each one fills"))
        self.columns = ColumnFields(self.mapping, self._field_chosen)
        self.rows = named(QTableWidget(0, 0, self), "sheetRows",
                          self.tr("The first rows of the sheet"))
        self.summary = named(QLabel(self), "sheetSummary", self.tr("What the import would do"))
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems = named(QListWidget(self), "sheetProblems",
                              self.tr("Problems, with their sheet, row and column"))
        self.problems.setWordWrap(True)
        self.error = problem_label(self, "sheetImportError")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(self.tr("&Import"))
        self.import_button.setObjectName("sheetImport")
        self.save_map_button = named(
            self.buttons.addButton(self.tr("&Save mapping…"),
                                   QDialogButtonBox.ButtonRole.ActionRole),
            "sheetSaveMapping", self.tr("Save the column mapping for later imports"))
        self.load_map_button = named(
            self.buttons.addButton(self.tr("&Load mapping…"),
                                   QDialogButtonBox.ButtonRole.ActionRole),
            "sheetLoadMapping", self.tr("Use a column mapping saved before"))
        self._lay_out(browse)
        browse.clicked.connect(self._browse)
        self.path_field.installEventFilter(self)
        self.sheet_box.currentIndexChanged.connect(lambda _index: self._show_sheet())
        self.save_map_button.clicked.connect(self._ask_save_mapping)
        self.load_map_button.clicked.connect(self._ask_load_mapping)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.resize(1040, 680)
        if path is not None:
            self.path_field.setText(str(path))
            self.load(path)
        else:
            self._show_sheet()

    def _lay_out(self, browse: QPushButton) -> None:
        where = QHBoxLayout()
        where.addWidget(self.path_field, 1)
        where.addWidget(browse)
        form = QFormLayout()
        file_label = QLabel(self.tr("&File:"), self)
        file_label.setBuddy(self.path_field)
        form.addRow(file_label, where)
        form.addRow(self.tr("S&heet:"), self.sheet_box)
        mapping_box = _titled(self, self.tr("Columns: which field each one fills"), self.mapping)
        rows_box = _titled(self, self.tr("The first rows"), self.rows)
        sides = QSplitter(Qt.Orientation.Horizontal, self)
        sides.addWidget(mapping_box)
        sides.addWidget(rows_box)
        sides.setStretchFactor(0, 0)
        sides.setStretchFactor(1, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(sides)
        split.addWidget(self.problems)  # hidden while there are none
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(split, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.rows.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.rows.setWordWrap(False)

    # -- the file and its sheet ---------------------------------------------------------------

    def _browse(self) -> None:
        start = self.path_field.text().strip() or str(self.document.plan.path.parent)
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Import spreadsheet"), start,
                                              tr(SHEET_FILTER))
        if name:
            self.path_field.setText(name)
            self.load(Path(name))

    def _path_entered(self) -> None:
        text = self.path_field.text().strip()
        if text:
            self.load(Path(text).expanduser())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the file field reads the file, and must not also press Import."""
        if watched is self.path_field and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._path_entered()
            return True
        return super().eventFilter(watched, event)

    def load(self, path: Path) -> bool:
        """Read the file and show its sheet of OKRs (or its only sheet)."""
        self.error.clear()
        try:
            workbook = read_with_companions(path)
        except OkrDeskError as error:
            self.workbook = None
            self.sheet_box.clear()
            self.error.setText(str(error))
            self._show_sheet()
            return False
        self.workbook = workbook
        self.sheet_box.blockSignals(True)
        self.sheet_box.clear()
        for sheet in workbook.sheets:
            self.sheet_box.addItem(sheet.name, sheet.name)
        okr, org = choose_sheets(workbook, None, [])
        first = okr or org
        self.sheet_box.setCurrentIndex(max(0, self.sheet_box.findData(first.name) if first
                                           else 0))
        self.sheet_box.blockSignals(False)
        self._show_sheet()
        return True

    @property
    def is_org_chart(self) -> bool:
        return self.sheet is not None and is_org_chart(self.sheet)

    def _show_sheet(self) -> None:
        name = self.sheet_box.currentData()
        self.sheet = self.workbook.sheet(str(name)) if self.workbook and name else None
        headers = self.sheet.headers if self.sheet is not None else ()
        guess = guess_org_mapping if self.is_org_chart else guess_mapping
        self.columns.fill(self.sheet, guess(headers) if headers else {}, self.is_org_chart)
        fill_rows(self.rows, self.sheet)
        self._label_row_columns()
        fit_columns(self.rows)
        self.update_preview()

    def _label_row_columns(self) -> None:
        headers = self.sheet.headers if self.sheet is not None else ()
        muted = QBrush(self.palette().color(QPalette.ColorRole.PlaceholderText))
        label_columns(self.rows, headers, self.columns.fields(), self.is_org_chart, muted)

    # -- the mapping ----------------------------------------------------------------------------

    def current_mapping(self) -> Mapping:
        """The fields chosen now, as column indexes."""
        return self.columns.current()

    def _field_chosen(self) -> None:
        self._label_row_columns()
        self.update_preview()

    def use_mapping(self, mapping: Mapping) -> None:
        self.columns.use(mapping)
        self._label_row_columns()
        self.update_preview()

    def save_mapping_to(self, path: Path) -> Path:
        headers = self.sheet.headers if self.sheet is not None else ()
        return save_mapping_file(self.current_mapping(), headers, path)

    def load_mapping_from(self, path: Path) -> list[SheetProblem]:
        if self.sheet is None:
            return []
        mapping, problems = read_mapping_file(path, self.sheet.headers, self.sheet.name,
                                              self.is_org_chart)
        self.use_mapping(mapping)
        return problems

    def _ask_save_mapping(self) -> None:
        told = ask_save_mapping(self, self._mapping_suggestion(), self.save_mapping_to)
        if told is not None:
            self.error.setText(told)

    def _ask_load_mapping(self) -> None:
        told = ask_load_mapping(self, self._mapping_suggestion(), self.load_mapping_from)
        if told is not None:
            self.error.setText(told)

    def _mapping_suggestion(self) -> Path:
        source = self.workbook.path if self.workbook is not None else self.document.plan.path
        return source.with_name(f"{source.stem} mapping.json")

    # -- what the import would do ---------------------------------------------------------------

    def _mappings(self) -> dict[str, object]:
        """The keyword arguments of the import for the chosen sheet and mapping: the sheet the
        import would choose itself brings the workbook's org chart along."""
        assert self.workbook is not None and self.sheet is not None
        chosen = choose_sheets(self.workbook, None, [])
        sheet = None if any(s is self.sheet for s in chosen) else self.sheet.name
        key = "org_mapping" if self.is_org_chart else "okr_mapping"
        return {key: self.current_mapping(), "sheet": sheet}

    def update_preview(self) -> None:
        self.problems.clear()
        self.problems.hide()
        if self.workbook is None or self.sheet is None:
            self.preview = None
            self.summary.setText(self.tr("Choose a spreadsheet: an XLSX workbook or a CSV file "
                                         "with one row per objective or key result."))
            self._allow_import()
            return
        twice = self.columns.twice_chosen(self.sheet)
        try:
            preview = ImportPreview(problems=twice) if twice else preview_import(
                self.document.plan, self.workbook, **self._mappings())  # type: ignore[arg-type]
        except OkrDeskError as error:
            preview = ImportPreview(problems=[SheetProblem(self.sheet.name, None, None,
                                                           str(error))])
        self.preview = preview
        self.summary.setText(summary_text(preview))
        list_problems(self.problems, preview)
        self._allow_import()

    def _allow_import(self) -> None:
        preview = self.preview
        ready = (preview is not None and not preview.problems
                 and bool(preview.created or preview.updated) and not self.document.read_only)
        self.import_button.setEnabled(ready)
        self.save_map_button.setEnabled(self.sheet is not None)
        self.load_map_button.setEnabled(self.sheet is not None)

    def accept(self) -> None:
        if self.workbook is None or self.sheet is None:
            return
        workbook, plan, mappings = self.workbook, self.document.plan, self._mappings()
        self.changes, refusal = self.document.attempt(
            self.tr("Import spreadsheet {file}").format(file=workbook.path.name),
            lambda: import_workbook(plan, workbook, **mappings))  # type: ignore[arg-type]
        if self.changes is None:
            self.error.setText(refusal or self.tr("Nothing was imported."))
            return
        super().accept()


def _titled(parent: QWidget, title: str, body: QWidget) -> QWidget:
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(title, box)
    label.setBuddy(body)
    layout.addWidget(label)
    layout.addWidget(body, 1)
    return box


def import_sheet(document: PlanDocument, parent: QWidget,
                 path: Path | None = None) -> ImportSheetDialog:
    """Open the import dialog (window-modal); the plan changes only on Import."""
    dialog = ImportSheetDialog(document, path, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
