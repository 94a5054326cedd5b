"""Writing on the canvas in place: a new objective where the planner double-clicks in a lane, key
results typed under a card, titles edited where they are shown. One editor at a time; a click
elsewhere on the canvas finishes it (what is complete is committed, the rest dropped)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF
from PySide6.QtWidgets import QGraphicsView

from ..document import PlanDocument
from ..translation import tr
from .card_lines import TITLE, CardLines
from .edit_session import AuthoringParts, EditSession
from .lanes import SLOT_WIDTH, Lane
from .objective_draft import NEW_CARD_HEIGHT, ObjectiveDraft
from .owners import owners_at
from .placement import free_spot
from .scene import CanvasScene
from .theme import CARD_GAP_X, CARD_PAD, LANE_LABEL_WIDTH, LANE_PAD_BOTTOM, LANE_PAD_TOP

TITLE_DROP = 18.0  # from a card's top to the middle of its first title line
EDGE = 8.0  # the least room kept between a new card and its lane's edges


class CanvasAuthoring(QObject):
    def __init__(self, view: QGraphicsView, scene: CanvasScene, document: PlanDocument,
                 tell: Callable[[str], None]) -> None:
        super().__init__(view)
        self.view, self.scene, self.document, self.tell = view, scene, document, tell
        self.parts = AuthoringParts(view, scene, document, tell, self._closed)
        self.session: EditSession | None = None
        view.viewport().installEventFilter(self)
        for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
            bar.valueChanged.connect(self._follow)
        document.changed.connect(self._follow)
        document.cycle_changed.connect(self.cancel)

    @property
    def editing(self) -> bool:
        return self.session is not None

    # -- starting ---------------------------------------------------------------------------

    def new_objective_at(self, scene_point: QPointF) -> bool:
        """Open the editor of a new objective at a point of a lane (a double-click there)."""
        lane = self.scene.lanes.lane_at(scene_point.y())
        if lane is None or scene_point.x() < LANE_LABEL_WIDTH - 10:
            return False
        x = max(LANE_LABEL_WIDTH + CARD_GAP_X / 2, scene_point.x() - CARD_PAD)
        y = scene_point.y() - lane.top - TITLE_DROP
        y = max(EDGE, min(y, lane.height - NEW_CARD_HEIGHT - EDGE))
        return self._draft(lane, (round(x, 1), round(y, 1)))

    def new_objective(self) -> bool:
        """Open the editor of a new objective from the keyboard: in the lane of the selected
        card or level (else the lane in the middle of the view), at the nearest free place."""
        lane, wanted = self._lane_for_keyboard()
        if lane is None:
            self.tell(tr("The plan has no levels yet: add one in the Organisation panel."))
            return False
        taken = [(c.spot[0], c.spot[1], c.spot[1] + c.height)
                 for c in self.scene.cards.places.values() if c.level_id == lane.level_id]
        rows = int((lane.height - LANE_PAD_TOP - LANE_PAD_BOTTOM) // lane.slot_height) + 1
        x, y = free_spot(wanted, taken, NEW_CARD_HEIGHT,
                         [LANE_PAD_TOP + row * lane.slot_height for row in range(rows)],
                         LANE_LABEL_WIDTH + CARD_GAP_X, SLOT_WIDTH)
        return self._draft(lane, (x, y))

    def add_key_result(self) -> bool:
        """Open an empty key-result row under the selected card's rows."""
        objective_id = self._selected_card()
        if objective_id is None:
            return False
        return self._lines(objective_id, len(self.document.snapshot.krs_of.get(objective_id, ())))

    def edit_title(self) -> bool:
        """Edit the selected card's title in place (its key result's, on a selected row)."""
        objective_id = self._selected_card()
        if objective_id is None:
            return False
        table, row_id = self.document.selected
        krs = list(self.document.snapshot.krs_of.get(objective_id, ()))
        index = krs.index(row_id) if table == "key_results" and row_id in krs else TITLE
        return self._lines(objective_id, index)

    def can_write(self) -> bool:
        return not self.document.read_only and self.document.cycle_id in \
            self.document.snapshot.cycles

    def has_card(self) -> bool:
        return self._selected_id() in self.scene.cards

    # -- ending -----------------------------------------------------------------------------

    def finish(self) -> None:
        if self.session is not None:
            self.session.finish()

    def cancel(self, *_args: object) -> None:
        if self.session is not None:
            self.session.cancel()

    # -- inside -----------------------------------------------------------------------------

    def _draft(self, lane: Lane, spot: tuple[float, float]) -> bool:
        if not self._writable():
            return False
        owners = owners_at(self.document.snapshot, lane.level_id)
        if not owners:
            self.tell(tr("No one is at the level {level} yet: add a person or team there "
                         "first.").format(level=lane.name))
            return False
        self.finish()
        x, y = spot
        self.scene.make_room(x + SLOT_WIDTH)  # room to scroll to, near the right edge
        self.view.ensureVisible(QRectF(x, lane.top + y, SLOT_WIDTH, NEW_CARD_HEIGHT), 20, 20)
        draft = ObjectiveDraft(self.parts, lane, spot, owners, self.document.cycle_id)
        self.session = draft
        draft.start()
        return True

    def _lines(self, objective_id: str, index: int) -> bool:
        if not self._writable():
            return False
        self.finish()
        card = self.scene.card(objective_id)
        if card is None:
            return False
        self.view.ensureVisible(card, 30, 30)
        lines = CardLines(self.parts, objective_id, index)
        self.session = lines
        lines.start()
        return True

    def _writable(self) -> bool:
        if self.document.read_only:
            self.tell(tr("The plan is open read-only: nothing can be written in it."))
            return False
        if self.document.cycle_id not in self.document.snapshot.cycles:
            self.tell(tr("The plan has no cycle yet: add a year first."))
            return False
        return True

    def _selected_id(self) -> str:
        table, row_id = self.document.selected
        if table == "key_results":
            kr = self.document.snapshot.key_results.get(row_id)
            return kr.objective_id if kr is not None else ""
        return row_id if table == "objectives" else ""

    def _selected_card(self) -> str | None:
        objective_id = self._selected_id()
        if objective_id not in self.scene.cards:
            self.tell(tr("Select a card on the canvas first."))
            return None
        return objective_id

    def _lane_for_keyboard(self) -> tuple[Lane | None, float]:
        lanes = self.scene.lanes
        middle = self.view.mapToScene(self.view.viewport().rect().center())
        card = self.scene.cards.places.get(self._selected_id())
        if card is not None:
            return lanes.get(card.level_id), card.spot[0]
        table, row_id = self.document.selected
        if table == "levels" and lanes.get(row_id) is not None:
            return lanes.get(row_id), middle.x()
        lane = lanes.lane_at(middle.y()) or (lanes.lanes[0] if lanes.lanes else None)
        return lane, middle.x()

    def _closed(self) -> None:
        self.session = None
        self.view.setFocus()

    def _follow(self, *_args: object) -> None:
        if self.session is not None:
            self.session.follow()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A press on the viewport (it is all this watches) finishes the editor. The event's
        type is asked first: the viewport sends events while the window is being taken down."""
        if event.type() == QEvent.Type.MouseButtonPress and self.session is not None:
            self.session.finish()
        return False
