"""`okrdesk merge PLAN DRAFT [--dry-run] [--json] [--take draft|plan]`: a draft's changes
merged back into its plan, on the command line.

It prints what comes in, grouped by objective, and every conflict with its base, draft and
plan values. Conflicts stop it (exit 1, nothing written) unless `--take` settles them all on
one side; `--dry-run` writes nothing either way; `--json` prints the same as one document.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path
from typing import Any

from okrdesk.drafts.merge import MergeReview, RowIncoming
from okrdesk.terminal import say

EXIT_CONFLICTS = 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", type=Path, metavar="PLAN")
    parser.add_argument("draft", type=Path, metavar="DRAFT", help="a draft taken out of PLAN")
    parser.add_argument("--dry-run", action="store_true",
                        help="print what the merge would do; write nothing")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--take", choices=("draft", "plan"),
                        help="settle every conflict on this side (else conflicts stop the "
                             "merge with exit status 1)")


def run(args: argparse.Namespace) -> int:
    from okrdesk import ops
    from okrdesk.storage import Plan

    with Plan.open(args.plan, read_only=args.dry_run) as plan, \
            Plan.open(args.draft, read_only=True) as draft:
        review, resolutions = _settled(plan, draft, args.take)
        titles = _objective_titles(plan, draft, review)
        stopped = bool(review.conflicts) and args.take is None
        merged = 0
        if not stopped and not args.dry_run and (review.incoming or review.conflicts):
            merged = len(ops.merge_draft(plan, draft, resolutions).rows)
    if args.json:
        document = _document(review, merged=merged, stopped=stopped, dry_run=args.dry_run,
                             take=args.take)
        say(*json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True).split("\n"))
    else:
        say(*_lines(review, titles, merged=merged, stopped=stopped, dry_run=args.dry_run,
                    take=args.take))
    return EXIT_CONFLICTS if stopped else 0


def _settled(plan: Any, draft: Any, take: str | None) -> tuple[MergeReview, dict[str, str]]:
    """The review with every conflict settled on `take`'s side, the conflicts those choices
    lead to (a row brought back asks about the rows it needs) included."""
    from okrdesk import ops

    resolutions: dict[str, str] = {}
    while True:
        review = ops.review_merge(plan, draft, resolutions)
        new = [c.key for c in review.conflicts if c.key not in resolutions]
        if take is None or not new:
            return review, resolutions
        resolutions.update((key, take) for key in new)


def _document(review: MergeReview, **outcome: Any) -> dict[str, Any]:
    return {"plan": str(review.plan_path), "draft": str(review.draft_path),
            "part": review.part_name, "incoming": [asdict(row) for row in review.incoming],
            "conflicts": [asdict(conflict) for conflict in review.conflicts],
            "rows_written": outcome["merged"], "stopped_by_conflicts": outcome["stopped"],
            "dry_run": outcome["dry_run"], "take": outcome["take"]}


def _objective_titles(plan: Any, draft: Any, review: MergeReview) -> dict[str, str]:
    """The titles of the objectives the changes are grouped under (the draft's, else the
    plan's)."""
    ids = sorted({row.objective_id for row in review.incoming if row.objective_id}
                 | {c.objective_id for c in review.conflicts if c.objective_id})
    titles: dict[str, str] = {}
    for source in (plan, draft):
        with source.reading() as connection:
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                titles.update(connection.execute(
                    f"SELECT id, title FROM objectives WHERE id IN "
                    f"({', '.join('?' * len(chunk))})", chunk).fetchall())
    return titles


def _lines(review: MergeReview, titles: dict[str, str], *, merged: int, stopped: bool,
           dry_run: bool, take: str | None) -> list[str]:
    lines = [f"Merging {review.draft_path.name} ({review.part_name}'s part) into "
             f"{review.plan_path.name}: {len(review.incoming)} incoming "
             f"change{'s' if len(review.incoming) != 1 else ''}, {len(review.conflicts)} "
             f"conflict{'s' if len(review.conflicts) != 1 else ''}"]
    groups: dict[str | None, list[RowIncoming]] = defaultdict(list)
    for row in review.incoming:
        groups[row.objective_id].append(row)
    for objective_id, rows in sorted(groups.items(), key=lambda item: item[0] or ""):
        lines.append(f"  {titles.get(objective_id or '', objective_id or 'people and teams')}")
        for row in rows:
            changed = ", ".join(change.field for change in row.fields) if row.kind == "update" \
                else ""
            lines.append(f"    {row.kind} {row.table.replace('_', ' ')} \u201c{row.title}\u201d"
                         + (f": {changed}" if changed else ""))
    for conflict in review.conflicts:
        where = f" {conflict.field}" if conflict.field else ""
        lines.append(f"  conflict: {conflict.table.replace('_', ' ')} {conflict.row_id}{where}:"
                     f" {conflict.reason}")
        lines.append(f"    draft: {_shown(conflict.draft, conflict.field)}")
        lines.append(f"    plan:  {_shown(conflict.plan, conflict.field)}")
    if stopped:
        lines.append("Stopped: settle the conflicts with --take draft|plan, or in the app "
                     "(File > Merge a draft…). Nothing was written.")
    elif dry_run:
        lines.append("Dry run: nothing was written.")
    elif merged:
        settled = f" (conflicts settled: {take})" if review.conflicts else ""
        lines.append(f"Merged: {merged} rows written in one step{settled}.")
    elif review.conflicts:
        lines.append(f"Nothing written: every conflict was settled for the {take}, and the "
                     "plan already holds the rest of the draft's changes.")
    else:
        lines.append("Nothing to merge: the plan already holds the draft's changes.")
    return lines


def _shown(value: Any, column: str | None) -> str:
    if column is None:
        return "deleted" if value is None else "kept, with its changes"
    return "(none)" if value is None else repr(value) if not isinstance(value, str) else value
