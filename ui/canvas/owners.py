"""Who can own an objective written in a lane: the people and teams at the lane's level, each with
a label to pick it by, and the owner a typed text names."""

from __future__ import annotations

from dataclasses import dataclass

from okrdesk.snapshot import Snapshot

from ..translation import tr


@dataclass(frozen=True, slots=True)
class Owner:
    unit_id: str
    name: str
    label: str  # "Sam Lee — VP Sales": unique within the level


def owners_at(snapshot: Snapshot, level_id: str) -> list[Owner]:
    """The people and teams of a level, by name; equal labels get a number."""
    units = sorted((u for u in snapshot.units.values() if u.level_id == level_id),
                   key=lambda u: (u.name.casefold(), u.role.casefold(), u.id))
    owners: list[Owner] = []
    seen: dict[str, int] = {}
    for unit in units:
        label = f"{unit.name} — {unit.role}" if unit.role else unit.name
        if unit.kind == "team" and not unit.role:
            label = tr("{name} (team)").format(name=unit.name)
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:
            label = f"{label} ({seen[label]})"
        owners.append(Owner(unit.id, unit.name, label))
    return owners


def owner_named(owners: list[Owner], text: str) -> Owner | None:
    """The owner a typed text names: its label or name in full, else the only one containing
    the text; None when nothing or several fit."""
    wanted = " ".join(text.split()).casefold()
    if not wanted:
        return None
    for exact in ([o for o in owners if o.label.casefold() == wanted],
                  [o for o in owners if o.name.casefold() == wanted],
                  [o for o in owners if wanted in o.label.casefold()]):
        if len(exact) == 1:
            return exact[0]
        if exact:
            return None
    return None
