"""The alignment canvas widget: lanes of objective cards with drag-and-drop alignment."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPixmapCache,
    QResizeEvent,
)
from PySide6.QtWidgets import QGraphicsView, QWidget

from ..document import PlanDocument
from .arrange import Arranger
from .authoring import CanvasAuthoring
from .drop import DropHandler
from .drop_note import DropNote
from .framing import draw_lane_labels, frame, top_of_tree
from .gesture_view import GestureView
from .gestures import Gestures, PinchZoom
from .hover import HoverTips
from .interactions import CanvasParts, Interaction
from .items import CardItem, KrRowItem
from .minimap import SHOW_ABOVE, MiniMap
from .navigation import DIRECTIONS, matching
from .owner_dialog import ask_for_owner
from .panel_drops import PanelDrops
from .presentation import PRESENTATION_TYPE, WALK_KEYS, Presentation
from .scene import CanvasScene
from .selection_mark import SelectionMark
from .targets import CanvasTarget, TargetKind, target_at
from .theme import SIMPLE_DRAWING_BELOW, theme_for

READABLE = 0.5  # the lowest zoom a frame chosen for the user goes to: titles still read
DIMMED = 0.18
PIXMAP_CACHE_KB = 96 * 1024


class CanvasView(GestureView):
    """Shows the document's current cycle; every gesture is one undo step of the document."""

    status_message = Signal(str)  # why a drop was refused, what a drag will do
    context_menu_requested = Signal(object, QPoint)  # CanvasTarget, global position
    leave_presentation = Signal()  # Esc in presentation mode

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.canvas_scene = CanvasScene(document, theme_for(self.palette()), self)
        self.setScene(self.canvas_scene)
        self.drop_handler = DropHandler(self.canvas_scene, partial(ask_for_owner, self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        # Edges are drawn for the cards in view, so every frame is drawn whole (cards come
        # from their caches).
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(True)
        if QPixmapCache.cacheLimit() < PIXMAP_CACHE_KB:
            QPixmapCache.setCacheLimit(PIXMAP_CACHE_KB)
        self._focus: set[str] | None = None
        self.offsite = False  # presentation mode (named for the offsite it is used at)
        self.presentation = Presentation(self, self.canvas_scene, document,
                                         self.status_message.emit, self.frame_focus)
        self.hover_tips = HoverTips(self, lambda: self.gestures.busy)
        self.minimap = MiniMap(self, self.canvas_scene)
        self.drop_note = DropNote(self, document.undo_stack, lambda: self.canvas_scene.theme,
                                  lambda: (self.minimap,))
        self.gesture_parts = CanvasParts(self, document, self.canvas_scene, self.drop_handler,
                                         self.visible_cards, self.opacity_for,
                                         self.status_message.emit, self.end_interaction,
                                         self.drop_note)
        self.gestures = Gestures(self.gesture_parts)
        self.selection = SelectionMark(document, self.canvas_scene, self.ensureVisible,
                                       lambda: self._interaction is not None)
        self.panel_drops = PanelDrops(self, self.drop_handler, self.drop_note,
                                      self.status_message.emit)
        self.pinch = PinchZoom(self, lambda factor: self.set_zoom(self.zoom * factor))
        self.minimap.view_moved.connect(self._hold_view)
        self.arranger = Arranger(self.canvas_scene, self)
        self.arranger.message.connect(self.status_message)
        self.arranger.arranged.connect(self.fit_all)
        self.context_target = CanvasTarget(TargetKind.NOTHING)  # the last right-click's
        self.authoring = CanvasAuthoring(self, self.canvas_scene, document,
                                         self.status_message.emit)
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
            bar.actionTriggered.connect(self._hold_view)
        document.selection_changed.connect(self._follow_selection)
        document.changed.connect(self._after_change)
        document.cycle_changed.connect(self._after_cycle_change)
        self._after_change(None)

    # -- the contract with the window -----------------------------------------------------

    def show_top(self) -> None:
        """The highest two lanes, as large as fits and still readable: where a plan is read
        from, and what the view shows on opening."""
        frame(self, top_of_tree(self.canvas_scene), (READABLE, 1.0))
        self.after_zoom()

    def center_on_objective(self, objective_id: str) -> None:
        """Bring a card into the middle of the view, readable, and select it."""
        card = self.canvas_scene.card(objective_id)
        if card is None:
            return
        self.auto_frame = False
        self.document.select("objectives", objective_id)
        if self.offsite:
            self.frame_focus()
            return
        if self.zoom < 0.7:
            self.set_zoom(1.0)
        self.centerOn(card)

    def find(self, text: str) -> list[str]:  # type: ignore[override]
        return matching(self.document.snapshot, self.canvas_scene.cards, text)

    def arrange(self) -> None:
        """Lay the cards out from Graphviz positions, as one undo step; a large plan is laid
        out in the background (Esc cancels) and the window stays responsive."""
        self.arranger.start()

    def set_offsite_mode(self, on: bool) -> None:
        """Presentation mode (presentation.py): large type, the selected tree filling the view
        at a size a room can read, the arrow keys walking it; off restores the view."""
        self.offsite = on
        self.auto_frame = False
        if on:
            self.presentation.start()
        else:
            self.presentation.stop()
        self.refocus()
        if on:
            self.frame_focus()
        else:
            self.after_zoom()

    def set_dimming(self, on: bool) -> None:
        """In presentation mode, dim what is outside the selected tree (or not)."""
        self.presentation.dim = on
        self.refocus()

    def frame_focus(self) -> None:
        self.presentation.frame()
        self.after_zoom()

    # -- helpers for the interactions -------------------------------------------------------

    def visible_cards(self) -> list[CardItem]:
        seen = self.mapToScene(self.viewport().rect()).boundingRect()
        return self.canvas_scene.cards_in(seen)

    def opacity_for(self, objective_id: str) -> float:
        return 1.0 if self._focus is None or objective_id in self._focus else DIMMED

    @property
    def _interaction(self) -> Interaction | None:
        """The gesture under way (a pan or a drag), if any."""
        return self.gestures.current

    def end_interaction(self) -> None:
        self.gestures.current = None

    # -- following the document --------------------------------------------------------------

    def _follow_selection(self, table: str, row_id: str) -> None:
        self.selection.follow(table, row_id)
        if self.offsite:
            self.refocus()

    def _hold_view(self, _action: int = 0) -> None:
        self.auto_frame = False

    def _after_cycle_change(self, _cycle: str) -> None:
        self._after_change(None)
        self.auto_frame = True
        self.show_top()

    def _after_change(self, _changes: object) -> None:
        self.selection.forget()
        self._detail_for_zoom()
        self._follow_selection(*self.document.selected)
        self.minimap.set_needed(len(self.canvas_scene.cards) > SHOW_ABOVE)
        if self.offsite:
            self.refocus()

    def refocus(self) -> None:
        self._focus = self.presentation.dimmed()
        self.canvas_scene.set_focus(self._focus)

    # -- zoom, keys, mouse --------------------------------------------------------------------

    def after_zoom(self) -> None:
        self.minimap.update()
        self._detail_for_zoom()

    def _detail_for_zoom(self) -> None:
        self.canvas_scene.show_rows(self.zoom >= SIMPLE_DRAWING_BELOW)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self.minimap.update()

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        draw_lane_labels(painter, self, self.canvas_scene)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.gestures.key_press(event):  # Esc during a gesture, Space to pan
            return
        self.auto_frame = False
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key == Qt.Key.Key_Minus:
            self.zoom_out()
        elif key in WALK_KEYS and self.offsite:
            self.presentation.walk(Qt.Key(key))
        elif key in DIRECTIONS:
            self.selection.step(DIRECTIONS[Qt.Key(key)])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selection.current():
            current = self.selection.current()
            assert current is not None
            self.center_on_objective(current.objective_id)
        elif key == Qt.Key.Key_Escape and self.arranger.busy:
            self.arranger.cancel()
        elif key == Qt.Key.Key_Escape and self.offsite:
            self.leave_presentation.emit()
        else:
            super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Say what is under the mouse (a card, a row, an edge, a lane); the window's commands
        select it and offer their menu."""
        if self._interaction is not None:
            return
        self.context_target = target_at(self.canvas_scene, self.mapToScene(event.pos()),
                                        self.zoom)
        self.context_menu_requested.emit(self.context_target, event.globalPos())
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """On a card: bring it to the middle (and on a key-result row, open that key result);
        on an empty spot of a lane: write a new objective there."""
        scene_pos = self.mapToScene(event.position().toPoint())
        item = self.canvas_scene.item_at(scene_pos)
        if isinstance(item, KrRowItem):
            self.center_on_objective(item.card.objective_id)
            self.document.select("key_results", item.face.kr_id)
        elif isinstance(item, CardItem):
            self.center_on_objective(item.objective_id)
        elif event.button() == Qt.MouseButton.LeftButton:
            self.authoring.new_objective_at(scene_pos)

    # -- drops from other panels ----------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.panel_drops.enter(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.panel_drops.move(event)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.panel_drops.leave()

    def dropEvent(self, event: QDropEvent) -> None:
        self.panel_drops.drop(event)

    # -- widget events ------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.minimap.place()
        if self.drop_note.isVisible():
            self.drop_note.place()
        if self.auto_frame:
            self.show_top()
        elif self.offsite:
            self.frame_focus()  # the window went full screen
        else:
            self.presentation.keep_return()  # the window coming back from full screen

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            scale = PRESENTATION_TYPE if self.offsite else 1.0
            self.canvas_scene.set_theme(theme_for(self.palette()).scaled(scale))
            self.minimap.schedule()
