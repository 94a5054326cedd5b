"""Writing a plan from plain words: key results read from a phrase, objectives from an outline.

Pure text in, plain data out: no plan file, no Qt. The names below load when first asked for:
the outline reader checks values against the model's limits (and so loads SQLAlchemy), which a
program that only needs a word list (`authoring.words`, for the quality checks of a map) skips.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from okrdesk.authoring.outline import (
        OutlineObjective,
        OutlineResult,
        OutlineWarning,
        format_outline,
        parse_outline,
    )
    from okrdesk.authoring.phrases import KeyResultReading, read_key_result

__all__ = [
    "KeyResultReading",
    "OutlineObjective",
    "OutlineResult",
    "OutlineWarning",
    "format_outline",
    "parse_outline",
    "read_key_result",
]
_PHRASES = ("KeyResultReading", "read_key_result")


def __getattr__(name: str) -> Any:
    if name in _PHRASES:
        from okrdesk.authoring import phrases

        return getattr(phrases, name)
    if name in __all__:
        from okrdesk.authoring import outline

        return getattr(outline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
