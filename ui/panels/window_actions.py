"""The window's menus, toolbar and shortcuts, and what each action does."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from .. import files
from ..canvas.arrange import ArrangeProgress
from ..document import PlanDocument
from ..merge_review.commands import MergeCommands
from ..theme import THEME_CHOICES, apply_theme
from .layout_commands import LayoutCommands
from .main_toolbar import build_main_toolbar, explain
from .plan_window import PlanWindow
from .presentation_window import PresentationChrome

if TYPE_CHECKING:
    from ..dialogs.export_scorecards import ScorecardExport
    from ..dialogs.import_sheet import ImportSheetDialog

Key = QKeySequence.StandardKey


def _nothing() -> None:
    """The slot of a command whose work is done by another signal (a checkable's toggled)."""


def redo_keys() -> list[QKeySequence]:
    """The platform's redo key first (for menus), then both usual ones, each once."""
    keys: list[QKeySequence] = []
    for key in (QKeySequence(Key.Redo), QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")):
        if not key.isEmpty() and key not in keys:
            keys.append(key)
    return keys


class WindowActions(QObject):
    def __init__(self, window: PlanWindow) -> None:
        super().__init__(window)
        self.window = window
        self.document: PlanDocument | None = None
        self._matches: list[str] = []
        self._match_text = ""
        w = window
        self.new = self._action("file.new", self.tr("&New plan…"), self.new_plan, Key.New)
        self.open = self._action("file.open", self.tr("&Open…"), self.open_plan, Key.Open)
        self.save_as = self._action("file.save_as", self.tr("Save &As…"), self.save_as_plan,
                                    Key.SaveAs)
        self.import_sheet = self._action("file.import_sheet", self.tr("&Import spreadsheet…"),
                                         self.import_spreadsheet)
        self.import_sheet.setStatusTip(self.tr("Bring objectives, key results and an org chart "
                                               "in from an XLSX or CSV file"))
        self.export_sheet = self._action("file.export_sheet", self.tr("&Export spreadsheet…"),
                                         self.export_spreadsheet)
        self.export_sheet.setStatusTip(self.tr("Write the plan as an XLSX workbook or a CSV "
                                               "file"))
        self.export_cards = self._action("file.export_scorecards",
                                         self.tr("Export s&corecards…"), self.export_scorecards,
                                         Key.Print)
        self.export_cards.setStatusTip(self.tr("Print a cycle's scorecards or 16:9 slides as "
                                               "a PDF for the quarter's review"))
        self.scorecard_export: ScorecardExport | None = None
        self.sheet_dialog: ImportSheetDialog | None = None
        self.quit = self._action("file.quit", self.tr("&Quit"), w.close, Key.Quit)
        self.undo = self._action("edit.undo", self.tr("&Undo"), lambda: self._stack_do("undo"),
                                 Key.Undo)
        self.redo = self._action("edit.redo", self.tr("&Redo"), lambda: self._stack_do("redo"),
                                 Key.Redo)
        self.redo.setShortcuts(redo_keys())  # Ctrl+Y and Ctrl+Shift+Z on every platform
        self.undo.setIconText(self.tr("Undo"))  # the toolbar's label stays short; the
        self.redo.setIconText(self.tr("Redo"))  # tooltip says what would be undone
        self.find = self._action("edit.find", self.tr("&Find a card…"), self.focus_search, Key.Find)
        self.fit = self._action("view.fit", self.tr("&Fit to window"),
                                lambda: self._canvas_do("fit_all"), QKeySequence("Ctrl+0"))
        self.zoom_in = self._action("view.zoom_in", self.tr("Zoom &in"),
                                    lambda: self._canvas_do("zoom_in"), Key.ZoomIn)
        self.zoom_out = self._action("view.zoom_out", self.tr("Zoom &out"),
                                     lambda: self._canvas_do("zoom_out"), Key.ZoomOut)
        self.arrange = self._action("view.arrange", self.tr("&Arrange"),
                                    lambda: self._canvas_do("arrange"),
                                    QKeySequence("Ctrl+Shift+A"))
        self.arrange.setToolTip(self.tr("Lay the canvas out from Graphviz positions"))
        self.show_map = self._action("view.map", self.tr("Alignment &map"),
                                     lambda: w.tabs.setCurrentIndex(1), QKeySequence("Ctrl+M"))
        self.offsite = self._action("view.offsite", self.tr("&Presentation mode"), None,
                                    QKeySequence(Qt.Key.Key_F11))
        self.offsite.setCheckable(True)
        self.offsite.setToolTip(self.tr("Full screen, the selected tree large enough for a room; "
                                        "the arrow keys walk it, Esc or F11 leaves (F11)"))
        self.offsite.toggled.connect(self.set_offsite)
        self.presentation_chrome = PresentationChrome(w)
        self.dim_rest = self._action("view.presentation_dim",
                                     self.tr("&Dim the rest in presentation"), _nothing,
                                     QKeySequence("Shift+F11"))
        self.dim_rest.setCheckable(True)  # off: the room keeps seeing the plan around the tree
        self.dim_rest.toggled.connect(lambda on: self._canvas_do("set_dimming", on))
        self.about = self._action("help.about", self.tr("&About OKR Desk"), self.show_about)
        self.themes = QActionGroup(self)
        self.theme_actions = {name: self._theme_action(name) for name in THEME_CHOICES}
        for name, action in self.theme_actions.items():
            action.setCheckable(True)
            action.setChecked(name == w.settings.theme())
            self.themes.addAction(action)
        self.recent_menu = QMenu(self.tr("Open &Recent"), w)
        self.arrange_progress = ArrangeProgress(w)
        w.statusBar().addPermanentWidget(self.arrange_progress)
        self._build_menus()
        self.layout_commands = LayoutCommands(w, self.menus["view"], self.menus["panels"])
        self._build_toolbar()
        w.search_field.search_requested.connect(self.search)
        self.refresh_recent()
        self._stack_changed()

    # -- wiring -------------------------------------------------------------------------------

    def bind(self, document: PlanDocument | None) -> None:
        """Follow the undo stack of the plan now open (None: no plan open)."""
        if self.document is not None:
            stack = self.document.undo_stack
            for signal in (stack.canUndoChanged, stack.canRedoChanged, stack.indexChanged):
                signal.disconnect(self._stack_changed)
        self.document = document
        if document is not None:
            stack = document.undo_stack
            for signal in (stack.canUndoChanged, stack.canRedoChanged, stack.indexChanged):
                signal.connect(self._stack_changed)
        self._matches = []
        self._stack_changed()
        self.refresh_recent()
        canvas = self.window.canvas if document is not None else None
        self.arrange_progress.follow(canvas.arranger if canvas is not None else None)
        self.layout_commands.follow(canvas)
        if canvas is not None:
            canvas.arranger.busy_changed.connect(lambda busy: self.arrange.setEnabled(not busy))
            canvas.leave_presentation.connect(lambda: self.offsite.setChecked(False))
            canvas.set_dimming(self.dim_rest.isChecked())
        self.arrange.setEnabled(True)

    def refresh_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.window.settings.recent_files():
            action = self.recent_menu.addAction(path.name)
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _on=False, p=path: self.window.open_path(p))
        self.recent_menu.setEnabled(not self.recent_menu.isEmpty())

    def _action(self, key: str, text: str, slot: Callable[[], object] | None,
                shortcut: QKeySequence | Key | None = None) -> QAction:
        """A window command, kept in the window's command registry under `key`."""
        return self.window.commands.add(key, text, slot or _nothing, shortcut=shortcut)

    def _theme_action(self, name: str) -> QAction:
        texts = {"system": self.tr("System theme"), "light": self.tr("Light theme"),
                 "dark": self.tr("Dark theme")}
        action = self._action(f"view.theme.{name}", texts.get(name, name.title()),
                              lambda: self.set_theme(name))
        if name == "system":
            action.setToolTip(self.tr("Follow the light or dark setting of the system"))
        return action

    def _build_menus(self) -> None:
        bar = self.window.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([self.new, self.open])
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(self.save_as)
        self.merge_commands = MergeCommands(self.window, self.window.commands,  # Merge a draft…
                                            lambda: self.window.document, file_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.import_sheet, self.export_sheet, self.export_cards])
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.undo, self.redo])
        edit_menu.addSeparator()
        edit_menu.addAction(self.find)
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addActions([self.fit, self.zoom_in, self.zoom_out, self.arrange])
        view_menu.addSeparator()
        view_menu.addActions([self.show_map, self.offsite, self.dim_rest])
        view_menu.addSeparator()
        view_menu.addActions(list(self.theme_actions.values()))
        panels = view_menu.addMenu(self.tr("&Panels"))
        panels.addActions([dock.toggleViewAction() for dock in self.window.docks.values()])
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.setObjectName("helpMenu")
        help_menu.addAction(self.about)
        self.menus = {"file": file_menu, "edit": edit_menu, "view": view_menu, "help": help_menu,
                      "panels": panels}

    def _build_toolbar(self) -> None:
        w = self.window
        self.toolbar = build_main_toolbar(w, self.tr("Main"), [
            [self.open, self.undo, self.redo], [w.cycle_switcher],
            [self.fit, self.arrange, self.show_map], [w.search_field], [self.offsite]])

    # -- files ------------------------------------------------------------------------------

    def _folder(self) -> Path:
        document = self.window.document
        return document.plan.path.parent if document is not None else files.data_folder()

    def new_plan(self) -> None:
        from ..dialogs.new_plan import ask_new_plan, built_message  # loads the starters

        built = ask_new_plan(self.window, self._folder())
        if built is not None and self.window.open_path(built.path):
            self.window.statusBar().showMessage(built_message(built), 15000)

    def open_plan(self) -> None:
        path = files.ask_open_path(self.window, self._folder())
        if path is not None:
            self.window.open_path(path)

    def save_as_plan(self) -> None:
        document = self.window.document
        if document is None:
            return
        suggestion = document.plan.path.with_name(f"{document.plan.path.stem} copy.okr")
        path = files.ask_save_path(self.window, self.tr("Save plan as"), suggestion)
        if path is not None:
            self.window.save_as(path)

    def import_spreadsheet(self) -> None:
        # the spreadsheet libraries load on first use
        from ..dialogs.import_sheet import import_sheet

        if self.document is not None:
            self.sheet_dialog = import_sheet(self.document, self.window)

    def export_spreadsheet(self) -> None:
        from ..dialogs.export_sheet import export_spreadsheet

        if self.document is not None:
            written = export_spreadsheet(self.window, self.document.plan)
            if written is not None:
                self.window.statusBar().showMessage(
                    self.tr("Exported to {name}.").format(name=written.name), 10000)

    def export_scorecards(self) -> None:
        from ..dialogs.export_scorecards import export_scorecards  # reportlab loads on first use

        if self.document is not None:
            dialog = export_scorecards(self.document, self.window)
            dialog.started.connect(self._scorecards_started)

    def _scorecards_started(self, export: ScorecardExport) -> None:
        self.scorecard_export = export

    # -- editing and viewing ------------------------------------------------------------------

    def _stack_do(self, what: str) -> None:
        if self.document is not None:
            getattr(self.document.undo_stack, what)()

    def _stack_changed(self, *_args: object) -> None:
        stack = self.document.undo_stack if self.document is not None else None
        can_undo = stack is not None and stack.canUndo()
        can_redo = stack is not None and stack.canRedo()
        self.undo.setEnabled(can_undo)
        self.redo.setEnabled(can_redo)
        self.undo.setText(self.tr("&Undo {what}").format(what=stack.undoText())
                          if stack and can_undo else self.tr("&Undo"))
        self.redo.setText(self.tr("&Redo {what}").format(what=stack.redoText())
                          if stack and can_redo else self.tr("&Redo"))
        explain(self.undo)
        explain(self.redo)
        self.save_as.setEnabled(self.document is not None)
        self.import_sheet.setEnabled(self.document is not None and not self.document.read_only)
        self.export_sheet.setEnabled(self.document is not None)
        self.export_cards.setEnabled(self.document is not None)

    def _canvas_do(self, what: str, *args: object) -> object:
        self.window.tabs.setCurrentIndex(0)
        method = getattr(self.window.canvas, what, None)
        return method(*args) if method is not None else None

    def focus_search(self) -> None:
        self.window.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.window.search_field.selectAll()

    def search(self, text: str) -> list[str]:
        """Find cards whose text matches; each Enter centres the next one."""
        if not text:
            return []
        if text != self._match_text or not self._matches:
            found = self._canvas_do("find", text)
            self._matches = list(found) if isinstance(found, list) else []
            self._match_text = text
        else:
            self._matches = self._matches[1:] + self._matches[:1]
        if not self._matches:
            self.window.statusBar().showMessage(
                self.tr("No card matches “{text}”.").format(text=text), 6000)
            return []
        self.window.focus_objective(self._matches[0])
        count = len(self._matches)
        found = (self.tr("{n} card matches “{text}”; Enter shows the next.") if count == 1 else
                 self.tr("{n} cards match “{text}”; Enter shows the next."))
        self.window.statusBar().showMessage(found.format(n=count, text=text), 6000)
        return list(self._matches)

    def set_offsite(self, on: bool) -> None:
        """Presentation mode (named offsite mode before): the window's chrome hidden, the
        canvas large (canvas/presentation.py); off brings the panels, zoom and size back."""
        if on:  # the canvas keeps its zoom and place before the window changes around it
            self._canvas_do("set_offsite_mode", on)
            self.presentation_chrome.enter()
        else:
            self.presentation_chrome.leave()
            self._canvas_do("set_offsite_mode", on)
        canvas = self.window.canvas
        if on and canvas is not None:
            canvas.setFocus()  # the arrow keys walk the tree from the start
        self.window.statusBar().showMessage(
            self.tr("Presentation mode: the arrow keys walk the tree; Esc or F11 leaves it.")
            if on else "", 8000)

    def set_theme(self, name: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, name)
        self.window.settings.set_theme(name)
        self.theme_actions[name].setChecked(True)

    def show_about(self) -> None:
        from ..about import show_about  # on first use: the window's first frame does not need it

        show_about(self.window)
