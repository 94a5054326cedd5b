"""Deterministic quality checks of a plan, each finding named for a planner.

The checks cover the objectives the view of a cycle holds (see okrdesk.rulebook.cycles). Broken
references, which only a damaged or hand-edited file can hold, are checked across the whole plan
and reported in every view. Each check is written per objective, key result, owner or link, so
that the computation here and the incremental one in okrdesk.analytics.quality_live agree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from functools import lru_cache

from okrdesk.analytics.findings import CODES, ERRORS, Finding, about, finished, plain
from okrdesk.authoring.words import PLACEHOLDER
from okrdesk.rulebook import is_top, parent_of, unit_positions, view_objectives
from okrdesk.rulebook.rhythm import is_low_confidence
from okrdesk.snapshot import KeyResultRow, Snapshot

__all__ = ["CODES", "ERRORS", "Finding", "coaching_findings", "quality_findings"]

METRIC_KINDS = frozenset({"increase", "decrease", "stay_above", "stay_below"})
DEFAULT_MAX_KEY_RESULTS = 5
DEFAULT_MAX_OBJECTIVES_PER_OWNER = 5


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
    return finished(findings)


def objective_findings(snapshot: Snapshot, objective_id: str, most: int) -> list[Finding]:
    """The checks of one objective and its key results (`most`: the key results allowed of
    the owner's own; objectives aligned up into it as key results are not counted)."""
    objective = snapshot.objectives[objective_id]
    krs = snapshot.key_results_of(objective_id)
    title = f'"{objective.title}" ('
    findings = []
    own = sum(1 for kr in krs if kr.kind != "objective")
    if not krs:
        findings.append(about(snapshot, "no_key_results", objective_id, title,
                              ") has no key results: add at least one measurable result."))
    elif own > most:
        aligned = len(krs) - own
        note = (f" ({aligned} aligned objective{'s' if aligned != 1 else ''} not counted)"
                if aligned else "")
        findings.append(about(snapshot, "too_many_key_results", objective_id, title,
                              f") has {own} key results of its own{note}; keep them to "
                              f"{most} or fewer."))
    for kr in krs:
        of = f'Key result "{kr.title}" of "{objective.title}" ('
        if kr.kind == "no_metric":
            findings.append(about(snapshot, "not_measurable", objective_id, of,
                                  ") is not measurable: say which number shows it is done, or "
                                  "make it a milestone.", kr.id))
        if kr.kind in METRIC_KINDS and kr.target_value is None:
            findings.append(about(snapshot, "no_measurable_target", objective_id, of,
                                  ") has no target value.", kr.id))
        if PLACEHOLDER.search(kr.title):
            findings.append(about(snapshot, "placeholder_target", objective_id, of,
                                  ") has a placeholder instead of a number.", kr.id))
    return findings


def coaching_findings(snapshot: Snapshot, objective_ids: Collection[str],
                      on_track: Mapping[str, bool]) -> list[Finding]:
    """The coaches' rules for these objectives, in finding order: measurable key results (a
    baseline and a target that differ), results rather than activities, a why for each company
    objective, and no low confidence while on track. `on_track` maps the objectives on track to
    whether their status was set by hand (False: computed from progress and the date). Apart
    from quality_findings: the plan score counts them (okrdesk.analytics.plan_score)."""
    in_view = set(objective_ids)
    findings = [f for kr in snapshot.key_results.values() if kr.objective_id in in_view
                for f in key_result_coaching(snapshot, kr, on_track.get(kr.objective_id))]
    positions = unit_positions(snapshot)
    for objective_id in objective_ids:
        top = is_top(positions.get(snapshot.objectives[objective_id].owner_id))
        findings += no_why(snapshot, objective_id, top)
    return finished(findings)


def no_why(snapshot: Snapshot, objective_id: str, top: bool) -> list[Finding]:
    """A company objective (`top`: its owner is at the top level) with no description."""
    objective = snapshot.objectives[objective_id]
    if not top or objective.description.strip():
        return []
    return [about(snapshot, "no_why", objective_id, f'Company objective "{objective.title}" (',
                  ") says no why: write in its description why it matters.")]


def key_result_coaching(snapshot: Snapshot, kr: KeyResultRow,
                        on_track: bool | None) -> list[Finding]:
    """The coaches' rules for one key result (`on_track` as for coaching_findings)."""
    baseline = kr.kind in ("increase", "decrease") and kr.target_value is not None \
        and kr.start_value in (None, kr.target_value)
    activity = kr.kind in ("milestone", "no_metric") and reads_as_activity(kr.title)
    doubtful = on_track is not None and is_low_confidence(kr.confidence)
    if not (baseline or activity or doubtful):
        return []
    objective_id = kr.objective_id
    of = f'Key result "{kr.title}" of "{snapshot.objectives[objective_id].title}" ('
    findings = []
    if baseline:
        problem = "has no baseline" if kr.start_value is None else "starts at its target"
        findings.append(about(snapshot, "no_baseline", objective_id, of,
                              f") {problem}: give the value it starts from, other than its "
                              "target.", kr.id))
    if activity:
        findings.append(about(snapshot, "activity_only", objective_id, of,
                              ") is an activity, not a result: say which number shows that "
                              "it worked.", kr.id))
    if doubtful:
        how = "" if on_track else " by its progress"
        findings.append(about(snapshot, "low_confidence_on_track", objective_id, of,
                              f") has confidence {round((kr.confidence or 0) * 10)}/10 while "
                              f"its objective is on track{how}: say what worries its owner, or "
                              "change the status.", kr.id))
    return findings


@lru_cache(maxsize=8192)
def reads_as_activity(title: str) -> bool:
    """Whether a title reads as something done or not ("Launch the new site", "Policy
    implemented") rather than a number moved: the plain-words reader's milestone."""
    from okrdesk.authoring.phrases import read_key_result  # loads only when asked
    from okrdesk.model import KrKind

    return read_key_result(title).kind is KrKind.MILESTONE


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
    return plain("too_many_objectives", f"{who} has {count} objectives in {when}; keep it "
                 f"to {most} or fewer.", owners=(who,))


def duplicate_titles(snapshot: Snapshot, same: Collection[str]) -> list[Finding]:
    """The objectives of a cycle sharing a (normalised) title: one finding each, worded alike
    so that `finished` gives them once with every owner."""
    ordered = sorted(same)
    first = snapshot.objectives[ordered[0]]
    cycle = snapshot.cycles.get(first.cycle_id)
    when = cycle.name if cycle is not None else "the same cycle"
    return [about(snapshot, "duplicate_title", objective_id, f'"{first.title}" (',
                  f") is the title of {len(same)} objectives in {when}; give each its own.")
            for objective_id in ordered]


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
    title = f'"{objective.title}" ('
    findings = []
    if objective.parent_kr_id is not None and objective.parent_kr_id not in \
            snapshot.key_results:
        findings.append(about(snapshot, "missing_parent_key_result", objective_id, title,
                              ") is aligned to a key result that does not exist."))
    owner = snapshot.units.get(objective.owner_id)
    if owner is None:
        findings.append(plain("missing_owner", f'The owner of "{objective.title}" (id '
                              f"{objective.owner_id}) does not exist.", objective.id))
    elif owner.level_id not in snapshot.levels:
        findings.append(plain("missing_level", f'{owner.name}, the owner of '
                              f'"{objective.title}", is at a level that does not exist.',
                              objective.id, owners=(owner.name,)))
    if objective.cycle_id not in snapshot.cycles:
        findings.append(about(snapshot, "missing_cycle", objective_id, f"The cycle of {title}",
                              ") does not exist."))
    if loop_through(snapshot, objective.id):
        findings.append(about(snapshot, "alignment_loop", objective_id, title,
                              ") is aligned, through others, under itself."))
    for kr in snapshot.key_results_of(objective.id):
        if kr.kind != "objective":
            continue
        below = [o for o in snapshot.aligned_to_kr.get(kr.id, ()) if o in snapshot.objectives]
        if len(below) != 1:
            code = "objective_key_result_unlinked" if not below else \
                "objective_key_result_shared"
            problem = "no objective is" if not below else f"{len(below)} objectives are"
            findings.append(about(snapshot, code, objective_id,
                                  f'Key result "{kr.title}" of {title}',
                                  f") stands for a lower objective, but {problem} aligned "
                                  "to it.", kr.id))
    return findings


def key_result_reference_findings(snapshot: Snapshot, kr_id: str) -> list[Finding]:
    kr = snapshot.key_results[kr_id]
    if kr.objective_id in snapshot.objectives:
        return []
    return [plain("missing_objective", f'Key result "{kr.title}" belongs to an objective '
                  "that does not exist.", None, kr.id)]


def contribution_findings(snapshot: Snapshot, link_id: str) -> list[Finding]:
    link = snapshot.contributions[link_id]
    objectives = snapshot.objectives
    if link.source_id in objectives and link.target_id in objectives:
        return []
    if link.source_id not in objectives:
        return [plain("dangling_contribution", "A contributes-to link points from an "
                      "objective that does not exist.")]
    return [about(snapshot, "dangling_contribution", link.source_id, "A contributes-to link "
                  f'from "{objectives[link.source_id].title}" (', ") points to an objective "
                  "that does not exist.")]


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
