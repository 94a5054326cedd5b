"""A quality finding: what is wrong, about which objective, and whose it is.

A finding about an objective names its owner beside its title. Findings that read the same but
for the owner (seven teams sharing one objective title, each with no key results) are given
once, with every owner listed: `finished` sorts and groups them, and both the fresh and the
kept-current computation of okrdesk.analytics end with it, so the two stay equal.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from okrdesk.snapshot import Snapshot

# Findings come in this order, then by objective id, key result id and message.
CODES = (
    "no_key_results", "too_many_key_results", "not_measurable", "no_measurable_target",
    "placeholder_target",
    # The coaches' rules (okrdesk.analytics.quality.coaching_findings), warnings all.
    "no_baseline", "activity_only", "no_why", "low_confidence_on_track",
    "too_many_objectives", "duplicate_title", "missing_parent_key_result",
    "objective_key_result_unlinked", "objective_key_result_shared", "missing_owner",
    "missing_level", "missing_cycle", "missing_objective", "dangling_contribution",
    "alignment_loop",
)
ERRORS = frozenset({"no_key_results", *CODES[CODES.index("missing_parent_key_result"):]})
UNKNOWN_OWNER = "owner unknown"
_ORDER = {code: position for position, code in enumerate(CODES)}


@dataclass(frozen=True)
class Finding:
    """`objective_id` and `key_result_id` are the first of the rows a finding is about;
    `objective_ids`, `key_result_ids` and `owners` list them all (several for a group)."""

    code: str
    severity: str  # "error" or "warning"
    message: str
    objective_id: str | None = None
    key_result_id: str | None = None
    owners: tuple[str, ...] = ()
    objective_ids: tuple[str, ...] = ()
    key_result_ids: tuple[str, ...] = ()
    # The message before and after the owners' names, for grouping; None: never grouped.
    wording: tuple[str, str] | None = field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        found = asdict(self)
        del found["wording"]
        found["objective_ids"] = list(self.objective_ids)
        found["key_result_ids"] = list(self.key_result_ids)
        found["owners"] = list(self.owners)
        return found


def severity_of(code: str) -> str:
    return "error" if code in ERRORS else "warning"


def owner_name(snapshot: Snapshot, objective_id: str) -> str:
    objective = snapshot.objectives.get(objective_id)
    owner = snapshot.units.get(objective.owner_id) if objective is not None else None
    return owner.name if owner is not None else UNKNOWN_OWNER


def plain(code: str, message: str, objective_id: str | None = None,
          key_result_id: str | None = None, owners: tuple[str, ...] = ()) -> Finding:
    """A finding whose message names its owner already, or has none to name."""
    return Finding(code, severity_of(code), message, objective_id, key_result_id, owners,
                   (objective_id,) if objective_id else (),
                   (key_result_id,) if key_result_id else ())


def about(snapshot: Snapshot, code: str, objective_id: str, before: str, after: str,
          key_result_id: str | None = None) -> Finding:
    """A finding about an objective whose message reads `before` + the owner + `after`."""
    owner = owner_name(snapshot, objective_id)
    return Finding(code, severity_of(code), f"{before}{owner}{after}", objective_id,
                   key_result_id, (owner,), (objective_id,),
                   (key_result_id,) if key_result_id else (), (before, after))


def finished(findings: list[Finding]) -> list[Finding]:
    """The findings in their order, those that differ only by owner given once."""
    findings.sort(key=lambda f: (_ORDER[f.code], f.objective_id or "", f.key_result_id or "",
                                 f.message))
    groups: dict[tuple[str, tuple[str, str]], list[Finding]] = {}
    order: list[Finding | tuple[str, tuple[str, str]]] = []
    for found in findings:
        if found.wording is None:
            order.append(found)
            continue
        key = (found.code, found.wording)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(found)
    return [entry if isinstance(entry, Finding) else _group(groups[entry]) for entry in order]


def _group(members: Collection[Finding]) -> Finding:
    if len(members) == 1:
        return next(iter(members))
    ordered = sorted(members, key=lambda f: (f.owners[0].casefold(), f.objective_id or ""))
    first = ordered[0]
    assert first.wording is not None
    owners = tuple(dict.fromkeys(f.owners[0] for f in ordered))
    before, after = first.wording
    return replace(first, message=f"{before}{', '.join(owners)}{after}", owners=owners,
                   objective_ids=tuple(f.objective_ids[0] for f in ordered),
                   key_result_ids=tuple(kr for f in ordered for kr in f.key_result_ids))
