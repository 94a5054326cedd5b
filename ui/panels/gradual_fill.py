"""A long tree filled a batch at a time: a large plan shows its window first and stays
responsive while its lists fill.

The first rows go in at once (a small plan is complete there and then); the rest wait until the
tree has been drawn once, then go in `BATCH` rows per turn of the event loop. A large plan can
hand over a function that works out the rows instead: it is called once the tree is drawn. Whatever
needs every row (a lookup, a test, a count) calls `finish()`, which adds what is left now.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

Row = TypeVar("Row")

FIRST = 400  # rows added at once: more than a panel shows
BATCH = 1500  # rows per turn afterwards: some 20-40 ms of work

Job = tuple[QTreeWidgetItem | None, Sequence[Row]]  # parent (None: the top level), its rows
Jobs = Sequence[Job[Row]] | Callable[[], Sequence[Job[Row]]]


class GradualFill(QObject, Generic[Row]):
    """Adds rows made by `make` to `tree` under the parents the jobs name."""

    def __init__(self, tree: QTreeWidget, make: Callable[[Row], QTreeWidgetItem], *,
                 first: int = FIRST, batch: int = BATCH) -> None:
        super().__init__(tree)
        self.tree = tree
        self.make = make
        self.first, self.batch = first, batch
        self.drawn = False  # the tree has been painted at least once
        self._jobs: deque[tuple[QTreeWidgetItem | None, Sequence[Row], int]] = deque()
        self._to_work_out: Callable[[], Sequence[Job[Row]]] | None = None
        self._next = QTimer(self, singleShot=True, interval=0)
        self._next.timeout.connect(self._step)
        tree.viewport().installEventFilter(self)

    @property
    def pending(self) -> bool:
        return bool(self._jobs) or self._to_work_out is not None

    def start(self, jobs: Jobs[Row]) -> None:
        """Forget what was still to come and fill these instead (the tree was just cleared).
        A function giving the jobs is called at once if the tree has been drawn, else when it
        is (or when `finish` is called)."""
        self._jobs.clear()
        self._to_work_out = None
        if callable(jobs):
            if not self.drawn:
                self._to_work_out = jobs
                return
            jobs = jobs()
        self._jobs.extend((parent, rows, 0) for parent, rows in jobs if rows)
        self._add(self.first)
        self._go_on()

    def finish(self) -> None:
        """Add every row still to come, now."""
        self._next.stop()
        self._work_out()
        while self._jobs:
            self._add(self.batch)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.drawn and event.type() == QEvent.Type.Paint:
            self.drawn = True
            watched.removeEventFilter(self)  # needed once only
            if self._to_work_out is not None:
                self._next.start()  # after this frame
            self._go_on()
        return False

    def _work_out(self) -> None:
        if self._to_work_out is not None:
            work_out, self._to_work_out = self._to_work_out, None
            jobs = work_out()
            self._jobs.extend((parent, rows, 0) for parent, rows in jobs if rows)

    def _go_on(self) -> None:
        if self._jobs and self.drawn:
            self._next.start()

    def _step(self) -> None:
        if self._to_work_out is not None:
            self._work_out()
            self._add(self.first)  # the rows in view, then the rest in batches
        else:
            self._add(self.batch)
        self._go_on()

    def _add(self, count: int) -> None:
        while count > 0 and self._jobs:
            parent, rows, done = self._jobs[0]
            chunk = rows[done:done + count]
            items = [self.make(row) for row in chunk]
            if parent is None:
                self.tree.addTopLevelItems(items)
            else:
                parent.addChildren(items)
            count -= len(chunk)
            if done + len(chunk) >= len(rows):
                self._jobs.popleft()
            else:
                self._jobs[0] = (parent, rows, done + len(chunk))
