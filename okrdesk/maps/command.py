"""`okrdesk map PLAN -o OUT.pdf|svg|png|dot [...]`: an alignment map from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from okrdesk.maps.render import render_map
from okrdesk.maps.request import DETAILS, PAGE_SIZES, MapRequest
from okrdesk.processes import forking_here
from okrdesk.terminal import complain, say

DEFAULT_TIMEOUT_S = 120.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", type=Path, help="the plan file (.okr)")
    parser.add_argument("-o", "--output", type=Path, required=True,
                        help="where to write the map; its suffix (.pdf, .svg, .png or .dot) "
                             "is the format. A PDF holds every page; an SVG or PNG is one "
                             "picture of the whole map unless --pages is given")
    parser.add_argument("--pages", action="store_true",
                        help="SVG and PNG: one file a page, NAME-1.svg, NAME-2.svg, ... (pages "
                             "of an earlier map beyond the last one are removed)")
    parser.add_argument("--width", type=int, metavar="PX",
                        help="a PNG picture's width in pixels (default: two pixels a point, "
                             "sharp on any screen)")
    parser.add_argument("--cycle", help="cycle name or id (default: the plan's year, as for "
                                        "`okrdesk check`)")
    parser.add_argument("--focus", metavar="OBJECTIVE",
                        help="one objective's tree: everything aligned under it and its line "
                             "of sight to the top; an id or a unique title")
    parser.add_argument("--levels", metavar="A..B",
                        help="a range of levels by name or number from the top (1), "
                             "e.g. 1..2, 'Vice Presidents..Directors', 3..")
    parser.add_argument("--function", help="only objectives of this function")
    parser.add_argument("--page", default="A4", metavar="|".join(PAGE_SIZES),
                        help="paper size (poster is A0); default A4")
    parser.add_argument("--landscape", action="store_true", help="landscape pages")
    parser.add_argument("--detail", default="full", choices=DETAILS,
                        help="titles only, or full cards with progress and status")
    parser.add_argument("--clusters", action="store_true",
                        help="group objectives by function")
    parser.add_argument("--compare", metavar="OTHER",
                        help="highlight what differs from another plan file (an older copy, "
                             "a draft): added, re-aligned and changed objectives coloured, "
                             "removed ones listed")
    parser.add_argument("--compare-cycle", metavar="C",
                        help="highlight what differs from another cycle of this plan")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S, metavar="SECONDS",
                        help=f"stop drawing after this long (default {DEFAULT_TIMEOUT_S:g})")


def run(args: argparse.Namespace) -> int:
    """Draw the map; 0 on success. Raises an OkrDeskError subclass with a planner's message."""
    request = MapRequest(cycle=args.cycle, focus=args.focus, levels=args.levels,
                         function=args.function, page=args.page, landscape=args.landscape,
                         detail=args.detail, clusters=args.clusters, pages=args.pages,
                         width=args.width, compare=args.compare,
                         compare_cycle=args.compare_cycle)
    with forking_here():  # one map, then this program ends: no fork server to start
        result = render_map(args.plan, request, args.output, timeout_s=args.timeout)
    pages = f"{result.page_count} page{'' if result.page_count == 1 else 's'}"
    if request.checked(args.output).single_picture:
        say(f"Wrote {result.files[0]} (the whole map as one picture).")
    elif len(result.files) == 1:
        say(f"Wrote {result.files[0]} ({pages}).")
    else:
        say(f"Wrote {pages}: {result.files[0]} ... {result.files[-1]}.")
    complain(*(f"Note: {warning}" for warning in result.warnings))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the map command on its own (python -m okrdesk.maps.command)."""
    from okrdesk.errors import OkrDeskError

    parser = argparse.ArgumentParser(prog="okrdesk map", description=__doc__)
    add_arguments(parser)
    try:
        return run(parser.parse_args(argv))
    except OkrDeskError as error:
        complain(f"okrdesk map: {error}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
