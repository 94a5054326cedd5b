"""The HTML-like labels of a map: objective cards, page references, lanes and the title block.

Every key result is a row of its objective's card with a PORT, so an aligned objective's line
ends at the exact key result it stands for or sits under.
"""

from __future__ import annotations

from dataclasses import dataclass

from okrdesk.maps.figures import score_band
from okrdesk.maps.highlight import is_marked, marked_colours, title_rows
from okrdesk.maps.style import (
    BANDS,
    BORDER,
    HEADING_PT,
    INK,
    MUTED,
    ORPHAN,
    STATUS,
    TEXT_PT,
    TITLE_PT,
    legend,
)
from okrdesk.maps.text import escape, escaped_lines, lines
from okrdesk.maps.view import MapView
from okrdesk.rulebook.cycles import is_closed

TITLE_CHARS, KR_CHARS, OWNER_CHARS = 22, 28, 34
# A card whose key results take many lines sets them in a column twice as wide, each on fewer
# lines: wrapped at 28 characters, the card of an objective that fifteen others align into
# grows taller than a Letter page (or a landscape A4 one), which would be printed under 8 pt.
MANY_KR_LINES, WIDE_KR_CHARS = 12, 56
NBSP = "\u00a0"  # Graphviz refuses an empty FONT element
PAD = 4.0  # the cells' CELLPADDING
LEFT, RIGHT = '<BR ALIGN="LEFT"/>', '<BR ALIGN="RIGHT"/>'
ORPHAN_TEXT = "⚠ Aligned to nothing"
OUTSIDE_TEXT = "↑ aligned to an objective outside this map"


def kr_port(position: int) -> str:
    return f"k{position}"


def card(view: MapView, objective_id: str) -> str:
    return card_and_cells(view, objective_id)[0]


def card_and_cells(view: MapView, objective_id: str) -> tuple[str, CardCells]:
    """The card's HTML-like label, and its cells (their text exactly as in the label)."""
    cells = card_cells(view, objective_id)
    full = view.request.detail == "full"
    orphan = view.is_orphan(objective_id)
    header = cells.rows[0]
    title = f'<FONT POINT-SIZE="{TITLE_PT}"><B>{LEFT.join(header[0].lines)}</B></FONT>'
    if full:
        strong, light = BANDS[header[1].band]
        head = (f'<TD ALIGN="LEFT" BALIGN="LEFT" COLSPAN="2">{title}</TD>'
                f'<TD BGCOLOR="{light}" VALIGN="TOP"><FONT COLOR="{strong}" '
                f'POINT-SIZE="{TITLE_PT}"><B>{RIGHT.join(header[1].lines)}</B></FONT></TD>')
    else:
        head = f'<TD ALIGN="LEFT" BALIGN="LEFT" COLSPAN="3">{title}</TD>'
    rows = [head, _wide(_muted(LEFT.join(cells.rows[1][0].lines)))]
    if orphan:
        rows.append(_wide(f'<FONT COLOR="{ORPHAN}" POINT-SIZE="{TEXT_PT}"><B>'
                          f"{ORPHAN_TEXT}</B></FONT>"))
    elif objective_id in view.aligned_outside:
        rows.append(_wide(_muted(OUTSIDE_TEXT)))
    for position, (text_cell, value_cell) in enumerate(cells.rows[cells.first_kr:]):
        text = f'<FONT POINT-SIZE="{TEXT_PT}">{LEFT.join(text_cell.lines)}</FONT>'
        value = ""
        if full:
            value = (f'<FONT POINT-SIZE="{TEXT_PT}" COLOR="{BANDS[value_cell.band][0]}">'
                     f"{RIGHT.join(value_cell.lines)}</FONT>")
        rows.append(f'<TD ALIGN="LEFT" BALIGN="LEFT" COLSPAN="2">{text}</TD>'
                    f'<TD PORT="{kr_port(position)}" ALIGN="RIGHT" VALIGN="TOP">{value}</TD>')
    border, width, style = (ORPHAN, 3, "dashed") if orphan else (BORDER, 1, "rounded")
    width = max(width, cells.border)  # a highlighted card's border is thick too
    border, ground = marked_colours(view.highlight, objective_id, border, orphan)
    body = "<HR/>".join(f"<TR>{row}</TR>" for row in rows[:2]) + "".join(
        f"<HR/><TR>{row}</TR>" for row in rows[2:])
    return (f'<TABLE BORDER="{width}" CELLBORDER="0" CELLSPACING="0" CELLPADDING="{PAD:g}" '
            f'COLOR="{border}" BGCOLOR="{ground}" STYLE="{style}">{body}</TABLE>'), cells


@dataclass(frozen=True)
class Cell:
    """A cell of a card as `card` sets it: the columns it spans (1: the right one, 2: the two
    on the left, 3: all), its font size, whether bold, and its lines as in the label."""

    span: int
    pt: int
    bold: bool
    lines: tuple[str, ...]
    band: str = ""  # a score's or progress's band (its colours), for the badge cells


@dataclass(frozen=True)
class CardCells:
    border: int
    rows: list[list[Cell]]
    first_kr: int  # the rows from this one on are the key results', in order


def card_cells(view: MapView, objective_id: str) -> CardCells:
    """The border and the rows of cells of the card `card` makes (cardsize.py sizes cards
    from these; a test holds the sizes to Graphviz's own)."""
    snapshot = view.snapshot
    objective = snapshot.objectives[objective_id]
    full = view.request.detail == "full"
    title_lines = escaped_lines(objective.title, TITLE_CHARS)
    header = [Cell(2 if full else 3, TITLE_PT, True, title_lines)]
    # Scores stay when a cycle is reopened, to start its next closing from: they are final,
    # and shown in place of progress, only while it is closed.
    scored = full and is_closed(snapshot, objective.cycle_id)
    if full:
        final = snapshot.objective_scores.get(objective_id) if scored else None
        score = final.value if final is not None else view.figures.objective(objective_id)
        badge = final_text(score) if final is not None else f"{score:.1f}"
        header.append(Cell(1, TITLE_PT, True, _badge_lines(badge, title_lines),
                           score_band(score)))
    owner = escaped_lines(_owner_line(view, objective_id), OWNER_CHARS)
    rows = [header, [Cell(3, TEXT_PT, False, owner)]]
    orphan = view.is_orphan(objective_id)
    if orphan:
        rows.append([Cell(3, TEXT_PT, True, (ORPHAN_TEXT,))])
    elif objective_id in view.aligned_outside:
        rows.append([Cell(3, TEXT_PT, False, (OUTSIDE_TEXT,))])
    first_kr = len(rows)
    titles = [kr.title for kr in snapshot.key_results_of(objective_id)]
    kr_lines_of = [escaped_lines(title, KR_CHARS) for title in titles]
    if sum(map(len, kr_lines_of)) > MANY_KR_LINES:
        kr_lines_of = [escaped_lines(title, WIDE_KR_CHARS) for title in titles]
    for kr, kr_lines in zip(snapshot.key_results_of(objective_id), kr_lines_of, strict=True):
        value = Cell(1, TEXT_PT, False, ())
        kr_final = snapshot.kr_scores.get(kr.id) if scored else None
        if kr_final is not None:
            value = Cell(1, TEXT_PT, False, _badge_lines(final_text(kr_final.value), kr_lines),
                         score_band(kr_final.value))
        elif full:
            progress = view.figures.key_result(kr.id)
            value = Cell(1, TEXT_PT, False, _badge_lines(f"{progress:.0%}", kr_lines),
                         score_band(progress))
        rows.append([Cell(2, TEXT_PT, False, kr_lines), value])
    marked = is_marked(view.highlight, objective_id)
    return CardCells(3 if orphan or marked else 1, rows, first_kr)


def final_text(score: float) -> str:
    """A final score (a closed cycle's) as its badge says it: "Final 0.7", in tenths unless
    it was given finer ("Final 0.25")."""
    tenths = f"{score:.2f}"
    return f"Final {tenths[:-1] if tenths.endswith('0') else tenths}"


def _badge_lines(badge: str, text_lines: tuple[str, ...]) -> tuple[str, ...]:
    """A badge set on the last line of the text beside it, exactly on that line's baseline:
    viewers read text by lines, so the text reads whole before its badge (a badge beside the
    first line would land inside a wrapped title when copied or searched)."""
    return (NBSP,) * (len(text_lines) - 1) + (badge,)  # an empty line is lower


def title_block(view: MapView, page_text: str) -> str:
    snapshot = view.snapshot
    name = snapshot.setting("plan_name", "") or "OKR plan"
    parts = [f"Cycle {view.cycle.name}" if view.cycle else "All cycles", view.scope,
             view.request.date]
    headline = view.headline
    figures = ""
    if headline is not None:
        orphans = len(headline.orphans)
        figures = (f"Bottom-up {headline.bottom_up_share:.0%} of alignments "
                   f"(target {headline.bottom_up_target:.0%}) · "
                   f"{orphans} orphan{'' if orphans == 1 else 's'} in the cycle")
    # The page number has a box of its own, of one size whatever the number: pages are laid
    # out before they are numbered.
    heading = (f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0"><TR><TD ALIGN="LEFT" '
               f'BALIGN="LEFT"><FONT POINT-SIZE="{HEADING_PT}" COLOR="{INK}"><B>'
               f'{lines(name, 60)}</B></FONT></TD><TD FIXEDSIZE="TRUE" WIDTH="130" HEIGHT="20" '
               f'ALIGN="RIGHT" VALIGN="TOP"><FONT POINT-SIZE="{TITLE_PT}" COLOR="{INK}">'
               f"{escape(page_text) or NBSP}</FONT></TD></TR></TABLE>")
    rows = [
        heading,
        f'<FONT POINT-SIZE="{TITLE_PT}" COLOR="{INK}">{lines(" · ".join(parts), 90)}</FONT>',
        f'<FONT POINT-SIZE="{TITLE_PT}" COLOR="{INK}">{escape(figures)}</FONT>',
        *title_rows(view.highlight),
        legend(any(link.down is not None for link in view.links.values())),
    ]
    body = "".join(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{row}</TD></TR>' for row in rows)
    return f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="2">{body}</TABLE>'


def _owner_line(view: MapView, objective_id: str) -> str:
    snapshot = view.snapshot
    objective = snapshot.objectives[objective_id]
    owner = snapshot.units.get(objective.owner_id)
    parts = [owner.name if owner else "No owner", snapshot.level_of(objective_id).name]
    if view.request.detail == "full":
        if objective.status in STATUS:
            parts.append(STATUS[objective.status][0])
        if objective.commitment == "aspirational":
            parts.append("aspirational")
        if objective.visibility == "draft":
            parts.append("draft")
        if objective.origin == "delegated":
            parts.append("delegated")
    return " · ".join(parts)


def _wide(content: str) -> str:
    return f'<TD ALIGN="LEFT" BALIGN="LEFT" COLSPAN="3">{content}</TD>'


def _muted(content: str) -> str:
    return f'<FONT POINT-SIZE="{TEXT_PT}" COLOR="{MUTED}">{content}</FONT>'
