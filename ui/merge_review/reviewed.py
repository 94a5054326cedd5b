"""A merge review worked out off the GUI thread: what the draft brings and asks, the draft's
rows (to name what it added), and who changed the plan's side since the draft was taken out."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from okrdesk import ops
from okrdesk.drafts.merge import MergeReview, Resolution
from okrdesk.drafts.merge_history import review_authors
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan

from .plan_authors import PlanAuthors


@dataclass(frozen=True)
class Reviewed:
    review: MergeReview
    draft: Snapshot | None
    authors: PlanAuthors = field(default_factory=dict)


def review_files(plan_path: Path, draft_path: Path, choices: Resolution | None = None,
                 *, with_draft: bool = True) -> Reviewed:
    """The review of merging the draft into the plan, each opened read-only (off the GUI
    thread); DraftRefused or another OkrDeskError for a file that cannot be merged.
    `with_draft` False leaves the draft's rows unread (a second look needs only the review)."""
    with Plan.open(plan_path, read_only=True) as plan, \
            Plan.open(draft_path, read_only=True) as draft:
        review = ops.review_merge(plan, draft, choices)
        authors = review_authors(plan, draft, review)
        if not with_draft:
            return Reviewed(review, None, authors)
        with draft.reading() as connection:
            return Reviewed(review, Snapshot.load(connection), authors)


__all__ = ["Reviewed", "review_files"]
