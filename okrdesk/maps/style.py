"""Colours, fonts and line styles of a map, and the legend that explains them."""

from __future__ import annotations

FONT = "DejaVu Sans"
TITLE_PT, TEXT_PT, HEADING_PT = 11, 10, 16
INK, MUTED, BORDER = "#263238", "#546e7a", "#90a4ae"
BANDS = {  # band -> (strong, light)
    "green": ("#2e7d32", "#e8f5e9"),
    "yellow": ("#8d6e00", "#fff4c2"),
    "red": ("#c62828", "#ffebee"),
}
ORPHAN = "#c62828"
STATUS = {"on_track": ("On track", "#2e7d32"), "at_risk": ("At risk", "#8d6e00"),
          "off_track": ("Off track", "#c62828")}
EDGE = {
    # kind -> DOT attributes; SVG gets the kind as a class for anyone styling or testing it
    "bottom-up": 'color="#1565c0", penwidth=1.6, dir=back, arrowtail=normal',
    "top-down": 'color="#8e24aa", penwidth=2.2, dir=both, arrowtail=dot, arrowhead=normal',
    "contributes": ('color="#757575", style=dashed, penwidth=1.2, arrowhead=empty, '
                    "constraint=false"),
}
SKIP_COLOR = {"bottom-up": "#1565c0:#ffffff:#1565c0", "top-down": "#8e24aa:#ffffff:#8e24aa"}
NOT_UPWARD_COLOR = "#c62828"
NOT_UPWARD = f'color="{NOT_UPWARD_COLOR}", style=dashed, penwidth=2.4'


def not_upward_words(down: int) -> str:
    """What the map writes on an alignment that does not run upwards (`down`: levels down)."""
    if down == 0:
        return "not upward: same level"
    return f"not upward: {down} level{'' if down == 1 else 's'} down"


def legend(not_upward: bool = False) -> str:
    """An HTML-like table saying what every colour and line on the map means.

    The not-upward line is explained only on maps that hold one: the operations refuse such an
    alignment, so only an imported or hand-edited plan has it, and on every other map the entry
    would explain nothing that is drawn."""
    def item(glyph: str, colour: str, words: str) -> str:
        return (f'<TD ALIGN="LEFT"><FONT COLOR="{colour}">{glyph}</FONT> '
                f'<FONT POINT-SIZE="{TEXT_PT}">{words}</FONT></TD>')

    def swatch(band: str, words: str) -> str:
        strong, light = BANDS[band]
        return (f'<TD BGCOLOR="{light}"><FONT COLOR="{strong}" POINT-SIZE="{TEXT_PT}">'
                f"{words}</FONT></TD>")

    lines: tuple[str, ...] = (
        item("━━▶", "#1565c0", "aligned up (bottom-up), into the key result")
        + item("●━━▶", "#8e24aa", "delegated down (top-down)"),
        item("╍╍▷", "#757575", "contributes to (not counted)")
        + item("═══", "#1565c0", "skips a level")
        + f'<TD ALIGN="LEFT"><FONT COLOR="{ORPHAN}" POINT-SIZE="{TEXT_PT}">'
        "▭ red border: aligned to nothing</FONT></TD>",
    )
    if not_upward:
        lines = (*lines, item("╍╍▶", NOT_UPWARD_COLOR,
                              "not upward: aligned to the same or a lower level (mend it)"))
    scores = (swatch("green", "score 0.7–1.0") + swatch("yellow", "0.4–0.69")
              + swatch("red", "0.0–0.39"))
    rows = "".join(f'<TR><TD><TABLE BORDER="0" CELLSPACING="2" CELLPADDING="1"><TR>{cells}'
                   "</TR></TABLE></TD></TR>" for cells in (*lines, scores))
    return f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0">{rows}</TABLE>'
