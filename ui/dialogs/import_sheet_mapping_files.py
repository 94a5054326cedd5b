"""The import dialog's Save mapping… and Load mapping…: a JSON file naming the field of each
column by its header, chosen in a file dialog; each says what came of it in one line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from okrdesk.errors import OkrDeskError
from okrdesk.sheets import Field, Mapping, OrgField, SheetProblem
from okrdesk.sheets.guess import load_mapping, named_mapping, resolve_mapping, save_mapping

from ..translation import QT_TR_NOOP, tr

MAPPING_FILTER = QT_TR_NOOP("Column mappings (*.json);;All files (*)")


def save_mapping_file(mapping: Mapping, headers: tuple[str, ...], path: Path) -> Path:
    return save_mapping(named_mapping(mapping, headers), path)


def read_mapping_file(path: Path, headers: tuple[str, ...], sheet_name: str,
                      org_chart: bool) -> tuple[Mapping, list[SheetProblem]]:
    """The saved mapping as column indexes of this sheet, and what in it does not fit."""
    known = [str(f) for f in (OrgField if org_chart else Field)]
    return resolve_mapping(load_mapping(path), headers, sheet_name, known)


def ask_save_mapping(parent: QWidget, suggestion: Path, save: Callable[[Path], Path]) -> str | None:
    """Ask where to save and save there: what to tell, or None when nothing was chosen."""
    name, _ = QFileDialog.getSaveFileName(parent, tr("Save mapping"), str(suggestion),
                                          tr(MAPPING_FILTER))
    if not name:
        return None
    try:
        saved = save(Path(name))
    except (OkrDeskError, OSError) as error:
        return str(error)
    return tr("Mapping saved to {file}.").format(file=saved.name)


def ask_load_mapping(parent: QWidget, suggestion: Path,
                     load: Callable[[Path], list[SheetProblem]]) -> str | None:
    """Ask for a saved mapping and use it: its problems, or None when nothing was chosen."""
    name, _ = QFileDialog.getOpenFileName(parent, tr("Load mapping"), str(suggestion.parent),
                                          tr(MAPPING_FILTER))
    if not name:
        return None
    try:
        problems = load(Path(name))
    except OkrDeskError as error:
        return str(error)
    return "\n".join(str(problem) for problem in problems)
