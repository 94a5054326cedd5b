"""A card written in place, line by line: its title and its key-result rows, and an empty row
after them that adds a key result read from plain words. Tab and Shift+Tab move between the
lines; each change is committed as one undo step."""

from __future__ import annotations

from PySide6.QtCore import QRectF

from okrdesk import ops
from okrdesk.authoring import KeyResultReading, read_key_result
from okrdesk.storage import ChangeSet

from ..translation import tr
from .edit_session import AuthoringParts, EditSession, step_label
from .theme import CARD_PAD, CARD_WIDTH, HEADER_HEIGHT, ROW_HEIGHT

TITLE = -1  # the line index of the objective's title; 0, 1, ... are its key results
TITLE_AREA = 44.0  # the title's lines at the top of a card, in scene units
NO_METRIC = "no_metric"  # the kind of a key result with nothing to measure


def preview(reading: KeyResultReading) -> tuple[str, bool]:
    """What the plain-words reader understood, and whether it is a warning."""
    if reading.kind == NO_METRIC:
        why = reading.explanation.removeprefix("no metric: ")
        if why.startswith("no number"):
            return tr("no metric — add a number to measure it"), True
        return tr("no metric — {why}").format(why=why), True
    return reading.explanation, reading.placeholder


class CardLines(EditSession):
    def __init__(self, parts: AuthoringParts, objective_id: str, index: int) -> None:
        super().__init__(parts, tr("Card being written"))
        self.objective_id = objective_id
        self.index = index
        self.stored = ""
        self.line = self.new_line("", "", "")
        self.line.submitted.connect(self._enter)
        self.line.tabbed.connect(self._tab)
        self.line.textEdited.connect(lambda _text: self._preview())

    @property
    def kr_ids(self) -> list[str]:
        return list(self.parts.document.snapshot.krs_of.get(self.objective_id, ()))

    @property
    def on_new_row(self) -> bool:
        return self.index >= len(self.kr_ids)

    def start(self) -> None:
        self._load()
        self.show()

    def _load(self) -> None:
        snapshot, kr_ids = self.parts.document.snapshot, self.kr_ids
        self.index = max(TITLE, min(self.index, len(kr_ids)))
        if self.index == TITLE:
            objective = snapshot.objectives.get(self.objective_id)
            self.stored = objective.title if objective is not None else ""
            what, placeholder = tr("Objective title"), ""
        elif self.index < len(kr_ids):
            self.stored = snapshot.key_results[kr_ids[self.index]].title
            what, placeholder = tr("Key result {n}").format(n=self.index + 1), ""
        else:
            self.stored = ""
            what = tr("New key result")
            placeholder = tr("New key result, e.g. Raise NPS from 30 to 45")
        self.line.setText(self.stored)
        self.line.setPlaceholderText(placeholder)
        self.line.setAccessibleName(what)
        self._preview()
        if self.follow():
            self.editor.focus_line(0)

    def scene_rect(self) -> QRectF | None:
        card = self.parts.scene.card(self.objective_id)
        if card is None or self.objective_id not in self.parts.document.snapshot.objectives:
            return None
        if self.index == TITLE:
            return card.mapRectToScene(QRectF(0, 0, CARD_WIDTH, TITLE_AREA))
        row = QRectF(CARD_PAD, HEADER_HEIGHT + self.index * ROW_HEIGHT,
                     CARD_WIDTH - 2 * CARD_PAD, ROW_HEIGHT)
        return card.mapRectToScene(row)

    def _preview(self) -> None:
        text = self.line.text()
        warning = self.limit_hint(self.line)
        if warning:
            self.editor.say(warning, warning=True)
        elif self.index == TITLE:
            self.editor.say(tr("Enter saves the title · Tab: the key results · Esc leaves it"))
        elif not self.on_new_row:
            self.editor.say(tr("Enter saves the title · Tab: next row · the measure is set in "
                               "the inspector"))
        elif not text.strip():
            self.editor.say(tr("Type a key result in plain words · Enter adds it · Esc closes"))
        else:
            understood, doubtful = preview(read_key_result(text))
            self.editor.say(understood, warning=doubtful)

    def _commit_line(self) -> bool:
        """Commit the line if it changed; False (the reason shown) if the plan refused it."""
        text = self.line.text()
        if text.strip() == self.stored.strip():
            return True
        plan, objective_id = self.parts.document.plan, self.objective_id
        changes: ChangeSet | None
        if self.index == TITLE:
            changes = self.run(step_label(tr("Edit title"), text), lambda: ops.edit_objective(
                plan, objective_id, title=text))
        elif not self.on_new_row:
            kr_id = self.kr_ids[self.index]
            changes = self.run(step_label(tr("Edit key result"), text),
                               lambda: ops.edit_key_result(plan, kr_id, title=text))
        else:
            fields = read_key_result(text).key_result_fields()
            changes = self.run(step_label(tr("New key result"), text),
                               lambda: ops.add_key_result(plan, objective_id, **fields))
        return changes is not None

    def _enter(self) -> None:
        adding = self.on_new_row and bool(self.line.text().strip())
        if not self._commit_line():
            return
        if adding:
            self.index = len(self.kr_ids)  # the next empty row
            self._load()
        else:
            self.close()

    def _tab(self, forward: bool) -> None:
        if not self._commit_line():
            return
        self.index += 1 if forward else -1
        if self.index > len(self.kr_ids):
            self.index = TITLE
        elif self.index < TITLE:
            self.index = len(self.kr_ids)
        self._load()

    def finish(self) -> None:
        if not self._commit_line():
            self.parts.tell(self.editor.hint.text())
        self.close()
