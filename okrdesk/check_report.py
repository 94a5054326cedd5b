"""What `okrdesk check` prints: a plan's health figures and quality findings, as text for a
planner or as one JSON document. Every objective it names comes with its owner and level."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from okrdesk.analytics import Finding, HealthReport, LevelHealth
from okrdesk.check_closing import closing_entries, closing_lines
from okrdesk.check_plan_score import plan_score_entry, plan_score_lines
from okrdesk.errors import OkrDeskError
from okrdesk.snapshot import Snapshot


def cycle_id_named(snapshot: Snapshot, name: str | None) -> str:
    """The cycle `--cycle NAME` names; without a name, the cycle the app opens on."""
    cycles = sorted(snapshot.cycles.values(), key=lambda c: (c.kind == "backlog", c.name))
    if name is None:
        from okrdesk.rulebook import default_cycle  # the cycle the app opens on

        chosen = default_cycle(snapshot)
        if chosen is None:
            raise OkrDeskError("the plan has no cycles yet; add a year to check its health")
        return str(chosen.id)
    for cycle in cycles:
        if cycle.name == name:
            return str(cycle.id)
    known = ", ".join(c.name for c in cycles) or "none"
    raise OkrDeskError(f"the plan has no cycle named {name!r}; its cycles are: {known}")


def objective_facts(snapshot: Snapshot, objective_id: str) -> dict[str, str]:
    objective = snapshot.objectives.get(objective_id)
    if objective is None:
        return {"id": objective_id, "title": "?", "owner": "?", "level": "?"}
    owner = snapshot.units.get(objective.owner_id)
    level = snapshot.levels.get(owner.level_id) if owner is not None else None
    return {"id": objective_id, "title": objective.title,
            "owner": owner.name if owner is not None else "?",
            "level": level.name if level is not None else "?"}


def check_document(path: Path, snapshot: Snapshot, cycle_id: str, report: HealthReport,
                   findings: list[Finding]) -> dict[str, Any]:
    health = report.to_dict()
    return {
        "plan": str(path),
        "plan_name": snapshot.setting("plan_name"),
        "cycle": {"id": cycle_id, "name": snapshot.cycles[cycle_id].name},
        "health": health,
        "orphans": [objective_facts(snapshot, o) for o in report.orphans],
        "skip_links": [
            {"child": objective_facts(snapshot, link.child_id),
             "parent": objective_facts(snapshot, link.parent_id), "skipped": link.skipped}
            for link in report.skip_links
        ],
        "not_upward": [
            {"child": objective_facts(snapshot, link.child_id),
             "parent": objective_facts(snapshot, link.parent_id),
             "levels_down": link.levels_down}
            for link in report.downward_links
        ],
        "findings": [finding.to_dict() for finding in findings],
        "plan_score": plan_score_entry(snapshot, cycle_id, findings),
        "closed_cycles": closing_entries(snapshot, cycle_id),
    }


def check_lines(path: Path, snapshot: Snapshot, cycle_id: str, report: HealthReport,
                findings: list[Finding]) -> list[str]:
    name = snapshot.setting("plan_name") or path.name
    lines = [f"{name}: alignment health of {snapshot.cycles[cycle_id].name} ({path})", ""]
    lines += _level_table(report.levels)
    total = report.bottom_up + report.top_down
    gap = round(report.bottom_up_gap * 100)
    verdict = "on target" if gap >= 0 else f"{-gap} points short"
    lines += ["", f"Bottom-up share: {_pct(report.bottom_up_share)} ({report.bottom_up} of "
                  f"{total} alignments); target {_pct(report.bottom_up_target)}: {verdict}"]
    lines += _objective_list("Orphans (aligned to nothing)", snapshot, report.orphans)
    lines.append("")
    lines.append(f"Skip-level links: {len(report.skip_links)}")
    for link in report.skip_links:
        child = objective_facts(snapshot, link.child_id)
        parent = objective_facts(snapshot, link.parent_id)
        lines.append(f"  {_quote(child)} -> {_quote(parent)} (skips {link.skipped} "
                     f"level{'s' if link.skipped != 1 else ''})")
    lines += _not_upward(snapshot, report)
    lines += ["", f"Critical functions: {', '.join(report.critical_functions) or 'none'}",
              f"Not critical this cycle: {', '.join(report.non_critical_functions) or 'none'}",
              "", f"Quality findings: {len(findings)}"]
    for finding in findings:
        lines.append(f"  {finding.severity:<8} {finding.code}: {finding.message}")
    lines += plan_score_lines(snapshot, cycle_id, findings)
    lines += closing_lines(snapshot, cycle_id)
    return lines


def _not_upward(snapshot: Snapshot, report: HealthReport) -> list[str]:
    """Alignments to the same or a lower level: only an imported or hand-edited file holds
    them, so the section is printed only when there are some."""
    if not report.downward_links:
        return []
    lines = ["", f"Not aligned upwards (parent at the same or a lower level): "
                 f"{len(report.downward_links)}"]
    for link in report.downward_links:
        where = ("same level" if link.levels_down == 0 else
                 f"{link.levels_down} level{'s' if link.levels_down != 1 else ''} down")
        lines.append(f"  {_quote(objective_facts(snapshot, link.child_id))} -> "
                     f"{_quote(objective_facts(snapshot, link.parent_id))} ({where})")
    return lines


def _level_table(levels: list[LevelHealth]) -> list[str]:
    width = max([len("Level"), *(len(level.name) for level in levels)])
    header = (f"{'Level':<{width}}  {'Objectives':>10} {'own':>5} {'deleg.':>6}"
              f"  {'Key results':>11} {'own':>5} {'from above':>10} {'from below':>10}")
    rows = [header, "-" * len(header)]
    for level in levels:
        rows.append(
            f"{level.name:<{width}}  {level.objectives:>10} "
            f"{_pct(level.own_objective_share):>5} {_pct(level.delegated_objective_share):>6}"
            f"  {level.key_results:>11} {_pct(level.own_key_result_share):>5} "
            f"{_pct(level.delegated_key_result_share):>10} "
            f"{_pct(level.aligned_key_result_share):>10}"
        )
    return rows


def _objective_list(title: str, snapshot: Snapshot, objective_ids: list[str]) -> list[str]:
    lines = ["", f"{title}: {len(objective_ids)}"]
    for objective_id in objective_ids:
        facts = objective_facts(snapshot, objective_id)
        lines.append(f"  {_quote(facts)}")
    return lines


def _quote(facts: dict[str, str]) -> str:
    return f"\u201c{facts['title']}\u201d ({facts['owner']}, {facts['level']})"


def _pct(share: float) -> str:
    return f"{round(share * 100)}%"
