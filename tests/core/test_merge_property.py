"""The three-way merge against random work on both sides (hypothesis).

A plan and a draft of Kim Park's part of it each go through a few random operations: on the
draft, edits of titles and values, check-ins, new and deleted key results and objectives,
alignments and people's levels inside the part; on the plan, the same anywhere, plus moves,
unlinks and contributions. Then the draft is merged.

- Without conflicts, the plan after the merge equals the plan before it with the draft's own
  changes applied. "Equals" means: every row of every table of the plan itself (not the
  history, the plan's identity or the migration stamp), compared field by field, except
  `updated_at` (the merge stamps the rows it writes); the draft's changes are worked out here,
  independently of the merge, as the rows the draft added (whole), removed, and the fields it
  changed (to their new values), from its base to its present state.
- With conflicts, every field both sides changed to different values and every row one side
  deleted and the other changed is reported, each exactly once (one conflict per row, or per
  field of a row). Settled on the draft's side, then on the plan's (each choice also settling
  the conflicts it leads to), the merge either writes or is refused; either way the plan
  opens with no broken link and no loop, and every alignment in it passes the rulebook. Undo
  gives the plan back exactly.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from okrdesk import ops
from okrdesk.drafts.merge import Conflict
from okrdesk.errors import OperationRefused
from okrdesk.ops.facts import SnapshotFacts
from okrdesk.rulebook.alignment import parent_of
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from tests.core.merge_fixtures import Rows, plan_rows, plan_with_draft, unstamped

PART = ("Kim Park", "Lee Moss", "Ivy Tran")
Step = tuple[str, int, int, int]
# The default run is short; OKRDESK_MERGE_EXAMPLES=2000 looks further.
EXAMPLES = int(os.environ.get("OKRDESK_MERGE_EXAMPLES", "200"))


@dataclass(frozen=True)
class Template:
    plan: bytes = field(repr=False)
    draft: bytes = field(repr=False)
    people: dict[str, str] = field(repr=False)
    cycle: str = field(repr=False)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    setup = plan_with_draft(tmp_path_factory.mktemp("merge-property"))
    people, cycle = dict(setup.org.people), setup.org.cycles["2027"]
    plan_path, draft_path = setup.plan.path, setup.draft.path
    setup.close()
    return Template(plan_path.read_bytes(), draft_path.read_bytes(), people, cycle)


# -- the operations -------------------------------------------------------------------------


def _pick(items: list[str], index: int) -> str:
    return items[index % len(items)] if items else "missing"


class Side:
    """One side's plan file, and the rows its operations may pick from."""

    def __init__(self, plan: Plan, template: Template, *, draft: bool) -> None:
        self.plan, self.template, self.draft = plan, template, draft

    def snapshot(self) -> Snapshot:
        with self.plan.reading() as connection:
            return Snapshot.load(connection)

    def owners(self) -> list[str]:
        names = PART if self.draft else tuple(self.template.people)
        return sorted(self.template.people[name] for name in names)

    def objectives(self, s: Snapshot) -> list[str]:
        owners = set(self.owners())
        return sorted(o.id for o in s.objectives.values() if o.owner_id in owners)

    def krs(self, s: Snapshot, metric: bool = True) -> list[str]:
        mine = set(self.objectives(s))
        return sorted(kr.id for kr in s.key_results.values() if kr.objective_id in mine
                      and (kr.kind != "objective" or not metric))


Action = Callable[[Side, Snapshot, int, int, int], object]
TITLES = ("Alpha", "Beta")  # few: both sides often choose the same value

ACTIONS: dict[str, Action] = {
    "edit_title": lambda d, s, a, b, c: ops.edit_objective(
        d.plan, _pick(d.objectives(s), a), title=TITLES[b % 2]),
    "edit_target": lambda d, s, a, b, c: ops.edit_key_result(
        d.plan, _pick(d.krs(s), a), target_value=float(10 + b % 3)),
    "edit_kr_title": lambda d, s, a, b, c: ops.edit_key_result(
        d.plan, _pick(d.krs(s, metric=False), a), title=TITLES[b % 2]),
    "check_in": lambda d, s, a, b, c: ops.record_check_in(
        d.plan, _pick(d.krs(s), a), value=float(b % 3), note=f"Check-in {c}"),
    "add_kr": lambda d, s, a, b, c: ops.add_key_result(
        d.plan, _pick(d.objectives(s), a), f"Result {b}", target_value=float(c)),
    "delete_kr": lambda d, s, a, b, c: ops.delete_key_result(
        d.plan, _pick(d.krs(s, metric=False), a)),
    "create": lambda d, s, a, b, c: ops.create_objective(
        d.plan, _pick(d.owners(), a), d.template.cycle, f"Objective {b}"),
    "delete": lambda d, s, a, b, c: ops.delete_objective(d.plan, _pick(d.objectives(s), a)),
    "align_up": lambda d, s, a, b, c: ops.align_up(
        d.plan, _pick(d.objectives(s), a), _pick(sorted(s.objectives), b)),
    "set_level": lambda d, s, a, b, c: ops.set_unit_level(
        d.plan, _pick(d.owners(), a), _pick(sorted(s.levels), b)),
}
PLAN_ONLY: dict[str, Action] = {
    "unlink": lambda d, s, a, b, c: ops.unlink(d.plan, _pick(d.objectives(s), a)),
    "move": lambda d, s, a, b, c: ops.move_objective(
        d.plan, _pick(d.objectives(s), a), owner_id=_pick(d.owners(), b)),
    "contribute": lambda d, s, a, b, c: ops.add_contribution(
        d.plan, _pick(d.objectives(s), a), _pick(d.objectives(s), b), f"note {c}"),
}


def _run(side: Side, steps: list[Step]) -> None:
    for name, a, b, c in steps:
        action = ACTIONS.get(name) or PLAN_ONLY[name]
        with suppress(OperationRefused):  # a refusal changes nothing: the sequence goes on
            action(side, side.snapshot(), a, b, c)


def _steps(names: list[str]) -> st.SearchStrategy[list[Step]]:
    number = st.integers(0, 12)
    return st.lists(st.tuples(st.sampled_from(names), number, number, number), max_size=8)


# -- what the merge should do, worked out independently ---------------------------------------


def _base(path: Path) -> Rows:
    found: Rows = {}
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        for table, row_id, values in connection.execute(
                "SELECT table_name, row_id, row_values FROM draft_base"):
            found.setdefault(table, {})[row_id] = unstamped(json.loads(values))
    connection.close()
    return found


def _draft_changes(base: Rows, draft: Rows) -> dict[tuple[str, str], dict[str, Any] | None]:
    """(table, id) -> the row added, None for one removed, or the fields changed."""
    changes: dict[tuple[str, str], dict[str, Any] | None] = {}
    for table in draft:
        before, now = base.get(table, {}), draft[table]
        for row_id in before.keys() | now.keys():
            was, row = before.get(row_id), now.get(row_id)
            if row is None:
                changes[(table, row_id)] = None
            elif was is None:
                changes[(table, row_id)] = row
            elif fields := {k: v for k, v in row.items() if was[k] != v}:
                changes[(table, row_id)] = fields
    return changes


def _expected(plan: Rows, base: Rows, draft: Rows) -> Rows:
    expected = {table: {row_id: dict(row) for row_id, row in rows.items()}
                for table, rows in plan.items()}
    for (table, row_id), change in _draft_changes(base, draft).items():
        rows = expected[table]
        if change is None:
            rows.pop(row_id, None)
        elif row_id not in base.get(table, {}):
            rows[row_id] = dict(change)
        else:
            rows[row_id].update(change)
    return expected


def _must_conflict(base: Rows, draft: Rows, plan: Rows) -> set[tuple[str, str, str | None]]:
    """The (table, id, field or None) both sides changed differently: each a conflict."""
    found: set[tuple[str, str, str | None]] = set()
    for table, rows in base.items():
        for row_id, was in rows.items():
            ours, theirs = draft[table].get(row_id), plan[table].get(row_id)
            if (ours is None) != (theirs is None) and (ours or theirs) != was:
                found.add((table, row_id, None))  # deleted on one side, changed on the other
            elif ours is not None and theirs is not None:
                found.update((table, row_id, name) for name, value in was.items()
                             if ours[name] != value != theirs[name] != ours[name])
    return found


# -- the checks ----------------------------------------------------------------------------


def _reported_once(conflicts: tuple[Conflict, ...]) -> None:
    keys = [c.key for c in conflicts]
    assert len(set(keys)) == len(keys), keys
    places = [(c.table, c.row_id, c.field) for c in conflicts]
    assert len(set(places)) == len(places), places


def _settled(plan: Plan, draft: Plan, side: str) -> dict[str, object]:
    """Every conflict settled on `side`, with the conflicts those choices lead to."""
    resolutions: dict[str, object] = {}
    for _ in range(10):
        review = ops.review_merge(plan, draft, resolutions)
        _reported_once(review.conflicts)
        new = [c.key for c in review.conflicts if c.key not in resolutions]
        if not new:
            return resolutions
        resolutions.update((key, side) for key in new)
    raise AssertionError(f"settling on the {side}'s side never ends: {resolutions}")


def _valid(plan: Plan) -> None:
    """The plan opens with no broken link and no loop, and every alignment passes the rules
    (asked of a copy, so that the plan stays open for the undo)."""
    copy = plan.path.with_name("merged.okr")
    with sqlite3.connect(plan.path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    source.close()
    target.close()
    with Plan.open(copy) as opened:
        assert opened.problems == ()
        with opened.reading() as connection:
            snapshot = Snapshot.load(connection)
    copy.unlink()
    facts = SnapshotFacts(snapshot)
    for objective_id, objective in snapshot.objectives.items():
        assert objective.parent_kr_id is None or objective.parent_kr_id in snapshot.key_results
        parent = parent_of(snapshot, objective_id)
        if parent is not None:
            assert ops.alignment_refusal(facts, objective_id, parent) is None


@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
          phases=[Phase.generate, Phase.shrink],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(draft_steps=_steps(sorted(ACTIONS)), plan_steps=_steps(sorted(ACTIONS | PLAN_ONLY)))
def test_a_merge_applies_both_sides_or_reports_each_conflict_once(
        template: Template, draft_steps: list[Step], plan_steps: list[Step]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        plan_path, draft_path = Path(folder) / "plan.okr", Path(folder) / "kim.okr"
        plan_path.write_bytes(template.plan)
        draft_path.write_bytes(template.draft)
        with Plan.open(plan_path) as plan, Plan.open(draft_path) as draft:
            _run(Side(draft, template, draft=True), draft_steps)
            _run(Side(plan, template, draft=False), plan_steps)
            before, base, now = plan_rows(plan_path), _base(draft_path), plan_rows(draft_path)
            review = ops.review_merge(plan, draft)
            _reported_once(review.conflicts)
            reported = {(c.table, c.row_id, c.field) for c in review.conflicts}
            assert _must_conflict(base, now, before) <= reported
            event(f"{len(review.incoming)} incoming, {len(review.conflicts)} conflicts")
            if review.clean:
                ops.merge_draft(plan, draft, {})
                assert plan_rows(plan_path) == _expected(before, base, now)
                assert ops.review_merge(plan, draft).incoming == ()  # merged: nothing left
                return
            for side in ("draft", "plan"):
                _merge_settled(plan, draft, side, before)


def _merge_settled(plan: Plan, draft: Plan, side: str, before: Rows) -> None:
    resolutions = _settled(plan, draft, side)
    try:
        changes = ops.merge_draft(plan, draft, resolutions)
    except OperationRefused as refusal:
        event(f"{side}: refused {str(refusal)[:60]}")
        assert plan_rows(plan.path) == before
        return
    _valid(plan)
    plan.apply(changes.inverse())
    assert plan_rows(plan.path) == before
