"""`okrdesk draft PLAN --owner NAME|ID [--cycle C] -o DRAFT.okr`: take a draft out."""

from __future__ import annotations

import argparse
from pathlib import Path

from okrdesk import PLAN_SUFFIX
from okrdesk.errors import OkrDeskError
from okrdesk.terminal import say


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", type=Path, metavar="PLAN", help=f"the plan (*{PLAN_SUFFIX})")
    parser.add_argument("--owner", required=True, metavar="NAME|ID",
                        help="the person or team whose part to take out (their subtree of "
                             "the reporting tree): a name, e-mail or id")
    parser.add_argument("--cycle", metavar="NAME",
                        help="only this cycle's objectives, by name or id (a year holds its "
                             "quarters; default: every cycle)")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="DRAFT",
                        help=f"the draft to write (*{PLAN_SUFFIX})")
    parser.add_argument("--force", action="store_true", help="replace an existing file")


def run(args: argparse.Namespace) -> int:
    """Write the draft; 0 on success. Raises an OkrDeskError with a planner's message."""
    from okrdesk.drafts.naming import cycle_named, unit_named
    from okrdesk.drafts.take_out import take_out_draft
    from okrdesk.snapshot import Snapshot
    from okrdesk.storage import Plan

    if args.output.exists() and not args.force:
        raise OkrDeskError(f"{args.output} already exists; use --force to replace it")
    with Plan.open(args.plan, read_only=True) as plan:
        with plan.reading() as connection:
            snapshot = Snapshot.load(connection)
        unit = unit_named(snapshot, args.owner)
        cycle = cycle_named(snapshot, args.cycle)
        path = take_out_draft(plan, unit.id, cycle.id if cycle else None, args.output,
                              overwrite=args.force)
    within = f" in {cycle.name}" if cycle else ""
    say(f"Wrote a draft of {unit.name}'s part{within} of {args.plan} to {path}")
    return 0
