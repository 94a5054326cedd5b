"""Presentation mode: the focused tree large enough to read from the back of a room.

The focus is the selected objective with its line of sight up and everything aligned under it.
The view zooms so that card titles are at least 24 pixels high on a 1080-line screen (the same
share of the height on any other screen), shows the whole tree when it fits at that size and
the selected card with its parent and children when it does not. The arrow keys walk the tree:
Left and Right among the siblings, Up to the parent, Down to a child (the one the walk came up
from, else the first), and the view follows. Dimming the rest is a choice, off by default:
the room keeps seeing the whole plan around the tree.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QTransform
from PySide6.QtWidgets import QGraphicsView

from okrdesk.rulebook import children_of, parent_of

from ..document import PlanDocument
from ..translation import tr
from .card_place import CardPlace
from .detail import full_title_px
from .faces import tree_of
from .framing import cards_area
from .items import CardItem
from .navigation import first_card
from .scene import CanvasScene
from .theme import theme_for

PRESENTATION_TYPE = 1.2  # the canvas's type scale in presentation mode
TITLE_PX_AT_1080 = 24.0  # on-screen height of a card title on a 1080-line screen
REFERENCE_LINES = 1080.0
SMALLEST_TITLE_PX = 16.0  # never less, whatever the screen
LARGEST_GAIN = 1.4  # a small tree is drawn at most this much larger than readable
MARGIN = 50.0  # scene units around what a frame shows
CURRENT_AT = 0.2  # a card in a tree too tall for the screen sits this far down the view
SETTLING_MS = 1000  # after leaving, the window's size may still change this long (on X11)

WALK_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down)


class Presentation:
    """Presentation mode of one canvas view; the window hides its panels around it. `say`
    shows a short message; `follow` brings the selection into view (a walk's last step)."""

    def __init__(self, view: QGraphicsView, scene: CanvasScene, document: PlanDocument,
                 say: Callable[[str], object], follow: Callable[[], object]) -> None:
        self.view = view
        self.scene = scene
        self.document = document
        self.say = say
        self.follow = follow
        self.on = False
        self.dim = False
        self._came_up_from: dict[str, str] = {}  # parent id -> the child a walk left
        self._before: tuple[QTransform, QPointF] | None = None
        self.returning_to: QPointF | None = None  # the centre to keep while the window settles
        self._settled = QTimer(singleShot=True, interval=SETTLING_MS)
        self._settled.timeout.connect(self._forget_return)

    # -- entering and leaving ---------------------------------------------------------------

    def start(self) -> None:
        view = self.view
        if not self.on:
            center = view.mapToScene(view.viewport().rect().center())
            self._before = (view.transform(), QPointF(center))
        self.on = True
        self._scroll_bars(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the arrow keys move it
        self._set_type(PRESENTATION_TYPE)
        if self.current() is None:
            first = first_card(self.scene.cards.places.values())
            if first is not None:
                self.document.select("objectives", first.objective_id)

    def stop(self) -> None:
        view = self.view
        self.on = False
        self._came_up_from.clear()
        self._set_type(1.0)
        self._scroll_bars(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        before, self._before = self._before, None
        if before is not None:
            transform, center = before
            view.setTransform(transform)
            view.centerOn(center)
            # and again as the window comes back to its size and lays its panels and bars
            # out around the view (the view's resizes call `keep_return`)
            self.returning_to = QPointF(center)
            self._settled.start()
            QTimer.singleShot(0, view, self.keep_return)

    def keep_return(self) -> None:
        """While the window settles after presentation mode: the centre the view had before."""
        if self.returning_to is not None and not self.on:
            self.view.centerOn(self.returning_to)

    def _forget_return(self) -> None:
        self.returning_to = None

    def dimmed(self) -> set[str] | None:
        """The objectives kept bright when the rest is dimmed; None: nothing is dimmed."""
        current = self.current_id()
        if not (self.on and self.dim) or current is None:
            return None
        return tree_of(self.document.snapshot, current)

    def _scroll_bars(self, policy: Qt.ScrollBarPolicy) -> None:
        self.view.setHorizontalScrollBarPolicy(policy)
        self.view.setVerticalScrollBarPolicy(policy)

    def _set_type(self, scale: float) -> None:
        self.scene.set_theme(theme_for(self.view.palette()).scaled(scale))

    # -- what is shown ----------------------------------------------------------------------

    def current_id(self) -> str | None:
        """The selected objective (a selected key result's objective), if it is on the canvas."""
        document = self.document
        table, row_id = document.selected
        if table == "key_results" and row_id in document.snapshot.key_results:
            table, row_id = "objectives", document.snapshot.key_results[row_id].objective_id
        if table == "objectives" and row_id in self.scene.cards:
            return row_id
        return None

    def current(self) -> CardItem | None:
        current = self.current_id()
        return self.scene.card(current) if current is not None else None

    def readable_zoom(self) -> float:
        """The zoom at which a card title is as high as a room needs on this screen."""
        screen = self.view.screen()
        lines = screen.geometry().height() if screen is not None else REFERENCE_LINES
        return title_px_for_screen(lines) / full_title_px(self.scene.theme)

    def frame(self) -> None:
        """Zoom to readable (larger if the whole tree fits) and show the tree, or the selected
        card with its parent and children when the tree is too large for the screen."""
        view, current = self.view, self.current()
        viewport = view.viewport().rect()
        if current is None or viewport.width() < 10 or viewport.height() < 10:
            return
        places, snapshot = self.scene.cards.places, self.document.snapshot
        tree = [places[i] for i in tree_of(snapshot, current.objective_id) if i in places]
        area = cards_area(tree).adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        readable = self.readable_zoom()
        fitting = min(viewport.width() / area.width(), viewport.height() / area.height())
        zoom = min(max(fitting, readable), readable * LARGEST_GAIN)
        factor = zoom / view.transform().m11()
        view.scale(factor, factor)
        seen_w, seen_h = viewport.width() / zoom, viewport.height() / zoom
        near = cards_area(self._family(current.objective_id)).adjusted(-MARGIN, -MARGIN,
                                                                       MARGIN, MARGIN)
        here = current.sceneBoundingRect()
        x = near.center().x() if near.width() <= seen_w else here.center().x()
        y = (near.center().y() if near.height() <= seen_h
             else here.top() - MARGIN + seen_h * (0.5 - CURRENT_AT))
        view.centerOn(QPointF(_within(x, area.left(), area.right(), seen_w),
                              _within(y, area.top(), area.bottom(), seen_h)))

    def _family(self, objective_id: str) -> list[CardPlace]:
        places, snapshot = self.scene.cards.places, self.document.snapshot
        ids = [objective_id, parent_of(snapshot, objective_id) or "",
               *children_of(snapshot, objective_id)]
        return [places[i] for i in ids if i in places]

    # -- walking the tree -------------------------------------------------------------------

    def walk(self, key: Qt.Key) -> None:
        """Move the selection one step along the tree and bring it into view."""
        current = self.current_id()
        if current is None:
            first = first_card(self.scene.cards.places.values())
            if first is not None:
                self._go(first.objective_id)
            return
        target = self._step(current, key)
        if target is None:
            self.say(_nowhere(key))
            return
        if key == Qt.Key.Key_Up:
            self._came_up_from[target] = current
        self._go(target)

    def _step(self, current: str, key: Qt.Key) -> str | None:
        cards, snapshot = self.scene.cards.places, self.document.snapshot
        if key == Qt.Key.Key_Up:
            parent = parent_of(snapshot, current)
            return parent if parent in cards else None
        if key == Qt.Key.Key_Down:
            children = _in_order([cards[c] for c in children_of(snapshot, current) if c in cards])
            came = self._came_up_from.get(current)
            if came is not None and came in children:
                return came
            return children[0] if children else None
        siblings = self.siblings(current)
        index = siblings.index(current) + (1 if key == Qt.Key.Key_Right else -1)
        return siblings[index] if 0 <= index < len(siblings) else None

    def siblings(self, objective_id: str) -> list[str]:
        """The objectives aligned to the same parent, left to right on the canvas; for one
        aligned to nothing shown here, the others like it in its lane."""
        cards, snapshot = self.scene.cards.places, self.document.snapshot
        parent = parent_of(snapshot, objective_id)
        if parent in cards:
            ids = [c for c in children_of(snapshot, parent) if c in cards]
        else:
            lane = cards[objective_id].level_id
            ids = [i for i, card in cards.items()
                   if card.level_id == lane and parent_of(snapshot, i) not in cards]
        return _in_order([cards[i] for i in ids])

    def _go(self, objective_id: str) -> None:
        self.document.select("objectives", objective_id)
        self.follow()


def title_px_for_screen(lines: float) -> float:
    """How high a card title must be on a screen of this many lines to read across a room."""
    return max(SMALLEST_TITLE_PX, TITLE_PX_AT_1080 * lines / REFERENCE_LINES)


def _in_order(cards: list[CardPlace]) -> list[str]:
    return [card.objective_id for card in sorted(cards, key=lambda c: (c.pos().x(),
                                                                       c.pos().y()))]


def _within(middle: float, low: float, high: float, seen: float) -> float:
    """A view's middle kept so that it shows no more beyond [low, high] than it must."""
    if high - low <= seen:
        return (low + high) / 2
    return min(max(middle, low + seen / 2), high - seen / 2)


def _nowhere(key: Qt.Key) -> str:
    if key == Qt.Key.Key_Up:
        return tr("This objective is aligned to nothing above it.")
    if key == Qt.Key.Key_Down:
        return tr("Nothing is aligned under this objective.")
    return tr("No further objective on this level of the tree.")
