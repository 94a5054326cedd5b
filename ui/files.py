"""Plan files as the window handles them: where the demo lives, which plan opens at start-up,
new plans, and Save As (a consistent copy of the open plan, made with SQLite's backup)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from okrdesk import PLAN_SUFFIX
from okrdesk.errors import OkrDeskError, PlanFileError
from okrdesk.storage import Plan

from .settings import AppSettings

DEMO_NAME = f"Demo plan{PLAN_SUFFIX}"
FILTER = f"OKR Desk plans (*{PLAN_SUFFIX});;All files (*)"


def data_folder() -> Path:
    """The user's data folder for OKR Desk (created when missing)."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    folder = Path(location) if location else Path.home() / ".okrdesk"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def demo_plan_path() -> Path:
    return data_folder() / DEMO_NAME


def ensure_demo_plan() -> Path:
    """The demo plan in the data folder, built on first use."""
    path = demo_plan_path()
    if not path.exists():
        from okrdesk.demo import build_demo

        build_demo(path)
    return path


def startup_plan(requested: str | None, settings: AppSettings) -> Path:
    """The plan to open at start-up: the one asked for, else the last one, else the demo."""
    if requested:
        return Path(requested).expanduser()
    last = settings.last_plan()
    if last is not None and last.exists():
        return last
    return ensure_demo_plan()


def open_plan(path: Path) -> Plan:
    """Open a plan; any failure becomes an OkrDeskError a planner can read."""
    try:
        return Plan.open(path)
    except OkrDeskError:
        raise
    except OSError as error:
        raise PlanFileError(path, f"cannot be read ({error.strerror or error})") from None


def create_plan(path: Path, name: str) -> Plan:
    from okrdesk.ops import new_plan

    if path.suffix == "":
        path = path.with_suffix(PLAN_SUFFIX)
    return new_plan(path, name=name)


def copy_plan(plan: Plan, destination: Path) -> Path:
    """Copy the open plan, whole and consistent, to `destination` (replacing a file there)."""
    destination = destination if destination.suffix else destination.with_suffix(PLAN_SUFFIX)
    if destination.resolve() == plan.path.resolve():
        raise PlanFileError(destination, "is the plan that is open; choose another name")
    temporary = destination.with_name(destination.name + ".saving")
    temporary.unlink(missing_ok=True)
    try:
        source = sqlite3.connect(f"file:{plan.path}?mode=ro", uri=True)
        try:
            target = sqlite3.connect(temporary)
            try:
                source.backup(target)
                target.execute("PRAGMA journal_mode=DELETE")
            finally:
                target.close()
        finally:
            source.close()
        temporary.replace(destination)  # the copy appears whole or not at all
    except (sqlite3.Error, OSError) as error:
        temporary.unlink(missing_ok=True)
        raise PlanFileError(destination, f"could not be written ({error})") from None
    return destination


# -- dialogs (thin: each returns a path or None) --------------------------------------------


def ask_open_path(parent: QWidget, folder: Path) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Open plan", str(folder), FILTER)
    return Path(name) if name else None


def ask_save_path(parent: QWidget, title: str, suggestion: Path) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, str(suggestion), FILTER)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix else path.with_suffix(PLAN_SUFFIX)
