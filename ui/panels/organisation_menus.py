"""Which of the window's commands the organisation panel offers: its two rows of buttons and
the context menu of each kind of row."""

from __future__ import annotations

Keys = tuple[str | None, ...]  # command keys; None: a separator

TOOLBAR_ROWS = (("unit.add", "unit.edit", "unit.remove"), ("level.add", "function.add"))
MENU_KEYS: dict[str, Keys] = {
    "unit": ("unit.edit", "unit.set_email", "unit.rename", "unit.remove", None, "unit.add"),
    "level": ("level.rename", "level.up", "level.down", "level.remove", None, "unit.add",
              "level.add"),
    "function": ("function.rename", "function.remove", None, "function.add"),
    "heading:levels": ("level.add", "unit.add"),
    "heading:functions": ("function.add",),
}
ANYWHERE: Keys = ("unit.add", "level.add", "function.add")  # below the rows


def menu_keys(row_key: str) -> Keys:
    """The commands of the context menu on the row with this key ("": no row)."""
    kind = row_key.partition(":")[0]
    return MENU_KEYS.get(kind) or MENU_KEYS.get(row_key, ANYWHERE)
