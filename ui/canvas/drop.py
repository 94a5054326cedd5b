"""What a drop on the canvas does: one decision, testable without a mouse or a drag loop.

A drag carries what it drags as QMimeData (drag_mime.py). `DropHandler.judge` says what
dropping it at a scene point would do, or why not (a `Verdict`, verdict.py); `drop` does it as
one undo step, named after the objective it changes, and says what it did.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from PySide6.QtCore import QMimeData, QPointF, Qt

from okrdesk import ops
from okrdesk.ops.rules import (
    SnapshotFacts,
    alignment_refusal,
    contribution_refusal,
    delegation_refusal,
)
from okrdesk.snapshot import UnitRow
from okrdesk.storage import ChangeSet, Plan

from ..translation import tr
from .drag_mime import OBJECTIVE_MIME, dragged
from .drop_targets import Targets, valid_targets
from .items import CardItem
from .lanes import Lane
from .scene import CanvasScene
from .verdict import Verdict, message_names, short, title_of

LINK_MODIFIERS = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier

OwnerChooser = Callable[[Lane, list[UnitRow]], str | None]

__all__ = ["DropHandler", "Targets", "Verdict", "short"]


class DropHandler:
    def __init__(self, scene: CanvasScene, choose_owner: OwnerChooser) -> None:
        self.scene = scene
        self.choose_owner = choose_owner

    @property
    def _plan(self) -> Plan:
        return self.scene.document.plan

    # -- deciding -----------------------------------------------------------------------

    def judge(self, mime: QMimeData, scene_pos: QPointF,
              modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
              *, asking: bool = False) -> Verdict:
        """What dropping `mime` at `scene_pos` would do; `asking` lets it ask for an owner."""
        what = dragged(mime)
        if what is None:
            return Verdict(tr("Only objectives and key results can be dropped on the canvas."))
        kind, row_id, hotspot = what
        facts = SnapshotFacts(self.scene.snapshot)
        if kind == OBJECTIVE_MIME:
            if facts.objective(row_id) is None:
                return Verdict(tr("That objective is no longer in the plan."))
            if modifiers & LINK_MODIFIERS:
                return self._judge_link(facts, row_id, scene_pos)
            return self._judge_objective(facts, row_id, scene_pos - hotspot, scene_pos)
        if facts.key_result(row_id) is None:
            return Verdict(tr("That key result is no longer in the plan."))
        return self._judge_key_result(facts, row_id, scene_pos, asking=asking)

    def _judge_link(self, facts: SnapshotFacts, source_id: str, pos: QPointF) -> Verdict:
        source = self.scene.card(source_id)
        target = self.scene.card_at(pos, ignore=source)
        if target is None:
            return Verdict(tr("Drop on another objective's card to show that this one "
                              "contributes to it."))
        refusal = contribution_refusal(facts, source_id, target.objective_id)
        if refusal:
            return Verdict(refusal)
        plan, target_id = self._plan, target.objective_id
        names = message_names(source=title_of(facts, source_id), target=target.face.title)
        return Verdict(tr("Link: “{source}” contributes to “{target}”.").format(**names),
                       tr("Link “{source}” to “{target_short}”").format(**names),
                       lambda: ops.add_contribution(plan, source_id, target_id),
                       done=tr("“{source}” now contributes to “{target}”.").format(**names))

    def _judge_objective(self, facts: SnapshotFacts, child_id: str, top_left: QPointF,
                         pos: QPointF) -> Verdict:
        plan, card = self._plan, self.scene.card(child_id)
        row = self.scene.row_at(pos, ignore=card)
        if row is not None:
            parent_id, kr_id = row.card.objective_id, row.face.kr_id
            refusal = alignment_refusal(facts, child_id, parent_id, under_kr_id=kr_id)
            if refusal:
                return Verdict(refusal)
            names = message_names(child=title_of(facts, child_id), kr=row.face.title,
                           parent=row.card.face.title)
            return Verdict(tr("Align “{child}” under key result “{kr}” of “{parent}”.")
                           .format(**names),
                           tr("Align “{child}” under “{kr_short}”").format(**names),
                           lambda: ops.align_up(plan, child_id, parent_id, under_kr_id=kr_id),
                           done=tr("Aligned “{child}” under key result “{kr}” of “{parent}”.")
                           .format(**names))
        target = self.scene.card_at(pos, ignore=card)
        if target is not None:
            parent_id = target.objective_id
            refusal = alignment_refusal(facts, child_id, parent_id)
            if refusal:
                return Verdict(refusal)
            names = message_names(child=title_of(facts, child_id), parent=target.face.title)
            return Verdict(tr("Align “{child}” up: it becomes a key result of “{parent}”.")
                           .format(**names),
                           tr("Align “{child}” up to “{parent_short}”").format(**names),
                           lambda: ops.align_up(plan, child_id, parent_id),
                           done=tr("Aligned “{child}” up: it is now a key result of "
                                   "“{parent}”.").format(**names))
        return self._judge_move(child_id, card, top_left, pos)

    def _judge_move(self, objective_id: str, card: CardItem | None, top_left: QPointF,
                    pos: QPointF) -> Verdict:
        lane = self.scene.lanes.lane_at(pos.y())
        if card is None:
            return Verdict(tr("Drop on a higher objective's card to align this objective to it."))
        own = self.scene.lane_of(card)
        if lane is None or lane is not own:
            return Verdict(tr("A card moves only within its own lane ({lane}); drop it on a "
                              "higher objective's card to align it.").format(lane=own.name))
        x, y = self.scene.stored_position(card, top_left)
        if abs(x - card.spot[0]) < 1 and abs(y - card.spot[1]) < 1:
            return Verdict(tr("The card is back where it was."))
        plan, title = self._plan, short(card.face.title)
        return Verdict(tr("Move “{title}” here.").format(title=title),
                       tr("Move “{title}”").format(title=title),
                       lambda: ops.place_card(plan, objective_id, x, y))

    def _judge_key_result(self, facts: SnapshotFacts, kr_id: str, pos: QPointF, *,
                          asking: bool) -> Verdict:
        kr = facts.key_result(kr_id)
        assert kr is not None
        owner_card = self.scene.card(kr.objective_id)
        target = self.scene.card_at(pos)
        if target is owner_card and owner_card is not None:
            return Verdict(tr("Drag the key result down into a lower lane to delegate it."))
        lane = self.scene.lanes.lane_at(pos.y())
        if target is None and lane is None:
            return Verdict(tr("Drop the key result into a lower lane to delegate it."))
        owner_id = (facts.objective(target.objective_id).owner_id  # type: ignore[union-attr]
                    if target is not None else self._owner_in_lane(lane, pos, asking=asking))
        if owner_id is None:
            return Verdict(tr("Choose who in {lane} takes over “{kr}”.").format(
                lane=lane.name if lane else tr("that lane"), kr=kr.title)
                if not asking else tr("No owner was chosen."))
        refusal = delegation_refusal(facts, kr_id, owner_id)
        if refusal:
            return Verdict(refusal)
        plan, owner = self._plan, facts.unit(owner_id)
        name = owner.name if owner is not None else tr("them")
        spot = None
        if target is None and lane is not None:
            spot = (round(pos.x() - 30.0, 1), round(max(0.0, pos.y() - lane.top - 20.0), 1))

        def delegate() -> ChangeSet:
            with plan.change("Delegate down") as transaction:  # delegate and place together
                changes = ops.delegate_down(plan, kr_id, owner_id)
                if spot is not None:
                    ops.place_card(plan, changes.new_id("objectives"), *spot)
            return transaction.changeset()

        names = message_names(kr=kr.title, name=name)
        return Verdict(tr("Delegate “{kr}” to {name} as a new objective.").format(**names),
                       tr("Delegate “{kr}” to {name}").format(**names), delegate,
                       select_new=True,
                       done=tr("Delegated “{kr}” to {name} as a new objective.").format(**names))

    def _owner_in_lane(self, lane: Lane | None, pos: QPointF, *, asking: bool) -> str | None:
        """The owner of the card nearest the drop in that lane, else one chosen from its level."""
        if lane is None:
            return None
        snapshot = self.scene.snapshot
        nearest = min(
            (card for card in self.scene.cards.places.values()
             if card.level_id == lane.level_id),
            key=lambda card: _distance(card.scene_rect().center(), pos), default=None)
        if nearest is not None:
            return snapshot.objectives[nearest.objective_id].owner_id
        people = sorted((u for u in snapshot.units.values() if u.level_id == lane.level_id),
                        key=lambda unit: unit.name)
        if not people:
            return None
        if len(people) == 1:
            return people[0].id
        return self.choose_owner(lane, people) if asking else None

    # -- doing --------------------------------------------------------------------------

    def drop(self, mime: QMimeData, scene_pos: QPointF,
             modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> Verdict:
        """Do what `judge` says, as one undo step; a refused drop changes nothing, and the
        verdict says why."""
        verdict = self.judge(mime, scene_pos, modifiers, asking=True)
        if verdict.operation is None:
            return verdict
        document = self.scene.document
        changes = document.run(verdict.label, verdict.operation)
        verdict.applied = bool(changes)
        if changes and verdict.select_new:
            document.select("objectives", changes.new_id("objectives"))
        return verdict

    # -- highlighting -------------------------------------------------------------------

    def targets(self, mime: QMimeData, among: Iterable[CardItem]) -> Targets:
        """Which of the cards `among` (and which lanes and rows) would accept this drag."""
        return valid_targets(self.scene, mime, among)


def _distance(a: QPointF, b: QPointF) -> float:
    return float(math.hypot(a.x() - b.x(), a.y() - b.y()))
