"""The main window: the canvas and the map in the centre, panels docked around them."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from okrdesk.errors import OkrDeskError
from okrdesk.storage import Plan

from . import collector, files
from .accessible_names import name_views
from .cadence_command import CadenceCommand
from .canvas import CanvasView
from .canvas_writing import register_canvas_writing_commands
from .closed_cycle_banner import ClosedCycleBanner
from .closing_commands import register_closing_commands
from .commands import Commands
from .compare_commands import CompareCommands
from .cycle_commands import register_cycle_commands
from .dock_layout import (
    SCROLLING_PANELS,
    DockLayout,
    arrange_docks,
    layout_for,
    scrolling,
    size_docks,
)
from .document import PlanDocument
from .draft_banner import DraftBanner
from .draft_commands import DraftCommands
from .history_commands import HistoryCommands
from .map_tab import MapTab
from .outline_commands import OutlineCommands
from .panels.fields import label
from .panels.health import HealthPanel
from .panels.history import HistoryPanel
from .panels.history_tabs import HistoryTabs
from .panels.inspector import Inspector
from .panels.objective_list import ObjectiveListPanel
from .panels.organisation import OrganisationPanel
from .panels.organisation_commands import register_organisation_commands
from .panels.outline import OutlinePanel
from .panels.plan_window import PlanWindow
from .panels.toolbar import CycleSwitcher, SearchField
from .panels.window_actions import WindowActions
from .plan_commands import PlanCommands
from .plan_menus import PlanMenus
from .plan_score_commands import PlanScoreCommands
from .settings import AppSettings
from .stray_tab_bars import hide_stray_tab_bars
from .theme import app_icon
from .translation import QT_TR_NOOP, tr

SAVED_TEXT = QT_TR_NOOP("Every change is saved to the plan file as you make it.")

log = logging.getLogger(__name__)


class MainWindow(PlanWindow):
    """One window on one open plan at a time; File > Open switches it to another plan."""

    error_shown = Signal(str, str)  # title, message: a dialog a planner has to read
    plan_opened = Signal(str)  # path

    def __init__(self, settings: AppSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or AppSettings()
        self.document: PlanDocument | None = None
        self.canvas: CanvasView | None = None
        self.setWindowIcon(app_icon())
        self.setObjectName("mainWindow")
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks
                            | QMainWindow.DockOption.AllowTabbedDocks)
        self.banner = label("", self, "readOnlyBanner", wrap=True)
        self.banner.hide()
        self.closed_banner = ClosedCycleBanner(self)
        self.draft_banner = DraftBanner(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("centreTabs")
        self.tabs.setDocumentMode(True)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.draft_banner)
        layout.addWidget(self.closed_banner)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.cycle_switcher = CycleSwitcher(self)
        self.search_field = SearchField(self)
        self.docks = {
            name: self._dock(name, title, area)
            for name, title, area in (
                ("organisation", self.tr("Organisation"), Qt.DockWidgetArea.LeftDockWidgetArea),
                ("objectives", self.tr("Objectives"), Qt.DockWidgetArea.LeftDockWidgetArea),
                ("outline", self.tr("Outline"), Qt.DockWidgetArea.LeftDockWidgetArea),
                ("inspector", self.tr("Inspector"), Qt.DockWidgetArea.RightDockWidgetArea),
                ("health", self.tr("Alignment health"), Qt.DockWidgetArea.BottomDockWidgetArea),
                ("history", self.tr("History"), Qt.DockWidgetArea.BottomDockWidgetArea),
            )
        }
        self.dock_layout: DockLayout | None = None  # None: a saved layout was restored
        self.shown_before = False
        self.commands = Commands(self)
        self.actions_ = WindowActions(self)
        self.plan_commands = PlanCommands(self)
        register_canvas_writing_commands(self.commands, self)
        self.plan_menus = PlanMenus(self)
        self.outline_commands = OutlineCommands(self, self.actions_.menus.get("edit"))
        self.closing_commands = register_closing_commands(self, self.closed_banner)
        self.cadence_command = CadenceCommand(self)
        self.draft_commands = DraftCommands(self, self.actions_.menus.get("file"))
        self.history_commands = HistoryCommands(self, self.actions_.menus.get("file"))
        self.cycle_commands = register_cycle_commands(self)  # its menu lists the closing too
        self.organisation_menu = register_organisation_commands(self, self._organisation_panel)
        self.plan_score_commands = PlanScoreCommands(self, self.actions_.menus.get("view"))
        self.compare_commands = CompareCommands(self, self.actions_.menus.get("view"))
        self.saved_label = QLabel(tr(SAVED_TEXT), self)
        self.statusBar().addPermanentWidget(self.saved_label)
        self.resize(fitting_size(self, QSize(1440, 900)))
        if not self._restore_layout():
            self.reset_layout()

    def _organisation_panel(self) -> OrganisationPanel | None:
        """The Organisation panel of the plan open now, if any."""
        panel: OrganisationPanel | None = getattr(self, "organisation", None)
        return panel if panel is not None and panel.document is self.document else None

    # -- plans ------------------------------------------------------------------------------

    def open_path(self, path: Path) -> bool:
        """Open a plan in this window; on failure show why and keep the plan that was open."""
        try:
            plan = files.open_plan(Path(path))
        except OkrDeskError as error:
            self.show_error(self.tr("This plan cannot be opened"), str(error))
            if not Path(path).exists():
                self.settings.remove_recent(Path(path))
                self.actions_.refresh_recent()
            return False
        return self._adopt(plan, self.tr("This plan cannot be opened"))

    def create_plan_at(self, path: Path, name: str) -> bool:
        try:
            plan = files.create_plan(path, name)
        except OkrDeskError as error:
            self.show_error(self.tr("The plan cannot be created"), str(error))
            return False
        return self._adopt(plan, self.tr("The plan cannot be created"))

    def _adopt(self, plan: Plan, title: str) -> bool:
        """Show a plan just opened; if that fails, close it (and its lock) again and say why."""
        old = self.document
        try:
            document = PlanDocument(plan)
        except Exception as error:
            plan.close()
            self._open_failed(title, plan, error)
            return False
        try:
            self.install(document)
        except Exception as error:
            document.close()
            self.document = None
            self._open_failed(title, plan, error)
            if old is not None:
                self._reinstall(old)
            return False
        return True

    def _reinstall(self, document: PlanDocument) -> None:
        """Show again the plan that was open before a failed opening, or close it too."""
        try:
            self.install(document)
        except Exception:
            log.exception("%s could not be shown again", document.plan.path)
            document.close()
            self.document = None

    def _open_failed(self, title: str, plan: Plan, error: Exception) -> None:
        if isinstance(error, OkrDeskError):
            self.show_error(title, str(error))
            return
        log.exception("%s could not be shown", plan.path)
        self.show_error(title, self.tr("{file} could not be read ({kind}: {error}). The file is "
                                       "left as it was.").format(
            file=plan.path.name, kind=type(error).__name__, error=error))

    def save_as(self, path: Path) -> bool:
        """Copy the open plan to `path` and go on working in the copy."""
        if self.document is None:
            return False
        try:
            copy = files.copy_plan(self.document.plan, Path(path))
        except OkrDeskError as error:
            self.show_error(self.tr("The plan cannot be saved there"), str(error))
            return False
        if self.open_path(copy):
            self.statusBar().showMessage(
                self.tr("Saved as {name}; you are now working in it.").format(name=copy.name),
                10000)
            return True
        return False

    def install(self, document: PlanDocument) -> None:
        """Show a newly opened plan: new views on it, then the old plan is closed."""
        old = self.document
        self.document = document
        if old is not None:
            collector.thaw()  # what the plan before leaves is the collector's to free
        self.settings.add_recent(document.plan.path)
        self.canvas = CanvasView(document)
        self.map_tab = MapTab(document, self)
        self.tabs.clear()
        self.tabs.addTab(self.canvas, self.tr("Canvas"))
        self.tabs.addTab(self.map_tab, self.tr("Map"))
        self.organisation = OrganisationPanel(document, commands=self.commands)
        self.objective_list = ObjectiveListPanel(document)
        self.inspector = Inspector(document, commands=self.commands)
        self.health = HealthPanel(document)
        self.history = HistoryPanel(document)
        self.history_tabs = HistoryTabs(self.history, document)
        self.outline = OutlinePanel(document)
        for name, widget in (("organisation", self.organisation),
                             ("objectives", self.objective_list), ("inspector", self.inspector),
                             ("health", self.health), ("history", self.history_tabs),
                             ("outline", self.outline)):
            previous = self.docks[name].widget()
            self.docks[name].setWidget(scrolling(widget) if name in SCROLLING_PANELS else widget)
            if previous is not None:
                previous.deleteLater()
        self.organisation.unit_chosen.connect(
            lambda unit_id: self.objective_list.set_filters(owner_id=unit_id))
        self.organisation.hint.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.objective_list.objective_chosen.connect(self.focus_objective)
        self.plan_menus.attach(self.canvas, self.objective_list)
        self.health.objective_chosen.connect(self.focus_objective)
        self.cycle_switcher.set_document(document)
        self.closed_banner.set_document(document)
        self.draft_banner.set_document(document)
        document.refused.connect(self.show_refusal)
        document.storage_failed.connect(
            lambda text: self.show_error(self.tr("The change could not be saved"), text))
        self.actions_.bind(document)
        self.commands.bind(document)
        self.canvas.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self._show_plan_state()
        name_views(self)
        if old is not None:
            old.undo_stack.clear()
            old.close()
            old.deleteLater()
        self.plan_opened.emit(str(document.plan.path))

    def _show_plan_state(self) -> None:
        assert self.document is not None
        plan = self.document.plan
        name = self.document.snapshot.setting("plan_name", plan.path.stem)
        self.setWindowTitle(self.tr("{name} — {file} — OKR Desk").format(
            name=name, file=plan.path.name))
        self.setWindowFilePath(str(plan.path))
        self.saved_label.setToolTip(str(plan.path))
        if plan.read_only:
            reason = plan.read_only_reason or self.tr("the plan is open read-only")
            self.banner.setText(self.tr("Read-only: {reason}. Nothing can be changed here; "
                                        "File > Save As makes an editable copy.").format(
                reason=reason[0].upper() + reason[1:]))
            self.saved_label.setText(self.tr("Read-only: changes are off."))
        else:
            self.saved_label.setText(tr(SAVED_TEXT))
        notices = self._file_notices(plan)
        if notices:
            self.banner.setText("\n".join(([self.banner.text()] if plan.read_only else [])
                                          + notices))
        self.banner.setVisible(plan.read_only or bool(notices))
        if plan.backup_path is not None:
            self.statusBar().showMessage(
                self.tr("The plan was upgraded to the current format; the original is kept as "
                        "{name}.").format(name=plan.backup_path.name), 15000)

    def _file_notices(self, plan: Plan) -> list[str]:
        """What opening found and did: work recovered from the plan's log, rows a hand edit
        broke (the quality findings list them too; mending them in the app clears them)."""
        notices = []
        if plan.recovery_backup_path is not None:
            notices.append(self.tr(
                "Recovered: the last changes, saved but not yet written into the plan file "
                "(the program stopped or the disk was full), are back in the plan. The files as "
                "they were found are kept as {name}.").format(name=plan.recovery_backup_path.name))
        if plan.problems:
            shown = "; ".join(plan.problems[:3])
            more = len(plan.problems) - 3
            notices.append(self.tr(
                "This plan was changed outside OKR Desk and has {count} broken links or loops, "
                "shown as quality findings: {shown}{more}").format(
                    count=len(plan.problems), shown=shown,
                    more=self.tr(" … and {n} more.").format(n=more) if more > 0 else "."))
        return notices

    # -- reacting ---------------------------------------------------------------------------

    def focus_objective(self, objective_id: str) -> None:
        """Select an objective and bring its card into view."""
        if self.document is None or objective_id not in self.document.snapshot.objectives:
            return
        objective = self.document.snapshot.objectives[objective_id]
        if objective.cycle_id != self.document.cycle_id:
            self.document.set_cycle(objective.cycle_id)
        self.document.select("objectives", objective_id)
        self.tabs.setCurrentIndex(0)
        if self.canvas is not None:
            self.canvas.center_on_objective(objective_id)

    def show_refusal(self, reason: str) -> None:
        self.statusBar().showMessage(reason, 10000)

    def show_error(self, title: str, message: str) -> None:
        """A dialog a planner must acknowledge; it does not block the event loop."""
        self.error_shown.emit(title, message)
        box = QMessageBox(QMessageBox.Icon.Warning, title, message,
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("errorBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # -- layout -----------------------------------------------------------------------------

    def _dock(self, name: str, title: str, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"{name}Dock")
        self.addDockWidget(area, dock)
        return dock

    def _restore_layout(self) -> bool:
        """The size and panels of the last run; False if there were no panels to restore."""
        geometry = self.settings.geometry()
        state = self.settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        return state is not None and self.restoreState(state)

    def reset_layout(self) -> None:
        """Place the panels as suits the window's size now (wide or compact)."""
        self.dock_layout = layout_for(self.size())
        arrange_docks(self, self.docks, self.dock_layout)

    def _size_docks_again(self) -> None:
        if self.dock_layout is not None:
            size_docks(self, self.docks, self.dock_layout)

    def _fits_screen(self) -> bool:
        """Whether the panels as they are (a wide layout stacks more) fit the screen's height."""
        return self.minimumSizeHint().height() <= fitting_size(self, QSize(1, 100_000)).height()

    def showEvent(self, event: QShowEvent) -> None:
        if not self.shown_before and (self.dock_layout is not None or not self._fits_screen()):
            self.reset_layout()  # for the size it is first shown at (or for a smaller screen)
            QTimer.singleShot(0, self, self._size_docks_again)
        self.shown_before = True
        super().showEvent(event)
        QTimer.singleShot(0, self, lambda: hide_stray_tab_bars(self))  # once laid out

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.actions_.offsite.isChecked():
            self.actions_.offsite.setChecked(False)
        self.settings.save_layout(self.saveGeometry(), self.saveState())
        self.settings.sync()
        if self.document is not None:
            self.map_tab.close_files()
            self.actions_.bind(None)
            self.commands.bind(None)
            self.document.close()
            self.document = None
        super().closeEvent(event)


def fitting_size(window: QWidget, wanted: QSize) -> QSize:
    """`wanted`, shrunk to the screen's free area (less the window frame) on a small screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return wanted
    room = screen.availableGeometry().size() - QSize(16, 48)
    return wanted.boundedTo(room)
