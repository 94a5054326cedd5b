"""Removing a person or team, handing what they own to another one first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from okrdesk.errors import OperationRefused
from okrdesk.ops.checks import quoted
from okrdesk.ops.facts import TransactionFacts
from okrdesk.ops.org import check_reporting_line
from okrdesk.ops.positions import next_position
from okrdesk.ops.rules import alignment_refusal, parent_of
from okrdesk.storage import ChangeSet, Plan

if TYPE_CHECKING:
    from okrdesk.storage.transaction import Transaction

ReportsTo = Literal["manager", "hand_to"]
SHOWN = 5  # names or titles listed in a refusal before "and N more"


def remove_unit(
    plan: Plan, unit_id: str, *, hand_to: str | None = None, reports_to: ReportsTo = "manager"
) -> ChangeSet:
    """Remove a person or team.

    Refused while they own objectives or people report to them, unless `hand_to` names
    another person or team: their objectives then go to `hand_to` (refused, with every broken
    alignment, if the level rules no longer hold) and the people reporting to them go to their
    own manager (`reports_to="manager"`; to `hand_to` when they have none) or to `hand_to`.
    """
    if reports_to not in ("manager", "hand_to"):
        raise OperationRefused(f"reports_to must be 'manager' or 'hand_to', not {reports_to!r}.")
    with plan.change("Remove person or team") as tx:
        unit = tx.require("units", unit_id, "person or team")
        objectives = tx.rows("objectives", owner_id=unit_id)
        reports = tx.rows("units", manager_id=unit_id)
        if hand_to is None:
            if objectives or reports:
                raise OperationRefused(_still_owns(unit, objectives, reports))
        else:
            if hand_to == unit_id:
                raise OperationRefused(f"{unit['name']} cannot hand over to themselves.")
            successor = tx.require("units", hand_to, "person or team to hand over to")
            _hand_over_objectives(tx, unit, successor, objectives)
            manager_id = unit["manager_id"] if reports_to == "manager" else None
            _move_reports(tx, unit, reports, manager_id or hand_to)
        tx.delete("units", unit_id)
    return tx.changeset()


def _still_owns(unit: dict[str, Any], objectives: Sequence[dict[str, Any]],
                reports: Sequence[dict[str, Any]]) -> str:
    parts = []
    if objectives:
        titles = [quoted(row["title"]) for row in objectives]
        parts.append(f"owns {_count(len(objectives), 'objective')} ({_listed(titles)})")
    if reports:
        names = sorted(row["name"] for row in reports)
        verb = "reports" if len(reports) == 1 else "report"
        parts.append(f"{_count(len(reports), 'person', 'people')} {verb} to them "
                     f"({_listed(names)})")
    return (f"{unit['name']} cannot be removed: {unit['name']} {' and '.join(parts)}. "
            "Hand them over to another person or team.")


def _hand_over_objectives(tx: Transaction, unit: dict[str, Any], successor: dict[str, Any],
                          objectives: Sequence[dict[str, Any]]) -> None:
    positions: dict[str, int] = {}
    for objective in objectives:
        cycle = objective["cycle_id"]
        if cycle not in positions:
            positions[cycle] = next_position(tx, "objectives", owner_id=successor["id"],
                                             cycle_id=cycle)
        tx.update("objectives", objective["id"], known=objective, owner_id=successor["id"],
                  position=positions[cycle])
        positions[cycle] += 1
    facts = TransactionFacts(tx)  # made after the writes, so it reads the new owners
    reasons: list[str] = []
    for objective in objectives:
        row = facts.objective(objective["id"])
        assert row is not None
        above = parent_of(facts, row)
        links = [(row.id, above)] if above is not None else []
        links += [(child["id"], row.id)
                  for kr in tx.rows("key_results", objective_id=row.id)
                  for child in tx.rows("objectives", parent_kr_id=kr["id"])]
        for child_id, parent_id in links:
            reason = alignment_refusal(facts, child_id, parent_id)
            if reason is not None and reason not in reasons:
                reasons.append(reason)
    if reasons:
        raise OperationRefused(
            f"{unit['name']}'s objectives cannot go to {successor['name']}, as "
            f"{_count(len(reasons), 'alignment')} would break: {_listed(reasons, '; ')}"
        )


def _move_reports(tx: Transaction, unit: dict[str, Any], reports: Sequence[dict[str, Any]],
                  new_manager_id: str) -> None:
    for report in reports:
        # The successor, if it reported to the one removed, takes that one's place.
        manager_id = unit["manager_id"] if report["id"] == new_manager_id else new_manager_id
        tx.update("units", report["id"], known=report, manager_id=manager_id)
        try:
            check_reporting_line(tx, report["id"], manager_id)
        except OperationRefused:
            manager = tx.require("units", new_manager_id, "person or team")
            raise OperationRefused(
                f"{report['name']} cannot report to {manager['name']} instead of "
                f"{unit['name']}: {manager['name']} reports to {report['name']}, directly or "
                "through others. Let the people reporting to "
                f"{unit['name']} go to {unit['name']}'s manager instead."
            ) from None


def _count(number: int, noun: str, plural: str | None = None) -> str:
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def _listed(items: Sequence[str], separator: str = ", ") -> str:
    shown = separator.join(items[:SHOWN])
    return shown + (f" and {len(items) - SHOWN} more" if len(items) > SHOWN else "")
