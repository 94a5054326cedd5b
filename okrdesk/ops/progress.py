"""Check-ins on key results, and where cards sit on the canvas."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from okrdesk import clock
from okrdesk.errors import OperationRefused
from okrdesk.model import KrKind
from okrdesk.ops.check_in_dates import check_in_time, confidence_text, refuse_before_cycle
from okrdesk.ops.checks import field, quoted
from okrdesk.rulebook.rhythm import is_low_confidence
from okrdesk.storage import ChangeSet, Plan


def record_check_in(
    plan: Plan, kr_id: str, *, value: float | None = None, confidence: float | None = None,
    note: str = "", at: str | None = None, today: date | None = None,
) -> ChangeSet:
    """Record a check-in and make its value and confidence the key result's current ones.

    `at`: an ISO time or a date alone (YYYY-MM-DD); None for now. A check-in is never dated
    after `today` (default: clock.today()) and is back-dated no earlier than its cycle's first
    day. Confidence is a fraction (0.7 for 7/10); a low one (3/10 or less) needs a note.
    """
    checked_value = field("check_ins", "value", value, "value")
    checked_confidence = field("check_ins", "confidence", confidence, "confidence")
    note = field("check_ins", "note", note, "note")
    if checked_value is None and checked_confidence is None and not note.strip():
        raise OperationRefused("A check-in needs a value, a confidence or a note.")
    if is_low_confidence(checked_confidence) and not note.strip():
        raise OperationRefused(
            f"A low confidence ({confidence_text(checked_confidence)}, 3/10 or less) needs a "
            "note saying why.")
    day_now = today or clock.today()
    when, day = check_in_time(at, day_now)
    with plan.change("Check in") as tx:
        kr = tx.require("key_results", kr_id, "key result")
        refuse_before_cycle(tx, kr, day, day_now)
        if checked_value is not None:
            if kr["kind"] == KrKind.OBJECTIVE:
                raise OperationRefused(
                    f"{quoted(kr['title'])} stands for an objective; its value comes from that "
                    "objective's key results, so check in there."
                )
            if kr["kind"] == KrKind.MILESTONE and checked_value not in (0.0, 1.0):
                raise OperationRefused("A milestone is done (1) or not (0).")
        tx.insert("check_ins", key_result_id=kr_id, value=checked_value,
                  confidence=checked_confidence, note=note, at=when)
        current: dict[str, Any] = {}
        if checked_value is not None:
            current["current_value"] = checked_value
        if checked_confidence is not None:
            current["confidence"] = checked_confidence
        if current:
            tx.update("key_results", kr_id, **current)
    return tx.changeset()


def place_cards(plan: Plan, spots: Mapping[str, tuple[float, float]],
                label: str = "Arrange") -> ChangeSet:
    """Remember where many cards sit, in one transaction (reads in bulk, not per card)."""
    checked = {objective_id: _spot(x, y) for objective_id, (x, y) in spots.items()}
    ids = list(checked)
    with plan.change(label) as tx:
        missing = set(ids) - set(tx.rows_with_ids("objectives", ids))
        if missing:
            raise OperationRefused(f"There is no objective with id {sorted(missing)[0]}.")
        stored = tx.rows_with_ids("canvas_positions", ids)
        for objective_id, (left, top) in checked.items():
            known = stored.get(objective_id)
            if known is None:
                tx.insert("canvas_positions", id=objective_id, x=left, y=top)
            else:
                tx.update("canvas_positions", objective_id, known=known, x=left, y=top)
    return tx.changeset()


def place_card(plan: Plan, objective_id: str, x: float, y: float) -> ChangeSet:
    """Remember where an objective's card sits on the canvas."""
    left, top = _spot(x, y)
    with plan.change("Move card") as tx:
        tx.require("objectives", objective_id, "objective")
        if tx.get("canvas_positions", objective_id) is None:
            tx.insert("canvas_positions", id=objective_id, x=left, y=top)
        else:
            tx.update("canvas_positions", objective_id, x=left, y=top)
    return tx.changeset()


def _spot(x: object, y: object) -> tuple[float, float]:
    if x is None or y is None:
        raise OperationRefused("A card needs both an x and a y position.")
    return (field("canvas_positions", "x", x, "x position"),
            field("canvas_positions", "y", y, "y position"))
