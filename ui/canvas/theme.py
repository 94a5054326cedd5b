"""Sizes, fonts and colours of the canvas, in a light and a dark variant."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtGui import QColor, QFont, QPalette

CARD_WIDTH = 250.0
CARD_PAD = 10.0
TITLE_LINES = 2
ROW_HEIGHT = 22.0
HEADER_HEIGHT = 78.0  # title lines, owner line, progress bar
CARD_GAP_X = 34.0
CARD_GAP_Y = 46.0
LANE_LABEL_WIDTH = 150.0
LANE_PAD_TOP = 60.0  # room for the lane name the view pins above the cards
LANE_PAD_BOTTOM = 30.0
MIN_LANE_HEIGHT = 220.0
SIMPLE_DRAWING_BELOW = 0.35  # level of detail under which cards draw as plain blocks


@dataclass(frozen=True)
class Theme:
    background: QColor
    lane_even: QColor
    lane_odd: QColor
    lane_label: QColor
    lane_rule: QColor
    card: QColor
    card_border: QColor
    text: QColor
    muted_text: QColor
    row: QColor
    row_rule: QColor
    bar_back: QColor
    selected: QColor
    valid_target: QColor
    orphan: QColor
    bottom_up: QColor
    top_down: QColor
    contributes: QColor
    green: QColor
    yellow: QColor
    red: QColor
    type_scale: float = 1.0

    def band(self, band: str) -> QColor:
        return {"green": self.green, "yellow": self.yellow}.get(band, self.red)

    def font(self, points: float, *, bold: bool = False) -> QFont:
        font = QFont()
        font.setPointSizeF(points * self.type_scale)
        font.setBold(bold)
        return font

    def scaled(self, factor: float) -> Theme:
        return replace(self, type_scale=factor)

    def target_tint(self, alpha: int) -> QColor:
        """The valid-target colour, see-through: a tint over what it marks, never a flood."""
        colour = QColor(self.valid_target)
        colour.setAlpha(alpha)
        return colour


LIGHT = Theme(
    background=QColor("#eef0f3"),
    lane_even=QColor("#f7f8fa"),
    lane_odd=QColor("#eceff3"),
    lane_label=QColor("#46505c"),
    lane_rule=QColor("#c9ced6"),
    card=QColor("#ffffff"),
    card_border=QColor("#aab2bd"),
    text=QColor("#1d232b"),
    muted_text=QColor("#5b6673"),
    row=QColor("#f4f6f9"),
    row_rule=QColor("#e1e5ea"),
    bar_back=QColor("#dfe3e8"),
    selected=QColor("#1f6feb"),
    valid_target=QColor("#18a058"),
    orphan=QColor("#d1242f"),
    bottom_up=QColor("#2f6fb5"),
    top_down=QColor("#8a4fbf"),
    contributes=QColor("#7d8590"),
    green=QColor("#2da44e"),
    yellow=QColor("#d4a72c"),
    red=QColor("#cf222e"),
)

DARK = Theme(
    background=QColor("#16191d"),
    lane_even=QColor("#1d2126"),
    lane_odd=QColor("#23282e"),
    lane_label=QColor("#aeb7c2"),
    lane_rule=QColor("#363d46"),
    card=QColor("#2b3138"),
    card_border=QColor("#4b5561"),
    text=QColor("#e6edf3"),
    muted_text=QColor("#9aa6b2"),
    row=QColor("#323941"),
    row_rule=QColor("#3d454e"),
    bar_back=QColor("#444c56"),
    selected=QColor("#58a6ff"),
    valid_target=QColor("#3fb950"),
    orphan=QColor("#f85149"),
    bottom_up=QColor("#58a6ff"),
    top_down=QColor("#c297ff"),
    contributes=QColor("#8b949e"),
    green=QColor("#3fb950"),
    yellow=QColor("#d29922"),
    red=QColor("#f85149"),
)


def theme_for(palette: QPalette) -> Theme:
    """The dark variant under a dark window palette, else the light one."""
    return DARK if palette.color(QPalette.ColorRole.Window).lightness() < 128 else LIGHT
