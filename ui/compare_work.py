"""The comparison the Compare window shows, made ready on the GUI thread and run off it."""

from __future__ import annotations

import threading
from collections.abc import Callable

from okrdesk.compare import PlanDiff, compare_cycles, compare_plans
from okrdesk.compare.detached import detached
from okrdesk.compare.files import read_for_comparing
from okrdesk.errors import OkrDeskError

from .compare_chooser import CompareChoice
from .document import PlanDocument

# Given the job's cancel event; None when it was cancelled before the end.
CompareWork = Callable[[threading.Event], PlanDiff | None]


def compare_work(document: PlanDocument, choice: CompareChoice) -> CompareWork:
    """The open plan (side B: its shown cycle) compared with the choice (side A), as work for
    a worker thread. What it needs of the open plan is taken now, so that edits made while it
    runs do not reach it. The work raises an OkrDeskError (a file that is not a plan or cannot
    be read, a cycle that is gone)."""
    snapshot = detached(document.snapshot)
    shown = document.cycle_id or None
    name = snapshot.setting("plan_name", document.plan.path.stem)
    path, cycle_id = choice.path, choice.cycle_id

    def work(cancel: threading.Event) -> PlanDiff | None:
        if path is None:
            assert cycle_id is not None and shown is not None
            return compare_cycles(snapshot, cycle_id, shown)
        try:
            other = read_for_comparing(path)  # vetted, as every plan read is
        except OSError as error:
            raise OkrDeskError(f"{path.name}: {error.strerror or error}") from None
        if cancel.is_set():
            return None
        return compare_plans(other.snapshot, snapshot, shown, labels=(path.name, name),
                             values=(other.values, None))

    return work
