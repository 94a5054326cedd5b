"""Saying who changed the plan's side of a review line, and when, as the plan's history has
it ("Changed in the plan by dana on 2027-02-03 14:10 — Rename objective"); nothing where the
history cannot tell."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from okrdesk.drafts.merge_history import Authorship, FieldKey, first_found

from ..translation import tr

PlanAuthors = Mapping[FieldKey, Authorship]


def local_time(at: str) -> str:
    """The entry's time in the computer's time zone, to the minute."""
    try:
        return datetime.fromisoformat(at).astimezone().strftime("%Y-%m-%d %H:%M")
    except (ValueError, OverflowError, OSError):
        return at


def plan_change(authors: PlanAuthors, keys: Iterable[FieldKey]) -> str:
    """The sentence for the first of `keys` the history names; "" if none."""
    found = first_found(authors, keys) if authors else None
    return said(found) if found is not None else ""


def said(authorship: Authorship) -> str:
    when, label = local_time(authorship.at), authorship.label
    if authorship.kind == "delete":
        text = (tr("Removed in the plan by {author} on {when} — {label}") if authorship.author
                else tr("Removed in the plan on {when} — {label}"))
    elif authorship.kind == "insert":
        text = (tr("Added in the plan by {author} on {when} — {label}") if authorship.author
                else tr("Added in the plan on {when} — {label}"))
    else:
        text = (tr("Changed in the plan by {author} on {when} — {label}") if authorship.author
                else tr("Changed in the plan on {when} — {label}"))
    return text.format(author=authorship.author, when=when, label=label)


__all__ = ["PlanAuthors", "local_time", "plan_change", "said"]
