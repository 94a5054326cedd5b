"""A new objective written in place: its title, then its owner picked by type-ahead from the
people at the lane's level; Enter creates it with its card where the editor stands."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QStringListModel, Qt
from PySide6.QtWidgets import QCompleter

from okrdesk import ops

from ..translation import tr
from .edit_session import AuthoringParts, EditSession, step_label
from .lanes import Lane
from .owners import Owner, owner_named
from .theme import CARD_PAD, CARD_WIDTH, HEADER_HEIGHT

NEW_CARD_HEIGHT = HEADER_HEIGHT + CARD_PAD  # a card without key results
POPUP_WIDEST = 520  # pixels: the list of people is as wide as its longest name, up to this


class ObjectiveDraft(EditSession):
    def __init__(self, parts: AuthoringParts, lane: Lane, spot: tuple[float, float],
                 owners: list[Owner], cycle_id: str) -> None:
        super().__init__(parts, tr("New objective"))
        self.lane, self.spot, self.owners, self.cycle_id = lane, spot, owners, cycle_id
        self.title = self.new_line("", tr("Objective title"), tr("Title of the new objective"))
        only = owners[0].label if len(owners) == 1 else ""
        self.owner = self.new_line(only, tr("Owner: type part of a name"),
                                   tr("Owner of the new objective"))
        self.people = QStringListModel([o.label for o in owners], self.owner)
        self.completer = QCompleter(self.people, self.owner)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        popup = self.completer.popup()
        if popup is not None:
            popup.setAccessibleName(tr("People at this level"))
            widest = max(popup.fontMetrics().horizontalAdvance(o.label) for o in owners)
            popup.setMinimumWidth(min(widest + 40, POPUP_WIDEST))
        self.owner.setCompleter(self.completer)
        for line in (self.title, self.owner):
            line.tabbed.connect(lambda _forward, line=line: self._switch(line))
            line.textEdited.connect(lambda _text: self._hint())
        self.title.submitted.connect(self._title_done)
        self.owner.submitted.connect(self.commit)
        self._hint()

    def scene_rect(self) -> QRectF | None:
        lane = self.parts.scene.lanes.get(self.lane.level_id)
        if lane is None:
            return None
        x, y = self.spot
        return QRectF(x, lane.top + y, CARD_WIDTH, NEW_CARD_HEIGHT)

    def start(self) -> None:
        self.show()
        self.editor.focus_line(0)

    def _switch(self, line: object) -> None:
        if line is self.title:
            self._ask_owner()
        else:
            self.editor.focus_line(0)

    def _ask_owner(self) -> None:
        self.editor.focus_line(1)
        if owner_named(self.owners, self.owner.text()) is None:
            self.completer.setCompletionPrefix(self.owner.text())
            self.completer.complete()

    def _title_done(self) -> None:
        if owner_named(self.owners, self.owner.text()) is None:
            self._ask_owner()
        else:
            self.commit()

    def _hint(self) -> None:
        cycle = self.parts.document.snapshot.cycles.get(self.cycle_id)
        where = f"{self.lane.name} · {cycle.name if cycle is not None else ''}"
        warning = self.limit_hint(self.title)
        self.editor.say(warning or tr("{where} · Enter creates · Esc cancels").format(
            where=where), warning=bool(warning))

    def commit(self) -> None:
        """Create the objective and place its card, as one undo step; a missing title or owner
        is asked for, and the editor stays open."""
        if not self.open:
            return
        title = self.title.text()
        if not title.strip():
            self.editor.say(tr("Type the objective's title first."), warning=True)
            self.editor.focus_line(0)
            return
        owner = owner_named(self.owners, self.owner.text())
        if owner is None:
            self.editor.say(tr("Pick the owner from the {count} at {level}: type part of a "
                               "name.").format(count=len(self.owners), level=self.lane.name),
                            warning=True)
            self._ask_owner()
            return
        plan, (x, y) = self.parts.document.plan, self.spot
        changes = self.run(step_label(tr("New objective"), title), lambda: ops.create_objective_at(
            plan, owner.unit_id, self.cycle_id, title, x, y))
        if changes is None:
            return
        self.close()
        self.parts.document.select("objectives", changes.new_id("objectives"))
        self.parts.tell(tr("Objective created. Insert adds a key result; F2 edits its title."))

    def finish(self) -> None:
        complete = (self.title.text().strip()
                    and owner_named(self.owners, self.owner.text()) is not None)
        if complete:
            self.commit()
        if self.open:
            if self.title.text().strip():
                self.parts.tell(tr("The objective was not created: it needs a title and an "
                                   "owner."))
            self.cancel()
