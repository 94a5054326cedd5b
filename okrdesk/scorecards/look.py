"""Colours and words shared by scorecard pages and slides, taken from the maps' style so a
status or a progress band looks the same on a map, a scorecard and a slide."""

from __future__ import annotations

from okrdesk.analytics import score_band
from okrdesk.maps.style import BANDS, INK, MUTED, STATUS
from okrdesk.scorecards.content import ObjectiveCard, status_words

__all__ = ["INK", "MUTED", "band_color", "percent", "score_text", "status_color",
           "status_line"]


def band_color(progress: float) -> str:
    return BANDS[score_band(progress)][0]


def status_color(status: str | None) -> str:
    return STATUS[status][1] if status in STATUS else MUTED


def percent(progress: float) -> str:
    return f"{progress:.0%}"


def score_text(score: float | None) -> str:
    return "" if score is None else f"{score:.1f}"


def status_line(card: ObjectiveCard) -> str:
    """The status, and where it comes from: "On track (set by the owner; expected from the
    dates: at risk)" or "At risk (expected from the dates)"."""
    shown = status_words(card.status)
    if not shown:
        return "No status"
    if not card.set_by_owner:
        return f"{shown} (expected from the dates)"
    expected = status_words(card.expected)
    if expected and card.expected != card.status:
        return f"{shown} (set by the owner; expected from the dates: {expected.lower()})"
    return f"{shown} (set by the owner)"
