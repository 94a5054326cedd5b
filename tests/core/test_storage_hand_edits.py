"""Plans changed with a database tool: altered tables and rows that break the model are named
and refused, the file untouched; the command line says so in one line, never a traceback."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from okrdesk import cli
from okrdesk.errors import PlanFileError
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from tests.core.plan_states import folder_state

Edit = Callable[[sqlite3.Connection], None]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from okrdesk.demo import build_demo

    return build_demo(tmp_path_factory.mktemp("demo") / "demo.okr")


def edited(demo: Path, folder: Path, edit: Edit, *, checks: bool = False) -> Path:
    path = folder / "edited.okr"
    path.write_bytes(demo.read_bytes())
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute(f"PRAGMA ignore_check_constraints = {int(not checks)}")
    edit(connection)
    connection.close()
    return path


def first(connection: sqlite3.Connection, query: str) -> str:
    return str(connection.execute(query).fetchone()[0])


# -- the shape of the tables -------------------------------------------------------------------

SHAPES: dict[str, tuple[Edit, str]] = {
    "column dropped": (
        lambda c: c.execute("ALTER TABLE objectives DROP COLUMN description"),
        "column objectives.description is missing"),
    "column renamed": (
        lambda c: c.execute("ALTER TABLE key_results RENAME COLUMN weight TO heft"),
        "column key_results.weight is missing"),
    "table missing": (
        lambda c: c.execute("DROP TABLE canvas_positions"),
        "table canvas_positions is missing"),
    "table added": (
        lambda c: c.execute("CREATE TABLE notes (id TEXT)"),
        "a table notes that this plan format does not have"),
    "uniqueness dropped": (
        lambda c: c.execute("DROP INDEX uq_contributions_pair"),
        "contributions.(source_id, target_id) is unique is missing"),
    "column type changed": (
        lambda c: c.executescript(
            "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, "
            "'weight FLOAT', 'weight TEXT') WHERE name = 'key_results';"),
        "column key_results.weight holds TEXT values, not REAL"),
}


@pytest.mark.parametrize("case", sorted(SHAPES))
def test_an_altered_schema_is_named_and_refused(demo: Path, tmp_path: Path, case: str) -> None:
    edit, expected = SHAPES[case]
    path = edited(demo, tmp_path, edit)
    before = folder_state(tmp_path)
    with pytest.raises(PlanFileError) as raised:
        Plan.open(path)
    assert expected in str(raised.value)
    assert "plan format" in str(raised.value)
    assert folder_state(tmp_path) == before


# -- rows that break the model -----------------------------------------------------------------


def loop(c: sqlite3.Connection) -> None:
    """The top objective aligned under a key result of one of its own children."""
    child = c.execute("SELECT o.id, k.objective_id FROM objectives o JOIN key_results k "
                      "ON k.id = o.parent_kr_id LIMIT 1").fetchone()
    child_kr = first(c, f"SELECT id FROM key_results WHERE objective_id = '{child[0]}'")
    c.execute(f"UPDATE objectives SET parent_kr_id = '{child_kr}' WHERE id = '{child[1]}'")


REFUSED: dict[str, tuple[Edit, str]] = {
    "binary title": (
        lambda c: c.execute("UPDATE objectives SET title = x'00ff10' WHERE rowid = 1"),
        "title holds binary data, not text"),
    "invalid UTF-8": (
        lambda c: c.execute("UPDATE objectives SET description = CAST(x'476cfc636b' AS TEXT) "
                            "WHERE rowid = 1"),
        "description holds text that is not valid UTF-8"),
    "text in a number column": (
        lambda c: c.execute("UPDATE key_results SET weight = 'heavy' WHERE rowid = 1"),
        "weight holds text, not a number"),
    "word outside the vocabulary": (
        lambda c: c.execute("UPDATE objectives SET origin = 'stolen' WHERE rowid = 1"),
        "breaks the rule origin IN ('own', 'delegated')"),
}
# Opened and reported: the rest of the program treats a missing parent as none and reports
# loops as quality findings; a planner can mend them in the app.
REPORTED: dict[str, tuple[Edit, str]] = {
    "alignment loop": (loop, "objectives aligned to one another in a loop"),
    "dangling owner": (
        lambda c: c.execute("UPDATE objectives SET owner_id = 'gone' WHERE rowid = 1"),
        "owner_id names a row of units that does not exist"),
    "no levels": (lambda c: c.execute("DELETE FROM levels"),
                  "level_id names a row of levels that does not exist"),
    "reporting loop": (
        lambda c: c.execute("UPDATE units SET manager_id = (SELECT id FROM units u2 WHERE "
                            "u2.manager_id = units.id LIMIT 1) WHERE manager_id IS NULL"),
        "units reports to one another in a loop"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_value_the_model_cannot_hold_is_named_and_refused(demo: Path, tmp_path: Path,
                                                            case: str) -> None:
    edit, expected = REFUSED[case]
    path = edited(demo, tmp_path, edit)
    before = folder_state(tmp_path)
    with pytest.raises(PlanFileError) as raised, Plan.open(path) as plan, \
            plan.read() as connection:
        Snapshot.load(connection)  # text that is not UTF-8 is found when reading meets it
    message = str(raised.value)
    assert expected in message
    assert " row " in message and "(id " in message  # names the row
    assert folder_state(tmp_path) == before


@pytest.mark.parametrize("case", sorted(REPORTED))
def test_broken_links_and_loops_are_named_and_the_plan_opens(demo: Path, tmp_path: Path,
                                                             case: str) -> None:
    edit, expected = REPORTED[case]
    path = edited(demo, tmp_path, edit)
    with Plan.open(path) as plan:
        assert not plan.read_only
        assert any(expected in problem and "(id " in problem for problem in plan.problems)


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_the_commands_name_the_row_in_one_line(demo: Path, tmp_path: Path, case: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    edit, expected = REFUSED[case]
    path = edited(demo, tmp_path, edit)
    for args in (["check", str(path)], ["map", str(path), "-o", str(tmp_path / "m.dot")],
                 ["export", str(path), "-o", str(tmp_path / "e.json")]):
        assert cli.main(args) == 1
        errors = capsys.readouterr().err.strip().splitlines()
        assert len(errors) == 1 and errors[0].startswith("okrdesk: error: ")
        assert expected in errors[0]


@pytest.mark.parametrize("case", sorted(REPORTED))
def test_commands_on_broken_links_never_crash(demo: Path, tmp_path: Path, case: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = edited(demo, tmp_path, REPORTED[case][0])
    assert cli.main(["export", str(path), "-o", str(tmp_path / "e.json")]) == 0
    assert cli.main(["map", str(path), "-o", str(tmp_path / "m.pdf")]) == 1
    errors = capsys.readouterr().err.strip().splitlines()
    assert errors[-1].startswith("okrdesk: error: The map cannot be drawn until these are "
                                 "mended: ")
    assert REPORTED[case][1] in errors[-1]
    assert cli.main(["check", str(path)]) in (0, 1)
    assert "Traceback" not in capsys.readouterr().err


def test_the_command_line_program_prints_no_traceback(demo: Path, tmp_path: Path) -> None:
    path = edited(demo, tmp_path, REFUSED["invalid UTF-8"][0])
    result = subprocess.run([sys.executable, "-m", "okrdesk", "check", str(path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith("okrdesk: error: edited.okr: holds rows that do not fit")
    assert "Traceback" not in result.stderr


def test_a_long_alignment_chain_and_its_loop_are_found_quickly(tmp_path: Path) -> None:
    from okrdesk.storage.rows import _find_loops

    chain = {str(n): str(n + 1) for n in range(100_000)}
    chain["100000"] = "75000"
    started = time.perf_counter()
    loops = list(_find_loops(chain))
    assert time.perf_counter() - started < 10  # linear: well under a second on a quiet machine
    assert [len(found) for found in loops] == [25_001]
