"""Pictures of File > Merge a draft…: a draft of Olivia Chen's part taken out of the demo and
worked on, the plan changing one of the same titles meanwhile, and the merge review window
with that conflict chosen and the base shown. The review is cancelled and the plan's change
undone, so the demo is left as it was.

`python -m okrdesk_ui.screenshot_merge FOLDER [--size 1280x720]` (offscreen, in a temporary
folder with its own settings), or as part of `okrdesk_ui.screenshots`.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from okrdesk import ops
from okrdesk.drafts.take_out import take_out_draft
from okrdesk.snapshot import ObjectiveRow, Snapshot
from okrdesk.storage import Plan
from okrdesk.storage.history import AUTHOR_VARIABLE

from .screenshot_kit import Camera, back_to, plan_of, settle, wait_for
from .screenshot_stage import demo_stage

if TYPE_CHECKING:
    from .main_window import MainWindow

PERSON = "Olivia Chen"
RENAMED = "Turn more test drives into sales in the North region"
# plan text of the demo's draft and plan, not the app's words
PLAN_TITLE = "Turn more test drives into sales, North"
PLAN_AUTHOR = "Dana Ruiz"
DRAFT_TITLE = "Turn two in five test drives into sales"


@contextmanager
def _author(name: str) -> Iterator[None]:
    before = os.environ.get(AUTHOR_VARIABLE)
    os.environ[AUTHOR_VARIABLE] = name
    try:
        yield
    finally:
        if before is None:
            del os.environ[AUTHOR_VARIABLE]
        else:
            os.environ[AUTHOR_VARIABLE] = before


def merge_shots(app: QApplication, window: MainWindow, camera: Camera) -> None:
    document, _canvas = plan_of(window)
    snapshot = document.snapshot
    olivia = next(u.id for u in snapshot.units.values() if u.name == PERSON)
    own = sorted((o for o in snapshot.objectives.values() if o.owner_id == olivia),
                 key=lambda o: o.title)
    renamed = next(o for o in own if o.title == RENAMED)
    with tempfile.TemporaryDirectory(prefix="okrdesk-merge-") as folder:
        path = take_out_draft(document.plan, olivia, None,
                              Path(folder) / "Voltline - Olivia Chen draft.okr")
        with Plan.open(path) as draft:
            _work_on(draft, own, renamed.id)
        with _author(PLAN_AUTHOR):  # the picture names a planner, not whoever makes it
            document.run("Rename", lambda: ops.edit_objective(
                document.plan, renamed.id, title=PLAN_TITLE))
        commands = window.actions_.merge_commands
        commands.review(path)
        wait_for(app, lambda: commands.dialog is not None, 30.0)
        dialog = commands.dialog
        assert dialog is not None, "the review window did not open"
        settle(app)
        dialog.show_base.setChecked(True)
        dialog.next_conflict()
        settle(app)
        camera.save("merge-review", camera.where(dialog, with_title=True))
        dialog.reject()
        settle(app)
    back_to(app, window)
    document.undo_stack.undo()
    document.undo_stack.clear()
    assert document.snapshot.objectives[renamed.id].title == RENAMED
    settle(app)


def _work_on(draft: Plan, objectives: list[ObjectiveRow], renamed_id: str) -> None:
    """What Olivia changed while away: a title, targets, a description, a new key result."""
    ops.edit_objective(draft, renamed_id, title=DRAFT_TITLE)
    with draft.reading() as connection:
        now = Snapshot.load(connection)
    for number, objective in enumerate(objectives):
        for kr_id in now.krs_of[objective.id]:
            kr = now.key_results[kr_id]
            if kr.kind == "increase" and kr.target_value is not None:
                ops.edit_key_result(draft, kr_id, target_value=kr.target_value * 1.1 + number)
        if objective.id != renamed_id:
            ops.edit_objective(draft, objective.id, description=(
                "Weekend events first, then the dealer network; numbers checked with "
                "the regional finance lead."))
    ops.add_key_result(draft, objectives[0].id, "Dealers trained on the new EV range",
                       target_value=12, start_value=0, unit="dealers")


def main(argv: list[str] | None = None) -> int:
    stage = demo_stage("python -m okrdesk_ui.screenshot_merge", argv)
    merge_shots(stage.app, stage.window, stage.camera)
    stage.window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
