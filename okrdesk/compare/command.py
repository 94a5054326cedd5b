"""`okrdesk diff A B [--cycle C] [--json]` and `okrdesk diff PLAN --cycles C1 C2 [--json]`.

Exit status as diff's: 0 when there are no differences, 1 when there are, 2 for an error (a
missing file, a file that is not a plan, an unknown cycle) or a wrong command line.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from okrdesk.compare.files import read_for_comparing, read_two
from okrdesk.compare.model import PlanDiff
from okrdesk.compare.plans import compare_cycles, compare_plans, require_cycle
from okrdesk.compare.text import diff_lines
from okrdesk.errors import OkrDeskError
from okrdesk.snapshot import Snapshot
from okrdesk.terminal import complain, say

SAME, DIFFERENT, TROUBLE = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan_a", type=Path, metavar="A", help="the earlier or other plan")
    parser.add_argument("plan_b", type=Path, metavar="B", nargs="?",
                        help="the plan to compare it with (left out with --cycles)")
    parser.add_argument("--cycle", metavar="C",
                        help="only the objectives in the view of this cycle (name or id)")
    parser.add_argument("--cycles", nargs=2, metavar=("C1", "C2"),
                        help="compare two cycles of plan A instead (C1 as the base, as A is for "
                             "two plans): objectives matched through carry-over, else by title "
                             "and owner")
    parser.add_argument("--json", action="store_true", help="print one JSON document")


def run(args: argparse.Namespace) -> int:
    """Print the differences; the exit status says whether there are any."""
    try:
        diff, heading = _compare(args)
    except (OkrDeskError, OSError) as error:
        complain(f"okrdesk: error: {_message(error)}")
        return TROUBLE
    if args.json:
        say(*json.dumps(diff.to_dict(), ensure_ascii=False, indent=2).split("\n"))
    else:
        say(*diff_lines(diff, heading))
    return DIFFERENT if diff else SAME


def _compare(args: argparse.Namespace) -> tuple[PlanDiff, str]:
    if args.cycles:
        if args.plan_b is not None and args.plan_b.resolve() != args.plan_a.resolve():
            raise OkrDeskError("--cycles compares two cycles of one plan: give one plan file")
        if args.cycle:
            raise OkrDeskError("--cycle and --cycles do not go together")
        read = read_for_comparing(args.plan_a)
        snapshot = read.snapshot
        first, second = (require_cycle(snapshot, cycle).id for cycle in args.cycles)
        diff = compare_cycles(snapshot, first, second, read.values)
        return diff, (f"Comparing {diff.label_a} with {diff.label_b} in {args.plan_a} "
                      f"({snapshot.setting('plan_name', args.plan_a.stem)})")
    if args.plan_b is None:
        raise OkrDeskError("give two plan files, or one plan file and --cycles C1 C2")
    read_a, read_b = read_two(args.plan_a, args.plan_b)
    a, b = read_a.snapshot, read_b.snapshot
    labels = (_label(args.plan_a, a), _label(args.plan_b, b))
    diff = compare_plans(a, b, args.cycle, labels=labels,
                         values=(read_a.values, read_b.values))
    where = f", cycle {args.cycle}" if args.cycle else ""
    return diff, f"Comparing {labels[0]} with {labels[1]}{where}"


def _label(path: Path, snapshot: Snapshot) -> str:
    name = snapshot.setting("plan_name", "")
    return f"{path} ({name})" if name else str(path)


def _message(error: Exception) -> str:
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return f"{where}{error.strerror or error}"
    return str(error)
