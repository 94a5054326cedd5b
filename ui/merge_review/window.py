"""The merge review window: every change a draft brings and every conflict, grouped by
objective, the plan's and the draft's values side by side (the base on demand); each conflict
settled by keeping the plan's value, taking the draft's or editing one's own. Merge stays
disabled, with the reason shown, until every conflict is settled; nothing is written before.

Window-modal: the plan cannot change under the review while it is open. The merge itself and a
second look after a choice that can bring new questions (a row one side deleted) are asked of
the caller (`apply`, `review_again`), which owns the plan."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QObject, QSize, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from okrdesk.drafts.merge import MergeReview
from okrdesk.snapshot import Snapshot

from ..dialogs.widgets import counted
from ..translation import tr
from ..workers import Job
from .entries import Entry, build_groups
from .model import BASE, CHOICE, DRAFT, PLAN, WHAT, Choice, MergeReviewModel
from .plan_authors import PlanAuthors
from .resolver import ConflictResolver
from .reviewed import Reviewed
from .values import Names

Apply = Callable[[dict[str, Choice]], str | None]  # the refusal, or None once merged
ReviewAgain = Callable[[dict[str, Choice]], Job]  # the job's result: a Reviewed
NEXT_KEY = "F8"


class MergeReviewWindow(QDialog):
    def __init__(self, parent: QWidget, review: MergeReview, plan: Snapshot,
                 draft: Snapshot | None, apply: Apply,
                 review_again: ReviewAgain | None = None,
                 authors: PlanAuthors | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeReview")
        self.setWindowTitle(tr("Merge a draft — review"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.review = review
        self.apply = apply
        self.review_again = review_again
        self.job: Job | None = None
        self.refusal = ""
        self.names = Names(plan, draft)
        self.model = MergeReviewModel(self.names, self)
        self.heading = QLabel(self)
        self.heading.setObjectName("mergeHeading")
        self.heading.setWordWrap(True)
        self.conflicts_only = QCheckBox(tr("Show &conflicts only"), self)
        self.conflicts_only.setObjectName("conflictsOnly")
        self.show_base = QCheckBox(tr("Show the &base"), self)
        self.show_base.setObjectName("showBase")
        self.show_base.setToolTip(tr("The values as they were when the draft was taken out"))
        self.tree = QTreeView(self)
        self.tree.setObjectName("mergeChanges")
        self.tree.setAccessibleName(tr("Changes and conflicts"))
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)  # 500 lines: the view measures one
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.viewport().installEventFilter(self)
        self.resolver = ConflictResolver(self.names, plan, self)
        self.next_button = QPushButton(tr("&Next conflict"), self)
        self.next_button.setObjectName("nextConflict")
        self.next_button.setShortcut(QKeySequence(NEXT_KEY))
        self.next_button.setToolTip(tr("Go to the next conflict still to resolve ({key})")
                                    .format(key=NEXT_KEY))
        self.status = QLabel(self)
        self.status.setObjectName("mergeStatus")
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.merge_button = buttons.addButton(tr("&Merge"),
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setObjectName("mergeButton")
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._lay_out(buttons)
        self.conflicts_only.toggled.connect(self._filter)
        self.show_base.toggled.connect(self._base_shown)
        self.tree.selectionModel().selectionChanged.connect(self._selected)
        self.resolver.chosen.connect(self._chosen)
        self.next_button.clicked.connect(self.next_conflict)
        self.merge_button.clicked.connect(self.merge)
        buttons.rejected.connect(self.reject)
        self.fill(review, authors)
        self.resize(self._size())

    def _lay_out(self, buttons: QDialogButtonBox) -> None:
        options = QHBoxLayout()
        options.addWidget(self.conflicts_only)
        options.addWidget(self.show_base)
        options.addStretch(1)
        options.addWidget(self.next_button)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setChildrenCollapsible(False)
        split.addWidget(self.tree)
        split.addWidget(self.resolver)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(options)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)
        header = self.tree.header()
        header.setStretchLastSection(True)
        for column in (WHAT, PLAN, DRAFT, BASE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self.tree.setColumnHidden(BASE, True)

    def _size(self) -> QSize:
        parent = self.parentWidget()
        room = parent.size() if parent is not None else QSize(1280, 800)
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            room = room.boundedTo(screen.availableGeometry().size() - QSize(16, 48))
        return QSize(1240, 820).boundedTo(room - QSize(40, 40))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree.viewport() and event.type() == QEvent.Type.Resize:
            self._share_columns()  # the viewport's width is known only once laid out
        return super().eventFilter(watched, event)

    def _share_columns(self) -> None:
        """The change's name a good third of the width, the values the rest, evenly."""
        width = self.tree.viewport().width()
        values = [c for c in (PLAN, DRAFT, BASE) if not self.tree.isColumnHidden(c)]
        what = max(width * 3 // 8, 260)
        choice = max(width // 9, 130)
        self.tree.setColumnWidth(WHAT, what)
        self.tree.setColumnWidth(CHOICE, choice)
        for column in values:
            self.tree.setColumnWidth(column, max((width - what - choice) // len(values), 100))

    # -- filling ------------------------------------------------------------------------------

    def fill(self, review: MergeReview, authors: PlanAuthors | None = None) -> None:
        """Show a review (again, after a choice) and who changed the plan's side (`authors`):
        the choices made and the line chosen stay."""
        kept = self._current_key()
        self.review = review
        known = {c.key for c in review.conflicts}
        self.model.keep_choices({k: v for k, v in self.model.choices.items() if k in known})
        self.model.set_groups(build_groups(review, self.names, authors))
        self._open_groups()
        objectives = sum(1 for g in self.model.groups if g.objective_id is not None)
        self.heading.setText(tr(
            "<b>{draft}</b> brings {part}'s part back: {changes} in {objectives}, and "
            "{conflicts}, where the plan changed the same thing. Nothing is merged until you "
            "choose Merge.").format(
            draft=review.draft_path.name, part=review.part_name or tr("a"),
            changes=counted(self.model.changes(), tr("change"), tr("changes")),
            objectives=counted(objectives, tr("objective"), tr("objectives")),
            conflicts=counted(len(self.model.conflicts()), tr("conflict"), tr("conflicts"))))
        self._select_key(kept) or self._select_key(self._first_open()) or self._select_first()
        self._update_state()

    def _open_groups(self) -> None:
        """Every group open, its heading across the whole line."""
        self.tree.expandAll()
        for row in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)

    def _filter(self, on: bool) -> None:
        kept = self._current_key()
        self.model.set_conflicts_only(on)
        self._open_groups()
        self._select_key(kept) or self._select_first()

    def _base_shown(self, on: bool) -> None:
        self.tree.setColumnHidden(BASE, not on)
        self.resolver.show_base(on)
        self._share_columns()

    # -- choosing -----------------------------------------------------------------------------

    def _current_key(self) -> str | None:
        entry = self.model.entry(self.tree.currentIndex())
        return entry.key if entry is not None else None

    def _select_key(self, key: str | None) -> bool:
        index = self.model.index_of(key) if key else QModelIndex()
        if not index.isValid():
            return False
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        return True

    def _select_first(self) -> bool:
        first = self.model.index(0, 0)
        if first.isValid():
            self.tree.setCurrentIndex(first)
        return first.isValid()

    def _first_open(self) -> str | None:
        shown = [e for _, entries in self.model.shown for e in entries]
        return next((e.key for e in shown if e.conflict is not None
                     and e.key not in self.model.choices), None)

    def _selected(self, _now: QItemSelection, _before: QItemSelection) -> None:
        entry = self.model.entry(self.tree.currentIndex())
        self.resolver.show_entry(entry, self.model.choices.get(entry.key) if entry else None)

    def _chosen(self, key: str, choice: Choice | None) -> None:
        self.model.set_choice(key, choice)
        self.refusal = ""
        self._update_state()
        entry = next((e for e in self.model.conflicts() if e.key == key), None)
        if entry is not None and entry.conflict is not None and entry.conflict.kind != "field":
            self._look_again()  # keeping or taking a whole row can bring new questions

    def next_conflict(self) -> Entry | None:
        """Select the next conflict still to resolve, after the line chosen (wrapping)."""
        shown = [e for _, entries in self.model.shown for e in entries]
        at = next((i for i, e in enumerate(shown) if e.key == self._current_key()), -1)
        for entry in shown[at + 1:] + shown[:at + 1]:
            if entry.conflict is not None and entry.key not in self.model.choices:
                self._select_key(entry.key)
                self.tree.setFocus()
                return entry
        return None

    def _look_again(self) -> None:
        if self.review_again is None:
            return
        if self.job is not None:
            self.job.cancel()
        job = self.job = self.review_again(dict(self.model.choices))
        job.succeeded.connect(self._looked_again)
        job.failed.connect(self._look_failed)
        self._update_state()

    def _looked_again(self, reviewed: object) -> None:
        assert isinstance(reviewed, Reviewed)
        self.job = None
        self.fill(reviewed.review, reviewed.authors)

    def _look_failed(self, message: str) -> None:
        self.job = None
        self.refusal = message
        self._update_state()

    # -- merging ------------------------------------------------------------------------------

    def _update_state(self) -> None:
        waiting = len(self.model.open_conflicts())
        busy = self.job is not None
        standing = list(self.review.refusals)  # a side chosen that the plan cannot take
        self.merge_button.setEnabled(not waiting and not busy and not standing)
        self.next_button.setEnabled(waiting > 0)
        if busy:
            text = tr("Looking at what that choice brings with it…")
        elif waiting:
            text = (tr("1 conflict to resolve: choose a side or edit the value before "
                       "merging.") if waiting == 1 else
                    tr("{n} conflicts to resolve: choose a side or edit the value of each "
                       "before merging.").format(n=waiting))
        elif standing:
            text = ""
        elif self.refusal:
            text = self.refusal
        else:
            text = tr("Ready: Merge writes every change as one step (Edit > Undo takes it "
                      "back).")
        if standing and not busy:
            text = " ".join([*standing, text]).strip()
        self.status.setText(text)
        self.merge_button.setToolTip(text)

    def merge(self) -> bool:
        """Merge with the choices made; the window closes once it is done, or says why not."""
        if self.model.open_conflicts() or self.job is not None:
            return False
        refusal = self.apply(dict(self.model.choices))
        if refusal is None:
            self.accept()
            return True
        self.refusal = refusal
        self._update_state()
        self._look_again()  # the plan may ask about more than it did
        return False

    def done(self, result: int) -> None:
        if self.job is not None:
            self.job.cancel()
            self.job = None
        super().done(result)
