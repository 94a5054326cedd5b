"""The plan score's section of the health panel: one line with the plan's score and the rules
that took most off; the tooltip says every reason, "Details…" opens the Plan score window."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from okrdesk.analytics.plan_score import PlanScore

from ..document import PlanDocument
from ..plan_score_source import score_source
from ..translation import tr

SHOWN_RULES = 2  # the rules that took most off; the tooltip and the Plan score window say all
SCORED_AT_ONCE = 3000  # objectives: a larger plan's first count waits for the changes to pause
QUIET_MS = 800
DETAILS = "details"  # the link that opens the Plan score window


def plan_score_text(score: PlanScore) -> str:
    """The score and the rules that took most off (by name), with a link to the details."""
    if score.score is None:
        return tr("<b>Plan score</b>: none yet (no objectives in this cycle)")
    text = tr("<b>Plan score {score}/100</b>").format(score=score.score)
    points = score.points
    if points:
        text += " · " + ", ".join(tr("−{lost} {name}").format(
            lost=f"{rule.lost:.1f}", name=escape(rule.name)) for rule in points[:SHOWN_RULES])
        if len(points) > SHOWN_RULES:
            text += tr(", {n} more").format(n=len(points) - SHOWN_RULES)
    return text + f' · <a href="{DETAILS}">' + tr("Details…") + "</a>"


def plan_score_tip(score: PlanScore) -> str:
    lines = [tr("How well the plan is written, from the quality findings and the coaches' "
                "rules. Details… (View > Plan score) lists each owner's points.")]
    if score.owners:
        lowest = score.owners[0]
        lines.append(tr("Lowest owner: {name} {score}/100").format(name=lowest.name,
                                                                  score=lowest.score))
    lines += [tr("−{lost} {name}: {reason}").format(lost=f"{rule.lost:.1f}", name=rule.name,
                                                    reason=rule.reason) for rule in score.points]
    return "\n".join(lines)


class PlanScoreSection(QLabel):
    """Refreshed with the findings (after the panel is drawn). The score is kept current per
    change, so an edit costs little; the first count of a large plan's cycle takes most of a
    second, so it waits for a pause in the changes."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planScoreSection")
        self.setWordWrap(True)
        self.setAccessibleName(self.tr("Plan score"))
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                     | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.document = document
        self.score: PlanScore | None = None
        self._pause = QTimer(self, singleShot=True, interval=QUIET_MS)
        self._pause.timeout.connect(self._score_now)

    def refresh(self) -> None:
        source = score_source(self.document)
        if source.known() or len(self.document.snapshot.objectives) <= SCORED_AT_ONCE:
            self._pause.stop()
            self._score_now()
            return
        if self.score is None or self.score.cycle_id != (self.document.cycle_id or None):
            self.setText(self.tr("<b>Plan score</b>: counting…"))
        self._pause.start()  # again: a burst of changes is scored once

    def _score_now(self) -> None:
        self.score = score_source(self.document).score()
        self.setText(plan_score_text(self.score))
        self.setToolTip(plan_score_tip(self.score))
