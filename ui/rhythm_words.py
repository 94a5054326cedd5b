"""The words of a cycle's rhythm as the app shows them: cadences, statuses, confidence."""

from __future__ import annotations

from .translation import QT_TR_NOOP, tr

CADENCE_NAMES = {"weekly": QT_TR_NOOP("weekly"), "fortnightly": QT_TR_NOOP("fortnightly"),
                 "monthly": QT_TR_NOOP("monthly")}
STATUS_NAMES = {"on_track": QT_TR_NOOP("on track"), "at_risk": QT_TR_NOOP("at risk"),
                "off_track": QT_TR_NOOP("off track")}


def cadence_name(cadence: str) -> str:
    return tr(CADENCE_NAMES.get(cadence, cadence))


def status_name(status: str | None) -> str:
    return tr(STATUS_NAMES[status]) if status in STATUS_NAMES else ""


def confidence_text(confidence: float | None) -> str:
    """A stored confidence (a fraction) on the scale of 0 to 10: "7/10"; empty when not set."""
    return "" if confidence is None else f"{round(confidence * 10)}/10"
