"""The plan score of the shown cycle, kept current per change and shared by the views that show
it (the health panel's section and the Plan score window)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from okrdesk.analytics.plan_score import PlanScore
from okrdesk.analytics.plan_score_live import LivePlanScore
from okrdesk.storage import ChangeSet

from .document import PlanDocument


class PlanScoreSource(QObject):
    """A child of its document: `score()` is current with the plan and the shown cycle. The
    first score of a cycle is worked out in full (on a large plan, most of a second); after
    that a change costs in proportion to the owners it touches."""

    def __init__(self, document: PlanDocument) -> None:
        super().__init__(document)
        self.setObjectName("planScoreSource")
        self.document = document
        self.live = LivePlanScore(document.snapshot, document.analytics)
        document.changed.connect(self._follow)

    def score(self) -> PlanScore:
        return self.live.score(self.document.cycle_id or None)

    def known(self) -> bool:
        """Whether the score of the shown cycle is kept already (reading it costs little)."""
        return self.live.kept(self.document.cycle_id or None)

    def _follow(self, changes: ChangeSet) -> None:
        self.live.apply(changes)


def score_source(document: PlanDocument) -> PlanScoreSource:
    """The document's source, made on first use."""
    found = document.findChild(PlanScoreSource, "planScoreSource")
    return found if isinstance(found, PlanScoreSource) else PlanScoreSource(document)
