"""One set of limits: the JSON import and the operations accept and refuse the same values,
with the same words, and the JSON Schema states the same bounds."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from okrdesk import limits, ops
from okrdesk.errors import OperationRefused
from okrdesk.interchange import InterchangeError, export_plan, import_plan, load_schema
from okrdesk.interchange.fields import TABLE_ORDER, fields_of
from okrdesk.storage import ChangeSet, Plan
from tests.core.builders import Org, small_org


@dataclass
class Sample:
    """A small plan with one row of every kind, its export, and the ids of those rows."""

    org: Org
    document: dict[str, Any]
    ids: dict[str, str]


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sample]:
    org = small_org(tmp_path_factory.mktemp("limits") / "plan.okr")
    top = org.objective("Alex Chen", "Win Europe")
    side = org.objective("Sam Lee", "Grow EU sales")
    third = org.objective("Dana Ross", "Be known in Europe")
    kr = org.key_result(top, "Revenue", start_value=0, target_value=10)
    check_in = ops.record_check_in(org.plan, kr, value=2, note="first").new_id("check_ins")
    contribution = ops.add_contribution(org.plan, side, top).new_id("contributions")
    ops.place_card(org.plan, top, 10, 20)
    ids = {"objectives": top, "key_results": kr, "contributions": contribution,
           "check_ins": check_in, "canvas_positions": top, "third": third,
           "levels": org.levels["Directors"], "functions": org.functions["Sales"],
           "units": org.people["Sam Lee"], "cycles": org.cycles["Backlog"]}
    yield Sample(org, export_plan(org.plan), ids)
    org.close()


Operation = Callable[[Plan, Sample, Any], ChangeSet]


def _check_in(field: str) -> Operation:
    def run(plan: Plan, sample: Sample, value: Any) -> ChangeSet:
        fields: dict[str, Any] = {"note": "x", field: value}
        # the last possible day: only the form of a time is compared here, not the date rules
        return ops.record_check_in(plan, sample.ids["key_results"], today=date(2999, 12, 31),
                                   **fields)
    return run


def _key_result(field: str) -> Operation:
    def run(plan: Plan, sample: Sample, value: Any) -> ChangeSet:
        return ops.edit_key_result(plan, sample.ids["key_results"], **{field: value})
    return run


def _setting(key: str) -> Operation:
    return lambda plan, _sample, value: ops.set_setting(plan, key, value)


# (table, column) -> the operation that takes a value of that column
OPERATIONS: dict[tuple[str, str], Operation] = {
    ("objectives", "title"):
        lambda plan, s, v: ops.edit_objective(plan, s.ids["objectives"], title=v),
    ("objectives", "description"):
        lambda plan, s, v: ops.edit_objective(plan, s.ids["objectives"], description=v),
    **{("key_results", column): _key_result(column)
       for column in ("title", "unit", "start_value", "target_value", "current_value",
                      "weight", "confidence")},
    **{("check_ins", column): _check_in(column) for column in ("value", "confidence", "note",
                                                                "at")},
    ("contributions", "note"):
        lambda plan, s, v: ops.add_contribution(plan, s.ids["objectives"], s.ids["third"], v),
    ("canvas_positions", "x"):
        lambda plan, s, v: ops.place_card(plan, s.ids["objectives"], v, 0),
    ("canvas_positions", "y"):
        lambda plan, s, v: ops.place_card(plan, s.ids["objectives"], 0, v),
    ("levels", "name"): lambda plan, s, v: ops.rename_level(plan, s.ids["levels"], v),
    ("levels", "rank"): lambda plan, s, v: ops.add_level(plan, "Interns", v),
    ("functions", "name"): lambda plan, s, v: ops.add_function(plan, v),
    ("units", "name"): lambda plan, s, v: ops.edit_unit(plan, s.ids["units"], name=v),
    ("units", "role"): lambda plan, s, v: ops.edit_unit(plan, s.ids["units"], role=v),
    ("cycles", "name"): lambda plan, s, v: ops.add_cycle(plan, v, "year"),
    ("settings", "plan_name"): _setting("plan_name"),
    ("settings", "bottom_up_target"): _setting("bottom_up_target"),
    ("settings", "max_key_results"): _setting("max_key_results"),
}

BAD_TEXT = ["", "   ", "\ud800", "lone \udfff low", "esc\x1b[31m", "nul\x00", "bell\x07",
            "csi\x9b2J"]
LINE_BREAKS = ["two\nlines", "tab\there", "cr\r"]
GOOD_LINE = ["Ünïcödé <&> 🚗⚡ שלום", "x"]
BIG = [1e308, -1e308, 2**63, -(2**63) - 1, "5", True, [1]]

# (table, column, value, accepted)
CASES: list[tuple[str, str, Any, bool]] = [
    *[("objectives", "title", v, False) for v in [*BAD_TEXT, *LINE_BREAKS, "x" * 501, 5]],
    *[("objectives", "title", v, True) for v in [*GOOD_LINE, "x" * 500, " padded "]],
    *[("objectives", "description", v, True)
      for v in ["", "   ", *LINE_BREAKS, "x" * 20_000, "crlf\r\n"]],
    *[("objectives", "description", v, False)
      for v in ["\ud800", "nul\x00", "esc\x1b", "csi\x9b", "x" * 20_001]],
    *[("key_results", "title", v, False) for v in [*BAD_TEXT, "a\nb"]],
    *[("key_results", "title", v, True) for v in [*GOOD_LINE, "t" * 500]],
    ("key_results", "unit", "k€", True), ("key_results", "unit", "", True),
    ("key_results", "unit", "u" * 41, False), ("key_results", "unit", "\x1b", False),
    *[("key_results", column, v, True) for column in ("start_value", "target_value",
                                                       "current_value")
      for v in [1e15, -1e15, 0.25, 5e-324]],
    *[("key_results", column, v, False) for column in ("start_value", "target_value",
                                                        "current_value")
      for v in [1.0000000000000002e15, *BIG]],
    *[("key_results", "weight", v, True) for v in [0, 0.5, 1e6]],
    *[("key_results", "weight", v, False) for v in [-1, 1e6 + 1, *BIG, None]],
    *[("key_results", "confidence", v, True) for v in [0, 1, 0.5]],
    *[("key_results", "confidence", v, False) for v in [1.5, -0.1, 1e308, "high"]],
    *[("check_ins", "value", v, True) for v in [1e15, -3.5]],
    *[("check_ins", "value", v, False) for v in BIG],
    ("check_ins", "confidence", 2, False), ("check_ins", "confidence", 0.5, True),
    ("check_ins", "note", "ok\nthen\tmore", True), ("check_ins", "note", "\x00", False),
    ("check_ins", "at", "2027-03-31T17:00:00+00:00", True),
    *[("check_ins", "at", v, False) for v in ["yesterday", "0001-01-01T00:00:00+05:00",
                                              "9999-12-31T23:59:59+00:00", "\ud800"]],
    ("contributions", "note", "see\nbelow", True), ("contributions", "note", "\x1b", False),
    *[("canvas_positions", c, v, True) for c in ("x", "y") for v in [1e8, -1e8, 0.5]],
    *[("canvas_positions", c, v, False) for c in ("x", "y") for v in [1e8 + 1, *BIG]],
    ("levels", "name", "Senior Managers", True),
    *[("levels", "name", v, False) for v in [*BAD_TEXT, "l" * 121]],
    *[("levels", "rank", v, True) for v in [99, 7]],
    *[("levels", "rank", v, False) for v in [100, 2**63 - 1, 2**63, -1, 1.0, "3"]],
    ("functions", "name", "Légal & Compliance", True),
    *[("functions", "name", v, False) for v in [*BAD_TEXT, "f" * 121]],
    ("units", "name", "Zoë Ng", True), *[("units", "name", v, False) for v in BAD_TEXT],
    ("units", "role", "", True), ("units", "role", "r" * 201, False),
    ("cycles", "name", "2031", True), ("cycles", "name", "c" * 41, False),
    *[("cycles", "name", v, False) for v in BAD_TEXT],
    ("settings", "plan_name", "Acme 2028", True),
    *[("settings", "plan_name", v, False) for v in [*BAD_TEXT, "p" * 201, "a\nb"]],
    *[("settings", "bottom_up_target", v, True) for v in ["0", "0.65", "1"]],
    *[("settings", "bottom_up_target", v, False)
      for v in ["nan", "inf", "2", "-0.1", "half", "1e999", "\ud800"]],
    *[("settings", "max_key_results", v, True) for v in ["1", "7", "1000"]],
    *[("settings", "max_key_results", v, False)
      for v in ["0", "1001", "²", "9" * 5000, "-3", "five", "3.5"]],
]


def _case_id(case: tuple[str, str, Any, bool]) -> str:
    table, column, value, accepted = case
    shown = limits.shown(value)
    return f"{table}.{column}={shown[:24]}{'-ok' if accepted else '-refused'}"


def _import_with(sample: Sample, table: str, column: str, value: Any,
                 folder: Path) -> tuple[str, str]:
    """Import the sample with one value changed: ('', '') or (the field's path, the error)."""
    document = json.loads(json.dumps(sample.document))
    if table == "settings":
        index = next(i for i, row in enumerate(document["settings"]) if row["key"] == column)
        where = f"settings[{index}].value"
        document["settings"][index]["value"] = value
    else:
        index = next(i for i, row in enumerate(document[table])
                     if row["id"] == sample.ids[table])
        where = f"{table}[{index}].{column}"
        document[table][index][column] = value
    source = folder / "case.json"
    source.write_text(json.dumps(document), encoding="utf-8")  # \u escapes keep surrogates
    try:
        import_plan(source, folder / "case.okr")
    except InterchangeError as error:
        return where, str(error)
    return "", ""


@pytest.mark.parametrize("case", CASES, ids=[_case_id(case) for case in CASES])
def test_the_import_and_the_operations_agree(case: tuple[str, str, Any, bool], sample: Sample,
                                             tmp_path: Path) -> None:
    table, column, value, accepted = case
    where, imported = _import_with(sample, table, column, value, tmp_path)
    plan = sample.org.plan
    try:
        changes = OPERATIONS[table, column](plan, sample, value)
    except OperationRefused as refusal:
        operated = str(refusal)
    else:
        operated = ""
        plan.apply(changes.inverse())
    if accepted:
        assert (imported, operated) == ("", "")
        return
    prefix = f"case.json: {where}: "
    assert imported.startswith(prefix), imported
    problem = imported.removeprefix(prefix)
    assert operated.startswith("The ") and operated.endswith(f" {problem}."), (problem, operated)
    assert problem.isprintable(), problem  # escaped: no control or broken character


def test_every_operation_of_the_table_is_exercised() -> None:
    cased = {(table, column) for table, column, _, _ in CASES}
    assert cased == set(OPERATIONS)
    assert all(any(c[:2] == key and c[3] for c in CASES) for key in OPERATIONS)
    assert all(any(c[:2] == key and not c[3] for c in CASES) for key in OPERATIONS)


def test_refusals_name_the_value_in_words(sample: Sample, tmp_path: Path) -> None:
    _, message = _import_with(sample, "key_results", "weight", 1e308, tmp_path)
    assert message.endswith("key_results[0].weight: must be between 0 and 1,000,000, not 1e+308")
    _, message = _import_with(sample, "levels", "rank", 2**63 - 1, tmp_path)
    assert "rank: must be a whole number between 0 and 99, not 9.22337e+18" in message
    _, message = _import_with(sample, "objectives", "title", "  ", tmp_path)
    assert message.endswith("title: cannot be empty")
    _, message = _import_with(sample, "objectives", "title", "bad \ud800", tmp_path)
    assert message.endswith("title: holds a broken character (U+D800, half of a surrogate "
                            "pair, at character 5)")
    _, message = _import_with(sample, "objectives", "title", "\x1b[2J", tmp_path)
    assert message.endswith("title: holds a control character (U+001B at character 1); "
                            "names and titles are one line of plain text")


def test_positions_are_bounded_for_import_and_reordering(sample: Sample, tmp_path: Path) -> None:
    for value in (limits.HIGHEST_POSITION + 1, -1, 2**63):
        where, message = _import_with(sample, "objectives", "position", value, tmp_path)
        assert message.startswith(f"case.json: {where}: must be a whole number between 0 and "
                                  "1,000,000"), message
        with pytest.raises(OperationRefused, match="position must be a whole number between"):
            ops.reorder_objective(sample.org.plan, sample.ids["objectives"], value)
    assert _import_with(sample, "objectives", "position", limits.HIGHEST_POSITION,
                        tmp_path) == ("", "")


# -- the schema ------------------------------------------------------------------------------


def _accepting_branch(schema: dict[str, Any]) -> dict[str, Any]:
    branches = [b for b in schema.get("anyOf", [schema]) if b.get("type") != "null"]
    assert len(branches) == 1
    return branches[0]


def test_the_schema_states_the_same_bounds() -> None:
    schema = load_schema()
    defs = schema["$defs"]
    for table in TABLE_ORDER:
        properties = schema["properties"][table]["items"]["properties"]
        for field in fields_of(table):
            rule = limits.limit_of(table, field.name)
            stated = _accepting_branch(properties[field.name])
            if isinstance(rule, limits.Number):
                assert stated["type"] == ("integer" if rule.whole else "number")
                assert (stated["minimum"], stated["maximum"]) == (rule.low, rule.high), field
            elif isinstance(rule, limits.Text) and "enum" not in stated:
                kind = stated["$ref"].rsplit("/", 1)[1]
                if kind == "id":
                    assert defs["id"]["maxLength"] == rule.longest
                    continue
                expected = "name" if rule.required else ("line" if rule.one_line else "text")
                assert (kind, stated["maxLength"]) == (expected, rule.longest), field


@pytest.mark.parametrize("value", ["", "  ", "a\x1bb", "a\nb", "x" * 501])
def test_the_schema_refuses_titles_the_import_refuses(value: str, sample: Sample) -> None:
    document = json.loads(json.dumps(sample.document))
    validator = jsonschema.Draft202012Validator(load_schema())
    assert validator.is_valid(document)
    document["objectives"][0]["title"] = value
    assert not validator.is_valid(document)


@pytest.mark.parametrize(("field", "value"), [("weight", 1e308), ("target_value", -1e16),
                                              ("confidence", 1.01)])
def test_the_schema_refuses_numbers_the_import_refuses(field: str, value: float,
                                                       sample: Sample) -> None:
    document = json.loads(json.dumps(sample.document))
    document["key_results"][0][field] = value
    assert not jsonschema.Draft202012Validator(load_schema()).is_valid(document)
