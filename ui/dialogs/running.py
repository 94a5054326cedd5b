"""Running an operation from a dialog: the dialog stays open and shows the reason when the
plan refuses."""

from __future__ import annotations

from collections.abc import Callable

from okrdesk.storage import ChangeSet

from ..document import Operation, PlanDocument
from ..translation import tr


def run_for_reason(document: PlanDocument, label: str, operation: Operation,
                   done: Callable[[ChangeSet], object] | None = None) -> str | None:
    """Run `operation` as one undo step; the reason it was refused, or None if it was done
    (then `done` is given what changed)."""
    changes, reason = document.attempt(label, operation)
    if changes is not None:
        if done is not None:
            done(changes)
        return None
    return reason or tr("{label} changed nothing.").format(label=label)
