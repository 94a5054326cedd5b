"""Names a screen reader announces for the window's views that have no label of their own.

Fields in a form take their label's text, buttons their text; the lists, tables and views below
have neither, so they get a name here, found by the object name they already carry for the
style sheets. A name set by the widget's own module is kept.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QWidget

from .translation import QT_TR_NOOP, tr

NAMES_BY_OBJECT = {
    "centreTabs": QT_TR_NOOP("Canvas and map"),
    "organisationTree": QT_TR_NOOP("Organisation: levels, people and teams"),
    "objectiveList": QT_TR_NOOP("Objectives"),
    "checkInHistory": QT_TR_NOOP("Check-in history"),
    "levelTable": QT_TR_NOOP("Alignment by level"),
    "attentionList": QT_TR_NOOP("Objectives that need alignment"),
    "findingList": QT_TR_NOOP("Quality findings"),
}

NAMES_BY_ATTRIBUTE = (  # (path of attributes from the window, name)
    (("canvas",), QT_TR_NOOP("Canvas")),
    (("map_tab", "view"), QT_TR_NOOP("Alignment map")),
    (("objective_list", "search"), QT_TR_NOOP("Filter objectives by title")),
)


def name_views(window: QMainWindow) -> None:
    """Give every unnamed view of the window its accessible name."""
    for object_name, name in NAMES_BY_OBJECT.items():
        for widget in window.findChildren(QWidget, object_name):
            _name(widget, name)
    for path, name in NAMES_BY_ATTRIBUTE:
        found: object = window
        for attribute in path:
            found = getattr(found, attribute, None)
        if isinstance(found, QWidget):
            _name(found, name)


def _name(widget: QWidget, name: str) -> None:
    if not widget.accessibleName():
        widget.setAccessibleName(tr(name))
