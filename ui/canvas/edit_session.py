"""What writing in place on the canvas shares: the editor over the viewport, where it goes, and
running one operation as one undo step while keeping a refusal's reason in the editor."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSizeF, QTimer
from PySide6.QtWidgets import QApplication, QGraphicsView

from okrdesk.limits import TITLE_LENGTH
from okrdesk.storage import ChangeSet

from ..document import Operation, PlanDocument
from ..translation import tr
from .inline_editor import EditLine, InlineEditor
from .scene import CanvasScene

LABEL_CHARS = 40  # of a title quoted in an undo step's name


def step_label(what: str, title: str) -> str:
    """The name of an undo step: "New objective “Open the Nordics”", a long title cut short."""
    short = " ".join(title.split())
    if len(short) > LABEL_CHARS:
        short = short[:LABEL_CHARS - 1].rstrip() + "…"
    return f"{what} “{short}”"


@dataclass(frozen=True)
class AuthoringParts:
    """What an editing session works with (the canvas view builds one for all of them)."""

    view: QGraphicsView
    scene: CanvasScene
    document: PlanDocument
    tell: Callable[[str], None]  # a message for the status bar
    closed: Callable[[], None]  # the session ended: the canvas takes the keyboard back


class EditSession:
    """One thing being written in place; ends by `commit` (Enter), `cancel` (Esc) or `finish`
    (a click elsewhere: commit what is complete, drop the rest)."""

    def __init__(self, parts: AuthoringParts, name: str) -> None:
        self.parts = parts
        self.editor = InlineEditor(parts.view, parts.view.viewport(), parts.scene.theme, name)
        self.open = True
        self._fits = True  # the editor stands over its card or row (not moved into view)

    # -- to override ------------------------------------------------------------------------

    def scene_rect(self) -> QRectF | None:
        """Where the editor goes, in scene units; None when that thing is gone."""
        raise NotImplementedError

    def finish(self) -> None:
        raise NotImplementedError

    # -- shared -----------------------------------------------------------------------------

    def new_line(self, text: str, placeholder: str, name: str) -> EditLine:
        line = self.editor.add_line(text, placeholder, name)
        line.setMaxLength(TITLE_LENGTH)
        line.cancelled.connect(self.cancel)
        line.left.connect(lambda: QTimer.singleShot(0, self.editor, self._check_focus))
        return line

    def _check_focus(self) -> None:
        """The keyboard went to another part of the window (a panel, a field): finish. The
        canvas itself is left to its click (which finishes too), a closed window to nothing."""
        if not self.open:
            return
        focus = QApplication.focusWidget()
        view = self.parts.view
        if focus is None or self.editor.owns(focus) or focus in (view, view.viewport()):
            return
        if focus.window() is view.window():
            self.finish()

    def show(self) -> None:
        """Show the editor over its card or row, scrolling the view first if it does not fit
        there (near an edge, or wider than the card when zoomed out)."""
        if not self.follow():
            return
        rect = self.scene_rect()
        zoom = self.parts.view.transform().m11()
        if rect is not None and not self._fits:
            size = QSizeF(self.editor.width() / zoom, self.editor.height() / zoom)
            self.parts.view.ensureVisible(QRectF(rect.topLeft(), size), 12, 12)
            self.follow()
        self.editor.show()
        self.editor.raise_()

    def follow(self) -> bool:
        """Put the editor over its card or row again (after a scroll, a zoom or a change);
        False, and the session cancelled, when that is gone."""
        if not self.open:
            return False
        rect = self.scene_rect()
        if rect is None:
            self.cancel()
            return False
        view = self.parts.view
        self._fits = self.editor.place(QRectF(view.mapFromScene(rect).boundingRect()),
                                       view.transform().m11())
        return True

    def run(self, label: str, operation: Operation) -> ChangeSet | None:
        """The operation as one undo step; if the plan refuses it, the reason is shown in the
        editor, which stays open."""
        reasons: list[str] = []

        def keep(reason: str) -> None:
            reasons.append(reason)

        document = self.parts.document
        document.refused.connect(keep)
        try:
            changes = document.run(label, operation)
        finally:
            document.refused.disconnect(keep)
        if changes is None:
            self.editor.say(reasons[-1] if reasons else tr("That was not done."), warning=True)
        return changes

    def cancel(self) -> None:
        self.close()

    def close(self) -> None:
        if not self.open:
            return
        self.open = False
        self.editor.hide()
        self.editor.deleteLater()
        self.parts.closed()

    def limit_hint(self, line: EditLine) -> str:
        if len(line.text()) >= TITLE_LENGTH:
            return tr("A title holds at most {count} characters.").format(count=TITLE_LENGTH)
        return ""
