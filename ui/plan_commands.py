"""The commands on objectives, key results and links, each done through `okrdesk.ops`.

Every command acts on the document's selection; a context menu selects what was clicked first
(plan_menus.py). Choosing a target (align up to…, delegate to…, contributes to…, another cycle,
another owner) goes through a searchable picker that lists the valid targets first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLineEdit

from okrdesk import ops
from okrdesk.model import KrKind
from okrdesk.rulebook import parent_of
from okrdesk.snapshot import ContributionRow, KeyResultRow, ObjectiveRow
from okrdesk.storage import ChangeSet

from . import picker_choices as choices
from .deletion import ask_to_delete, key_result_consequences, objective_consequences
from .document import PlanDocument
from .line_of_sight import LineOfSightDialog
from .panels.plan_window import PlanWindow
from .pickers import Picker, open_picker
from .translation import tr

Operation = Callable[[], ChangeSet]


class PlanCommands(QObject):
    """Registers its commands in `window.commands` once; they follow whichever plan is open."""

    def __init__(self, window: PlanWindow) -> None:
        super().__init__(window)
        self.window = window
        self.picker: Picker | None = None  # the picker open now, if any
        self._sibling_document: PlanDocument | None = None
        self._sibling_order: dict[tuple[str, str], list[str]] | None = None
        self._register()

    # -- what is selected ---------------------------------------------------------------------

    @property
    def document(self) -> PlanDocument | None:
        return self.window.document

    def objective(self) -> ObjectiveRow | None:
        document = self.document
        if document is None or document.selected[0] != "objectives":
            return None
        return document.snapshot.objectives.get(document.selected[1])

    def key_result(self) -> KeyResultRow | None:
        document = self.document
        if document is None or document.selected[0] != "key_results":
            return None
        return document.snapshot.key_results.get(document.selected[1])

    def link(self) -> ContributionRow | None:
        document = self.document
        if document is None or document.selected[0] != "contributions":
            return None
        return document.snapshot.contributions.get(document.selected[1])

    def writable(self) -> bool:
        return self.document is not None and not self.document.read_only

    # -- registering ----------------------------------------------------------------------------

    def _register(self) -> None:
        add = self.window.commands.add
        objective, kr, link, writable = self.objective, self.key_result, self.link, self.writable

        def on_objective(extra: Callable[[ObjectiveRow], bool] = lambda _o: True,
                         *, writes: bool = True) -> Callable[[], bool]:
            return lambda: ((o := objective()) is not None and (writable() or not writes)
                            and extra(o))

        def on_kr(extra: Callable[[KeyResultRow], bool] = lambda _k: True,
                  *, writes: bool = True) -> Callable[[], bool]:
            return lambda: ((k := kr()) is not None and (writable() or not writes)
                            and extra(k))

        add("selection.inspect", tr("Open in &inspector"), self.inspect,
            shortcut="Ctrl+I", tip=tr("Show the selected objective or key result in the "
                                      "inspector, ready to edit"),
            applies=lambda: objective() is not None or kr() is not None)
        add("objective.line_of_sight", tr("Show line of &sight"), self.show_line_of_sight,
            shortcut="Ctrl+Shift+H", tip=tr("List the chain from this objective up to the top "
                                             "and light it on the canvas"),
            applies=on_objective(writes=False))
        add("objective.align_up", tr("&Align up to…"), self.align_up, shortcut="Ctrl+L",
            tip=tr("Choose a higher objective, or one of its key results, to align to"),
            applies=on_objective())
        add("objective.contribute", tr("&Contributes to…"), self.contribute,
            shortcut="Ctrl+Shift+L",
            tip=tr("Show that this objective contributes to another (not counted in progress)"),
            applies=on_objective())
        add("objective.unlink", tr("&Remove this alignment"), self.unlink,
            tip=tr("Take the objective out of its alignment; it stays, aligned to nothing"),
            applies=on_objective(lambda o: o.parent_kr_id is not None))
        add("objective.open_parent", tr("Go to the &parent objective"), self.open_parent,
            applies=on_objective(lambda o: self._parent_id(o) is not None, writes=False))
        add("objective.move_cycle", tr("&Move to cycle…"), self.move_to_cycle,
            shortcut="Ctrl+Shift+M", applies=on_objective())
        add("objective.change_owner", tr("Change &owner…"), self.change_owner,
            shortcut="Ctrl+Shift+O", applies=on_objective())
        add("objective.move_up", tr("Move objective &up"), lambda: self.reorder_objective(-1),
            shortcut="Alt+Up", tip=tr("Put the objective before the one above it in its "
                                      "owner's list"),
            applies=on_objective(lambda o: self._sibling_step(o, -1) is not None))
        add("objective.move_down", tr("Move objective do&wn"), lambda: self.reorder_objective(1),
            shortcut="Alt+Down",
            applies=on_objective(lambda o: self._sibling_step(o, 1) is not None))
        add("objective.duplicate", tr("&Duplicate"), self.duplicate,
            shortcut=QKeySequence("Ctrl+D"),
            tip=tr("A copy titled “… (copy)” beside it, with its key results, not aligned"),
            applies=on_objective())
        add("objective.delete", tr("De&lete objective"), self.delete_objective,
            shortcut=QKeySequence.StandardKey.Delete, applies=on_objective())
        add("kr.edit", tr("&Edit key result…"), self.edit_key_result, applies=on_kr())
        add("kr.delegate", tr("&Delegate to…"), self.delegate, shortcut="Ctrl+Shift+D",
            tip=tr("Make this key result a new objective of someone lower, aligned to it"),
            applies=on_kr(lambda k: k.kind != KrKind.OBJECTIVE))
        add("kr.unlink", tr("&Remove this alignment"), self.unlink_key_result,
            tip=tr("Take the objective this key result stands for out of the alignment"),
            applies=on_kr(lambda k: k.kind == KrKind.OBJECTIVE and self._stood_for(k) != ""))
        add("kr.move_up", tr("Move key result &up"), lambda: self.reorder_key_result(-1),
            shortcut="Alt+Up", applies=on_kr(lambda k: self._kr_step(k, -1) is not None))
        add("kr.move_down", tr("Move key result do&wn"), lambda: self.reorder_key_result(1),
            shortcut="Alt+Down", applies=on_kr(lambda k: self._kr_step(k, 1) is not None))
        add("kr.delete", tr("De&lete key result"), self.delete_key_result,
            shortcut=QKeySequence.StandardKey.Delete, applies=on_kr())
        add("link.remove", tr("&Remove this link"), self.remove_link,
            shortcut=QKeySequence.StandardKey.Delete,
            applies=lambda: link() is not None and writable())
        add("link.open_source", tr("Go to the &contributing objective"),
            lambda: self._go_to_link_end(source=True), applies=lambda: link() is not None)
        add("link.open_target", tr("Go to the objective it &contributes to"),
            lambda: self._go_to_link_end(source=False), applies=lambda: link() is not None)

    # -- doing ----------------------------------------------------------------------------------

    def run(self, label: str, operation: Operation) -> tuple[ChangeSet | None, str | None]:
        """One undo step; the changes, or None and the reason it was refused."""
        document = self.document
        if document is None:
            return None, tr("No plan is open.")
        return document.attempt(label, operation)

    def tell(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    def inspect(self) -> None:
        dock = self.window.docks["inspector"]
        dock.show()
        dock.raise_()
        inspector = dock.widget()
        if inspector is not None:
            page = inspector.findChild(QLineEdit)
            if self.key_result() is not None:
                form = getattr(inspector, "key_result_form", None)
                page = getattr(form, "title", page)
            elif self.objective() is not None:
                form = getattr(inspector, "objective_form", None)
                page = getattr(form, "title", page)
            if page is not None:
                page.setFocus()

    def edit_key_result(self) -> None:
        self.inspect()

    def show_line_of_sight(self) -> None:
        objective, document = self.objective(), self.document
        if objective is None or document is None:
            return
        dialog = LineOfSightDialog(self.window, document.snapshot, objective.id,
                                   self.window.canvas, self.window.focus_objective)
        dialog.show()

    def align_up(self) -> None:
        child, document = self.objective(), self.document
        if child is None or document is None:
            return
        child_id = child.id

        def pick(payload: object) -> str | None:
            parent_id, kr_id = choices.alignment_target(payload)
            _done, reason = self.run(tr("Align up"), lambda: ops.align_up(
                document.plan, child_id, parent_id, under_kr_id=kr_id))
            return reason

        self._pick(tr("Align up to"), tr("Align “{title}” to which objective, or under which "
                                         "of its key results?").format(title=child.title),
                   choices.alignment_choices(document.snapshot, child_id), pick)

    def delegate(self) -> None:
        kr, document = self.key_result(), self.document
        if kr is None or document is None:
            return
        kr_id = kr.id

        def pick(owner_id: object) -> str | None:
            changes, reason = self.run(tr("Delegate down"), lambda: ops.delegate_down(
                document.plan, kr_id, str(owner_id)))
            if changes:
                document.select("objectives", changes.new_id("objectives"))
            return reason

        self._pick(tr("Delegate to"), tr("Who takes “{title}” on as their objective?")
                   .format(title=kr.title), choices.delegation_choices(document.snapshot, kr_id),
                   pick)

    def contribute(self) -> None:
        source, document = self.objective(), self.document
        if source is None or document is None:
            return
        source_id = source.id

        def pick(target_id: object) -> str | None:
            _done, reason = self.run(tr("Add contribution"), lambda: ops.add_contribution(
                document.plan, source_id, str(target_id)))
            return reason

        self._pick(tr("Contributes to"), tr("Which objective does “{title}” contribute to?")
                   .format(title=source.title),
                   choices.contribution_choices(document.snapshot, source_id), pick)

    def move_to_cycle(self) -> None:
        objective, document = self.objective(), self.document
        if objective is None or document is None:
            return
        objective_id = objective.id

        def pick(cycle_id: object) -> str | None:
            changes, reason = self.run(tr("Move to cycle"), lambda: ops.move_objective(
                document.plan, objective_id, cycle_id=str(cycle_id)))
            if changes:
                name = document.snapshot.cycles[str(cycle_id)].name
                self.tell(tr("Moved to {cycle}.").format(cycle=name))
            return reason

        self._pick(tr("Move to cycle"), tr("Move “{title}” to which cycle?")
                   .format(title=objective.title),
                   choices.cycle_choices(document.snapshot, objective_id), pick)

    def change_owner(self) -> None:
        objective, document = self.objective(), self.document
        if objective is None or document is None:
            return
        objective_id = objective.id

        def pick(owner_id: object) -> str | None:
            _done, reason = self.run(tr("Change owner"), lambda: ops.move_objective(
                document.plan, objective_id, owner_id=str(owner_id)))
            return reason

        self._pick(tr("Change owner"), tr("Who owns “{title}” from now on?")
                   .format(title=objective.title),
                   choices.owner_choices(document.snapshot, objective_id), pick)

    def unlink(self) -> None:
        objective, document = self.objective(), self.document
        if objective is not None and document is not None:
            objective_id = objective.id
            self.run(tr("Remove alignment"), lambda: ops.unlink(document.plan, objective_id))

    def unlink_key_result(self) -> None:
        kr, document = self.key_result(), self.document
        if kr is None or document is None:
            return
        child_id, parent_id = self._stood_for(kr), kr.objective_id
        if child_id:
            changes, _reason = self.run(tr("Remove alignment"),
                                        lambda: ops.unlink(document.plan, child_id))
            if changes:
                document.select("objectives", parent_id)

    def open_parent(self) -> None:
        objective = self.objective()
        parent_id = self._parent_id(objective) if objective is not None else None
        if parent_id is not None:
            self.window.focus_objective(parent_id)

    def duplicate(self) -> None:
        objective, document = self.objective(), self.document
        if objective is None or document is None:
            return
        objective_id = objective.id
        changes, _reason = self.run(tr("Duplicate objective"),
                                    lambda: ops.duplicate_objective(document.plan, objective_id))
        if changes:
            document.select("objectives", changes.new_id("objectives"))

    def delete_objective(self) -> None:
        objective, document = self.objective(), self.document
        if objective is None or document is None:
            return
        objective_id = objective.id

        def delete() -> None:
            changes, _reason = self.run(tr("Delete objective"), lambda: ops.delete_objective(
                document.plan, objective_id))
            if changes:
                document.select("", "")

        consequences = objective_consequences(document.snapshot, objective_id)
        if not consequences:
            delete()
            return
        ask_to_delete(self.window, f"“{objective.title}”", consequences, delete)

    def delete_key_result(self) -> None:
        kr, document = self.key_result(), self.document
        if kr is None or document is None:
            return
        kr_id, objective_id = kr.id, kr.objective_id

        def delete() -> None:
            changes, _reason = self.run(tr("Delete key result"), lambda: ops.delete_key_result(
                document.plan, kr_id))
            if changes:
                document.select("objectives", objective_id)

        consequences = key_result_consequences(document.snapshot, kr_id)
        if not consequences:
            delete()
            return
        ask_to_delete(self.window, tr("the key result “{title}”").format(title=kr.title),
                      consequences, delete)

    def reorder_objective(self, step: int) -> None:
        objective, document = self.objective(), self.document
        where = self._sibling_step(objective, step) if objective is not None else None
        if objective is None or document is None or where is None:
            return
        objective_id = objective.id
        self.run(tr("Move objective up") if step < 0 else tr("Move objective down"),
                 lambda: ops.reorder_objective(document.plan, objective_id, where))

    def reorder_key_result(self, step: int) -> None:
        kr, document = self.key_result(), self.document
        where = self._kr_step(kr, step) if kr is not None else None
        if kr is None or document is None or where is None:
            return
        kr_id = kr.id
        self.run(tr("Move key result up") if step < 0 else tr("Move key result down"),
                 lambda: ops.reorder_key_result(document.plan, kr_id, where))

    def remove_link(self) -> None:
        link, document = self.link(), self.document
        if link is None or document is None:
            return
        link_id, source_id = link.id, link.source_id
        changes, _reason = self.run(tr("Remove link"),
                                    lambda: ops.remove_contribution(document.plan, link_id))
        if changes:
            document.select("objectives", source_id)

    # -- helpers --------------------------------------------------------------------------------

    def _pick(self, title: str, prompt: str, rows: choices.Choices,
              pick: Callable[[object], str | None]) -> None:
        if self.picker is not None and self.picker.isVisible():
            self.picker.close()
        self.picker = open_picker(self.window, title, prompt, rows, pick)

    def _parent_id(self, objective: ObjectiveRow) -> str | None:
        document = self.document
        return parent_of(document.snapshot, objective.id) if document is not None else None

    def _stood_for(self, kr: KeyResultRow) -> str:
        """The objective a key result of kind "objective" stands for ("" if none)."""
        document = self.document
        if document is None:
            return ""
        below = document.snapshot.objectives_under(kr.id)
        return below[0].id if below else ""

    def _sibling_step(self, objective: ObjectiveRow, step: int) -> int | None:
        """The position one step up or down among the owner's objectives of its cycle."""
        siblings = self._siblings().get((objective.owner_id, objective.cycle_id), [])
        index = siblings.index(objective.id) + step if objective.id in siblings else -1
        return index if 0 <= index < len(siblings) else None

    def _siblings(self) -> dict[tuple[str, str], list[str]]:
        """Each owner's objectives per cycle, in order; worked out again after a change (the
        commands ask on every change of the selection)."""
        document = self.document
        if document is None:
            return {}
        if document is not self._sibling_document:  # a plan just opened
            document.changed.connect(self._forget_siblings)
            self._sibling_document, self._sibling_order = document, None
        if self._sibling_order is None:
            groups: dict[tuple[str, str], list[ObjectiveRow]] = defaultdict(list)
            for row in document.snapshot.objectives.values():
                groups[(row.owner_id, row.cycle_id)].append(row)
            self._sibling_order = {
                key: [o.id for o in sorted(rows, key=lambda o: (o.position, o.created_at, o.id))]
                for key, rows in groups.items()}
        return self._sibling_order

    def _forget_siblings(self, *_args: object) -> None:
        """After a change; the registry may have refreshed before this, so it refreshes again."""
        self._sibling_order = None
        self.window.commands.refresh()

    def _kr_step(self, kr: KeyResultRow, step: int) -> int | None:
        document = self.document
        if document is None:
            return None
        order = document.snapshot.krs_of.get(kr.objective_id, [])
        index = order.index(kr.id) + step
        return index if 0 <= index < len(order) else None

    def _go_to_link_end(self, *, source: bool) -> None:
        link = self.link()
        if link is not None:
            self.window.focus_objective(link.source_id if source else link.target_id)
