"""Reporting-tree questions: who is under a person or team, directly or through others.

Asked of a plain map of unit id -> manager id, so that a snapshot, a transaction's rows and a
draft's base all give the same answer. Loop-safe: a hand-edited file may hold a loop.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping


def reports_by_manager(managers: Iterable[tuple[str, str | None]]) -> dict[str, list[str]]:
    """Manager id -> the ids of their direct reports, from (unit id, manager id) pairs."""
    reports: dict[str, list[str]] = defaultdict(list)
    for unit_id, manager_id in managers:
        if manager_id is not None:
            reports[manager_id].append(unit_id)
    return reports


def reporting_subtree(managers: Mapping[str, str | None], unit_id: str) -> list[str]:
    """The unit and everyone under it in the reporting tree, nearest first."""
    reports = reports_by_manager(managers.items())
    found, seen, todo = [unit_id], {unit_id}, [unit_id]
    while todo:
        for report in reports.get(todo.pop(), ()):
            if report not in seen:
                seen.add(report)
                found.append(report)
                todo.append(report)
    return found


def managers_of(managers: Mapping[str, str | None], unit_id: str) -> list[str]:
    """The unit's manager, the manager's manager ... up to the top (never the unit itself)."""
    line: list[str] = []
    seen = {unit_id}
    manager = managers.get(unit_id)
    while manager is not None and manager not in seen and manager in managers:
        line.append(manager)
        seen.add(manager)
        manager = managers.get(manager)
    return line
