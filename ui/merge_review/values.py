"""Saying a merge's rows and values in a planner's words: field names, people and key results
by name instead of by id, numbers without noise, a whole row in one line."""

from __future__ import annotations

from typing import Any

from okrdesk.snapshot import Snapshot

from ..translation import QT_TR_NOOP, tr

FIELD_NAMES = {
    "title": QT_TR_NOOP("title"), "description": QT_TR_NOOP("description"),
    "owner_id": QT_TR_NOOP("owner"), "cycle_id": QT_TR_NOOP("cycle"),
    "parent_kr_id": QT_TR_NOOP("aligned under"), "origin": QT_TR_NOOP("origin"),
    "commitment": QT_TR_NOOP("commitment"), "visibility": QT_TR_NOOP("visibility"),
    "status": QT_TR_NOOP("status"), "position": QT_TR_NOOP("place in the list"),
    "copied_from_id": QT_TR_NOOP("copied from"), "objective_id": QT_TR_NOOP("objective"),
    "kind": QT_TR_NOOP("kind"), "unit": QT_TR_NOOP("unit"),
    "start_value": QT_TR_NOOP("start"), "target_value": QT_TR_NOOP("target"),
    "current_value": QT_TR_NOOP("current value"), "weight": QT_TR_NOOP("weight"),
    "confidence": QT_TR_NOOP("confidence"), "note": QT_TR_NOOP("note"),
    "value": QT_TR_NOOP("value"), "at": QT_TR_NOOP("date"), "x": QT_TR_NOOP("place (x)"),
    "y": QT_TR_NOOP("place (y)"), "achieved": QT_TR_NOOP("what was achieved"),
    "learned": QT_TR_NOOP("what was learned"), "decided": QT_TR_NOOP("what was decided"),
    "name": QT_TR_NOOP("name"), "role": QT_TR_NOOP("role"), "email": QT_TR_NOOP("email"),
    "level_id": QT_TR_NOOP("level"), "function_id": QT_TR_NOOP("function"),
    "manager_id": QT_TR_NOOP("reports to"), "source_id": QT_TR_NOOP("from"),
    "target_id": QT_TR_NOOP("contributes to"), "key_result_id": QT_TR_NOOP("key result"),
}
ROW_NOUNS = {
    "objectives": QT_TR_NOOP("Objective"), "key_results": QT_TR_NOOP("Key result"),
    "units": QT_TR_NOOP("Person or team"), "contributions": QT_TR_NOOP("Contributes-to link"),
    "check_ins": QT_TR_NOOP("Check-in"), "canvas_positions": QT_TR_NOOP("Card's place"),
    "objective_scores": QT_TR_NOOP("Final score"), "key_result_scores": QT_TR_NOOP("Final score"),
}
UNIT_FIELDS = frozenset({"owner_id", "manager_id"})
OBJECTIVE_FIELDS = frozenset({"objective_id", "source_id", "target_id", "copied_from_id"})
NONE = "—"


def field_name(field: str) -> str:
    return tr(FIELD_NAMES[field]) if field in FIELD_NAMES else field.replace("_", " ")


def row_noun(table: str) -> str:
    return tr(ROW_NOUNS[table]) if table in ROW_NOUNS else table.replace("_", " ")


def plain_number(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e15 else str(value)


class Names:
    """Names of the rows a review mentions, from the plan and, for rows it added, the draft."""

    def __init__(self, plan: Snapshot, draft: Snapshot | None = None) -> None:
        self.snapshots = (plan, draft) if draft is not None else (plan,)

    def _row(self, store: str, row_id: str) -> Any:
        for snapshot in self.snapshots:
            found = getattr(snapshot, store).get(row_id)
            if found is not None:
                return found
        return None

    def unit(self, unit_id: str | None) -> str:
        found = self._row("units", unit_id) if unit_id else None
        return found.name if found is not None else (unit_id or "")

    def objective(self, objective_id: str | None) -> str:
        found = self._row("objectives", objective_id) if objective_id else None
        return found.title if found is not None else (objective_id or "")

    def owner_of(self, objective_id: str | None) -> str:
        found = self._row("objectives", objective_id) if objective_id else None
        return self.unit(found.owner_id) if found is not None else ""

    def key_result(self, kr_id: str | None) -> str:
        found = self._row("key_results", kr_id) if kr_id else None
        if found is None:
            return kr_id or ""
        return tr("“{kr}” of “{objective}”").format(
            kr=found.title, objective=self.objective(found.objective_id))

    def title(self, table: str, row_id: str, fallback: str = "") -> str:
        """The row's own name: an objective's or key result's title, a person's name."""
        store = {"objectives": "objectives", "key_results": "key_results",
                 "units": "units"}.get(table)
        found = self._row(store, row_id) if store else None
        if found is not None:
            return str(getattr(found, "title", None) or getattr(found, "name", ""))
        return fallback

    def value(self, field: str | None, value: Any) -> str:
        """One field's value, as a planner reads it."""
        if value is None or value == "":
            return NONE
        if field in UNIT_FIELDS:
            return self.unit(str(value))
        if field in OBJECTIVE_FIELDS:
            return self.objective(str(value))
        if field == "parent_kr_id":
            return self.key_result(str(value))
        if field == "key_result_id":
            return self.key_result(str(value))
        if field == "cycle_id":
            cycle = self._row("cycles", str(value))
            return cycle.name if cycle is not None else str(value)
        if field in ("level_id", "function_id"):
            found = self._row("levels" if field == "level_id" else "functions", str(value))
            return found.name if found is not None else str(value)
        if field == "confidence" and isinstance(value, int | float):
            return f"{value:.0%}"
        if isinstance(value, bool):
            return tr("yes") if value else tr("no")
        if isinstance(value, float | int):
            return plain_number(float(value))
        return " ".join(str(value).split())  # a long text on one line

    def row(self, table: str, row: dict[str, Any] | None) -> str:
        """A whole row in one line (a row deleted on one side, kept on the other)."""
        if row is None:
            return tr("removed")
        named = row.get("title") or row.get("name")
        if named:
            return str(named)
        if table == "check_ins":
            return tr("{value} on {at}").format(value=self.value("value", row.get("value")),
                                                at=str(row.get("at", ""))[:10])
        if table == "contributions":
            return tr("to “{objective}”").format(objective=self.objective(row.get("target_id")))
        if "value" in row:
            return self.value("value", row["value"])
        return tr("kept")
