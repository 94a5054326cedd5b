"""What the plan score counts, one row at a time: each finding taken apart into its members (one
per objective or key result it is about), and the coaches' rules for one objective.

The score is added up from members in one order, the order of findings before those that differ
only by owner are given once (by kind, objective id, key result id, then message), so that the
same members give the same score whether they were counted afresh or kept current per change.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import NamedTuple

from okrdesk.analytics.findings import CODES, Finding, owner_name
from okrdesk.analytics.plan_score_rules import RULE_OF_CODE
from okrdesk.analytics.progress import ProgressCalculator
from okrdesk.analytics.quality import key_result_coaching, no_why
from okrdesk.model import Status
from okrdesk.rulebook.rhythm import expected_status, is_low_confidence
from okrdesk.snapshot import KeyResultRow, Snapshot

CODE_ORDER = {code: position for position, code in enumerate(CODES)}
# Kinds of key result the coaches' rules may find fault with whatever their objective's status
# (no baseline, an activity); with low confidence on track, any kind.
MAY_FAIL = frozenset({"increase", "decrease", "milestone", "no_metric"})
FOCUS = "focus"  # the rule about an owner and a cycle, not a row: counted by its message


class Member(NamedTuple):
    """One row a finding is about; members sort in the order the score counts them."""

    order: int  # the finding's kind, in okrdesk.analytics.findings.CODES order
    objective_id: str  # "" when the finding is about no objective
    key_result_id: str  # "" when about the objective itself
    message: str  # the finding's words about this row alone
    rule: str
    tail: str  # what the message says after its subject ("" when it cannot say)


def members_of(snapshot: Snapshot, finding: Finding) -> Iterator[Member]:
    """The members of a finding: one, or one per owner for findings given once for several."""
    order = CODE_ORDER[finding.code]
    rule = RULE_OF_CODE[finding.code].key
    tail = finding.wording[1].removeprefix(") ") if finding.wording else ""
    objective_ids = finding.objective_ids or (finding.objective_id,)
    kr_ids = finding.key_result_ids
    for position, objective_id in enumerate(objective_ids):
        kr_id = kr_ids[position] if len(kr_ids) == len(objective_ids) else \
            (finding.key_result_id or "")
        message = finding.message
        if finding.wording is not None and objective_id is not None and len(objective_ids) > 1:
            before, after = finding.wording
            message = f"{before}{owner_name(snapshot, objective_id)}{after}"
        yield Member(order, objective_id or "", kr_id, message, rule, tail)


def on_track_of(snapshot: Snapshot, objective_id: str, krs: Sequence[KeyResultRow],
                today: date, progress: ProgressCalculator) -> bool | None:
    """For an objective with a key result of low confidence (the only ones the rule asks
    about; `krs` are its key results): True when on track by a status set by hand, False when
    on track by the status expected from progress and the date (no status set), else None."""
    for kr in krs:
        if kr.confidence is not None and is_low_confidence(kr.confidence):
            break
    else:
        return None
    objective = snapshot.objectives[objective_id]
    if objective.status:
        return True if objective.status == Status.ON_TRACK else None
    cycle = snapshot.cycles.get(objective.cycle_id)
    if cycle is not None and expected_status(progress.objective(objective_id), cycle,
                                             today) is Status.ON_TRACK:
        return False
    return None


def coaching_members(snapshot: Snapshot, objective_id: str, krs: Sequence[KeyResultRow],
                     top: bool, today: date, progress: ProgressCalculator) -> list[Member]:
    """The coaches' rules for one objective and its key results `krs` (`top`: its owner is at
    the top level), as members (okrdesk.analytics.quality.coaching_findings for one objective)."""
    on_track = on_track_of(snapshot, objective_id, krs, today, progress)
    found = [f for kr in krs if on_track is not None or kr.kind in MAY_FAIL
             for f in key_result_coaching(snapshot, kr, on_track)]
    if top:
        found += no_why(snapshot, objective_id, top)
    return [member for finding in found for member in members_of(snapshot, finding)] \
        if found else []
