"""File > Export spreadsheet…: the open plan as an XLSX workbook (OKRs, org chart and the rest)
or CSV files (the OKR rows, with one file per other sheet beside it), chosen by the file name's
suffix."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from okrdesk.errors import OkrDeskError
from okrdesk.sheets.write import write_workbook
from okrdesk.storage import Plan

from ..translation import QT_TR_NOOP, tr

XLSX_FILTER = QT_TR_NOOP("Excel workbook: OKRs and org chart (*.xlsx)")
CSV_FILTER = QT_TR_NOOP("CSV: the OKR rows, the org chart and the rest beside it (*.csv)")
SUFFIXES = (".xlsx", ".csv")


def ask_export_path(parent: QWidget, plan_path: Path) -> Path | None:
    """The file to export to; a name without a known suffix gets the chosen filter's one."""
    xlsx, csv = tr(XLSX_FILTER), tr(CSV_FILTER)
    suggestion = plan_path.with_suffix(".xlsx")
    name, chosen = QFileDialog.getSaveFileName(parent, tr("Export spreadsheet"), str(suggestion),
                                               f"{xlsx};;{csv}")
    if not name:
        return None
    return export_target(Path(name), csv=chosen == csv)


def export_target(path: Path, *, csv: bool = False) -> Path:
    if path.suffix.lower() in SUFFIXES:
        return path
    return path.with_name(path.name + (".csv" if csv else ".xlsx"))


def export_sheet(plan: Plan, target: Path) -> Path:
    """Write the spreadsheet whole or not at all; OkrDeskError or OSError say why not."""
    return write_workbook(plan, export_target(target))


def export_spreadsheet(parent: QWidget, plan: Plan) -> Path | None:
    """Ask for the file and write it; a failure is shown in a message box. The path written,
    else None."""
    target = ask_export_path(parent, plan.path)
    if target is None:
        return None
    try:
        return export_sheet(plan, target)
    except (OkrDeskError, OSError) as error:
        box = QMessageBox(QMessageBox.Icon.Warning, tr("The spreadsheet cannot be written"),
                          str(error), QMessageBox.StandardButton.Ok, parent)
        box.setObjectName("errorBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return None
