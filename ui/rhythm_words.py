"""The words of a cycle's rhythm as the app shows them: cadences, statuses, confidence."""

from __future__ import annotations

from okrdesk.rulebook.rhythm import CADENCES

from .translation import QT_TR_NOOP, tr

CADENCE_NAMES = {"weekly": QT_TR_NOOP("weekly"), "fortnightly": QT_TR_NOOP("fortnightly"),
                 "monthly": QT_TR_NOOP("monthly")}
CADENCE_TIP = QT_TR_NOOP("How often key results are checked in: one without a check-in for "
                         "longer is marked stale")
STATUS_NAMES = {"on_track": QT_TR_NOOP("on track"), "at_risk": QT_TR_NOOP("at risk"),
                "off_track": QT_TR_NOOP("off track")}


def cadence_name(cadence: str) -> str:
    return tr(CADENCE_NAMES.get(cadence, cadence))


def cadence_choice(cadence: str) -> str:
    """A cadence as a list offers it: "weekly (7 days)"."""
    return tr("{cadence} ({days} days)").format(cadence=cadence_name(cadence),
                                              days=CADENCES.get(cadence, 0))


def status_name(status: str | None) -> str:
    return tr(STATUS_NAMES[status]) if status in STATUS_NAMES else ""


def confidence_text(confidence: float | None) -> str:
    """A stored confidence (a fraction) on the scale of 0 to 10: "7/10"; empty when not set."""
    return "" if confidence is None else f"{round(confidence * 10)}/10"
