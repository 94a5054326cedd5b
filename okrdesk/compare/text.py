"""A comparison as lines of text for the terminal (`okrdesk diff`)."""

from __future__ import annotations

from okrdesk.compare.model import ADDED, GROUPS, REMOVED, Difference, PlanDiff

HEADINGS = {"added": "Added", "removed": "Removed", "changed": "Changed",
            "realigned": "Re-aligned"}
SIGNS = {"added": "+", "removed": "-", "changed": "~", "realigned": ">"}
LONGEST = 160  # characters of a value shown; the JSON holds every one whole


def diff_lines(diff: PlanDiff, heading: str) -> list[str]:
    lines = [heading]
    if not diff:
        return [*lines, "No differences."]
    counts = ", ".join(f"{len(diff.group(g))} {HEADINGS[g].lower()}" for g in GROUPS)
    lines.append(f"{counts}; {len(diff.organisation)} in people, levels, functions and cycles")
    for group in GROUPS:
        found = diff.group(group)
        if found:
            lines += ["", f"{HEADINGS[group]}: {len(found)}"]
            lines += [line for d in found for line in difference_lines(d)]
    if diff.organisation:
        lines += ["", f"People, levels, functions and cycles: {len(diff.organisation)}"]
        lines += [line for d in diff.organisation for line in difference_lines(d)]
    return lines


def difference_lines(difference: Difference) -> list[str]:
    """ "+ objective “Title” (Owner, Level)" and, below it, each field before → after."""
    where = f" ({difference.context})" if difference.context else ""
    if difference.table == "key_results" and difference.context:
        where = f" of {difference.context}"
    name = shorten(difference.title)
    title = f"“{name}”" if difference.table in ("objectives", "key_results") else name
    first = f"  {SIGNS[difference.change]} {difference.what} {title}{where}"
    if difference.change in (ADDED, REMOVED):
        return [first]
    return [first, *(f"      {f.name}: {shorten(f.before)} → {shorten(f.after)}"
                     for f in difference.fields)]


def shorten(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= LONGEST else flat[:LONGEST - 1] + "…"
