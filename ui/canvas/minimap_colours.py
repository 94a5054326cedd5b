"""The colour of every card in the mini-map, worked out from the plan rather than from the cards'
faces (which a large plan makes only for the cards someone looks at), a batch at a time between
events, and kept until the plan changes."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtCore import QObject, QTimer

from okrdesk.analytics.progress import ProgressCalculator, score_band

from ..document import PlanDocument

BATCH = 2500  # objectives per turn of the event loop: some 30-60 ms

ORPHAN = "orphan"  # besides the score bands "green", "yellow", "red"


class MiniMapColours(QObject):
    """`band_of` holds each objective's score band, or ORPHAN; `fill` completes it for a set
    of objectives and calls back once it has."""

    def __init__(self, document: PlanDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.band_of: dict[str, str] = {}
        self._progress: ProgressCalculator | None = None
        self._to_do: Iterator[str] = iter(())
        self._then: Callable[[], None] | None = None
        self._next = QTimer(self, singleShot=True, interval=0)
        self._next.timeout.connect(self._step)
        document.changed.connect(self.forget)

    def forget(self, *_changes: object) -> None:
        """The plan changed: progress rolls up, so any card may have changed colour."""
        self.band_of = {}
        self._progress = None

    def fill(self, objective_ids: list[str], then: Callable[[], None]) -> None:
        """Work out the colours still missing for these objectives (at once if they are few),
        then call `then`."""
        missing = [o for o in objective_ids if o not in self.band_of]
        self._to_do = iter(missing)
        self._then = then
        if len(missing) <= BATCH:
            self._next.stop()
            self._step()
        else:
            self._next.start()

    def _step(self) -> None:
        snapshot = self.document.snapshot
        if self._progress is None or self._progress.snapshot is not snapshot:
            self._progress = ProgressCalculator(snapshot)
        progress, analytics, bands = self._progress, self.document.analytics, self.band_of
        for done, objective_id in enumerate(self._to_do, 1):
            if objective_id in snapshot.objectives:
                bands[objective_id] = (ORPHAN if analytics.is_orphan(objective_id)
                                       else score_band(progress.objective(objective_id)))
            if done >= BATCH:
                self._next.start()
                return
        then, self._then = self._then, None
        if then is not None:
            then()
