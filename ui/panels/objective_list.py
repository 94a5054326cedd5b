"""Every objective of the plan in one list, narrowed by cycle, level, owner, function, status.

The list is sorted here, not by Qt (whose sort asks Python to compare every pair of rows), and
filled a batch at a time once it has been drawn (gradual_fill.py): a plan of 30,000 objectives
opens without waiting for 30,000 rows.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okrdesk.rulebook import cycle_view
from okrdesk.storage import ChangeSet

from ..document import PlanDocument
from ..translation import QT_TR_NOOP, tr
from .first_use import FillOnFirstUse
from .gradual_fill import FIRST, GradualFill
from .objective_rows import (
    ANY,
    ID_ROLE,
    NO_STATUS,
    Filters,
    ListRow,
    list_item,
    matches,
    sorted_rows,
)

FILTERS_FROM = 360  # pixels high: a shorter panel starts with its filters folded away
STATUS_NAMES = {"on_track": QT_TR_NOOP("On track"), "at_risk": QT_TR_NOOP("At risk"),
                "off_track": QT_TR_NOOP("Off track")}
LIST_TABLES = {"units", "levels", "functions", "cycles"}
# The objective columns the list shows or filters on; other edits (alignment, position) leave it.
LISTED_FIELDS = ("title", "owner_id", "cycle_id", "status")
# A quarter's view also holds the year objectives on its lines of sight: alignment moves them.
ALIGNMENT_FIELDS = ("parent_kr_id",)


class ObjectiveListPanel(QWidget):
    """Filters above a sortable list; choosing a row emits `objective_chosen(id)`."""

    objective_chosen = Signal(str)
    context_menu_requested = Signal(str, QPoint)  # objective id, global position

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.filters = Filters(cycle_id=document.cycle_id)
        self.search = QLineEdit(self, placeholderText=self.tr("Filter by title…"),
                                clearButtonEnabled=True)
        self.cycle_box = QComboBox(self)
        self.level_box = QComboBox(self)
        self.owner_box = QComboBox(self)
        self.function_box = QComboBox(self)
        self.status_box = QComboBox(self)
        self.orphans_box = QCheckBox(self.tr("Orphans only (aligned to nothing)"), self)
        self.list = QTreeWidget(self)
        self.list.setObjectName("objectiveList")
        self.list.setHeaderLabels([self.tr("Objective"), self.tr("Owner"), self.tr("Status")])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setColumnWidth(0, 230)
        header = self.list.header()  # sorted by a click on a column, as a sorting list is
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(lambda _column, _order: self.refresh())
        self.filling = GradualFill(self.list, list_item)
        self.filter_area = QWidget(self)  # folded away when the panel is short
        self.filters_button = QToolButton(self)
        self.filters_button.setText(self.tr("Filters"))
        self.filters_button.setToolTip(self.tr("Show or hide the filters: cycle, level, owner, "
                                               "function, status, orphans"))
        self.filters_button.setCheckable(True)
        self.filters_button.setChecked(True)
        self.filters_button.toggled.connect(self.filter_area.setVisible)
        self.filters_button.clicked.connect(self._filters_toggled_by_hand)
        self._filters_by_hand = False
        form = QFormLayout()
        form.setContentsMargins(4, 4, 4, 0)
        for label, widget in ((self.tr("Cycle"), self.cycle_box),
                              (self.tr("Level"), self.level_box),
                              (self.tr("Owner"), self.owner_box),
                              (self.tr("Function"), self.function_box),
                              (self.tr("Status"), self.status_box)):
            form.addRow(label, widget)
        filters = QVBoxLayout(self.filter_area)
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addLayout(form)
        filters.addWidget(self.orphans_box)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.filters_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(search_row)
        layout.addWidget(self.filter_area)
        layout.addWidget(self.list, 1)
        self.owners = FillOnFirstUse(self.owner_box, self._fill_owners)
        self._fill_choices()
        for box in (self.cycle_box, self.level_box, self.owner_box, self.function_box,
                    self.status_box):
            box.currentIndexChanged.connect(self._filters_edited)
        self.orphans_box.toggled.connect(self._filters_edited)
        self.search.textChanged.connect(self._filters_edited)
        self.list.itemActivated.connect(self._chosen)
        self.list.itemClicked.connect(self._chosen)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self._refresh_soon = QTimer(self, singleShot=True, interval=0)
        self._refresh_soon.timeout.connect(self.refresh)
        document.changed.connect(self._plan_changed)
        document.cycle_changed.connect(self._cycle_changed)
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A short panel (the compact layout) folds its filters away, so the list has room;
        the Filters button shows them, and after a click it is the planner's choice."""
        super().resizeEvent(event)
        if not self._filters_by_hand:
            self.filters_button.setChecked(event.size().height() >= FILTERS_FROM)

    def _filters_toggled_by_hand(self) -> None:
        self._filters_by_hand = True

    # -- public -----------------------------------------------------------------------------

    def set_filters(self, **values: object) -> None:
        """Set some filters at once (the organisation panel picks an owner through this)."""
        boxes = {"cycle_id": self.cycle_box, "level_id": self.level_box,
                 "owner_id": self.owner_box, "function_id": self.function_box,
                 "status": self.status_box}
        if "owner_id" in values:
            self.owners.ready()
        for name, value in values.items():
            if name == "orphans_only":
                self.orphans_box.setChecked(bool(value))
            elif name == "text":
                self.search.setText(str(value))
            else:
                box = boxes[name]
                index = box.findData(value)
                box.setCurrentIndex(max(index, 0))
        self._filters_edited()

    def shown_ids(self) -> list[str]:
        """Every objective the filters let through, in the list's order (all of it filled)."""
        self.filling.finish()
        items = (self.list.topLevelItem(i) for i in range(self.list.topLevelItemCount()))
        return [str(item.data(0, ID_ROLE)) for item in items if item is not None]

    def refresh(self) -> None:
        """List what the filters let through; a large plan's list is worked out once the list
        has been drawn (or its rows are asked for), then filled a batch at a time."""
        self.list.clear()
        large = len(self.document.snapshot.objectives) > FIRST
        self.filling.start(self._rows if large else self._rows())

    def _rows(self) -> list[tuple[None, list[ListRow]]]:
        snapshot = self.document.snapshot
        rows = []
        cycle_id = self.filters.cycle_id
        in_cycle = set(self.document.analytics.view_objectives(cycle_id)) \
            if cycle_id in snapshot.cycles else set()
        statuses = {key: tr(name) for key, name in STATUS_NAMES.items()}
        objectives, units = snapshot.objectives, snapshot.units
        if self.filters == Filters(cycle_id=cycle_id) and cycle_id in snapshot.cycles:
            chosen = [objectives[o] for o in in_cycle if o in objectives]  # the cycle only
        else:
            is_orphan = self.document.analytics.is_orphan
            chosen = [o for o in objectives.values()
                      if matches(snapshot, o, self.filters, is_orphan, in_cycle)]
        for objective in chosen:
            owner = units.get(objective.owner_id)
            rows.append(ListRow(objective.title, owner.name if owner else "",
                                statuses.get(objective.status or "", ""), objective.id))
        header = self.list.header()
        return [(None, sorted_rows(rows, header.sortIndicatorSection(),
                                   header.sortIndicatorOrder()))]

    # -- internals --------------------------------------------------------------------------

    def _fill_choices(self) -> None:
        snapshot = self.document.snapshot
        cycles = sorted(snapshot.cycles.values(), key=lambda c: (c.kind == "backlog", c.name))
        _fill(self.cycle_box, self.tr("All cycles"), [(c.name, c.id) for c in cycles],
              self.filters.cycle_id)
        _fill(self.level_box, self.tr("All levels"),
              [(lv.name, lv.id) for lv in snapshot.ordered_levels()], self.filters.level_id)
        if self.owners.pending:  # the filtered owner only, until the box is first used
            owner = snapshot.units.get(self.filters.owner_id)
            _fill(self.owner_box, self.tr("All owners"),
                  [(owner.name, owner.id)] if owner is not None else [], self.filters.owner_id)
        else:
            self._fill_owners()
        functions = sorted(snapshot.functions.values(), key=lambda f: f.name.lower())
        _fill(self.function_box, self.tr("All functions"), [(f.name, f.id) for f in functions],
              self.filters.function_id)
        statuses = [*((tr(name), key) for key, name in STATUS_NAMES.items()),
                    (self.tr("No status"), NO_STATUS)]
        _fill(self.status_box, self.tr("Any status"), statuses, self.filters.status)

    def _fill_owners(self) -> None:
        units = sorted(self.document.snapshot.units.values(), key=lambda u: u.name.lower())
        blocked = self.owner_box.blockSignals(True)  # the choice itself stays the same
        _fill(self.owner_box, self.tr("All owners"), [(u.name, u.id) for u in units],
              self.filters.owner_id)
        self.owner_box.blockSignals(blocked)

    def _filters_edited(self, *_args: object) -> None:
        self.filters = Filters(
            cycle_id=str(self.cycle_box.currentData() or ANY),
            level_id=str(self.level_box.currentData() or ANY),
            owner_id=str(self.owner_box.currentData() or ANY),
            function_id=str(self.function_box.currentData() or ANY),
            status=str(self.status_box.currentData() or ANY),
            orphans_only=self.orphans_box.isChecked(),
            text=self.search.text().strip(),
        )
        self.refresh()

    def _chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.objective_chosen.emit(str(item.data(0, ID_ROLE)))

    def _context_menu(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)
        if item is not None:
            self.context_menu_requested.emit(str(item.data(0, ID_ROLE)),
                                             self.list.viewport().mapToGlobal(pos))

    def _cycle_changed(self, cycle_id: str) -> None:
        self.set_filters(cycle_id=cycle_id)

    def _plan_changed(self, changes: ChangeSet) -> None:
        touched = {change.table for change in changes}
        if touched & {"units", "levels", "functions", "cycles"}:
            for box in (self.cycle_box, self.level_box, self.owner_box, self.function_box):
                box.blockSignals(True)
            self._fill_choices()
            for box in (self.cycle_box, self.level_box, self.owner_box, self.function_box):
                box.blockSignals(False)
        if touched & LIST_TABLES or self._lists_differently(changes):
            self._refresh_soon.start()  # after the gesture's own updates; once per burst

    def _lists_differently(self, changes: ChangeSet) -> bool:
        if self.filters.orphans_only and ({"objectives", "contributions"} & {
                change.table for change in changes}):
            return True
        follows = self._view_follows_alignment()
        fields = LISTED_FIELDS + (ALIGNMENT_FIELDS if follows else ())
        for change in changes:
            if change.table != "objectives":
                continue
            if change.before is None or change.after is None:
                return True
            if any(change.before[f] != change.after[f] for f in fields):
                return True
        return False

    def _view_follows_alignment(self) -> bool:
        snapshot = self.document.snapshot
        cycle_id = self.filters.cycle_id
        return cycle_id in snapshot.cycles and cycle_view(snapshot, cycle_id).year_id is not None


def _fill(box: QComboBox, everything: str, choices: list[tuple[str, str]], current: str) -> None:
    box.clear()
    box.addItem(everything, ANY)
    for text, value in choices:
        box.addItem(text, value)
    box.setCurrentIndex(max(box.findData(current), 0))
