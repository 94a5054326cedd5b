"""Comparing plans and cycles: two plans matched by id (a plan and its copy), two cycles matched
through the copied-from links and otherwise by title and owner; every difference in words; the
`okrdesk diff` command's text, JSON and exit status."""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest

from okrdesk import ops
from okrdesk.cli import main
from okrdesk.compare import PlanDiff, compare_cycles, compare_plans
from okrdesk.compare.files import load_snapshot, read_for_comparing, read_two, values_of
from okrdesk.errors import NotFoundError, PlanFileError
from okrdesk.storage import Plan
from tests.core.builders import Org, ids_by, small_org


def _base(org: Org) -> dict[str, str]:
    """Win ← Grow ← Nordics; Brand (Dana) alone; Grow has a measured key result."""
    ids = {"win": org.objective("Alex Chen", "Win Europe")}
    ids["grow"] = org.objective("Sam Lee", "Grow EU sales")
    org.align_up(ids["grow"], ids["win"])
    ids["nordics"] = org.objective("Kim Park", "Open Nordics")
    org.align_up(ids["nordics"], ids["grow"])
    ids["brand"] = org.objective("Dana Ross", "Launch the brand")
    ids["partners"] = org.key_result(ids["grow"], "Sign partners", start_value=10,
                                     target_value=40)
    ids["retire"] = org.objective("Noor Haddad", "Retire the old site")
    return ids


def _copy(org: Org, folder: Path) -> tuple[Path, Org]:
    """Close the plan, copy its file, and open the copy for editing (the original's ids)."""
    path = org.plan.path
    org.close()
    copy = folder / "copy.okr"
    shutil.copyfile(path, copy)
    plan = Plan.open(copy)
    return copy, Org(plan, levels=ids_by(plan, "levels"), cycles=ids_by(plan, "cycles"),
                     functions=ids_by(plan, "functions"), people=ids_by(plan, "units"))


def _summary(diff: PlanDiff) -> dict[str, list[tuple[str, str]]]:
    return {group: [(d.what, d.title) for d in getattr(diff, group)]
            for group in ("added", "removed", "changed", "realigned", "organisation")}


@pytest.fixture
def edited(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """The plan and an edited copy of it."""
    org = small_org(tmp_path / "plan.okr")
    ids = _base(org)
    copy, other = _copy(org, tmp_path)
    with other:
        ids["new"] = other.objective("Ivy Tran", "Shadow the Nordic desk")
        ops.delete_objective(other.plan, ids["retire"])
        ops.edit_objective(other.plan, ids["brand"], title="Launch the new brand",
                           status="at_risk")
        ops.move_objective(other.plan, ids["brand"], owner_id=other.people["Noor Haddad"])
        ops.edit_key_result(other.plan, ids["partners"], target_value=50)
        ops.align_up(other.plan, ids["nordics"], ids["win"])  # re-aligned: Grow -> Win
        ops.rename_unit(other.plan, other.people["Lee Moss"], "Lee Moss-Hart")
    return tmp_path / "plan.okr", copy, ids


def test_a_plan_and_its_edited_copy_differ_row_by_row_in_words(
        edited: tuple[Path, Path, dict[str, str]]) -> None:
    plan, copy, ids = edited
    diff = compare_plans(load_snapshot(plan), load_snapshot(copy))
    assert _summary(diff) == {
        "added": [("objective", "Shadow the Nordic desk")],
        "removed": [("objective", "Retire the old site")],
        # by level, then owner: the VP's key result before the director's objective
        "changed": [("key result", "Sign partners"), ("objective", "Launch the new brand")],
        "realigned": [("objective", "Open Nordics")],
        "organisation": [("person", "Lee Moss-Hart")],
    }
    partners, brand = diff.changed
    assert [(f.name, f.before, f.after) for f in brand.fields] == [
        ("Title", "Launch the brand", "Launch the new brand"),
        ("Owner", "Dana Ross", "Noor Haddad"),
        ("Status", "—", "at risk")]
    assert (brand.context, brand.id_a, brand.id_b) == (
        "Noor Haddad, Directors", ids["brand"], ids["brand"])
    assert [(f.name, f.before, f.after) for f in partners.fields] == [("Target", "40", "50")]
    assert partners.context == "“Grow EU sales”" and partners.objective_b == ids["grow"]
    [moved] = diff.realigned[0].fields
    assert (moved.name, moved.before, moved.after) == (
        "Aligned to", "“Grow EU sales”", "“Win Europe”")
    [renamed] = diff.organisation[0].fields
    assert (renamed.before, renamed.after) == ("Lee Moss", "Lee Moss-Hart")
    # The key results that stood for the alignments went with them: not listed on their own.
    assert not any(d.table == "key_results" for d in diff.added + diff.removed)
    assert diff.marks() == {ids["new"]: "added", ids["brand"]: "changed",
                            ids["grow"]: "changed", ids["nordics"]: "realigned"}
    assert [d.title for d in diff.removed_objectives()] == ["Retire the old site"]


def test_the_other_way_round_added_and_removed_swap(
        edited: tuple[Path, Path, dict[str, str]]) -> None:
    plan, copy, _ids = edited
    forward = compare_plans(load_snapshot(plan), load_snapshot(copy))
    back = compare_plans(load_snapshot(copy), load_snapshot(plan))
    assert [d.title for d in back.added] == [d.title for d in forward.removed]
    assert [d.title for d in back.removed] == [d.title for d in forward.added]
    assert [(f.before, f.after) for f in back.realigned[0].fields] == [
        (f.after, f.before) for f in forward.realigned[0].fields]
    again = compare_plans(load_snapshot(plan), load_snapshot(copy))
    assert again == forward  # deterministic
    assert not compare_plans(load_snapshot(copy), load_snapshot(copy))


def test_a_cycle_limits_the_objectives_compared(tmp_path: Path) -> None:
    org = small_org(tmp_path / "plan.okr")
    year = org.objective("Alex Chen", "Win Europe")
    quarter = org.objective("Sam Lee", "Grow EU sales", cycle="2027-Q1")
    copy, other = _copy(org, tmp_path)
    with other:
        ops.edit_objective(other.plan, year, title="Win all of Europe")
        ops.edit_objective(other.plan, quarter, title="Grow EU sales fast")
        ops.move_objective(other.plan, quarter, cycle_id=other.cycles["2027-Q2"])
    a, b = load_snapshot(tmp_path / "plan.okr"), load_snapshot(copy)
    in_q1 = compare_plans(a, b, "2027-Q1")
    assert [(d.title, [f.name for f in d.fields]) for d in in_q1.changed] == [
        ("Grow EU sales fast", ["Title", "Cycle"])]
    assert [(f.before, f.after) for f in in_q1.changed[0].fields][1] == ("2027-Q1", "2027-Q2")
    assert [d.title for d in compare_plans(a, b, "2027").changed] == [
        "Win all of Europe", "Grow EU sales fast"]
    with pytest.raises(NotFoundError, match="no cycle “2031”"):
        compare_plans(a, b, "2031")


def test_two_cycles_match_through_copies_then_by_title_and_owner(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        q1, q2, q3 = (org.cycles[f"2027-Q{n}"] for n in (1, 2, 3))
        grow = org.objective("Sam Lee", "Grow EU sales", cycle="2027-Q1")
        partners = org.key_result(grow, "Sign partners", start_value=10, target_value=40)
        nordics = org.objective("Kim Park", "Open Nordics", cycle="2027-Q1")
        org.align_up(nordics, grow)
        brand = org.objective("Dana Ross", "Launch the brand", cycle="2027-Q1")
        site = org.objective("Noor Haddad", "Retire the old site", cycle="2027-Q1")
        ops.copy_cycle(org.plan, q1, q2)
        copies = {o.copied_from_id: o.id for o in org.snapshot().objectives.values()
                  if o.copied_from_id}
        # Renamed after carrying over: still matched, by its copied-from link.
        ops.edit_objective(org.plan, copies[grow], title="Grow EU and UK sales")
        ops.delete_objective(org.plan, copies[site])
        ops.unlink(org.plan, copies[nordics])
        [kr] = [k for k in org.snapshot().key_results_of(copies[grow])
                if k.title == "Sign partners"]
        ops.edit_key_result(org.plan, kr.id, target_value=60)
        # Made anew in Q2, not copied: matched by title and owner (case and spaces aside).
        org.objective("Dana Ross", "Hire a designer", cycle="2027-Q1")
        org.objective("Dana Ross", "hire  a designer", cycle="2027-Q2")
        org.objective("Kim Park", "Hire a designer", cycle="2027-Q2")  # another owner
        # Carried over twice: Q1 to Q3 still matched through the chain of copies.
        ops.copy_objectives(org.plan, [copies[brand]], q3)
        snapshot = org.snapshot()
    diff = compare_cycles(snapshot, q1, q2)
    assert (diff.label_a, diff.label_b) == ("2027-Q1", "2027-Q2")
    assert _summary(diff) == {
        "added": [("objective", "Hire a designer")],
        "removed": [("objective", "Retire the old site")],
        "changed": [("objective", "hire  a designer"), ("objective", "Grow EU and UK sales"),
                    ("key result", "Sign partners")],
        "realigned": [("objective", "Open Nordics")],
        "organisation": [],
    }
    assert diff.added[0].context == "Kim Park, Directors"
    assert [(f.name, f.after) for f in diff.changed[1].fields] == [
        ("Title", "Grow EU and UK sales")]
    assert (diff.changed[2].id_a, diff.changed[2].objective_b) == (partners, copies[grow])
    assert [(f.before, f.after) for f in diff.realigned[0].fields] == [
        ("“Grow EU sales”", "—")]
    q1_to_q3 = compare_cycles(snapshot, q1, q3)
    assert [d.title for d in q1_to_q3.removed] == [
        "Hire a designer", "Grow EU sales", "Open Nordics", "Retire the old site"]
    assert not q1_to_q3.added and not q1_to_q3.changed
    with pytest.raises(NotFoundError):
        compare_cycles(snapshot, q1, "2031-Q9")


def test_hostile_text_and_hand_edits_are_compared_as_plain_text(tmp_path: Path) -> None:
    org = small_org(tmp_path / "plan.okr")
    title = "<b>Bold</b> &amp; \u202eevil\u202c " + "long " * 300
    org.objective("Sam Lee", title.strip()[:500])
    copy, other = _copy(org, tmp_path)
    other.close()
    with sqlite3.connect(copy) as connection:  # a hand edit no operation would make
        connection.execute("UPDATE objectives SET title = title || char(27) || '[31m'")
    connection.close()
    code, out, _err = _run(tmp_path / "plan.okr", copy)
    assert code == 1
    assert "\x1b" not in out and "<b>Bold</b> &amp;" in out
    assert "long " * 40 not in out and "long long…" in out  # shortened in the text
    code, out, _err = _run(tmp_path / "plan.okr", copy, "--json")
    [changed] = json.loads(out)["changed"]
    assert changed["fields"][0]["after"].endswith("\x1b[31m")  # JSON keeps it whole


def test_empty_plans_made_apart_have_no_differences(tmp_path: Path) -> None:
    ops.new_plan(tmp_path / "a.okr", name="Plan").close()
    ops.new_plan(tmp_path / "b.okr", name="Plan").close()
    diff = compare_plans(load_snapshot(tmp_path / "a.okr"), load_snapshot(tmp_path / "b.okr"))
    assert not diff and diff.size() == 0
    assert _run(tmp_path / "a.okr", tmp_path / "b.okr")[:2] == (
        0, f"Comparing {tmp_path / 'a.okr'} (Plan) with {tmp_path / 'b.okr'} (Plan)\n"
           "No differences.\n")


def _run(*args: object) -> tuple[int, str, str]:
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["diff", *map(str, args)])
    return code, out.getvalue(), err.getvalue()


def test_the_command_exits_like_diff_and_prints_json(
        edited: tuple[Path, Path, dict[str, str]], tmp_path: Path) -> None:
    plan, copy, ids = edited
    code, out, err = _run(plan, plan)
    assert (code, err) == (0, "") and out.endswith("No differences.\n")
    code, out, err = _run(plan, copy)
    assert code == 1 and err == ""
    assert "1 added, 1 removed, 2 changed, 1 re-aligned; 1 in people" in out
    assert "  > objective “Open Nordics” (Kim Park, Directors)\n" \
           "      Aligned to: “Grow EU sales” → “Win Europe”" in out
    code, out, _err = _run(plan, copy, "--json")
    document = json.loads(out)
    assert code == 1 and document["differences"] == 6
    assert [d["id_b"] for d in document["added"]] == [ids["new"]]
    assert document["changed"][1]["fields"][1] == {
        "field": "owner_id", "name": "Owner", "before": "Dana Ross", "after": "Noor Haddad"}
    assert _run(plan, copy, "--cycle", "2027")[0] == 1
    assert _run(plan, "--cycles", "2027-Q1", "2027-Q2")[:2] == (
        0, f"Comparing 2027-Q1 with 2027-Q2 in {plan} (Test plan)\nNo differences.\n")


def test_the_command_names_each_error_and_exits_2(
        edited: tuple[Path, Path, dict[str, str]], tmp_path: Path) -> None:
    plan, copy, _ids = edited
    text = tmp_path / "notes.okr"
    text.write_text("not a plan", "utf-8")
    for args, message in [
        ((plan, tmp_path / "missing.okr"), "missing.okr: no such file"),
        ((plan, text), "notes.okr: is not an OKR Desk plan"),
        ((plan, copy, "--cycle", "2031"), "There is no cycle “2031”; the plan has: 2027, "),
        ((plan, "--cycles", "2027", "Someday"), "There is no cycle “Someday”"),
        ((plan, copy, "--cycles", "2027", "2027-Q1"), "two cycles of one plan"),
        ((plan,), "give two plan files"),
    ]:
        code, out, err = _run(*args)
        assert (code, out) == (2, ""), args
        assert err.startswith("okrdesk: error: ") and message in err, (args, err)
    assert _run(plan, copy, "--bogus")[0] == 2


def test_two_plans_read_at_once_compare_as_read_in_turn(
        edited: tuple[Path, Path, dict[str, str]]) -> None:
    plan, copy, _ids = edited
    read_a, read_b = read_two(plan, copy)
    for read in (read_a, read_b):
        assert read.values == values_of(read.snapshot)  # the columns as the rows hold them
    quick = compare_plans(read_a.snapshot, read_b.snapshot,
                          values=(read_a.values, read_b.values))
    assert quick == compare_plans(load_snapshot(plan), load_snapshot(copy))
    assert quick.size() == 6
    whole = load_snapshot(copy)
    assert whole.krs_of == read_b.snapshot.krs_of
    assert whole.aligned_to_kr == read_b.snapshot.aligned_to_kr


def _scribbled(path: Path, out: Path) -> Path:
    """A copy of the plan with pages written over, as a bad disk leaves it."""
    data = bytearray(path.read_bytes())
    data[4096 * 2: 4096 * 4] = b"\xa5" * (4096 * 2)
    out.write_bytes(bytes(data))
    return out


def test_plans_read_at_once_are_vetted_each_and_leave_no_copy_behind(
        edited: tuple[Path, Path, dict[str, str]], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    plan, _copy, _ids = edited
    private = tmp_path / "private"
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))  # where the private copies go
    damaged = _scribbled(plan, tmp_path / "damaged.okr")
    before = damaged.read_bytes()
    with pytest.raises(PlanFileError, match=r"damaged\.okr: is damaged"):
        read_two(plan, damaged)
    with pytest.raises(PlanFileError, match=r"damaged\.okr: is damaged"):
        read_two(damaged, tmp_path / "missing.okr")  # A's error first, as if read in turn
    with pytest.raises(PlanFileError, match=r"damaged\.okr: is damaged"):
        read_for_comparing(damaged)
    assert damaged.read_bytes() == before
    assert list(private.iterdir()) == []
    assert _run(plan, damaged)[0] == 2
