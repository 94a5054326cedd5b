"""The states a card, a key-result row or a lane shows on top of what it draws."""

from __future__ import annotations


class Marks:
    def __init__(self) -> None:
        self.selected = False
        self.target = False  # a valid drop target during a drag
        self.hovered = False  # the target under the mouse
