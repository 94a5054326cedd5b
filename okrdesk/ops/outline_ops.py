"""Objectives and key results written from an outline: many at once (a paste) or one line typed
in place; each key result's kind, start, target and unit are read from its words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from okrdesk.authoring import OutlineObjective, read_key_result
from okrdesk.errors import OperationRefused
from okrdesk.limits import HIGHEST_POSITION, TITLE
from okrdesk.ops import checks
from okrdesk.ops.checks import quoted
from okrdesk.ops.key_results import checked_values
from okrdesk.ops.positions import next_position
from okrdesk.storage import ChangeSet, Plan

if TYPE_CHECKING:
    from okrdesk.storage.transaction import Transaction

MAX_OUTLINE_OBJECTIVES = 5_000
"""Most objectives one outline may create: far more than any plan pasted by hand."""


def create_outline(
    plan: Plan, owner_id: str, cycle_id: str, objectives: Sequence[OutlineObjective], *,
    position: int | None = None, label: str = "Paste outline",
) -> ChangeSet:
    """The outline's objectives for `owner_id` in `cycle_id`, each with its key results read
    from their words, in one transaction. `position` puts the first new objective there among
    the owner's objectives in that cycle (None: after the last)."""
    if not objectives:
        raise OperationRefused("The outline holds no objectives.")
    if len(objectives) > MAX_OUTLINE_OBJECTIVES:
        raise OperationRefused(f"The outline holds {len(objectives):,} objectives; at most "
                               f"{MAX_OUTLINE_OBJECTIVES:,} can be created at once.")
    readings = [_checked(number, item) for number, item in enumerate(objectives, start=1)]
    if position is not None:
        position = checks.position(position)
    with plan.change(label) as tx:
        tx.require("units", owner_id, "person or team")
        tx.require("cycles", cycle_id, "cycle")
        first = next_position(tx, "objectives", owner_id=owner_id, cycle_id=cycle_id)
        new_ids = []
        for offset, (title, key_results) in enumerate(readings):
            row = tx.insert("objectives", owner_id=owner_id, cycle_id=cycle_id, title=title,
                            description="", origin="own", commitment="committed",
                            visibility="published", status=None,
                            position=min(first + offset, HIGHEST_POSITION))
            new_ids.append(row["id"])
            for kr_position, fields in enumerate(key_results):
                tx.insert("key_results", objective_id=row["id"], position=kr_position, **fields)
        if position is not None:
            _place(tx, "objectives", new_ids, position, owner_id=owner_id, cycle_id=cycle_id)
    return tx.changeset()


def insert_key_result(plan: Plan, objective_id: str, text: str, *,
                      position: int | None = None) -> ChangeSet:
    """A key result read from `text`, put at `position` among the objective's key results
    (None: last)."""
    fields = _key_result(text, "The key result")
    if position is not None:
        position = checks.position(position)
    with plan.change(f"New key result {quoted(fields['title'])}") as tx:
        tx.require("objectives", objective_id, "objective")
        last = next_position(tx, "key_results", objective_id=objective_id)
        row = tx.insert("key_results", objective_id=objective_id, position=last, **fields)
        if position is not None:
            _place(tx, "key_results", [row["id"]], position, objective_id=objective_id)
    return tx.changeset()


def _place(tx: Transaction, table: str, new_ids: list[str], position: int,
           **siblings: str) -> None:
    """Put the new rows, in their order, at `position` among their siblings and number them
    all 0, 1, 2, ..."""
    rows = tx.rows(table, **siblings)
    new = set(new_ids)
    others = [row for row in rows if row["id"] not in new]
    placed = [row for row in rows if row["id"] in new]
    order = others[:position] + placed + others[position:]
    for index, row in enumerate(order):
        if row["position"] != index:
            tx.update(table, row["id"], known=row, position=index)


def _checked(number: int, item: object) -> tuple[str, list[dict[str, Any]]]:
    if not isinstance(item, OutlineObjective):
        raise OperationRefused(f"Objective {number} is not an objective of an outline.")
    where = f"Line {item.line}" if item.line else f"Objective {number}"
    title = _title(item.title, f"{where}: the objective's title")
    fields = [_key_result(text, f"{where}, key result {index} (under {quoted(_short(title))})")
              for index, text in enumerate(item.key_results, start=1)]
    return title, fields


def _key_result(text: object, where: str) -> dict[str, Any]:
    """The columns of a key result read from `text`, checked as add_key_result checks them."""
    _title(text, f"{where}: its title")
    assert isinstance(text, str)
    reading = read_key_result(text)
    title = _title(reading.title, f"{where}: its title")  # quotes and a final full stop go
    try:
        return checked_values({**reading.key_result_fields(), "title": title, "origin": "own",
                               "current_value": None, "weight": 1.0, "confidence": None})
    except OperationRefused as refusal:
        raise OperationRefused(f"{where}: {refusal}") from None


def _title(text: object, what: str) -> str:
    problem = TITLE.problem(text)
    if problem:
        raise OperationRefused(f"{what} {problem}.")
    assert isinstance(text, str)
    return text.strip()


def _short(title: str) -> str:
    return title if len(title) <= 40 else title[:37] + "…"
