"""The organisation's commands in the window's registry, its Organisation menu, and Plan
settings in the File menu.

The keys that act on a chosen row (F2, Delete, Enter, Insert, Alt+Up/Down) are scoped to the
Organisation panel, so the same keys can mean something else on the canvas.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from ..translation import QT_TR_NOOP, tr
from .organisation import OrganisationPanel
from .plan_window import PlanWindow

Panel = Callable[[], OrganisationPanel | None]
MENU = ("unit.add", "unit.edit", "unit.set_email", "unit.rename", "unit.remove", None,
        "level.add", "level.rename", "level.up", "level.down", "level.remove", None, "function.add",
        "function.rename", "function.remove", None, "plan.settings")

BUTTON_TEXT = {"unit.add": QT_TR_NOOP("Add person"), "unit.edit": QT_TR_NOOP("Details"),
               "unit.remove": QT_TR_NOOP("Remove"), "level.add": QT_TR_NOOP("Add level"),
               "level.up": QT_TR_NOOP("Level up"), "level.down": QT_TR_NOOP("Level down"),
               "function.add": QT_TR_NOOP("Add function")}


def register_organisation_commands(window: PlanWindow, panel: Panel) -> QMenu:
    """Register the commands; returns the Organisation menu (put before Help)."""
    commands = window.commands

    def writable() -> OrganisationPanel | None:
        found = panel()
        return found if found is not None and not found.document.read_only else None

    def chosen(kind: str) -> Callable[[], bool]:
        def applies() -> bool:
            found = writable()
            return found is not None and found.chosen()[0] == kind
        return applies

    def on_panel(work: Callable[[OrganisationPanel], object]) -> Callable[[], None]:
        def run() -> None:
            found = panel()
            if found is not None:
                window.docks["organisation"].show()
                work(found)
        return run

    def add(key: str, text: str, work: Callable[[OrganisationPanel], object], tip: str,
            applies: Callable[[], bool], shortcut: str | None = None) -> None:
        action = commands.add(key, text, on_panel(work), tip=tip, applies=applies,
                              shortcut=QKeySequence(shortcut) if shortcut else None)
        if key in BUTTON_TEXT:  # the panel's buttons are narrow
            action.setIconText(tr(BUTTON_TEXT[key]))
        if shortcut:  # on the panel only (the tree takes these keys itself while focused)
            window.removeAction(action)
            window.docks["organisation"].addAction(action)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def any_plan() -> bool:
        return writable() is not None

    add("unit.add", tr("Add person or &team…"), lambda p: p.add_unit(),
        tr("Add a person or team; under the chosen person, or at the chosen level"), any_plan,
        "Ins")
    add("unit.edit", tr("Person or team &details…"), lambda p: p.edit_chosen(),
        tr("Name, person or team, role, level, function, manager and e-mail"), chosen("unit"),
        "Return")
    add("unit.set_email", tr("Set &e-mail address…"), lambda p: p.ask_email_chosen(),
        tr("The chosen person's or team's e-mail address; empty for none"), chosen("unit"),
        "Ctrl+Alt+E")
    add("unit.rename", tr("&Rename person or team"), lambda p: p.rename_chosen(),
        tr("Type a new name in place"), chosen("unit"), "F2")
    add("unit.remove", tr("Re&move person or team…"), lambda p: p.remove_chosen(),
        tr("Remove; their objectives and reports are handed to someone else"), chosen("unit"),
        "Del")
    add("level.add", tr("Add &level"), lambda p: p.add_named("level"),
        tr("A new level below the others; type its name"), any_plan)
    add("level.rename", tr("Rename level"), lambda p: p.rename_chosen(),
        tr("Type a new name in place"), chosen("level"), "F2")
    add("level.up", tr("Move level &up"), lambda p: p.move_chosen_level(-1),
        tr("Put the chosen level one higher"), chosen("level"), "Alt+Up")
    add("level.down", tr("Move level &down"), lambda p: p.move_chosen_level(1),
        tr("Put the chosen level one lower"), chosen("level"), "Alt+Down")
    add("level.remove", tr("Remove level"), lambda p: p.remove_chosen(),
        tr("Remove the chosen level; nobody may be at it"), chosen("level"), "Del")
    add("function.add", tr("Add &function"), lambda p: p.add_named("function"),
        tr("A new business function; type its name"), any_plan)
    add("function.rename", tr("Rename function"), lambda p: p.rename_chosen(),
        tr("Type a new name in place"), chosen("function"), "F2")
    add("function.remove", tr("Remove function"), lambda p: p.remove_chosen(),
        tr("Remove the chosen function; its people stay, in no function"), chosen("function"),
        "Del")
    add("plan.settings", tr("Plan &settings…"), lambda p: p.edits.plan_settings(),
        tr("The plan's name, bottom-up target and limits"), any_plan)

    menu = QMenu(tr("&Organisation"), window)
    menu.setObjectName("organisationMenu")
    commands.fill(menu, MENU)
    bar = window.menuBar()
    help_menu = bar.findChild(QMenu, "helpMenu")
    if help_menu is not None:
        bar.insertMenu(help_menu.menuAction(), menu)
    else:
        bar.addMenu(menu)
    if "file.quit" in commands:  # File > Plan settings…, above Quit
        quit_action = commands.action("file.quit")
        for file_menu in quit_action.associatedObjects():
            if isinstance(file_menu, QMenu):
                file_menu.insertAction(quit_action, commands.action("plan.settings"))
                file_menu.insertSeparator(quit_action)
    return menu
