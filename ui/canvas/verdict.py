"""What a drop would do, and how its messages name the objectives and key results involved."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from okrdesk.ops.rules import SnapshotFacts
from okrdesk.storage import ChangeSet

TITLE_CHARS = 40  # how much of a title a history entry or a note names
TARGET_CHARS = 30  # of the second title a history entry names


def short(title: str, limit: int = TITLE_CHARS) -> str:
    """A title as a message names it: whole, or cut at a word near `limit` characters."""
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    cut = title[:limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:-–") + "…"


def message_names(**titles: str) -> dict[str, str]:
    """Titles as messages name them: each `name` shortened, and `name_short` shorter still for
    the second title of a history entry."""
    found = {key: short(title) for key, title in titles.items()}
    found.update({f"{key}_short": short(title, TARGET_CHARS) for key, title in titles.items()})
    return found


def title_of(facts: SnapshotFacts, objective_id: str) -> str:
    objective = facts.objective(objective_id)
    return objective.title if objective is not None else ""


@dataclass
class Verdict:
    """What a drop would do (`text`), and the operation doing it; `operation` None: refused.

    `label` names the undo step; `done` is what a note says once it is done (empty: a drop
    that shows for itself, a card moved); `applied` tells, after `drop`, that it was done."""

    text: str
    label: str = ""
    operation: Callable[[], ChangeSet] | None = None
    select_new: bool = False
    done: str = ""
    applied: bool = False

    @property
    def allowed(self) -> bool:
        return self.operation is not None
