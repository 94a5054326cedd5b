"""Objective cards and their key-result rows. Each draws a face read from the snapshot; none
holds plan data of its own."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from .card_header import paint_header, paint_tags, title_lines
from .card_paint import paint_chip, paint_compact_header, paint_row_body
from .card_place import CardPlace
from .detail import Detail, detail_at
from .drag_look import paint_card_marks, paint_row_marks
from .faces import CardFace, RowFace
from .marks import Marks
from .theme import CARD_PAD, CARD_WIDTH, HEADER_HEIGHT, ROW_HEIGHT, Theme

USER_TYPE = 65536  # QGraphicsItem.UserType
CARD_KIND = USER_TYPE + 1
ROW_KIND = USER_TYPE + 2
CARD_Z = 1.0  # above the edges (edges.py) and the lanes
DEVICE_CACHE = QGraphicsItem.CacheMode.DeviceCoordinateCache


def level_of_detail(painter: QPainter, option: QStyleOptionGraphicsItem) -> float:
    return option.levelOfDetailFromTransform(painter.worldTransform())


def row_top(index: int) -> float:
    """Where a card's row `index` begins, below the card's top."""
    return HEADER_HEIGHT + index * ROW_HEIGHT


ROW_RECT = QRectF(0, 0, CARD_WIDTH - 2 * CARD_PAD, ROW_HEIGHT - 3)


class KrRowItem(QGraphicsItem):
    """One key result of a card: a child item so drops and edges can find the exact row."""

    def __init__(self, card: CardItem, face: RowFace, theme: Theme) -> None:
        super().__init__(card)
        self.face = face
        self.theme = theme
        self.marks = Marks()
        self.setCacheMode(DEVICE_CACHE)

    @property
    def card(self) -> CardItem:
        parent = self.parentItem()
        assert isinstance(parent, CardItem)
        return parent

    def type(self) -> int:
        return ROW_KIND

    def boundingRect(self) -> QRectF:
        return ROW_RECT

    def set_face(self, face: RowFace) -> None:
        if face != self.face:
            self.face = face
            self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        lod = level_of_detail(painter, option)
        if detail_at(lod) is Detail.CHIP:
            return
        theme, face, rect = self.theme, self.face, self.boundingRect()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.row)
        painter.drawRoundedRect(rect, 3, 3)
        paint_row_marks(painter, rect, theme, aimed=self.marks.hovered)
        paint_row_body(painter, rect, face, theme, lod)


FaceMaker = Callable[[str], CardFace]


class CardItem(QGraphicsItem):
    """An objective card: title, owner, status, progress, and its key results as rows.

    Its place, level and key results' ids are the plain `CardPlace` it is made for; its face
    is worked out when it is first drawn or read (`make_face`), so cards nobody looks at cost
    no face."""

    def __init__(self, place: CardPlace, face: CardFace | FaceMaker, theme: Theme,
                 rows_shown: bool = True) -> None:
        super().__init__()
        self.place = place
        self._face: CardFace | None = face if isinstance(face, CardFace) else None
        self._make_face: FaceMaker | None = None if isinstance(face, CardFace) else face
        if isinstance(face, CardFace):
            place.kr_ids = tuple(row.kr_id for row in face.rows)
        self.theme = theme
        self.marks = Marks()
        self._rows: list[KrRowItem] = []
        self.rows_made = False  # rows are made for cards near the view (scene.py), or on request
        self.rows_shown = rows_shown
        self._lines: list[str] | None = None
        self._bounds = QRectF(-4, -4, CARD_WIDTH + 8, self.height + 8)
        self.setCacheMode(DEVICE_CACHE)  # a constant: the enum lookup adds up on 30,000 cards
        self.setZValue(CARD_Z)

    @property
    def objective_id(self) -> str:
        return self.place.objective_id

    @property
    def level_id(self) -> str:
        return self.place.level_id

    @level_id.setter
    def level_id(self, level_id: str) -> None:
        self.place.level_id = level_id

    @property
    def spot(self) -> tuple[float, float]:
        """x, and y within the lane."""
        return self.place.spot

    @spot.setter
    def spot(self, spot: tuple[float, float]) -> None:
        self.place.spot = spot

    @property
    def default_spot(self) -> tuple[float, float] | None:
        return self.place.default_spot

    @default_spot.setter
    def default_spot(self, spot: tuple[float, float] | None) -> None:
        self.place.default_spot = spot

    @property
    def face(self) -> CardFace:
        if self._face is None:
            assert self._make_face is not None
            self._face = self._make_face(self.objective_id)
            self._make_face = None
        return self._face

    def type(self) -> int:
        return CARD_KIND

    @property
    def height(self) -> float:
        return self.place.height

    def row_index(self, kr_id: str) -> int | None:
        """Which of the card's rows shows the key result (known before the rows are made)."""
        return self.place.row_index(kr_id)

    def card_rect(self) -> QRectF:
        return QRectF(0, 0, CARD_WIDTH, self.height)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def show_rows(self, shown: bool) -> None:
        """Rows are hidden when zoomed far out; the card then draws a plain block."""
        if shown != self.rows_shown:
            self.rows_shown = shown
            for row in self._rows:
                row.setVisible(shown)

    @property
    def rows(self) -> list[KrRowItem]:
        """The key-result rows, made now if the card has none yet."""
        if not self.rows_made:
            self.make_rows()
        return self._rows

    def make_rows(self) -> None:
        self.rows_made = True
        self._sync_rows()

    def drop_rows(self) -> None:
        """Let go of the rows (the card is far from the view); they are made again when needed."""
        self.rows_made = False
        for row in self._rows:
            if row.scene() is not None:
                row.scene().removeItem(row)
            row.setParentItem(None)  # type: ignore[arg-type]
        self._rows = []

    def row_for(self, kr_id: str) -> KrRowItem | None:
        return next((row for row in self.rows if row.face.kr_id == kr_id), None)

    def set_face(self, face: CardFace) -> None:
        if self._face is None:  # never shown yet: nothing drawn to compare with
            self._face, self._make_face, self._lines = face, None, None
        elif face == self._face:
            return
        kr_ids = tuple(row.kr_id for row in face.rows)
        if len(kr_ids) != len(self.place.kr_ids):
            self.prepareGeometryChange()
        self.place.kr_ids = kr_ids
        if face.title != self.face.title:
            self._lines = None
        self._face = face
        self._bounds = self.card_rect().adjusted(-4, -4, 4, 4)
        if self.rows_made:
            self._sync_rows()
        self.update()

    def set_theme(self, theme: Theme) -> None:
        self.theme, self._lines = theme, None
        for row in self._rows:
            row.theme = theme
            row.update()
        self.update()

    def _sync_rows(self) -> None:
        faces, rows = self.face.rows, self._rows
        while len(rows) > len(faces):
            row = rows.pop()
            if row.scene() is not None:
                row.scene().removeItem(row)
            row.setParentItem(None)  # type: ignore[arg-type]
        for index, face in enumerate(faces):
            if index < len(rows):
                rows[index].set_face(face)
            else:
                row = KrRowItem(self, face, self.theme)
                row.setVisible(self.rows_shown)
                rows.append(row)
            rows[index].setPos(CARD_PAD, row_top(index))

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        theme, face, rect = self.theme, self.face, self.card_rect()
        border = self._border()
        lod = level_of_detail(painter, option)
        detail = detail_at(lod)
        if detail is Detail.CHIP:
            paint_chip(painter, rect, face, theme, lod, border)
            paint_card_marks(painter, rect, theme, target=self.marks.target,
                             aimed=self.marks.hovered)
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(border, 3) if border is not None else QPen(theme.card_border, 1))
        painter.setBrush(theme.card)
        painter.drawRoundedRect(rect, 7, 7)
        paint_card_marks(painter, rect, theme, target=self.marks.target, aimed=self.marks.hovered)
        if detail is Detail.FULL:
            if self._lines is None:
                self._lines = title_lines(face.title, rect, theme)
            paint_header(painter, rect, face, theme, self._lines)
        else:
            paint_compact_header(painter, rect, face, theme, lod)
            paint_tags(painter, rect, face, theme)

    def _border(self) -> QColor | None:
        if self.marks.hovered:
            return self.theme.valid_target
        if self.marks.selected:
            return self.theme.selected
        if self.face.orphan:
            return self.theme.orphan
        return None
