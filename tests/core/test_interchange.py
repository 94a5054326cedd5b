"""JSON export and import: round trips that are byte-identical, the schema, and bad files."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from okrdesk import ops
from okrdesk.atomic import UnsafeOutputError
from okrdesk.demo import build_demo
from okrdesk.errors import OkrDeskError, PlanFileError
from okrdesk.formats import SCHEMA_VERSION
from okrdesk.interchange import (
    InterchangeError,
    NewerFormatError,
    canonical_json,
    export_plan,
    import_plan,
    load_schema,
    write_export,
)
from okrdesk.interchange.fields import TABLE_ORDER, fields_of
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan

HOSTILE = (
    'He said "ship it" \\ then <b>left</b> & came back 🚗⚡ — ok?\n'
    "שלום עולם مرحبا\r\nsecond line\ttab \u2028 \u200bend"
)
HOSTILE_LINE = " ".join(HOSTILE.split())  # names and titles are one line
LONG = ("Long title " * 50)[:499] + "."


@pytest.fixture(scope="module")
def demo_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo") / "demo.okr")


@pytest.fixture(scope="module")
def demo_export(demo_plan: Path) -> dict[str, Any]:
    return export_plan(demo_plan)


@pytest.fixture(scope="module")
def hostile_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile.okr"
    with ops.new_plan(path, name=HOSTILE_LINE[:80]) as plan:
        with plan.read() as connection:
            levels = [row[0] for row in connection.exec_driver_sql(
                "SELECT id FROM levels ORDER BY rank")]
            cycles = dict(connection.exec_driver_sql("SELECT name, id FROM cycles").all())
        function = ops.add_function(plan, "Ventes & <Marketing> 📈").new_id("functions")
        boss = ops.add_unit(plan, HOSTILE_LINE, levels[0], function_id=function,
                            role=LONG[:200]).new_id("units")
        worker = ops.add_unit(plan, "عمرو \"the\" \\ builder", levels[3], manager_id=boss,
                              kind="team").new_id("units")
        top = ops.create_objective(plan, boss, cycles["2027"], LONG, description=HOSTILE,
                                   status="at_risk").new_id("objectives")
        kr = ops.add_key_result(plan, top, HOSTILE_LINE, unit="€/h", start_value=0.1,
                                target_value=1e15, current_value=3.141592653589793,
                                weight=0.3333333333333333, confidence=0.07).new_id("key_results")
        low = ops.delegate_down(plan, kr, worker, title="Ünïcödé <&> " + LONG[:300],
                                cycle_id=cycles["2027-Q3"]).new_id("objectives")
        side = ops.create_objective(plan, worker, cycles["2027"], "x" * 500,
                                    commitment="aspirational",
                                    visibility="draft").new_id("objectives")
        ops.align_up(plan, side, top)
        ops.add_contribution(plan, low, side, note=HOSTILE)
        ops.record_check_in(plan, kr, value=-2.5e-7, confidence=1.0, note=HOSTILE,
                            at="2027-07-01T08:00:00.123456+02:00", today=date(2027, 7, 1))
        ops.place_card(plan, top, -120.75, 9e7)
    return path


def _write(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


# -- round trips -----------------------------------------------------------------------------


@pytest.mark.parametrize("source", ["demo_plan", "hostile_plan"])
def test_export_import_export_is_byte_identical(
    source: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    plan_path: Path = request.getfixturevalue(source)
    first = write_export(plan_path, tmp_path / "first.json")
    imported = import_plan(first, tmp_path / "copy.okr")
    second = write_export(imported, tmp_path / "second.json")
    assert first.read_bytes() == second.read_bytes()
    assert json.loads(first.read_text("utf-8")) == export_plan(plan_path)


def test_hostile_text_survives_exactly(hostile_plan: Path, tmp_path: Path) -> None:
    text = write_export(hostile_plan, tmp_path / "h.json").read_text("utf-8")
    assert "🚗" in text and "שלום" in text  # characters kept, not escaped
    document = json.loads(text)
    titles = {row["title"] for row in document["objectives"]}
    assert LONG in titles and "x" * 500 in titles
    assert HOSTILE in {row["note"] for row in document["check_ins"]}
    kr = next(row for row in document["key_results"] if row["title"] == HOSTILE_LINE)
    assert (kr["start_value"], kr["target_value"], kr["weight"]) == (
        0.1, 1e15, 0.3333333333333333)
    imported = import_plan(tmp_path / "h.json", tmp_path / "h.okr")
    with Plan.open(imported) as plan, plan.read() as connection:
        snapshot = Snapshot.load(connection)
    assert {o.description for o in snapshot.objectives.values()} >= {HOSTILE}
    assert snapshot.setting("plan_name") == HOSTILE_LINE[:80]


def test_export_is_canonical_text(demo_export: dict[str, Any], tmp_path: Path) -> None:
    text = canonical_json(demo_export)
    assert text.endswith("}\n") and "\r" not in text
    assert canonical_json(json.loads(text)) == text
    header = demo_export["format"]
    assert header == {"name": "okrdesk-plan", "version": 1}
    assert demo_export["plan_format"] == SCHEMA_VERSION
    assert list(json.loads(text)) == sorted(json.loads(text))
    expected_lines = 2 + sum(len(v) + 2 if isinstance(v, list) and v else 1
                             for v in demo_export.values())
    assert len(text.split("\n")) - 1 == expected_lines  # one row per line


def test_export_holds_every_row_of_every_table(demo_plan: Path,
                                               demo_export: dict[str, Any]) -> None:
    with sqlite3.connect(demo_plan) as connection:
        for name in TABLE_ORDER:
            count = connection.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            assert len(demo_export[name]) == count, name
    assert demo_export["check_ins"] and demo_export["contributions"]


# -- the schema --------------------------------------------------------------------------------


@pytest.mark.parametrize("source", ["demo_plan", "hostile_plan"])
def test_exports_satisfy_the_json_schema(source: str, request: pytest.FixtureRequest) -> None:
    document = export_plan(request.getfixturevalue(source))
    validator = jsonschema.Draft202012Validator(
        load_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    validator.validate(document)


def test_schema_describes_every_field_of_the_model() -> None:
    jsonschema.Draft202012Validator.check_schema(load_schema())
    properties = load_schema()["properties"]
    assert set(properties) == {"format", "plan_format", *TABLE_ORDER}
    for name in TABLE_ORDER:
        items = properties[name]["items"]
        names = [field.name for field in fields_of(name)]
        assert sorted(items["required"]) == sorted(names), name
        assert sorted(items["properties"]) == sorted(names), name
        assert items["additionalProperties"] is False


def test_schema_file_is_in_the_docs() -> None:
    docs = Path(__file__).parents[2] / "docs" / "FORMAT.md"
    text = docs.read_text("utf-8")
    assert "plan.schema.json" in text
    for name in TABLE_ORDER:
        assert f"`{name}`" in text


# -- bad files ---------------------------------------------------------------------------------

Mutation = Callable[[dict[str, Any]], None]


def _set(table: str, index: int, field: str, value: Any) -> Mutation:
    def mutate(document: dict[str, Any]) -> None:
        document[table][index][field] = value
    return mutate


def _drop(table: str, index: int, field: str) -> Mutation:
    def mutate(document: dict[str, Any]) -> None:
        del document[table][index][field]
    return mutate


def _same_id(document: dict[str, Any]) -> None:
    document["objectives"][1]["id"] = document["objectives"][0]["id"]


def _self_aligned(document: dict[str, Any]) -> None:
    objective = document["objectives"][2]
    own_kr = next(kr for kr in document["key_results"] if kr["objective_id"] == objective["id"])
    objective["parent_kr_id"] = own_kr["id"]


def _own_manager(document: dict[str, Any]) -> None:
    document["units"][4]["manager_id"] = document["units"][4]["id"]


def _twin_cycle(document: dict[str, Any]) -> None:
    document["cycles"][1]["name"] = document["cycles"][0]["name"]


def _header(key: str, value: Any) -> Mutation:
    def mutate(document: dict[str, Any]) -> None:
        if value is None:
            del document[key]
        else:
            document[key] = value
    return mutate


MUTATIONS: list[tuple[str, Mutation, str]] = [
    ("no format", _header("format", None), "format: is missing"),
    ("other format", _header("format", {"name": "trello", "version": 1}),
     "format.name: is 'trello'"),
    ("newer format", _header("format", {"name": "okrdesk-plan", "version": 2}),
     "format.version: is 2; the file was written by a newer OKR Desk"),
    ("newer plan", _header("plan_format", 99), "plan_format: is 99"),
    ("unknown section", _header("sprints", []), "sprints: unknown section"),
    ("missing table", _header("objectives", None), "objectives: is missing"),
    ("table not a list", _header("units", {}), "units: must be a list"),
    ("missing field", _drop("objectives", 3, "owner_id"), "objectives[3].owner_id: is missing"),
    ("unknown field", _set("key_results", 0, "colour", "red"),
     "key_results[0].colour: unknown field"),
    ("text for integer", _set("objectives", 0, "position", "1"),
     "objectives[0].position: must be a whole number"),
    ("bool for number", _set("key_results", 0, "weight", True),
     "key_results[0].weight: must be a number"),
    ("null title", _set("objectives", 5, "title", None),
     "objectives[5].title: must be text, not null"),
    ("number for text", _set("units", 2, "name", 42), "units[2].name: must be text"),
    ("bad enum", _set("objectives", 1, "origin", "borrowed"),
     "objectives[1].origin: is 'borrowed'; expected one of own, delegated"),
    ("confidence out of range", _set("key_results", 2, "confidence", 1.5),
     "key_results[2].confidence: must be between 0 and 1"),
    ("negative weight", _set("key_results", 2, "weight", -1),
     "key_results[2].weight: must be between 0 and 1,000,000, not -1"),
    ("bad time", _set("check_ins", 0, "at", "last tuesday"),
     "check_ins[0].at: is 'last tuesday', not an ISO 8601 time"),
    ("bad date", _set("cycles", 0, "starts_on", "2027-13-01"), "cycles[0].starts_on"),
    ("empty id", _set("levels", 0, "id", ""), "levels[0].id: must be an id"),
    ("dangling owner", _set("objectives", 3, "owner_id", "nobody"),
     "objectives[3].owner_id: no unit with id 'nobody'"),
    ("dangling parent", _set("objectives", 7, "parent_kr_id", "gone"),
     "objectives[7].parent_kr_id: no key result with id 'gone'"),
    ("dangling position", _set("check_ins", 0, "key_result_id", "gone"),
     "check_ins[0].key_result_id: no key result with id 'gone'"),
    ("duplicate id", _same_id, "objectives[1].id: '"),
    ("duplicate cycle name", _twin_cycle, "cycles[1].name: '2027' appears twice"),
    ("aligned under itself", _self_aligned,
     "objectives[2].parent_kr_id: the objective ends up aligned under itself"),
    ("own manager", _own_manager, "the reporting line runs in a circle"),
]


def _assert_nothing_written(folder: Path, keep: set[str]) -> None:
    assert {path.name for path in folder.iterdir()} == keep


@pytest.mark.parametrize(("mutate", "expected"), [(m, e) for _, m, e in MUTATIONS],
                         ids=[name for name, _, _ in MUTATIONS])
def test_bad_documents_are_refused_with_a_clear_place(
    mutate: Mutation, expected: str, demo_export: dict[str, Any], tmp_path: Path
) -> None:
    document = json.loads(json.dumps(demo_export))
    mutate(document)
    source = _write(tmp_path / "bad.json", document)
    with pytest.raises(InterchangeError) as caught:
        import_plan(source, tmp_path / "plan.okr")
    message = str(caught.value)
    assert message.startswith("bad.json: ")
    assert expected in message
    _assert_nothing_written(tmp_path, {"bad.json"})


def test_newer_format_is_its_own_error(demo_export: dict[str, Any], tmp_path: Path) -> None:
    document = {**demo_export, "format": {"name": "okrdesk-plan", "version": 7}}
    with pytest.raises(NewerFormatError, match="Update OKR Desk"):
        import_plan(_write(tmp_path / "new.json", document), tmp_path / "plan.okr")


RAW_FILES: list[tuple[str, bytes, str]] = [
    ("syntax", b'{"format": {"name": "okrdesk-plan",,}', "is not valid JSON: Expecting"),
    ("text file", b"Objectives for 2027\n- grow\n", "is not valid JSON"),
    ("empty", b"", "is not valid JSON"),
    ("list", b"[1, 2]", "holds a JSON list, not an OKR Desk plan"),
    ("nan", b'{"format": NaN}', "NaN is not a number JSON allows"),
    ("twin keys", b'{"format": 1, "format": 2}', "the field 'format' appears twice"),
    ("latin-1", "{\"name\": \"Müller\"}".encode("latin-1"), "is not UTF-8 text"),
    ("database", b"SQLite format 3\x00" + bytes(200), "is a database"),
    ("deep", b"[" * 100_000 + b"]" * 100_000, "bad.json: "),
]


@pytest.mark.parametrize(("content", "expected"), [(c, e) for _, c, e in RAW_FILES],
                         ids=[name for name, _, _ in RAW_FILES])
def test_unreadable_files_are_refused(content: bytes, expected: str, tmp_path: Path) -> None:
    source = tmp_path / "bad.json"
    source.write_bytes(content)
    with pytest.raises(InterchangeError) as caught:
        import_plan(source, tmp_path / "plan.okr")
    assert expected in str(caught.value)
    _assert_nothing_written(tmp_path, {"bad.json"})


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InterchangeError, match=r"nothing\.json: no such file"):
        import_plan(tmp_path / "nothing.json", tmp_path / "plan.okr")
    _assert_nothing_written(tmp_path, set())


def test_a_minimal_hand_written_file_imports(tmp_path: Path) -> None:
    level = {"id": "L0", "rank": 0, "name": "Board", "created_at": "2027-01-01T00:00:00+00:00",
             "updated_at": "2027-01-01T00:00:00+00:00"}
    document: dict[str, Any] = {name: [] for name in TABLE_ORDER}
    document.update(format={"name": "okrdesk-plan", "version": 1}, plan_format=1,
                    levels=[level])
    plan_path = import_plan(_write(tmp_path / "tiny.json", document), tmp_path / "tiny.okr")
    assert export_plan(plan_path)["levels"] == [level]


# -- never damaging what is there ---------------------------------------------------------


def test_import_never_replaces_a_file_unless_asked(demo_plan: Path, tmp_path: Path) -> None:
    source = write_export(demo_plan, tmp_path / "demo.json")
    target = tmp_path / "target.okr"
    target.write_bytes(b"precious")
    with pytest.raises(InterchangeError, match="already exists"):
        import_plan(source, target)
    assert target.read_bytes() == b"precious"
    import_plan(source, target, overwrite=True)
    assert export_plan(target) == export_plan(demo_plan)


def test_a_failed_import_leaves_the_old_plan_untouched(demo_plan: Path, tmp_path: Path) -> None:
    target = tmp_path / "plan.okr"
    shutil.copy(demo_plan, target)
    before = target.read_bytes()
    broken = _write(tmp_path / "broken.json", {"format": {"name": "okrdesk-plan"}})
    with pytest.raises(InterchangeError):
        import_plan(broken, target, overwrite=True)
    assert target.read_bytes() == before
    _assert_nothing_written(tmp_path, {"plan.okr", "broken.json"})


def test_a_plan_open_elsewhere_is_not_replaced(demo_plan: Path, tmp_path: Path) -> None:
    source = write_export(demo_plan, tmp_path / "demo.json")
    target = tmp_path / "open.okr"
    shutil.copy(demo_plan, target)
    with Plan.open(target), pytest.raises(PlanFileError, match="open in another window"):
        import_plan(source, target, overwrite=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.json", "open.okr"]


def test_export_never_writes_over_a_plan(demo_plan: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.okr"
    shutil.copy(demo_plan, other)
    before = other.read_bytes()
    with pytest.raises(UnsafeOutputError, match="is an OKR Desk plan"):
        write_export(demo_plan, other)
    with pytest.raises(UnsafeOutputError, match="is the input file itself"):
        write_export(other, other)
    assert other.read_bytes() == before


def test_export_replaces_an_older_export(demo_plan: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("{}", encoding="utf-8")
    write_export(demo_plan, target)
    assert json.loads(target.read_text("utf-8"))["format"]["name"] == "okrdesk-plan"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_export_of_a_bad_file_is_a_plan_error(tmp_path: Path) -> None:
    text_file = tmp_path / "notes.okr"
    text_file.write_text("not a plan", encoding="utf-8")
    with pytest.raises(OkrDeskError, match="not an OKR Desk plan"):
        export_plan(text_file)
