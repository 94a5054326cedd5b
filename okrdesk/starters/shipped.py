"""The starters that ship with OKR Desk, read with importlib.resources (so they are found in an
installed package and in a bundle alike)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from okrdesk.starters.starter import Starter, StarterError, parse_starter

PACKAGE = "okrdesk_resources.starters"
FIRST = ("company", "startup", "empty")  # the order a dialog lists them in; others follow


@dataclass(frozen=True)
class ShippedStarter:
    key: str  # the file name without .json
    starter: Starter


def shipped_starters() -> list[ShippedStarter]:
    """Every shipped starter, the usual ones first."""
    try:
        folder = resources.files(PACKAGE)
    except ModuleNotFoundError:
        raise StarterError("The starters are missing from this installation of OKR Desk; "
                           "reinstall it.") from None
    files = [entry for entry in folder.iterdir() if entry.name.endswith(".json")]
    keys = sorted((entry.name.removesuffix(".json") for entry in files),
                  key=lambda key: (FIRST.index(key) if key in FIRST else len(FIRST), key))
    return [ShippedStarter(key, shipped_starter(key)) for key in keys]


def shipped_starter(key: str) -> Starter:
    """One shipped starter by its key ("company", "startup", "empty", ...)."""
    name = f"{key}.json"
    entry = resources.files(PACKAGE).joinpath(name)
    if not entry.is_file():
        raise StarterError(f"There is no starter named {key!r}.")
    return parse_starter(entry.read_bytes(), name)
