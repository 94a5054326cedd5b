"""The HTML-like labels of a map: objective cards, page references, lanes and the title block.

Every key result is a row of its objective's card with a PORT, so an aligned objective's line
ends at the exact key result it stands for or sits under.
"""

from __future__ import annotations

from okrdesk.maps.figures import score_band
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
from okrdesk.maps.text import escape, lines, wrap
from okrdesk.maps.view import MapView

TITLE_CHARS, KR_CHARS, OWNER_CHARS = 22, 28, 34
# Rough DejaVu Sans advance widths per point of font size; the layout checks the real sizes.
REGULAR_EM, BOLD_EM = 0.60, 0.68
LINE_PT = 1.2
NBSP = "\u00a0"  # Graphviz refuses an empty FONT element


def kr_port(position: int) -> str:
    return f"k{position}"


def card(view: MapView, objective_id: str) -> str:
    snapshot = view.snapshot
    objective = snapshot.objectives[objective_id]
    full = view.request.detail == "full"
    orphan = view.is_orphan(objective_id)
    title = f'<FONT POINT-SIZE="{TITLE_PT}"><B>{lines(objective.title, TITLE_CHARS)}</B></FONT>'
    if full:
        score = view.figures.objective(objective_id)
        strong, light = BANDS[score_band(score)]
        header = (f'<TD ALIGN="LEFT" BALIGN="LEFT" COLSPAN="2">{title}</TD>'
                  f'<TD BGCOLOR="{light}" VALIGN="TOP"><FONT COLOR="{strong}" '
                  f'POINT-SIZE="{TITLE_PT}"><B>{score:.1f}</B></FONT></TD>')
    else:
        header = f'<TD ALIGN="LEFT" BALIGN="LEFT" COLSPAN="3">{title}</TD>'
    rows = [header, _wide(_muted(lines(_owner_line(view, objective_id), OWNER_CHARS)))]
    if orphan:
        rows.append(_wide(f'<FONT COLOR="{ORPHAN}" POINT-SIZE="{TEXT_PT}"><B>'
                          "⚠ Aligned to nothing</B></FONT>"))
    elif objective_id in view.aligned_outside:
        rows.append(_wide(_muted("↑ aligned to an objective outside this map")))
    for position, kr in enumerate(snapshot.key_results_of(objective_id)):
        text = f'<FONT POINT-SIZE="{TEXT_PT}">{lines(kr.title, KR_CHARS)}</FONT>'
        value = ""
        if full:
            progress = view.figures.key_result(kr.id)
            value = (f'<FONT POINT-SIZE="{TEXT_PT}" COLOR="{BANDS[score_band(progress)][0]}">'
                     f"{progress:.0%}</FONT>")
        rows.append(f'<TD ALIGN="LEFT" BALIGN="LEFT" COLSPAN="2">{text}</TD>'
                    f'<TD PORT="{kr_port(position)}" ALIGN="RIGHT" VALIGN="TOP">{value}</TD>')
    border, width, style = (ORPHAN, 3, "dashed") if orphan else (BORDER, 1, "rounded")
    body = "<HR/>".join(f"<TR>{row}</TR>" for row in rows[:2]) + "".join(
        f"<HR/><TR>{row}</TR>" for row in rows[2:])
    return (f'<TABLE BORDER="{width}" CELLBORDER="0" CELLSPACING="0" CELLPADDING="4" '
            f'COLOR="{border}" BGCOLOR="white" STYLE="{style}">{body}</TABLE>')


def card_size(view: MapView, objective_id: str) -> tuple[float, float]:
    """An estimate of a card's width and height in points, for planning pages."""
    snapshot = view.snapshot
    objective = snapshot.objectives[objective_id]
    title = wrap(objective.title, TITLE_CHARS)
    owner = wrap(_owner_line(view, objective_id), OWNER_CHARS)
    width = max(max(map(len, title)) * TITLE_PT * BOLD_EM + 40,
                max(map(len, owner)) * TEXT_PT * REGULAR_EM)
    height = (len(title) * TITLE_PT + len(owner) * TEXT_PT) * LINE_PT + 18
    if view.is_orphan(objective_id) or objective_id in view.aligned_outside:
        height += TEXT_PT * LINE_PT + 9
    for kr in snapshot.key_results_of(objective_id):
        kr_lines = wrap(kr.title, KR_CHARS)
        width = max(width, max(map(len, kr_lines)) * TEXT_PT * REGULAR_EM + 42)
        height += len(kr_lines) * TEXT_PT * LINE_PT + 9
    return width + 10, height + 4


def page_reference(text: str, width: int) -> str:
    return f'<FONT POINT-SIZE="{TEXT_PT}" COLOR="{INK}">{lines(text, width, align="CENTER")}</FONT>'


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
        legend(),
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
