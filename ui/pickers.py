"""A searchable picker: a filter field over a list of choices; type-ahead narrows it, Enter
picks, Esc cancels.

Choices a rule refuses are listed after the valid ones, greyed, with the reason on their second
line and as tooltip; picking one shows the reason and keeps the picker open. The view reads the
rows it shows only, and the filter runs over plain strings, so a picker over tens of thousands of
objectives opens at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from .picker_choices import Choice, Choices

SHOWN_AT_MOST = 400  # rows in the list at once; typing narrows to the rest
NAVIGATION_KEYS = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}
Index = QModelIndex | QPersistentModelIndex
# What to do with the picked payload: None if done, or the reason it was refused.
OnPick = Callable[[object], str | None]


class ChoiceModel(QAbstractListModel):
    """The first few hundred choices the filter lets through. Filtering runs over plain strings
    in Python (far faster than a proxy model asking `data` of every row), and the view lays out
    a few hundred rows, not tens of thousands; it asks for the text and the reasons of the rows
    it paints only."""

    def __init__(self, choices: Choices, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.choices = choices
        self.matching: list[Choice] = choices.rows
        self.shown: list[Choice] = choices.rows[:SHOWN_AT_MOST]
        self._words: list[str] = []
        self._grey = QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)

    def set_words(self, words: list[str]) -> None:
        """Show the rows whose search text holds every word; narrowing searches only the rows
        shown now."""
        narrowing = all(any(old in new for new in words) for old in self._words)
        pool = self.matching if narrowing else self.choices.rows
        self.beginResetModel()
        self.matching = [c for c in pool if all(word in c.search for word in words)]
        self.shown = self.matching[:SHOWN_AT_MOST]
        self._words = words
        self.endResetModel()

    @property
    def hidden(self) -> int:
        """How many matching choices are not in the list (typing more shows them)."""
        return len(self.matching) - len(self.shown)

    def choice(self, index: Index) -> Choice | None:
        return self.shown[index.row()] if index.isValid() else None

    def refusal(self, index: Index) -> str | None:
        choice = self.choice(index)
        return self.choices.refusal(choice) if choice is not None else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.shown)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        choice = self.choice(index)
        if choice is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            refusal = self.choices.refusal(choice)
            second = (self.choices.detail(choice) if refusal is None
                      else self.tr("Not possible: {why}").format(why=_clause(refusal)))
            return f"{choice.text}\n{'      ' if choice.indent else ''}{second}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return self.choices.refusal(choice) or self.choices.detail(choice)
        if role == Qt.ItemDataRole.ForegroundRole and self.choices.refusal(choice) is not None:
            return self._grey
        return None


class Picker(QDialog):
    """Opens window-modal; `on_pick` does the work and may refuse (the picker then stays)."""

    picked = Signal(object)  # the payload, once done

    def __init__(self, parent: QWidget, title: str, prompt: str, choices: Choices,
                 on_pick: OnPick) -> None:
        super().__init__(parent)
        self.setObjectName("picker")
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.on_pick = on_pick
        self.prompt = QLabel(prompt, self, wordWrap=True)
        self.filter = QLineEdit(self, placeholderText=self.tr("Type to filter by title or owner…"),
                                clearButtonEnabled=True)
        self.filter.setAccessibleName(self.tr("Filter"))
        self.model = ChoiceModel(choices, self)
        self.list = QListView(self)
        self.list.setObjectName("pickerList")
        self.list.setAccessibleName(title)
        self.list.setUniformItemSizes(True)  # every row two lines: the view need not measure
        self.list.setAlternatingRowColors(True)  # where one two-line choice ends, the next begins
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setModel(self.model)
        self.message = QLabel("", self, wordWrap=True)
        self.message.setObjectName("pickerMessage")
        self.message.setAccessibleName(self.tr("Why not"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.message)
        self.filter.textChanged.connect(self.set_filter)
        self.filter.returnPressed.connect(self.accept)
        self.filter.installEventFilter(self)
        self.list.activated.connect(self._pick_index)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.resize(560, 520)
        self._select_first()

    # -- choosing -----------------------------------------------------------------------------

    def set_filter(self, text: str) -> None:
        """Every word typed must appear in the title or the owner's name, in any order."""
        self.model.set_words(text.lower().split())
        self._select_first()

    def shown(self) -> list[Choice]:
        """The choices in the list, in order."""
        return list(self.model.shown)

    def current(self) -> Choice | None:
        return self.model.choice(self.list.currentIndex())

    def refusal(self, choice: Choice) -> str | None:
        return self.model.choices.refusal(choice)

    def accept(self) -> None:
        """Enter: pick the current choice (the filter field passes Enter here)."""
        choice = self.current()
        if choice is None:
            self.message.setText(self.tr("Nothing matches; change the filter or press Esc."))
            return
        refusal = self.refusal(choice)
        if refusal is not None:
            self.message.setText(refusal)
            return
        reason = self.on_pick(choice.payload)
        if reason is not None:
            self.message.setText(reason)
            return
        self.picked.emit(choice.payload)
        super().accept()

    def _pick_index(self, index: QModelIndex) -> None:
        self.list.setCurrentIndex(index)
        self.accept()

    def _select_first(self) -> None:
        if self.model.rowCount() == 0:
            self.list.setCurrentIndex(QModelIndex())
            self.message.setText(self.tr("Nothing matches."))
            return
        first = self.model.index(0, 0)
        self.list.setCurrentIndex(first)
        self.list.scrollToTop()
        if self.model.refusal(first) is not None:
            self.message.setText(self.tr("None of these can be chosen; each says why. ")
                                 + self.message.text())

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        refusal = self.model.refusal(current)
        hidden = self.model.hidden
        more = self.tr("{n} more match: type more of a title or a name to see them.").format(
            n=f"{hidden:,}") if hidden else ""
        self.message.setText(refusal or more)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up, Down, Page Up and Page Down in the filter field move through the list."""
        if (watched is self.filter and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() in NAVIGATION_KEYS):
            moved = QKeyEvent(event.type(), event.key(), event.modifiers())
            QApplication.sendEvent(self.list, moved)
            return True
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.filter.setFocus(Qt.FocusReason.OtherFocusReason)


def _clause(refusal: str) -> str:
    """The reason without its lead naming both objectives ("“A” cannot align to “B”: …"),
    which the row's first line already shows; the tooltip keeps the whole sentence."""
    _lead, colon, clause = refusal.partition("”: ")
    return clause[:1].upper() + clause[1:] if colon and clause else refusal


def open_picker(parent: QWidget, title: str, prompt: str, choices: Choices,
                on_pick: OnPick) -> Picker:
    """Show a picker window-modal without blocking; it deletes itself when closed."""
    picker = Picker(parent, title, prompt, choices, on_pick)
    picker.open()
    return picker
