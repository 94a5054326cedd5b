"""The limits of what is read from plain words: the plan's own (okrdesk.limits) for titles,
units and numbers, and the outline's for what is read at all."""

from __future__ import annotations

from okrdesk import limits

TITLE_MAX_CHARS = limits.TITLE_LENGTH
"""Longest title read; a longer phrase is not read for numbers and a longer outline item is
skipped."""

_UNIT = limits.limit_of("key_results", "unit")
UNIT_MAX_CHARS = _UNIT.longest if isinstance(_UNIT, limits.Text) else 40
"""Longest unit: the width of the key result's unit column."""

VALUE_LIMIT = limits.VALUE_BOUND
"""Largest size of a number read; anything bigger is refused, not rounded."""

LINE_MAX_CHARS = 1_000
"""Longest outline line read (markers and indentation included)."""

OUTLINE_MAX_CHARS = 1_000_000
"""Longest outline read at all."""
