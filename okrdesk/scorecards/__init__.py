"""Scorecards and slides: one page per top objective (or per owner) of a cycle, as a vector
PDF with searchable text, for the quarter's review.

    result = write_scorecards(plan_path, ScorecardRequest(cycle="2027-Q3"), Path("q3.pdf"))

Modules, each with one job: `selection` (which objectives get a card, by the map's rules),
`content` (what a card holds), `page` and `slide` (the two layouts), `flow` and `text` (text
flowing down pages), `fonts`, `document` (the file), `command` (`okrdesk scorecard`).
The PDF is drawn with reportlab (docs/SCORECARDS.md says why); importing this package stays
light, so the command line's parser can name the command's options without loading it.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from okrdesk.scorecards.request import (
    ScorecardError,
    ScorecardRequest,
    ScorecardsCancelled,
)

if TYPE_CHECKING:
    from okrdesk.scorecards.document import Progress, ScorecardResult

__all__ = ["ScorecardError", "ScorecardRequest", "ScorecardResult", "ScorecardsCancelled",
           "write_scorecards"]


def write_scorecards(plan_path: Path, request: ScorecardRequest, out_path: Path, *,
                     progress: Progress | None = None,
                     cancel: threading.Event | None = None) -> ScorecardResult:
    """Write the scorecards `request` asks for to `out_path` (okrdesk.scorecards.document)."""
    from okrdesk.scorecards.document import write_scorecards as write

    return write(plan_path, request, out_path, progress=progress, cancel=cancel)
