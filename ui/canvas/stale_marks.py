"""The stale marks the cards show. Working them out reads the newest check-in of every key
result, which takes a while on a large plan: the first cards are drawn without marks, and the
marks follow as soon as the event loop is free (then every card made so far gets them). On a
new day (the document tells of it at midnight) every card made so far is marked anew."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer

from okrdesk.snapshot import Snapshot

from ..document import PlanDocument
from .card_store import CardStore
from .faces import CardFace

NONE_YET: Mapping[str, int] = {}
NEW_DAY_MARKS = "newDayMarks"
DIRECT = Qt.FindChildOption.FindDirectChildrenOnly


class PlacedScene(Protocol):
    """What of the canvas scene (scene_base.py, which asks this module) the marks need."""

    document: PlanDocument
    faces: dict[str, CardFace]
    cards: CardStore

    @property
    def snapshot(self) -> Snapshot: ...

    def face_of(self, objective_id: str) -> CardFace: ...


class NewDayMarks(QObject):
    """A child of the scene, made with its first marks: on a new day its cards are marked
    again (and the link goes with the scene)."""

    def __init__(self, scene: PlacedScene) -> None:
        assert isinstance(scene, QObject)
        super().__init__(scene)
        self.setObjectName(NEW_DAY_MARKS)
        self.scene = scene
        scene.document.day_changed.connect(self.mark_again)

    def mark_again(self, _day: object) -> None:
        _mark(self.scene)


def stale_marks(scene: PlacedScene) -> Mapping[str, int]:
    """The stale key results' days without a check-in, or none until they are worked out."""
    assert isinstance(scene, QObject)  # the timers go with the scene
    if scene.findChild(NewDayMarks, NEW_DAY_MARKS, DIRECT) is None:
        NewDayMarks(scene)
    rhythm = scene.document.rhythm
    if rhythm.known():
        return rhythm.stale_days()
    if not rhythm.wanted:
        rhythm.wanted = True
        QTimer.singleShot(0, scene, lambda: _mark(scene))
    return NONE_YET


def _mark(scene: PlacedScene) -> None:
    rhythm = scene.document.rhythm
    rhythm.wanted = False
    rhythm.stale_days()
    scene.faces.clear()  # faces kept for cards not made yet are made again when drawn
    for objective_id, item in list(scene.cards.made.items()):
        if objective_id in scene.snapshot.objectives:
            item.set_face(scene.face_of(objective_id))
