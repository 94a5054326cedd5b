"""Taking a draft out: what it holds, its base and record, and the part guard in the draft."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from okrdesk import ops
from okrdesk.demo import build_demo
from okrdesk.drafts.identity import plan_id
from okrdesk.drafts.part import draft_part
from okrdesk.drafts.take_out import take_out_draft
from okrdesk.errors import NotFoundError, OperationRefused
from okrdesk.rulebook import line_of_sight, view_objectives
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from okrdesk.synthetic_wide import wide_plan

COPIED_TABLES = ("settings", "levels", "functions", "units", "cycles", "objectives",
                 "key_results", "contributions", "check_ins", "canvas_positions",
                 "objective_scores", "key_result_scores")


def snapshot_of(plan: Plan) -> Snapshot:
    with plan.reading() as connection:
        return Snapshot.load(connection)


def unit_called(snapshot: Snapshot, name: str) -> str:
    return next(unit.id for unit in snapshot.units.values() if unit.name == name)


def under(snapshot: Snapshot, unit_id: str) -> set[str]:
    """The unit and everyone reporting to it, worked out here by walking up from each unit."""
    found = set()
    for unit in snapshot.units.values():
        current: str | None = unit.id
        while current is not None:
            if current == unit_id:
                found.add(unit.id)
                break
            current = snapshot.units[current].manager_id
    return found


def all_rows(plan: Plan, table: str) -> dict[str, dict[str, object]]:
    with plan.reading() as connection:
        cursor = connection.execute(f"SELECT * FROM {table}")
        columns = [d[0] for d in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        return {str(row["id"]): row for row in rows}


def base_rows(draft: Plan) -> dict[str, dict[str, dict[str, object]]]:
    found: dict[str, dict[str, dict[str, object]]] = {table: {} for table in COPIED_TABLES}
    with draft.reading() as connection:
        for table, row_id, values in connection.execute(
                "SELECT table_name, row_id, row_values FROM draft_base"):
            found[table][row_id] = json.loads(values)
    return found


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo") / "demo.okr")


@pytest.fixture(scope="module")
def olivia_draft(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    with Plan.open(demo, read_only=True) as plan:
        olivia = unit_called(snapshot_of(plan), "Olivia Chen")
        return take_out_draft(plan, olivia, None,
                              tmp_path_factory.mktemp("drafts") / "olivia.okr")


@pytest.fixture
def draft(olivia_draft: Path, tmp_path: Path) -> Iterator[Plan]:
    copy = tmp_path / "draft.okr"
    shutil.copyfile(olivia_draft, copy)
    with Plan.open(copy) as plan:
        yield plan


def check_holds_exactly_the_part(plan_path: Path, draft_path: Path, unit_id: str,
                                 cycle_id: str | None) -> None:
    with Plan.open(plan_path, read_only=True) as plan, \
            Plan.open(draft_path, read_only=True) as draft:
        source, held = snapshot_of(plan), snapshot_of(draft)
        team = under(source, unit_id)
        expected = {oid for oid, o in source.objectives.items() if o.owner_id in team
                    and (cycle_id is None or o.cycle_id == cycle_id)}
        part = draft_part(draft)
        assert part is not None and part.part_unit_id == unit_id
        assert part.plan_id == plan_id(plan) and part.unit_ids == team
        in_part = {oid for oid, o in held.objectives.items() if o.owner_id in team
                   and (cycle_id is None or o.cycle_id == cycle_id)}
        assert in_part == expected and expected
        # The context: the lines of sight of the part's objectives and of the objectives of
        # the manager's level in the cycle's view (the app's), and nothing else.
        manager = source.units[source.units[unit_id].manager_id or ""]
        peers = {o for o in view_objectives(source, cycle_id)
                 if source.units[source.objectives[o].owner_id].level_id == manager.level_id}
        context = {above for oid in expected | peers for above in line_of_sight(source, oid)}
        assert set(held.objectives) == expected | context
        assert all(part.holds_objective({"owner_id": held.objectives[o].owner_id,
                                         "cycle_id": held.objectives[o].cycle_id}) is False
                   for o in context - expected)
        assert set(held.units) == set(source.units)
        assert set(held.levels) == set(source.levels)
        assert set(held.cycles) == set(source.cycles)
        assert set(held.key_results) == {k for o in held.objectives for k in source.krs_of[o]}
        # Rows are copied as they stand; the base holds every row copied in, as copied.
        base = base_rows(draft)
        for table in COPIED_TABLES:
            copied = all_rows(draft, table)
            assert base[table] == copied, table
            original = all_rows(plan, table)
            assert all(original[row_id] == row for row_id, row in copied.items()), table
        assert not all_rows(draft, "history")


def test_a_draft_of_a_middle_manager_of_the_demo_holds_exactly_the_part(
        demo: Path, olivia_draft: Path) -> None:
    with Plan.open(demo, read_only=True) as plan:
        olivia = unit_called(snapshot_of(plan), "Olivia Chen")
    check_holds_exactly_the_part(demo, olivia_draft, olivia, None)
    with Plan.open(olivia_draft, read_only=True) as draft:
        part = draft_part(draft)
        assert part is not None and part.plan_name == "Voltline Motors 2027"
        names = {snapshot_of(draft).units[u].name for u in part.unit_ids}
        assert names == {"Olivia Chen", "Chloe Martin", "Leo Schmidt", "Ana Silva"}


def test_a_draft_of_a_wide_plan_holds_exactly_the_part(tmp_path: Path) -> None:
    path = wide_plan(tmp_path / "wide.okr", levels=4, objectives=300, seed=4)
    with Plan.open(path) as plan:
        source = snapshot_of(plan)
        ranks = {level.id: level.rank for level in source.levels.values()}
        middle = sorted(set(ranks.values()))[1]
        candidates = [u for u in source.units.values() if ranks[u.level_id] == middle
                      and u.manager_id and len(under(source, u.id)) > 1
                      and any(source.objectives[o].owner_id in under(source, u.id)
                              for o in source.objectives)]
        unit_id = candidates[0].id
        draft_path = take_out_draft(plan, unit_id, None, tmp_path / "wide-draft.okr")
    check_holds_exactly_the_part(path, draft_path, unit_id, None)


def test_a_draft_of_one_cycle_holds_that_cycle_of_the_part(demo: Path, tmp_path: Path) -> None:
    with Plan.open(demo, read_only=True) as plan:
        source = snapshot_of(plan)
        olivia = unit_called(source, "Olivia Chen")
        quarter = source.cycle_named("2027-Q1")
        assert quarter is not None
        path = take_out_draft(plan, olivia, quarter.id, tmp_path / "q1.okr")
    check_holds_exactly_the_part(demo, path, olivia, quarter.id)
    with Plan.open(path, read_only=True) as draft:
        held = snapshot_of(draft)
        titles = {o.title for o in held.objectives.values()
                  if o.owner_id == olivia and o.cycle_id == quarter.id}
        assert titles == {"Run spring test-drive weekends across the North"}


def test_unknown_owners_cycles_empty_parts_and_the_plan_itself_are_refused(
        demo: Path, tmp_path: Path) -> None:
    before = demo.read_bytes()
    with Plan.open(demo, read_only=True) as plan:
        source = snapshot_of(plan)
        olivia = unit_called(source, "Olivia Chen")
        target = tmp_path / "draft.okr"
        with pytest.raises(NotFoundError, match="no person or team"):
            take_out_draft(plan, "no-such-unit", None, target)
        with pytest.raises(NotFoundError, match="no cycle"):
            take_out_draft(plan, olivia, "no-such-cycle", target)
        q3 = source.cycle_named("2027-Q3")
        assert q3 is not None
        with pytest.raises(OperationRefused,
                           match="Olivia Chen's part holds no objectives in 2027-Q3"):
            take_out_draft(plan, olivia, q3.id, target)
        with pytest.raises(OperationRefused, match="over the plan it is taken from"):
            take_out_draft(plan, olivia, None, demo, overwrite=True)
    assert not target.exists() and os.listdir(tmp_path) == []
    assert demo.read_bytes() == before


FULL_DISK = textwrap.dedent("""
    import resource, signal, sys
    from pathlib import Path
    from okrdesk.drafts.take_out import take_out_draft
    from okrdesk.storage import Plan
    plan = Plan.open(sys.argv[1], read_only=True)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead
    resource.setrlimit(resource.RLIMIT_FSIZE, (40_000, 40_000))
    try:
        take_out_draft(plan, sys.argv[2], None, Path(sys.argv[3]))
    except Exception as error:
        print(type(error).__name__, error)
        sys.exit(3)
""")


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_failing_disk_leaves_no_draft_behind(demo: Path, tmp_path: Path) -> None:
    with Plan.open(demo, read_only=True) as plan:
        olivia = unit_called(snapshot_of(plan), "Olivia Chen")
    folder = tmp_path / "out"
    folder.mkdir()
    done = subprocess.run([sys.executable, "-c", FULL_DISK, str(demo), olivia,
                           str(folder / "draft.okr")], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 3, done.stderr
    assert "StorageError" in done.stdout or "disk" in done.stdout, done.stdout
    assert os.listdir(folder) == []  # no draft, no half a draft, no temporary


# -- the part guard --------------------------------------------------------------------------


def refused(work: object) -> str:
    assert callable(work)
    with pytest.raises(OperationRefused) as caught:
        work()
    return str(caught.value)


def test_a_change_outside_the_part_is_refused_with_the_reason(draft: Plan) -> None:
    held = snapshot_of(draft)
    top = next(o for o in held.objectives.values()
               if o.title == "Become the leading electric car dealership in the region")
    before = draft.path.read_bytes()
    reason = refused(lambda: ops.edit_objective(draft, top.id, title="Anything"))
    assert reason == ("This draft holds Olivia Chen's part of Voltline Motors 2027: 'Edit "
                      "objective' would change the objective “Become the leading electric "
                      "car dealership in the region”, which is outside it.")
    assert snapshot_of(draft).objectives[top.id].title == top.title
    draft.close()
    assert draft.path.read_bytes() == before


def test_each_kind_of_row_inside_the_part_can_change(draft: Plan) -> None:
    held = snapshot_of(draft)
    chloe = unit_called(held, "Chloe Martin")
    own = next(o for o in held.objectives.values() if o.owner_id == chloe)
    kr = held.key_results_of(own.id)[0]
    elsewhere = next(o for o in held.objectives.values()
                     if o.owner_id == unit_called(held, "Sofia Nilsson"))  # the context
    ops.edit_objective(draft, own.id, title="Convert a third of test drives at Downtown")
    ops.edit_key_result(draft, kr.id, title="Conversion at Downtown")
    ops.record_check_in(draft, kr.id, note="on the way")
    ops.add_contribution(draft, own.id, elsewhere.id)  # a link the part starts
    ops.place_card(draft, own.id, 10.0, 20.0)
    hire = ops.add_unit(draft, "New Hire", held.units[chloe].level_id, manager_id=chloe)
    new = ops.create_objective(draft, hire.new_id("units"), own.cycle_id, "Learn the cars")
    ops.add_key_result(draft, new.new_id("objectives"), "Pass the EV course", kind="milestone")
    done = ops.delete_objective(draft, new.new_id("objectives"))
    draft.apply(done.inverse())  # undo goes through the same guard
    assert snapshot_of(draft).objectives[new.new_id("objectives")].title == "Learn the cars"


def test_each_kind_of_row_outside_the_part_is_refused(draft: Plan) -> None:
    held = snapshot_of(draft)
    olivia = unit_called(held, "Olivia Chen")
    jonas = unit_called(held, "Jonas Berg")
    context = next(o for o in held.objectives.values() if o.owner_id == jonas)
    own = next(o for o in held.objectives.values() if o.owner_id == olivia)
    leaf = next(o for o in held.objectives.values()
                if o.owner_id == unit_called(held, "Leo Schmidt"))
    kr = held.key_results_of(context.id)[0]
    level = held.units[olivia].level_id
    cycle = own.cycle_id
    attempts = {
        "the objective": lambda: ops.edit_objective(draft, context.id, title="x"),
        "a new objective": lambda: ops.create_objective(draft, jonas, cycle, "Theirs"),
        "the key result": lambda: ops.edit_key_result(draft, kr.id, title="x"),
        "a check-in": lambda: ops.record_check_in(draft, kr.id, note="x"),
        "a contributes-to link": lambda: ops.add_contribution(draft, context.id, leaf.id),
        "the person or team": lambda: ops.add_unit(draft, "Peer", level, manager_id=jonas),
        "the manager": lambda: ops.rename_unit(draft, jonas, "Jonas B."),
        "the level": lambda: ops.rename_level(draft, level, "Area leads"),
        "the cycle": lambda: ops.rename_cycle(draft, cycle, "FY27"),
        "a plan setting": lambda: ops.set_setting(draft, "plan_name", "Mine"),
        "moving out": lambda: ops.move_objective(
            draft, leaf.id, owner_id=unit_called(held, "Tom Hughes")),
    }
    before = {table: all_rows(draft, table) for table in COPIED_TABLES}
    for what, attempt in attempts.items():
        assert "which is outside it" in refused(attempt), what
    assert {table: all_rows(draft, table) for table in COPIED_TABLES} == before
    ops.place_card(draft, context.id, 5.0, 5.0)  # arranging cards stays free


def test_a_part_objective_can_align_up_to_the_context(draft: Plan) -> None:
    held = snapshot_of(draft)
    olivia = unit_called(held, "Olivia Chen")
    spring = next(o for o in held.objectives.values()
                  if o.title == "Run spring test-drive weekends across the North")
    top = next(o for o in held.objectives.values()
               if o.title == "Become the leading electric car dealership in the region")
    ops.align_up(draft, spring.id, top.id)  # a key result standing for it, on a context one
    stand_in = snapshot_of(draft).objectives[spring.id].parent_kr_id
    assert stand_in is not None and snapshot_of(draft).key_results[stand_in].objective_id \
        == top.id
    context_kr = held.key_results_of(top.id)[0]
    ops.align_up(draft, spring.id, top.id, under_kr_id=context_kr.id)
    assert stand_in not in snapshot_of(draft).key_results
    ops.unlink(draft, spring.id)
    ops.delegate_down(draft, context_kr.id, olivia, title="Our share of it")
    delegated = [o for o in snapshot_of(draft).objectives.values()
                 if o.title == "Our share of it"]
    assert len(delegated) == 1 and delegated[0].parent_kr_id == context_kr.id


def test_a_plan_that_is_not_a_draft_takes_any_change(demo: Path, tmp_path: Path) -> None:
    copy = tmp_path / "plan.okr"
    shutil.copyfile(demo, copy)
    with Plan.open(copy) as plan:
        assert draft_part(plan) is None
        level = next(iter(snapshot_of(plan).levels))
        ops.rename_level(plan, level, "Board")


def test_the_command_line_takes_a_draft_out_by_name(demo: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from okrdesk.cli import main

    target = tmp_path / "olivia.okr"
    assert main(["draft", str(demo), "--owner", "olivia chen", "--cycle", "2027-Q1",
                 "-o", str(target)]) == 0
    assert "Wrote a draft of Olivia Chen's part in 2027-Q1" in capsys.readouterr().out
    with Plan.open(target, read_only=True) as draft:
        part = draft_part(draft)
        assert part is not None and part.cycle_id is not None
    assert main(["draft", str(demo), "--owner", "Olivia Chen", "-o", str(target)]) == 1
    assert "already exists; use --force" in capsys.readouterr().err
    assert main(["draft", str(demo), "--owner", "Nobody", "-o", str(tmp_path / "x.okr")]) == 1
    assert "No person or team is called “Nobody”" in capsys.readouterr().err
