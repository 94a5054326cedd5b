"""The person or team and the cycle a draft is asked for, by name or id."""

from __future__ import annotations

from okrdesk.errors import ChoiceError, NotFoundError
from okrdesk.snapshot import CycleRow, Snapshot, UnitRow


def unit_named(snapshot: Snapshot, wanted: str) -> UnitRow:
    """A person or team by id, e-mail or name (exact, then ignoring case): NotFoundError when
    none is, ChoiceError listing them when several share the name."""
    unit = snapshot.units.get(wanted)
    if unit is not None:
        return unit
    text = " ".join(wanted.split())
    folded = text.casefold()
    units = snapshot.units.values()
    for matches in ([u for u in units if u.name == text],
                    [u for u in units if u.email and u.email.casefold() == folded],
                    [u for u in units if u.name.casefold() == folded]):
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise ChoiceError(
                f"{len(matches)} people or teams are called “{text}”; give the id of the "
                "one you mean:", sorted(_choice(snapshot, u) for u in matches))
    raise NotFoundError(f"No person or team is called “{text}”; give a name, e-mail or id.")


def cycle_named(snapshot: Snapshot, wanted: str | None) -> CycleRow | None:
    """A cycle by id or name (None: every cycle), as `okrdesk map --cycle` takes it."""
    if wanted is None:
        return None
    cycle = snapshot.cycles.get(wanted) or snapshot.cycle_named(wanted)
    if cycle is None:
        known = ", ".join(sorted(c.name for c in snapshot.cycles.values())) or "none"
        raise NotFoundError(f"The plan has no cycle named {wanted!r}; its cycles are: {known}.")
    return cycle


def _choice(snapshot: Snapshot, unit: UnitRow) -> str:
    level = snapshot.levels.get(unit.level_id)
    manager = snapshot.units.get(unit.manager_id or "")
    return (f"{unit.id}  {unit.name} ({level.name if level else 'level unknown'}"
            + (f", reports to {manager.name}" if manager else "") + ")")
