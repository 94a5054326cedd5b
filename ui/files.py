"""Plan files as the window handles them: where the demo lives, which plan opens at start-up,
new plans, and Save As (a consistent copy of the open plan, made by the core)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from okrdesk import PLAN_SUFFIX
from okrdesk.errors import OkrDeskError, PlanFileError
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan

from .settings import AppSettings
from .translation import QT_TR_NOOP, tr

DEMO_NAME = f"Demo plan{PLAN_SUFFIX}"  # a file name, the same in every language
FILTER = QT_TR_NOOP("OKR Desk plans (*{suffix});;All files (*)")


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
    """Open a plan; any failure becomes an OkrDeskError a planner can read. A large plan's
    snapshot is read while the plan is vetted (PlanDocument takes it)."""
    try:
        return Plan.open(path, first_read=Snapshot.load)
    except OkrDeskError:
        raise
    except OSError as error:
        raise PlanFileError(path, f"cannot be read ({error.strerror or error})") from None


def create_plan(path: Path, name: str) -> Plan:
    """A new plan with the usual levels, written whole or not at all, then opened."""
    from okrdesk.interchange.placing import write_plan_file
    from okrdesk.ops import new_plan

    if path.suffix == "":
        path = path.with_suffix(PLAN_SUFFIX)
    write_plan_file(path, lambda temporary: new_plan(temporary, name=name).close())
    return open_plan(path)


def copy_plan(plan: Plan, destination: Path) -> Path:
    """Copy the open plan, whole and consistent, to `destination` (replacing a file there)."""
    from okrdesk.interchange.placing import copy_plan as copy_plan_file

    destination = destination if destination.suffix else destination.with_suffix(PLAN_SUFFIX)
    return copy_plan_file(plan.path, destination)


# -- dialogs (thin: each returns a path or None) --------------------------------------------


def plan_filter() -> str:
    """The file dialogs' filter: plan files first, then everything."""
    return tr(FILTER).format(suffix=PLAN_SUFFIX)


def ask_open_path(parent: QWidget, folder: Path) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, tr("Open plan"), str(folder), plan_filter())
    return Path(name) if name else None


def ask_save_path(parent: QWidget, title: str, suggestion: Path) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, str(suggestion), plan_filter())
    if not name:
        return None
    path = Path(name)
    return path if path.suffix else path.with_suffix(PLAN_SUFFIX)
