"""`okrdesk history PLAN [--limit N] [--json] [--compact [--keep N]]`: the change history kept
in a plan file, newest first, or compacted to its newest entries."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from okrdesk.errors import OkrDeskError
from okrdesk.storage.history import COMPACT_KEEP, HistoryItem
from okrdesk.terminal import say

DEFAULT_LIMIT = 20


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", type=Path, metavar="PLAN", help="the plan file (.okr)")
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT, metavar="N",
                        help=f"show the newest N entries (default {DEFAULT_LIMIT})")
    parser.add_argument("--json", action="store_true",
                        help="print the entries as JSON, each with its changed rows")
    parser.add_argument("--compact", action="store_true",
                        help="drop all but the newest entries (the plan itself is untouched)")
    parser.add_argument("--keep", type=int, default=COMPACT_KEEP, metavar="N",
                        help=f"with --compact: how many entries to keep (default "
                             f"{COMPACT_KEEP})")


def run(args: argparse.Namespace) -> int:
    from okrdesk.storage import Plan
    from okrdesk.storage.history import compact_history, history_count, read_history

    if args.limit < 0 or args.keep < 0:
        raise OkrDeskError("--limit and --keep take a number of entries, 0 or more")
    if args.compact:
        with Plan.open(args.plan) as plan:
            dropped = compact_history(plan, args.keep)
            left = history_count(plan)
        say(f"Dropped {dropped} history {_entries(dropped)}; {left} kept.")
        return 0
    with Plan.open(args.plan, read_only=True) as plan:
        items = read_history(plan, args.limit, with_changes=args.json)
        total = history_count(plan)
    if args.json:
        document = {"plan": str(args.plan), "entries": total,
                    "history": [_entry(item) for item in items]}
        say(*json.dumps(document, ensure_ascii=False, indent=2).split("\n"))
        return 0
    if not items:
        say(f"{args.plan}: no history yet.")
        return 0
    say(f"{args.plan}: the newest {len(items)} of {total} history {_entries(total)}")
    say(*(_line(item) for item in items))
    return 0


def _line(item: HistoryItem) -> str:
    if not item.readable:
        return f"  (unreadable entry: {item.problem})"
    rows = f"{item.row_count} row{'' if item.row_count == 1 else 's'}"
    who = f"  {item.author}" if item.author else ""
    return f"  {item.at[:19].replace('T', ' ')} UTC{who}  {item.label}  ({rows})"


def _entry(item: HistoryItem) -> dict[str, Any]:
    if not item.readable:
        return {"unreadable": item.problem}
    return {"at": item.at, "author": item.author, "label": item.label,
            "row_count": item.row_count, "kept": item.kept,
            "changes": None if item.changes is None else [
                [change.table, change.row_id, change.before, change.after]
                for change in item.changes]}


def _entries(count: int) -> str:
    return "entry" if count == 1 else "entries"
