"""The command registry: every operation the window offers is one `QAction`, kept here by key.

Menus, context menus and toolbars are built from the registry, so a command has one text, one
shortcut and one enabled state wherever it appears. Keys are dotted ("objective.delete",
"kr.add", "view.fit"); each feature registers its own commands from its own module.

A command's `applies` says whether it can act now (on the document's selection, the cycle, the
plan); `refresh` re-asks every command, and the main window calls it whenever one of those
changes. A command without `applies` keeps whatever enabled state its owner gives it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, SignalInstance
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

if TYPE_CHECKING:
    from .document import PlanDocument

Shortcut = QKeySequence | QKeySequence.StandardKey | str
Applies = Callable[[], bool]


@dataclass(frozen=True)
class Command:
    key: str
    action: QAction
    applies: Applies | None


class Commands(QObject):
    """One per main window; its actions live on the window so their shortcuts work anywhere."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self._commands: dict[str, Command] = {}
        self._document: PlanDocument | None = None

    def add(self, key: str, text: str, slot: Callable[[], object], *,
            shortcut: Shortcut | None = None, tip: str = "",
            applies: Applies | None = None) -> QAction:
        """Register a command; a key can be registered once."""
        if key in self._commands:
            raise ValueError(f"The command {key!r} is registered twice.")
        action = QAction(text, self.window)
        action.setObjectName(key)
        if shortcut is not None:
            action.setShortcut(_key_sequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        command = Command(key, action, applies)
        action.triggered.connect(lambda _checked=False: _run(command, slot))
        self.window.addAction(action)
        self._commands[key] = command
        if applies is not None:
            action.setEnabled(_holds(applies))
        return action

    def action(self, key: str) -> QAction:
        """The action of a command; KeyError if no command has that key."""
        try:
            return self._commands[key].action
        except KeyError:
            raise KeyError(f"No command is registered as {key!r}.") from None

    def __contains__(self, key: object) -> bool:
        return key in self._commands

    def __iter__(self) -> Iterator[str]:
        return iter(self._commands)

    def applies(self, key: str) -> bool:
        command = self._commands[key]
        return command.applies is None or _holds(command.applies)

    def refresh(self) -> None:
        """Enable exactly the commands that can act now."""
        for command in self._commands.values():
            if command.applies is not None:
                command.action.setEnabled(_holds(command.applies))

    def menu(self, keys: Sequence[str | None], parent: QWidget) -> QMenu:
        """A menu of the given commands (None: a separator); commands that do not apply now, and
        unknown keys (a feature not built in), are left out, and so are doubled separators."""
        menu = QMenu(parent)
        menu.setObjectName("commandMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.refresh()
        pending_separator = False
        for key in keys:
            if key is None:
                pending_separator = not menu.isEmpty()
                continue
            command = self._commands.get(key)
            if command is None or not self.applies(key):
                continue
            if pending_separator:
                menu.addSeparator()
                pending_separator = False
            menu.addAction(command.action)
        return menu

    def fill(self, menu: QMenu, keys: Sequence[str | None]) -> None:
        """Put registered commands into a menu bar menu, disabled ones included (None: a
        separator; unknown keys are skipped, and so are doubled separators)."""
        pending_separator = False
        for key in keys:
            if key is None:
                pending_separator = not menu.isEmpty()
            elif key in self._commands:
                if pending_separator:
                    menu.addSeparator()
                    pending_separator = False
                menu.addAction(self._commands[key].action)

    def scope(self, keys: Sequence[str], widgets: Sequence[QWidget]) -> None:
        """Let the shortcuts of these commands work only while the keyboard is in one of the
        widgets (a Delete meant for a card must not fire in another panel that uses it too).
        Call again for widgets made anew; the menus keep showing the shortcuts."""
        for key in keys:
            action = self.action(key)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.window.removeAction(action)
            for widget in widgets:
                widget.addAction(action)

    # -- following the open plan --------------------------------------------------------------

    def bind(self, document: PlanDocument | None) -> None:
        """Refresh whenever the selection, the cycle or the plan of `document` changes."""
        if self._document is not None:
            for signal in self._signals(self._document):
                signal.disconnect(self._refresh_on_signal)
        self._document = document
        if document is not None:
            for signal in self._signals(document):
                signal.connect(self._refresh_on_signal)
        self.refresh()

    @staticmethod
    def _signals(document: PlanDocument) -> tuple[SignalInstance, ...]:
        return (document.selection_changed, document.cycle_changed, document.changed)

    def _refresh_on_signal(self, *_args: object) -> None:
        self.refresh()


def _key_sequence(shortcut: Shortcut) -> QKeySequence:
    return shortcut if isinstance(shortcut, QKeySequence) else QKeySequence(shortcut)


def _holds(applies: Applies) -> bool:
    try:
        return bool(applies())
    except LookupError:  # the selection went away between two refreshes
        return False


def _run(command: Command, slot: Callable[[], object]) -> None:
    """Ask `applies` again: the enabled state may be older than the last change."""
    if command.applies is None or _holds(command.applies):
        slot()
