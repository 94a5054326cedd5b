"""The change history kept in the plan file as a table model: when, who, what, how many rows.

Read lazily, newest first: the first page when shown, the next as the view scrolls to the end
(`canFetchMore` / `fetchMore`), and the entries of new changes put on top as they are made.
The rows' details are read only for the entry asked about (history_details.py).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from okrdesk.errors import OkrDeskError
from okrdesk.storage import ChangeSet
from okrdesk.storage.history import HistoryItem, read_history

from ..document import PlanDocument
from ..translation import QT_TR_NOOP, tr

PAGE = 200
NEWEST_READ = 50  # entries read to find those the last change added (one, as a rule)
HEADERS = (QT_TR_NOOP("When"), QT_TR_NOOP("Who"), QT_TR_NOOP("What"), QT_TR_NOOP("Rows"))
AnyIndex = QModelIndex | QPersistentModelIndex


class FileHistoryModel(QAbstractTableModel):
    def __init__(self, document: PlanDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.items: list[HistoryItem] = []
        self._more = True  # the file may hold entries older than the last read
        self._known: set[int] = set()
        document.changed.connect(self._plan_changed)

    # -- reading ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the newest page again (after the history was compacted)."""
        self.beginResetModel()
        self.items, self._known, self._more = [], set(), True
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more:
            return
        last = self.items[-1] if self.items else None
        found = self._read(PAGE, last)
        self._more = len(found) == PAGE
        fresh = [item for item in found if item.sequence not in self._known]
        if fresh:
            self.beginInsertRows(QModelIndex(), len(self.items),
                                 len(self.items) + len(fresh) - 1)
            self._add(fresh, at_top=False)
            self.endInsertRows()

    def _plan_changed(self, _changes: ChangeSet) -> None:
        if not self.items and self._more:
            return  # nothing read yet: the first page will hold it
        newest: list[HistoryItem] = []
        for item in self._read(NEWEST_READ, None):
            if item.sequence in self._known:
                break
            newest.append(item)
        if newest:
            self.beginInsertRows(QModelIndex(), 0, len(newest) - 1)
            self._add(newest, at_top=True)
            self.endInsertRows()

    def _read(self, limit: int, before: HistoryItem | None) -> list[HistoryItem]:
        try:
            return read_history(self.document.plan, limit, before, with_changes=False)
        except OkrDeskError:  # the file went away or is unreadable: the view says nothing more
            self._more = False
            return []

    def _add(self, items: list[HistoryItem], *, at_top: bool) -> None:
        self.items = items + self.items if at_top else self.items + items
        self._known.update(item.sequence for item in items)

    # -- the table ---------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(HEADERS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self.items):
            return None
        item = self.items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tool_tip(item)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def item(self, row: int) -> HistoryItem | None:
        return self.items[row] if 0 <= row < len(self.items) else None


def local_time(at: str) -> str:
    """The entry's time in the computer's time zone, to the minute."""
    try:
        return datetime.fromisoformat(at).astimezone().strftime("%Y-%m-%d %H:%M")
    except (ValueError, OverflowError, OSError):
        return at


def cell_text(item: HistoryItem, column: int) -> str:
    if not item.readable:
        return tr("Unreadable entry") if column == 2 else ""
    if column == 0:
        return local_time(item.at)
    if column == 1:
        return item.author
    if column == 2:
        return item.label
    return f"{item.row_count:,}"


def tool_tip(item: HistoryItem) -> str:
    if not item.readable:
        return tr("This entry of the history cannot be read: {problem}.").format(
            problem=item.problem)
    if not item.kept:
        return tr("{label}: {count} rows. A change this large keeps its label and row "
                  "count only.").format(label=item.label, count=f"{item.row_count:,}")
    rows = tr("1 row") if item.row_count == 1 else tr("{count} rows").format(
        count=f"{item.row_count:,}")
    return tr("{label} ({rows}), {when}, by {who}: select it to see the rows it "
              "changed.").format(label=item.label, rows=rows, when=local_time(item.at),
                                 who=item.author or tr("someone"))
