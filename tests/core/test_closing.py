"""Closing a cycle: final scores and reflections, a closed cycle refusing every change to its
rows until reopened, and closing and reopening as one undo step each."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from okrdesk import ops
from okrdesk.analytics.closing import closing_proposal, closing_summary, next_cycle
from okrdesk.errors import NotFoundError, OperationRefused
from okrdesk.ops import FinalScore, Reflection
from okrdesk.rulebook.cycles import is_closed
from okrdesk.storage import Plan
from tests.core.builders import Org, assert_refused, small_org, table_dump

CLOSED = r"2027-Q1 is closed: reopen it to change it\."


@dataclass
class Quarter:
    org: Org
    win: str  # Sam Lee's Q1 objective, with the key result `revenue`
    revenue: str
    grow: str  # Kim Park's Q1 objective, aligned up to `win`
    serve: str  # Dana Ross's Q1 objective, contributing to `win`
    link: str
    yearly: str  # Alex Chen's objective for the year (open)
    later: str  # Dana Ross's Q2 objective (open)

    @property
    def plan(self) -> Plan:
        return self.org.plan

    @property
    def q1(self) -> str:
        return self.org.cycles["2027-Q1"]


@pytest.fixture
def quarter(tmp_path: Path) -> Iterator[Quarter]:
    with small_org(tmp_path / "plan.okr") as org:
        win = org.objective("Sam Lee", "Win Europe", cycle="2027-Q1")
        revenue = org.key_result(win, "Revenue", start_value=0, target_value=10,
                                 current_value=5)
        grow = org.objective("Kim Park", "Grow EU sales", cycle="2027-Q1",
                             commitment="aspirational")
        org.align_up(grow, win)
        serve = org.objective("Dana Ross", "Serve Europe", cycle="2027-Q1")
        link = ops.add_contribution(org.plan, serve, win).new_id("contributions")
        yearly = org.objective("Alex Chen", "Lead the market", cycle="2027")
        later = org.objective("Dana Ross", "Open Oslo", cycle="2027-Q2")
        yield Quarter(org, win, revenue, grow, serve, link, yearly, later)


def _close(q: Quarter, **scores: FinalScore) -> Any:
    return ops.close_cycle(q.plan, q.q1, scores, {})


# -- closing ---------------------------------------------------------------------------------


def test_closing_stores_scores_notes_and_reflections(quarter: Quarter) -> None:
    q = quarter
    proposal = closing_proposal(q.org.snapshot(), q.q1)
    assert [o.title for o in proposal.objectives] == ["Serve Europe", "Win Europe",
                                                      "Grow EU sales"]  # by level and owner
    win = proposal.objectives[1]
    assert win.progress == pytest.approx(0.25) and win.score == 0.3  # 5/10 and 0 from Grow
    assert [(kr.title, kr.score) for kr in win.key_results] == [("Revenue", 0.5),
                                                                ("Grow EU sales", 0.0)]
    changes = ops.close_cycle(
        q.plan, q.q1,
        {q.win: FinalScore(0.7, "Signed two partners late in March"),
         q.revenue: FinalScore(0.5)},
        {q.win: Reflection("Two partners", "Start earlier", "Carry Oslo over")})
    assert changes.label == "Close 2027-Q1"
    s = q.org.snapshot()
    assert is_closed(s, q.q1) and not is_closed(s, q.org.cycles["2027-Q2"])
    score = s.objective_scores[q.win]
    assert (score.value, score.note, score.achieved, score.learned, score.decided) == (
        0.7, "Signed two partners late in March", "Two partners", "Start earlier",
        "Carry Oslo over")
    assert s.kr_scores[q.revenue].value == 0.5
    assert s.objective_scores[q.serve].value == 0.0  # not given: the proposal's score
    assert set(s.objective_scores) == {q.win, q.serve, q.grow}
    summary = closing_summary(s, q.q1)
    assert summary.scored == 3 and summary.average == pytest.approx(0.7 / 3)
    assert [(f.title, f.expected) for f in summary.short] == [
        ("Serve Europe", 1.0), ("Win Europe", 1.0), ("Grow EU sales", 0.7)]
    assert set(summary.unfinished) == {q.win, q.serve, q.grow}
    following = next_cycle(s, q.q1)
    assert following is not None and following.name == "2027-Q2"


@pytest.mark.parametrize(("scores", "match"), [
    ({"win": FinalScore(0.9)}, r"“Win Europe” \(0\.9\) differs from the 0\.3 its progress "
                               r"suggests: add a note"),
    ({"revenue": FinalScore(1.5)}, r"final score must be between 0 and 1, not 1\.5"),
    ({"revenue": FinalScore(-0.1)}, r"final score must be between 0 and 1"),
    ({"later": FinalScore(0.0)}, r"“Open Oslo” is not part of 2027-Q1"),
])
def test_bad_scores_are_refused(quarter: Quarter, scores: dict[str, FinalScore],
                                match: str) -> None:
    given = {getattr(quarter, name): score for name, score in scores.items()}
    assert_refused(quarter.plan, match, ops.close_cycle, quarter.q1, given, {})


def test_a_score_near_the_proposal_needs_no_note(quarter: Quarter) -> None:
    ops.close_cycle(quarter.plan, quarter.q1, {quarter.win: FinalScore(0.25)}, {})
    assert quarter.org.snapshot().objective_scores[quarter.win].value == 0.25


def test_unknown_ids_closed_and_undated_cycles_are_refused(quarter: Quarter) -> None:
    q = quarter
    with pytest.raises(NotFoundError, match="no objective or key result with id nothing"):
        ops.close_cycle(q.plan, q.q1, {"nothing": FinalScore(0.5)}, {})
    with pytest.raises(NotFoundError, match="no cycle"):
        ops.close_cycle(q.plan, "nothing", {}, {})
    assert_refused(q.plan, "reflections are written on objectives", ops.close_cycle, q.q1, {},
                   {q.revenue: Reflection("x")})
    assert_refused(q.plan, "has no dates", ops.close_cycle, q.org.cycles["Backlog"], {}, {})
    _close(q)
    assert_refused(q.plan, "2027-Q1 is closed already", ops.close_cycle, q.q1, {}, {})
    assert_refused(q.plan, "2027-Q2 is not closed", ops.reopen_cycle, q.org.cycles["2027-Q2"])


# -- a proposal worked out beforehand (the closing dialog's) ---------------------------------


def test_a_current_proposal_is_closed_with_as_it_is(quarter: Quarter) -> None:
    q = quarter
    proposal = closing_proposal(q.org.snapshot(), q.q1)
    win = next(o for o in proposal.objectives if o.id == q.win)
    assert win.score == 0.3
    # Its scores changed behind its back: used as they are, it shows it was not worked out
    # again (its basis, the rows it came from, still holds).
    tampered = replace(proposal, objectives=tuple(
        replace(o, score=0.4) if o.id == q.win else o for o in proposal.objectives))
    ops.close_cycle(q.plan, q.q1, {}, {}, proposal=tampered)
    assert q.org.snapshot().objective_scores[q.win].value == 0.4


def test_a_stale_proposal_is_worked_out_again(quarter: Quarter) -> None:
    q = quarter
    proposal = closing_proposal(q.org.snapshot(), q.q1)
    tampered = replace(proposal, objectives=tuple(
        replace(o, score=0.4) if o.id == q.win else o for o in proposal.objectives))
    ops.edit_key_result(q.plan, q.revenue, current_value=9)
    added = q.org.objective("Ivy Tran", "Fix vans", cycle="2027-Q1")
    with pytest.raises(OperationRefused, match=r"“Win Europe” \(0\.3\) differs from the 0\.5"):
        ops.close_cycle(q.plan, q.q1, {q.win: FinalScore(0.3)}, {}, proposal=proposal)
    ops.close_cycle(q.plan, q.q1, {}, {}, proposal=tampered)
    s = q.org.snapshot()
    assert s.objective_scores[q.win].value == 0.5  # (0.9 + 0) / 2, not the stale 0.4
    assert s.kr_scores[q.revenue].value == 0.9 and added in s.objective_scores


# -- a closed cycle is read-only -------------------------------------------------------------

Operation = Callable[[Quarter], object]
REFUSED: dict[str, Operation] = {
    "edit objective": lambda q: ops.edit_objective(q.plan, q.win, title="Win the world"),
    "create objective": lambda q: ops.create_objective(q.plan, q.org.people["Ivy Tran"], q.q1,
                                                       "Fix vans"),
    "delete objective": lambda q: ops.delete_objective(q.plan, q.serve),
    "align up": lambda q: ops.align_up(q.plan, q.win, q.yearly),
    "delegate down": lambda q: ops.delegate_down(q.plan, q.revenue, q.org.people["Lee Moss"]),
    "unlink": lambda q: ops.unlink(q.plan, q.grow),
    "add contribution": lambda q: ops.add_contribution(q.plan, q.later, q.win),
    "remove contribution": lambda q: ops.remove_contribution(q.plan, q.link),
    "check in": lambda q: ops.record_check_in(q.plan, q.revenue, value=7, at="2027-02-01",
                                              today=date(2027, 2, 15)),
    "add key result": lambda q: ops.add_key_result(q.plan, q.win, "Partners"),
    "edit key result": lambda q: ops.edit_key_result(q.plan, q.revenue, current_value=9),
    "delete key result": lambda q: ops.delete_key_result(q.plan, q.revenue),
    "reorder key result": lambda q: ops.reorder_key_result(q.plan, q.revenue, 1),
    "move out of the cycle": lambda q: ops.move_objective(
        q.plan, q.serve, cycle_id=q.org.cycles["2027-Q2"]),
    "move into the cycle": lambda q: ops.move_objective(q.plan, q.later, cycle_id=q.q1),
    "move to another owner": lambda q: ops.move_objective(
        q.plan, q.serve, owner_id=q.org.people["Noor Haddad"]),
    "copy into the cycle": lambda q: ops.copy_objectives(q.plan, [q.later], q.q1),
    "duplicate": lambda q: ops.duplicate_objective(q.plan, q.serve),
    "rename the cycle": lambda q: ops.rename_cycle(q.plan, q.q1, "Spring"),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_every_change_to_a_closed_cycle_is_refused(quarter: Quarter, name: str) -> None:
    _close(quarter)
    refusal = assert_refused(quarter.plan, CLOSED, lambda _plan: REFUSED[name](quarter))
    assert "would change" in str(refusal)


def test_the_same_operations_work_on_an_open_cycle(quarter: Quarter) -> None:
    """The refusals above come from the closing, not from the operations' own rules."""
    for name in sorted(REFUSED):
        with pytest.raises(_RolledBack), quarter.plan.change(f"Try {name}") as tx:
            REFUSED[name](quarter)
            assert tx.changeset(), name
            raise _RolledBack


class _RolledBack(Exception):
    """Ends a trial change: its transaction is rolled back."""


def test_arranging_cards_and_carrying_over_stay_free(quarter: Quarter) -> None:
    q = quarter
    _close(q)
    ops.place_card(q.plan, q.win, 120.0, 40.0)
    copied = ops.copy_objectives(q.plan, [q.win], q.org.cycles["2027-Q2"])
    assert copied.inserted("objectives")[0]["copied_from_id"] == q.win
    ops.edit_objective(q.plan, q.later, title="Open Oslo and Bergen")


# -- reopening, undo and redo ----------------------------------------------------------------


def test_reopening_allows_changes_and_keeps_the_scores(quarter: Quarter) -> None:
    q = quarter
    _close(q, **{q.win: FinalScore(0.6, "Late partner")})
    changes = ops.reopen_cycle(q.plan, q.q1)
    assert changes.label == "Reopen 2027-Q1"
    ops.edit_objective(q.plan, q.win, title="Win Europe first")
    s = q.org.snapshot()
    assert not is_closed(s, q.q1)
    assert s.objective_scores[q.win].note == "Late partner"
    proposed = {o.id: o.score for o in closing_proposal(s, q.q1).objectives}
    assert proposed[q.win] == 0.6  # pre-filled from the kept score
    ops.close_cycle(q.plan, q.q1, {}, {})  # closing again keeps what was scored
    assert q.org.snapshot().objective_scores[q.win].value == 0.6


def test_closing_and_reopening_are_undone_and_redone(quarter: Quarter) -> None:
    q = quarter
    before = table_dump(q.plan)
    closing = _close(q, **{q.win: FinalScore(0.6, "Late partner")})
    closed = table_dump(q.plan)
    q.plan.apply(closing.inverse())
    assert table_dump(q.plan) == before
    ops.edit_objective(q.plan, q.win, title="Open again")  # the undo reopened it
    ops.edit_objective(q.plan, q.win, title="Win Europe")
    q.plan.apply(closing)  # redo (the edits above left the rows as they were)
    assert table_dump(q.plan) != before
    assert is_closed(q.org.snapshot(), q.q1)
    assert {k: v for k, v in table_dump(q.plan).items() if k != "objectives"} == {
        k: v for k, v in closed.items() if k != "objectives"}

    reopening = ops.reopen_cycle(q.plan, q.q1)
    q.plan.apply(reopening.inverse())
    assert is_closed(q.org.snapshot(), q.q1)
    with pytest.raises(OperationRefused, match=CLOSED):
        ops.edit_objective(q.plan, q.win, title="Refused")
    q.plan.apply(reopening)
    assert not is_closed(q.org.snapshot(), q.q1)


def test_deleting_an_objective_or_key_result_deletes_its_score(quarter: Quarter) -> None:
    q = quarter
    _close(q)
    ops.reopen_cycle(q.plan, q.q1)
    ops.delete_key_result(q.plan, q.revenue)
    ops.delete_objective(q.plan, q.serve)
    s = q.org.snapshot()
    assert q.revenue not in s.kr_scores and q.serve not in s.objective_scores
    assert q.win in s.objective_scores
