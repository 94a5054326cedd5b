"""The merge review as a two-level item model: objectives, and under each its changes and
conflicts, with the plan's, the draft's and the base's values side by side and the choice made.

A model, not a tree of widgets: a review of 500 changes opens at once, and the view asks only
for the rows it draws."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from okrdesk.drafts.merge import EditedValue, Side

from ..translation import QT_TR_NOOP, tr
from .entries import Entry, Group
from .values import Names

Index = QModelIndex | QPersistentModelIndex
Choice = Side | EditedValue
COLUMNS = (QT_TR_NOOP("Change"), QT_TR_NOOP("Plan"), QT_TR_NOOP("Draft"), QT_TR_NOOP("Base"),
           QT_TR_NOOP("Choice"))
WHAT, PLAN, DRAFT, BASE, CHOICE = range(len(COLUMNS))
KEY_ROLE = Qt.ItemDataRole.UserRole
GROUP = 0  # the internal id of a group's index; an entry's is its group's row + 1
OPEN = QColor("#c0392b")  # a conflict still to resolve: readable on the light and dark themes


class MergeReviewModel(QAbstractItemModel):
    def __init__(self, names: Names, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.names = names
        self.groups: list[Group] = []
        self.shown: list[tuple[Group, list[Entry]]] = []
        self.choices: dict[str, Choice] = {}
        self.conflicts_only = False
        self._bold = QFont()
        self._bold.setBold(True)
        self._quiet = QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)

    # -- filling ------------------------------------------------------------------------------

    def set_groups(self, groups: list[Group]) -> None:
        self.beginResetModel()
        self.groups = groups
        self._select()
        self.endResetModel()

    def set_conflicts_only(self, on: bool) -> None:
        if on != self.conflicts_only:
            self.beginResetModel()
            self.conflicts_only = on
            self._select()
            self.endResetModel()

    def _select(self) -> None:
        self.shown = []
        for group in self.groups:
            entries = [e for e in group.entries if e.conflict is not None] \
                if self.conflicts_only else group.entries
            if entries:
                self.shown.append((group, entries))

    def set_choice(self, key: str, choice: Choice | None) -> None:
        if choice is None:
            self.choices.pop(key, None)
        else:
            self.choices[key] = choice
        index = self.index_of(key)
        if index.isValid():
            self.dataChanged.emit(index.siblingAtColumn(WHAT), index.siblingAtColumn(CHOICE))
            group = index.parent()
            self.dataChanged.emit(group, group)

    def keep_choices(self, choices: Mapping[str, Choice]) -> None:
        self.choices = dict(choices)

    # -- reading ------------------------------------------------------------------------------

    def conflicts(self) -> list[Entry]:
        return [e for g in self.groups for e in g.entries if e.conflict is not None]

    def open_conflicts(self) -> list[Entry]:
        return [e for e in self.conflicts() if e.key not in self.choices]

    def changes(self) -> int:
        return sum(1 for g in self.groups for e in g.entries if e.conflict is None)

    def entry(self, index: Index) -> Entry | None:
        if not index.isValid() or index.internalId() == GROUP:
            return None
        group = self.shown[index.internalId() - 1]
        return group[1][index.row()]

    def group_at(self, index: Index) -> Group | None:
        if not index.isValid() or index.internalId() != GROUP:
            return None
        return self.shown[index.row()][0]

    def index_of(self, key: str) -> QModelIndex:
        for group_row, (_, entries) in enumerate(self.shown):
            for row, entry in enumerate(entries):
                if entry.key == key:
                    return self.createIndex(row, 0, group_row + 1)
        return QModelIndex()

    def choice_text(self, entry: Entry) -> str:
        if entry.conflict is None:
            return tr("from the draft")
        choice = self.choices.get(entry.key)
        if choice is None:
            return tr("to resolve")
        if choice == "plan":
            return tr("keep the plan's")
        if choice == "draft":
            return tr("take the draft's")
        assert isinstance(choice, EditedValue)
        return tr("edited: {value}").format(value=self.names.value(entry.conflict.field,
                                                                   choice.value))

    # -- QAbstractItemModel -------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, GROUP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == GROUP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, GROUP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.shown)
        if parent.internalId() == GROUP and parent.column() == 0:
            return len(self.shown[parent.row()][1])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        group = self.group_at(index)
        if group is not None:
            return self._group_data(group, index.column(), role)
        entry = self.entry(index)
        assert entry is not None
        if role == KEY_ROLE:
            return entry.key
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if index.column() == WHAT and role == Qt.ItemDataRole.ToolTipRole \
                    and entry.conflict is not None:
                return tr("{what}: {reason}").format(what=entry.what,
                                                     reason=entry.conflict.reason)
            if index.column() == PLAN and role == Qt.ItemDataRole.ToolTipRole \
                    and entry.changed:
                return tr("{value}\n{changed}").format(value=entry.plan, changed=entry.changed)
            return (entry.what, entry.plan, entry.draft, entry.base,
                    self.choice_text(entry))[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == CHOICE:
            if entry.conflict is None:
                return self._quiet  # every change from the draft says so: no need to shout
            return OPEN if entry.key not in self.choices else None
        if role == Qt.ItemDataRole.FontRole and entry.conflict is not None \
                and index.column() in (WHAT, CHOICE):
            return self._bold
        return None

    def _group_data(self, group: Group, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and column == WHAT:
            return self._bold
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if column != WHAT:
            return None  # the heading spans the line
        waiting = sum(1 for e in group.entries
                      if e.conflict is not None and e.key not in self.choices)
        return tr("{heading}   ({n} to resolve)").format(heading=group.heading, n=waiting) \
            if waiting else group.heading

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
