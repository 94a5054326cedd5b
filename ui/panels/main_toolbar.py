"""The main toolbar: every button an icon beside a short label that never changes, so nothing
moves under the pointer while the Undo command's text grows ("Undo Align under key result");
the full text and the shortcut are in each button's tooltip."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QToolBar, QWidget

from ..theme import action_icon

ICONS = {"file.open": "open", "edit.undo": "undo", "edit.redo": "redo", "view.fit": "fit",
         "view.arrange": "arrange", "view.map": "alignment-map", "view.offsite": "offsite"}
ICON_SIZE = 20  # pixels


def plain_text(action: QAction) -> str:
    return action.text().replace("&", "").removesuffix("…")


def explain(action: QAction, tip: str = "") -> None:
    """The tooltip: `tip` (else the action's full text) and its shortcut."""
    text = tip or plain_text(action)
    shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{text} ({shortcut})" if shortcut and f"({shortcut})" not in text
                      else text)


def build_main_toolbar(window: QMainWindow, title: str,
                       groups: Sequence[Sequence[QAction | QWidget]]) -> QToolBar:
    """A toolbar of `groups` (actions and widgets), separated; actions get their icon and a
    tooltip that names their shortcut."""
    bar = QToolBar(title, window)
    bar.setObjectName("mainToolbar")
    bar.setMovable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    bar.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
    for index, group in enumerate(groups):
        if index:
            bar.addSeparator()
        for item in group:
            if isinstance(item, QAction):
                icon = ICONS.get(item.objectName())
                if icon is not None and item.icon().isNull():
                    item.setIcon(action_icon(icon))
                tip = item.toolTip()
                explain(item, tip if tip != plain_text(item) else "")
                bar.addAction(item)
            else:
                bar.addWidget(item)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return bar
