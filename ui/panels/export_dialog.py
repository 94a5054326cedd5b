"""The map export dialog: format, page size, orientation, detail, scope and the file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ..translation import QT_TR_NOOP
from .fields import ChoiceBox, translated

FORMATS = [(QT_TR_NOOP("PDF (print, all pages in one file)"), "pdf"),
           (QT_TR_NOOP("SVG (slides, the whole map as one picture)"), "svg"),
           (QT_TR_NOOP("PNG (image, the whole map as one picture)"), "png")]
PAGES = [(QT_TR_NOOP("A4"), "A4"), (QT_TR_NOOP("A3"), "A3"), (QT_TR_NOOP("Letter"), "Letter"),
         (QT_TR_NOOP("Poster (A0)"), "poster")]
ORIENTATIONS = [(QT_TR_NOOP("Portrait"), False), (QT_TR_NOOP("Landscape"), True)]
DETAILS = [(QT_TR_NOOP("Full: objectives with their key results"), "full"),
           (QT_TR_NOOP("Titles only"), "titles")]


@dataclass(frozen=True)
class ExportChoice:
    path: Path
    format: str
    page: str
    landscape: bool
    detail: str
    focus_selected: bool


class ExportDialog(QDialog):
    def __init__(self, suggestion: Path, *, has_selection: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export alignment map"))
        self.setObjectName("exportDialog")
        self.format = ChoiceBox(translated(FORMATS), self)
        self.page = ChoiceBox(translated(PAGES), self)
        self.orientation = ChoiceBox(translated(ORIENTATIONS), self)
        self.orientation.show_value(True)
        self.detail = ChoiceBox(translated(DETAILS), self)
        self.focus = QCheckBox(self.tr("Only the selected objective and its tree"), self)
        self.focus.setEnabled(has_selection)
        self.path = QLineEdit(str(suggestion), self)
        browse = QPushButton(self.tr("Choose…"), self)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Export"))
        form = QFormLayout(self)
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Page size"), self.page)
        form.addRow(self.tr("Orientation"), self.orientation)
        form.addRow(self.tr("Detail"), self.detail)
        form.addRow("", self.focus)
        form.addRow(self.tr("File"), where)
        form.addRow(buttons)
        browse.clicked.connect(self._browse)
        self.format.chosen.connect(self._format_chosen)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

    def choice(self) -> ExportChoice:
        fmt = str(self.format.currentData())
        path = Path(self.path.text().strip()).expanduser().with_suffix(f".{fmt}")
        return ExportChoice(path=path, format=fmt, page=str(self.page.currentData()),
                            landscape=bool(self.orientation.currentData()),
                            detail=str(self.detail.currentData()),
                            focus_selected=self.focus.isChecked() and self.focus.isEnabled())

    def _format_chosen(self, fmt: object) -> None:
        self.page.setEnabled(fmt == "pdf")  # a picture has no pages
        self.orientation.setEnabled(fmt == "pdf")
        text = self.path.text().strip()
        if text:
            self.path.setText(str(Path(text).with_suffix(f".{fmt}")))

    def _browse(self) -> None:
        fmt = str(self.format.currentData())
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export map to"), self.path.text(),
                                              self.tr("{format} files (*.{suffix})").format(
                                                  format=fmt.upper(), suffix=fmt))
        if name:
            self.path.setText(str(Path(name).with_suffix(f".{fmt}")))
