"""The lines of a merge review, grouped by objective: one line per field the draft changes (a
row added or removed is one line) and one per conflict, each with the plan's, the draft's and
the base's value in words."""

from __future__ import annotations

from dataclasses import dataclass, field

from okrdesk.drafts.merge import Conflict, MergeReview, RowIncoming
from okrdesk.drafts.merge_history import conflict_keys

from ..translation import tr
from .plan_authors import PlanAuthors, plan_change
from .values import NONE, Names, field_name, row_noun


@dataclass(frozen=True)
class Entry:
    key: str  # the conflict's key, or "change:table:row:field"
    what: str
    plan: str
    draft: str
    base: str
    conflict: Conflict | None = None
    named: str = ""  # `what` naming its objective too, where the line's group names it
    changed: str = ""  # who changed the plan's side, and when, where the history says

    @property
    def full(self) -> str:
        return self.named or self.what


@dataclass
class Group:
    """An objective's lines (objective_id None: people and teams)."""

    objective_id: str | None
    title: str
    owner: str
    entries: list[Entry] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return tr("{title} — {owner}").format(title=self.title, owner=self.owner) \
            if self.owner else self.title


def build_groups(review: MergeReview, names: Names,
                 authors: PlanAuthors | None = None) -> list[Group]:
    """Groups in title order (people and teams last); in each, conflicts first. `authors`
    name who changed the plan's side of a line since the draft was taken out."""
    authors = authors or {}
    groups: dict[str | None, Group] = {}

    def group_of(objective_id: str | None) -> Group:
        if objective_id not in groups:
            title = names.objective(objective_id) if objective_id else tr("People and teams")
            groups[objective_id] = Group(objective_id, title, names.owner_of(objective_id))
        return groups[objective_id]

    conflicted = {(c.table, c.row_id, c.field) for c in review.conflicts}
    for conflict in review.conflicts:
        group_of(conflict.objective_id).entries.append(
            conflict_entry(conflict, names, plan_change(authors, conflict_keys(conflict))))
    for row in review.incoming:
        lines = change_entries(row, names, conflicted, authors)
        if lines:
            group_of(row.objective_id).entries.extend(lines)
    return sorted(groups.values(),
                  key=lambda g: (g.objective_id is None, g.title.casefold(), g.objective_id or ""))


def describe(table: str, row_id: str, names: Names, fallback: str,
             group: str | None = None) -> str:
    """"Key result “Offices opened”"; an objective in its own group is named by its heading."""
    title = names.title(table, row_id, fallback)
    noun = row_noun(table)
    if table == "objectives" and row_id == group:
        return noun
    return tr("{noun} “{title}”").format(noun=noun, title=title) if title else noun


def conflict_entry(conflict: Conflict, names: Names, changed: str = "") -> Entry:
    row = describe(conflict.table, conflict.row_id, names, "", conflict.objective_id)
    named = describe(conflict.table, conflict.row_id, names, "")
    if conflict.field is None:  # a row deleted on one side and changed on the other
        return Entry(conflict.key, row, names.row(conflict.table, conflict.plan),
                     names.row(conflict.table, conflict.draft),
                     names.row(conflict.table, conflict.base), conflict, named, changed)
    field = field_name(conflict.field)
    return Entry(conflict.key, tr("{row}: {field}").format(row=row, field=field),
                 names.value(conflict.field, conflict.plan),
                 names.value(conflict.field, conflict.draft),
                 names.value(conflict.field, conflict.base), conflict,
                 tr("{row}: {field}").format(row=named, field=field), changed)


def change_entries(row: RowIncoming, names: Names,
                   conflicted: set[tuple[str, str, str | None]],
                   authors: PlanAuthors | None = None) -> list[Entry]:
    described = describe(row.table, row.row_id, names, row.title, row.objective_id)
    key = f"change:{row.table}:{row.row_id}"
    if row.kind == "insert":
        draft = {change.field: change.draft for change in row.fields}
        return [Entry(key, tr("{row}: added").format(row=described), NONE,
                      names.row(row.table, draft), NONE)]
    if row.kind == "delete":
        return [Entry(key, tr("{row}: removed").format(row=described), row.title,
                      tr("removed"), row.title)]
    lines = []
    for change in row.fields:
        if (row.table, row.row_id, change.field) in conflicted:
            continue  # the conflict's line says it
        base = names.value(change.field, change.base)
        lines.append(Entry(f"{key}:{change.field}",
                           tr("{row}: {field}").format(row=described,
                                                       field=field_name(change.field)),
                           base, names.value(change.field, change.draft), base,
                           changed=plan_change(authors or {}, [(row.table, row.row_id,
                                                                change.field)])))
    return lines


__all__ = ["Entry", "Group", "build_groups"]
