"""Pictures of taking a draft out of the demo plan, reached as a planner reaches them: the
dialog from its shortcut with a person found by typing, then the draft open with its banner
and an edit outside the part refused in the status bar.

`python -m okrdesk_ui.screenshot_drafts FOLDER [--size 1280x720]` (offscreen, in a temporary
folder with its own settings; the demo plan it makes is thrown away).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from .dialogs.take_out_draft import TakeOutDraftDialog
from .screenshot_kit import Camera, back_to, plan_of, settle, wait_for
from .screenshot_stage import demo_stage

if TYPE_CHECKING:
    from .main_window import MainWindow

PERSON = "Olivia"
CONTEXT = "Become the leading electric car dealership in the region"


def draft_shots(app: QApplication, window: MainWindow, camera: Camera, folder: Path) -> None:
    """Takes a draft out and leaves it open in the window: run last."""
    document, canvas = plan_of(window)
    canvas.setFocus()
    QTest.keySequence(window, QKeySequence("Ctrl+Alt+D"))  # File > Take out a draft…
    wait_for(app, lambda: bool(window.findChildren(TakeOutDraftDialog)), 5.0)
    dialog = window.findChildren(TakeOutDraftDialog)[0]
    QTest.keyClicks(dialog.search, PERSON)
    dialog.path.setText(str(folder / "Voltline - Olivia Chen draft.okr"))
    settle(app)
    camera.save("take-out-draft-dialog", camera.where(dialog, with_title=True), margin=0)
    QTest.keyClick(dialog.path, Qt.Key.Key_Return)
    wait_for(app, lambda: window.draft_commands.offer is not None, 30.0)
    settle(app)
    offer = window.draft_commands.offer
    assert offer is not None
    camera.save("draft-written")
    QTest.keyClick(offer, Qt.Key.Key_Return)  # Open
    wait_for(app, lambda: window.document is not document, 10.0)
    back_to(app, window)
    settle(app, 0.6)
    draft_document, draft_canvas = plan_of(window)
    draft_canvas.fit_all()
    settle(app)
    camera.save("draft-banner")
    context = next(o.id for o in draft_document.snapshot.objectives.values()
                   if o.title == CONTEXT)
    window.focus_objective(context)
    form = window.inspector.objective_form
    form.title.setFocus()
    form.title.selectAll()
    QTest.keyClicks(form.title, "Lead the region")
    QTest.keyClick(form.title, Qt.Key.Key_Return)
    settle(app)
    camera.save("draft-refused")


def main(argv: list[str] | None = None) -> int:
    stage = demo_stage("python -m okrdesk_ui.screenshot_drafts", argv)
    draft_shots(stage.app, stage.window, stage.camera, stage.plans)
    stage.window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
