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
NBSP = "\u00a0"  # Graphviz refuses an empty FONT element


def kr_port(position: int) -> str:
    return f"k{position}"


def card(view: MapView, objective_id: str) -> str:
    snapshot = view.snapshot
    objective = snapshot.objectives[objective_id]
    full = view.request.detail == "full"
    orphan = view.is_orphan(objective_id)
    title_lines = wrap(objective.title, TITLE_CHARS)
    title = f'<FONT POINT-SIZE="{TITLE_PT}"><B>{lines(objective.title, TITLE_CHARS)}</B></FONT>'
    if full:
        score = view.figures.objective(objective_id)
        strong, light = BANDS[score_band(score)]
        header = (f'<TD ALIGN="LEFT" BALIGN="LEFT" COLSPAN="2">{title}</TD>'
                  f'<TD BGCOLOR="{light}" VALIGN="TOP"><FONT COLOR="{strong}" '
                  f'POINT-SIZE="{TITLE_PT}"><B>{_on_last_line(f"{score:.1f}", title_lines)}'
                  "</B></FONT></TD>")
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
                     f"{_on_last_line(f'{progress:.0%}', wrap(kr.title, KR_CHARS))}</FONT>")
        rows.append(f'<TD ALIGN="LEFT" BALIGN="LEFT" COLSPAN="2">{text}</TD>'
                    f'<TD PORT="{kr_port(position)}" ALIGN="RIGHT" VALIGN="TOP">{value}</TD>')
    border, width, style = (ORPHAN, 3, "dashed") if orphan else (BORDER, 1, "rounded")
    body = "<HR/>".join(f"<TR>{row}</TR>" for row in rows[:2]) + "".join(
        f"<HR/><TR>{row}</TR>" for row in rows[2:])
    return (f'<TABLE BORDER="{width}" CELLBORDER="0" CELLSPACING="0" CELLPADDING="4" '
            f'COLOR="{border}" BGCOLOR="white" STYLE="{style}">{body}</TABLE>')


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


def _on_last_line(badge: str, text_lines: list[str]) -> str:
    """A badge set on the last line of the text beside it, exactly on that line's baseline:
    viewers read text by lines, so the text reads whole before its badge (a badge beside the
    first line would land inside a wrapped title when copied or searched)."""
    return f'{NBSP}<BR ALIGN="RIGHT"/>' * (len(text_lines) - 1) + badge  # an empty line is lower


def _wide(content: str) -> str:
    return f'<TD ALIGN="LEFT" BALIGN="LEFT" COLSPAN="3">{content}</TD>'


def _muted(content: str) -> str:
    return f'<FONT POINT-SIZE="{TEXT_PT}" COLOR="{MUTED}">{content}</FONT>'
