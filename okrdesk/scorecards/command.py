"""`okrdesk scorecard PLAN -o OUT.pdf [...]`: scorecards or slides from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from okrdesk.scorecards.request import PAPERS, ScorecardRequest
from okrdesk.terminal import say


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", type=Path, metavar="PLAN", help="the plan file (.okr)")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.pdf",
                        help="the PDF to write")
    parser.add_argument("--cycle", metavar="NAME",
                        help="cycle name or id (default: the plan's year, as for "
                             "`okrdesk check`)")
    parser.add_argument("--focus", metavar="OBJECTIVE",
                        help="only this objective's card (an id or a unique title); with "
                             "--level, the cards of its tree at those levels")
    parser.add_argument("--level", "--levels", dest="levels", metavar="L",
                        help="a card for every objective at this level, or range of levels "
                             "A..B, by name or number from the top (1), as `okrdesk map "
                             "--levels` reads it (default: the top objectives)")
    parser.add_argument("--by", choices=("objective", "owner"), default="objective",
                        help="one card per objective (default) or per owner")
    parser.add_argument("--slides", action="store_true",
                        help="16:9 slides (13.33 × 7.5 in), no text under 18 pt")
    parser.add_argument("--page", default="A4", choices=PAPERS,
                        help="paper of the scorecards, printed landscape (default A4)")


def run(args: argparse.Namespace) -> int:
    """Write the scorecards; 0 on success. Raises an OkrDeskError with a planner's message."""
    from okrdesk.scorecards.document import write_scorecards

    request = ScorecardRequest(cycle=args.cycle, focus=args.focus, levels=args.levels,
                               by_owner=args.by == "owner", slides=args.slides,
                               paper=args.page)
    result = write_scorecards(args.plan, request, args.output)
    kind = "slide" if args.slides else "page"
    cards = "card" if result.cards == 1 else "cards"
    say(f"Wrote {result.path} ({result.cards} {cards}, {result.pages} "
        f"{kind}{'' if result.pages == 1 else 's'}).")
    return 0
