"""Deterministic quality checks of a plan, each finding named for a planner.

The checks cover the objectives the view of a cycle holds (see okrdesk.rulebook.cycles). Broken
references, which only a damaged or hand-edited file can hold, are checked across the whole plan
and reported in every view. Each check is written per objective, key result, owner or link, so
that the computation here and the incremental one in okrdesk.analytics.quality_live agree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import asdict, dataclass
from typing import Any

from okrdesk.authoring.words import PLACEHOLDER
from okrdesk.rulebook import parent_of, view_objectives
from okrdesk.snapshot import Snapshot

METRIC_KINDS = frozenset({"increase", "decrease", "stay_above", "stay_below"})
DEFAULT_MAX_KEY_RESULTS = 5
DEFAULT_MAX_OBJECTIVES_PER_OWNER = 5

# Findings come in this order, then by objective id, key result id and message.
CODES = (
    "no_key_results", "too_many_key_results", "not_measurable", "no_measurable_target",
    "placeholder_target",
    "too_many_objectives", "duplicate_title", "missing_parent_key_result",
    "objective_key_result_unlinked", "objective_key_result_shared", "missing_owner",
    "missing_level", "missing_cycle", "missing_objective", "dangling_contribution",
    "alignment_loop",
)
ERRORS = frozenset({"no_key_results", *CODES[CODES.index("missing_parent_key_result"):]})


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str  # "error" or "warning"
    message: str
    objective_id: str | None = None
    key_result_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _finding(code: str, message: str, objective_id: str | None = None,
             key_result_id: str | None = None) -> Finding:
    return Finding(code, "error" if code in ERRORS else "warning", message, objective_id,
                   key_result_id)


def int_setting(snapshot: Snapshot, key: str, default: int) -> int:
    try:
        value = int(snapshot.setting(key, str(default)))
    except ValueError:
        return default
    return value if value >= 1 else default


def normal_title(title: str) -> str:
    return " ".join(title.casefold().split())


def quality_findings(snapshot: Snapshot, cycle_id: str | None) -> list[Finding]:
    """Every finding for the objectives of a cycle's view (None: the whole plan), in order."""
    objective_ids = view_objectives(snapshot, cycle_id)
    most = int_setting(snapshot, "max_key_results", DEFAULT_MAX_KEY_RESULTS)
    findings = [f for objective_id in objective_ids
                for f in objective_findings(snapshot, objective_id, most)]
    findings += owner_findings(snapshot, objective_ids)
    findings += reference_findings(snapshot)
    return sort_findings(findings)


_ORDER = {code: position for position, code in enumerate(CODES)}


def sort_findings(findings: list[Finding]) -> list[Finding]:
    findings.sort(key=lambda f: (_ORDER[f.code], f.objective_id or "", f.key_result_id or "",
                                 f.message))
    return findings


def objective_findings(snapshot: Snapshot, objective_id: str, most: int) -> list[Finding]:
    """The checks of one objective and its key results (`most`: the key results allowed)."""
    objective = snapshot.objectives[objective_id]
    krs = snapshot.key_results_of(objective_id)
    findings = []
    if not krs:
        findings.append(_finding("no_key_results", f'"{objective.title}" has no key '
                                 "results: add at least one measurable result.", objective_id))
    elif len(krs) > most:
        findings.append(_finding("too_many_key_results", f'"{objective.title}" has '
                                 f"{len(krs)} key results; keep it to {most} or fewer.",
                                 objective_id))
    for kr in krs:
        if kr.kind == "no_metric":
            findings.append(_finding("not_measurable", f'Key result "{kr.title}" of '
                                     f'"{objective.title}" is not measurable: say which number '
                                     "shows it is done, or make it a milestone.",
                                     objective_id, kr.id))
        if kr.kind in METRIC_KINDS and kr.target_value is None:
            findings.append(_finding("no_measurable_target", f'Key result "{kr.title}" of '
                                     f'"{objective.title}" has no target value.',
                                     objective_id, kr.id))
        if PLACEHOLDER.search(kr.title):
            findings.append(_finding("placeholder_target", f'Key result "{kr.title}" of '
                                     f'"{objective.title}" has a placeholder instead of a '
                                     "number.", objective_id, kr.id))
    return findings


def owner_findings(snapshot: Snapshot, objective_ids: list[str]) -> list[Finding]:
    """Owners with too many objectives and titles used twice, among these objectives."""
    most = int_setting(snapshot, "max_objectives_per_owner", DEFAULT_MAX_OBJECTIVES_PER_OWNER)
    per_owner: dict[tuple[str, str], int] = defaultdict(int)
    titles: dict[tuple[str, str], list[str]] = defaultdict(list)
    for objective_id in objective_ids:
        objective = snapshot.objectives[objective_id]
        per_owner[objective.owner_id, objective.cycle_id] += 1
        titles[objective.cycle_id, normal_title(objective.title)].append(objective_id)
    findings = [too_many_objectives(snapshot, owner_id, cycle_id, count, most)
                for (owner_id, cycle_id), count in per_owner.items() if count > most]
    for same in titles.values():
        if len(same) > 1:
            findings += duplicate_titles(snapshot, same)
    return findings


def too_many_objectives(snapshot: Snapshot, owner_id: str, cycle_id: str, count: int,
                        most: int) -> Finding:
    owner = snapshot.units.get(owner_id)
    cycle = snapshot.cycles.get(cycle_id)
    who = owner.name if owner is not None else owner_id
    when = cycle.name if cycle is not None else cycle_id
    return _finding("too_many_objectives", f"{who} has {count} objectives in {when}; keep it "
                    f"to {most} or fewer.")


def duplicate_titles(snapshot: Snapshot, same: Collection[str]) -> list[Finding]:
    """One finding per objective of a cycle sharing a (normalised) title with others."""
    return [_finding("duplicate_title", f'"{snapshot.objectives[objective_id].title}" is used '
                     f"by {len(same)} objectives in the same cycle.", objective_id)
            for objective_id in same]


def reference_findings(snapshot: Snapshot) -> list[Finding]:
    """Broken references across the whole plan."""
    findings = [f for objective_id in snapshot.objectives
                for f in objective_reference_findings(snapshot, objective_id)]
    for kr in snapshot.key_results.values():
        findings += key_result_reference_findings(snapshot, kr.id)
    for link in snapshot.contributions.values():
        findings += contribution_findings(snapshot, link.id)
    return findings


def objective_reference_findings(snapshot: Snapshot, objective_id: str) -> list[Finding]:
    """Broken references of one objective and of the key results standing for others."""
    objective = snapshot.objectives[objective_id]
    title = objective.title
    findings = []
    if objective.parent_kr_id is not None and objective.parent_kr_id not in \
            snapshot.key_results:
        findings.append(_finding("missing_parent_key_result", f'"{title}" is aligned to a '
                                 "key result that does not exist.", objective.id))
    owner = snapshot.units.get(objective.owner_id)
    if owner is None:
        findings.append(_finding("missing_owner", f'The owner of "{title}" does not exist.',
                                 objective.id))
    elif owner.level_id not in snapshot.levels:
        findings.append(_finding("missing_level", f'{owner.name}, the owner of "{title}", '
                                 "is at a level that does not exist.", objective.id))
    if objective.cycle_id not in snapshot.cycles:
        findings.append(_finding("missing_cycle", f'The cycle of "{title}" does not exist.',
                                 objective.id))
    if loop_through(snapshot, objective.id):
        findings.append(_finding("alignment_loop", f'"{title}" is aligned, through others, '
                                 "under itself.", objective.id))
    for kr in snapshot.key_results_of(objective.id):
        if kr.kind != "objective":
            continue
        below = [o for o in snapshot.aligned_to_kr.get(kr.id, ()) if o in snapshot.objectives]
        if len(below) != 1:
            code = "objective_key_result_unlinked" if not below else \
                "objective_key_result_shared"
            problem = "no objective is" if not below else f"{len(below)} objectives are"
            findings.append(_finding(code, f'Key result "{kr.title}" of "{title}" stands '
                                     f"for a lower objective, but {problem} aligned to it.",
                                     objective.id, kr.id))
    return findings


def key_result_reference_findings(snapshot: Snapshot, kr_id: str) -> list[Finding]:
    kr = snapshot.key_results[kr_id]
    if kr.objective_id in snapshot.objectives:
        return []
    return [_finding("missing_objective", f'Key result "{kr.title}" belongs to an objective '
                     "that does not exist.", None, kr.id)]


def contribution_findings(snapshot: Snapshot, link_id: str) -> list[Finding]:
    link = snapshot.contributions[link_id]
    objectives = snapshot.objectives
    if link.source_id in objectives and link.target_id in objectives:
        return []
    source = link.source_id if link.source_id in objectives else None
    return [_finding("dangling_contribution", "A contributes-to link points to an objective "
                     "that does not exist.", source)]


def loop_through(snapshot: Snapshot, objective_id: str) -> list[str]:
    """The objectives of the alignment loop through this one (empty when it is on none)."""
    line = [objective_id]
    seen = {objective_id}
    current = objective_id
    while True:
        above = parent_of(snapshot, current)
        if above is None:
            return []
        current = above
        if current == objective_id:
            return line
        if current in seen:
            return []  # a loop above, reported for the objectives on it
        seen.add(current)
        line.append(current)
