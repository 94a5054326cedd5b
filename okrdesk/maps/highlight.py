"""A map that highlights what differs from another plan or another cycle (`okrdesk map
--compare OTHER`, `--compare-cycle C`, the Map tab while comparing).

Cards of objectives added, re-aligned or changed get a thick border of their colour and a
light ground of it (the border's width is in the card's cells, so card sizes stay exact) and a
class in SVG (`compare-added` ...); the title block says what the map is compared with, the
colours, and lists the objectives removed (they have no card to mark).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from okrdesk.compare import ADDED, CHANGED, REALIGNED, PlanDiff, compare_cycles, compare_plans
from okrdesk.compare.files import load_snapshot
from okrdesk.errors import NotFoundError
from okrdesk.maps.errors import MapRequestError
from okrdesk.maps.style import TEXT_PT, TITLE_PT
from okrdesk.maps.text import lines
from okrdesk.snapshot import Snapshot

MARK_COLOURS = {  # mark -> (border, ground)
    ADDED: ("#00897b", "#e0f2f1"),
    REALIGNED: ("#d81b60", "#fce4ec"),
    CHANGED: ("#ef6c00", "#fff3e0"),
}
MARK_WORDS = {ADDED: "added", REALIGNED: "re-aligned", CHANGED: "changed"}
MARK_BORDER = 3
REMOVED_LISTED = 12


@dataclass
class Highlight:
    """What a map marks: side B (this map's) objective id -> mark, and the removed titles."""

    against: str
    marks: dict[str, str] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, diff: PlanDiff, against: str) -> Highlight:
        return cls(against, diff.marks(), [d.title for d in diff.removed_objectives()])


def highlight_for(snapshot: Snapshot, cycle_id: str | None, compare: str | None,
                  compare_cycle: str | None) -> Highlight | None:
    """The differences a map of `snapshot` (shown cycle `cycle_id`) highlights: from the plan
    file `compare`, or from the cycle `compare_cycle` of the same plan; None for neither."""
    if compare_cycle:
        if cycle_id is None:
            raise MapRequestError("Comparing with another cycle needs a map of one cycle.")
        other = snapshot.cycles.get(compare_cycle) or snapshot.cycle_named(compare_cycle)
        if other is None:
            known = ", ".join(sorted(c.name for c in snapshot.cycles.values()))
            raise NotFoundError(f"There is no cycle “{compare_cycle}” to compare "
                                f"with; the plan has: {known}.")
        return Highlight.of(compare_cycles(snapshot, other.id, cycle_id), f"cycle {other.name}")
    if compare:
        path = Path(compare)
        other_plan = load_snapshot(path)
        return Highlight.of(compare_plans(other_plan, snapshot, cycle_id), path.name)
    return None


def node_class(highlight: Highlight | None, objective_id: str) -> str:
    """The DOT class attribute of a marked card ("" for an unmarked one)."""
    mark = highlight.marks.get(objective_id) if highlight is not None else None
    return f'class="compare-{mark}", ' if mark else ""


def is_marked(highlight: Highlight | None, objective_id: str) -> bool:
    return highlight is not None and objective_id in highlight.marks


def marked_colours(highlight: Highlight | None, objective_id: str, border: str,
                   orphan: bool) -> tuple[str, str]:
    """A card's border colour and ground: the mark's, where it has one (an orphan keeps its
    red border, its ground tells the mark)."""
    mark = highlight.marks.get(objective_id) if highlight is not None else None
    if mark is None:
        return border, "white"
    colour, ground = MARK_COLOURS[mark]
    return (border if orphan else colour), ground


def title_rows(highlight: Highlight | None) -> list[str]:
    """The title block's lines about the comparison: counts in colour, the removed titles."""
    if highlight is None:
        return []
    counts = {mark: 0 for mark in MARK_COLOURS}
    for mark in highlight.marks.values():
        counts[mark] += 1
    swatches = "".join(
        f'<TD BGCOLOR="{ground}" BORDER="1" COLOR="{border}"><FONT POINT-SIZE="{TEXT_PT}" '
        f'COLOR="{border}">{counts[mark]} {MARK_WORDS[mark]}</FONT></TD>'
        for mark, (border, ground) in MARK_COLOURS.items())
    heading = (f'<FONT POINT-SIZE="{TITLE_PT}"><B>Compared with '
               f"{lines(highlight.against, 60)}</B></FONT>")
    rows = [heading, f'<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="1"><TR>{swatches}'
                     f'<TD><FONT POINT-SIZE="{TEXT_PT}">{len(highlight.removed)} removed'
                     "</FONT></TD></TR></TABLE>"]
    if highlight.removed:
        shown = [f"“{title}”" for title in highlight.removed[:REMOVED_LISTED]]
        more = len(highlight.removed) - REMOVED_LISTED
        text = "Removed: " + ", ".join(shown) + (f" and {more} more" if more > 0 else "")
        rows.append(f'<FONT POINT-SIZE="{TEXT_PT}">{lines(text, 110)}</FONT>')
    return rows
