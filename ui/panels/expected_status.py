"""The status progress earns by date, shown beside the status set by hand:
"Expected: at risk (42 % of the cycle gone, 20 % done)"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from okrdesk import clock
from okrdesk.analytics.progress import objective_progress
from okrdesk.rulebook.rhythm import elapsed_share, status_for
from okrdesk.snapshot import Snapshot

from ..rhythm_words import status_name
from ..translation import tr


def expected_text(snapshot: Snapshot, cycle_id: str, progress: float) -> str:
    """The expected status of `progress` in that cycle today; empty for a cycle without
    dates."""
    cycle = snapshot.cycles.get(cycle_id)
    elapsed = elapsed_share(cycle, clock.today()) if cycle is not None else None
    if elapsed is None:
        return ""
    return tr("Expected: {status} ({gone} % of the cycle gone, {done} % done)").format(
        status=status_name(status_for(progress, elapsed).value), gone=round(elapsed * 100),
        done=round(progress * 100))


class ExpectedStatus(QLabel):
    """A quiet line under the status chosen by hand; hidden for a cycle without dates."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("expectedStatus")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName(tr("Expected status by date"))
        self.setToolTip(tr("Progress against the share of the cycle gone: on track within 10 "
                           "points of it, at risk within 30, else off track. The status set by "
                           "hand is the one the plan shows."))

    def show_for(self, snapshot: Snapshot, cycle_id: str, progress: float) -> None:
        self.setText(expected_text(snapshot, cycle_id, progress))
        self.setVisible(bool(self.text()))

    def show_objective(self, snapshot: Snapshot, objective_id: str) -> None:
        self.show_for(snapshot, snapshot.objectives[objective_id].cycle_id,
                      objective_progress(snapshot, objective_id))
