"""Writing a plan from plain words: key results read from a phrase, objectives from an outline.

Pure text in, plain data out: no plan file, no Qt.
"""

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
