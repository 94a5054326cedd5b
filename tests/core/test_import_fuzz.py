"""Mutated real exports either import as a plan that works or are refused with a clear error.

Each example takes the export of the demo plan or of a small synthetic organisation and changes
it: values made huge, negative, not-a-number-like, text, null, lone surrogates or deep nesting;
fields and rows dropped or duplicated; references pointed elsewhere; the header broken. The
import must then either give a plan that opens, whose check, progress, map and export all work,
or raise an `OkrDeskError`; any other exception fails the test.

The default run is short. `OKRDESK_FUZZ_EXAMPLES=5000` runs longer; add
`--hypothesis-show-statistics` to see how many documents were imported and refused.
"""

from __future__ import annotations

import copy
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st

from okrdesk import cli
from okrdesk.analytics import ProgressCalculator, health, quality_findings
from okrdesk.demo import build_demo
from okrdesk.errors import OkrDeskError
from okrdesk.interchange import canonical_json, export_plan, import_plan
from okrdesk.interchange.fields import TABLE_ORDER
from okrdesk.maps.errors import MapRenderError
from okrdesk.maps.render import render_map
from okrdesk.maps.request import MapRequest
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from okrdesk.synthetic import generate_plan

EXAMPLES = int(os.environ.get("OKRDESK_FUZZ_EXAMPLES", "40"))
Document = dict[str, Any]


@dataclass(frozen=True)
class Raw:
    """JSON text put into the document as it is (numbers too long for Python, deep nesting)."""

    text: str

    def __repr__(self) -> str:
        return f"Raw({self.text[:20]!r}... {len(self.text)} characters)"


EDGE_INTEGERS = [2**63, 2**63 - 1, -(2**63) - 1, 2**64, 10**400, -1, 0, 1, 99, 100,
                 1_000_000, 1_000_001]
EDGE_FLOATS = [1e308, -1e308, 5e-324, 1e15, 1.0000000000000002e15, 1e16, -0.0, 1.5, 1e6 + 1,
               1e8 + 1, float("nan"), float("inf"), float("-inf")]
EDGE_TEXTS = ["", "   ", "\t\n", "\ud800", "title \udfff", "\udbff\udfff", "\x1b[31mred\x1b[0m",
              "\x1b]0;owned\x07", "nul\x00here", "csi\x9b2J", "line\nbreak", "NaN", "Infinity",
              "1e999", "-1", "0.5", "5", "²", "x" * 10_000, "2027-02-30", "2027-01-01",
              "9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00+05:00", "0001-01-01"]
OTHER_VALUES: list[Any] = [
    None, True, False, [], {}, [1, 2], {"id": "x"}, Raw("1" * 5000), Raw("-" + "9" * 5000),
    Raw("1e99999"), Raw("[" * 50 + "]" * 50), Raw("[" * 5000 + "]" * 5000),
    Raw('{"a":' * 900 + "1" + "}" * 900),
]
integers = st.one_of(st.integers(), st.sampled_from(EDGE_INTEGERS))
floats = st.one_of(st.floats(), st.sampled_from(EDGE_FLOATS))
texts = st.one_of(st.text(max_size=20), st.sampled_from(EDGE_TEXTS))
values = st.one_of(integers, floats, texts, st.sampled_from(OTHER_VALUES),
                   st.integers(min_value=1, max_value=3000).map(lambda n: Raw("[" * n + "]" * n)))


def plausible(current: Any) -> st.SearchStrategy[Any]:
    """A value of the same JSON type as `current` (so that it passes the type checks and goes
    further), at times anything at all."""
    if isinstance(current, bool) or current is None:
        return values
    if isinstance(current, int):
        return st.one_of(integers, values)
    if isinstance(current, float):
        return st.one_of(floats, values)
    return st.one_of(texts, values)


class Exports(dict[str, Document]):
    """The source documents by name; shown by their names in a failing example."""

    def __repr__(self) -> str:
        return f"Exports({', '.join(self)})"


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Exports:
    folder = tmp_path_factory.mktemp("sources")
    return Exports(
        demo=export_plan(build_demo(folder / "demo.okr")),
        synthetic=export_plan(generate_plan(folder / "synthetic.okr", 12, seed=3)),
    )


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


# -- mutations -----------------------------------------------------------------------------

Mutation = Callable[[Document, st.DataObject], str]


def _pick_row(document: Document, data: st.DataObject) -> tuple[str, int, dict[str, Any]]:
    tables = [name for name in TABLE_ORDER
              if isinstance(document.get(name), list) and document[name]]
    if not tables:
        raise _Skip
    name = data.draw(st.sampled_from(tables))
    index = data.draw(st.integers(0, len(document[name]) - 1))
    row = document[name][index]
    if not isinstance(row, dict) or not row:
        raise _Skip
    return name, index, row


class _Skip(Exception):
    """This mutation does not apply to the document as it now is."""


def set_value(document: Document, data: st.DataObject) -> str:
    name, _, row = _pick_row(document, data)
    field = data.draw(st.sampled_from(sorted(row)))
    row[field] = data.draw(plausible(row[field]))
    return f"set {name}.{field}"


def set_many(document: Document, data: st.DataObject) -> str:
    """One value in the same field of many rows: every weight huge, every rank the same."""
    name, _, row = _pick_row(document, data)
    field = data.draw(st.sampled_from(sorted(row)))
    value = data.draw(plausible(row[field]))
    for other in document[name][: data.draw(st.integers(2, 50))]:
        if isinstance(other, dict):
            other[field] = value
    return f"set {name}.{field} in many rows"


def point_elsewhere(document: Document, data: st.DataObject) -> str:
    name, _, row = _pick_row(document, data)
    field = data.draw(st.sampled_from(sorted(k for k in row if k == "id" or k.endswith("_id"))
                                      or ["id"]))
    other_name, _, other = _pick_row(document, data)
    row[field] = other.get("id")
    return f"point {name}.{field} to a row of {other_name}"


def drop_field(document: Document, data: st.DataObject) -> str:
    name, _, row = _pick_row(document, data)
    del row[data.draw(st.sampled_from(sorted(row)))]
    return f"drop a field of {name}"


def add_field(document: Document, data: st.DataObject) -> str:
    name, _, row = _pick_row(document, data)
    key = data.draw(st.sampled_from(["colour", "\x1b[2J\x1b[31mboo", "\ud800", "", "id\x00"]))
    row[key] = data.draw(values)
    return f"add a field to {name}"


def duplicate_row(document: Document, data: st.DataObject) -> str:
    name, index, row = _pick_row(document, data)
    twin = copy.deepcopy(row)
    if data.draw(st.booleans()):
        twin["id"] = f"twin-{index}"
    document[name].insert(data.draw(st.integers(0, len(document[name]))), twin)
    return f"duplicate a row of {name}"


def drop_row(document: Document, data: st.DataObject) -> str:
    name, index, _ = _pick_row(document, data)
    del document[name][index]
    return f"drop a row of {name}"


def swap_values(document: Document, data: st.DataObject) -> str:
    _, _, row = _pick_row(document, data)
    _, _, other = _pick_row(document, data)
    shared = sorted(set(row) & set(other))
    if not shared:
        raise _Skip
    field = data.draw(st.sampled_from(shared))
    row[field], other[field] = other[field], row[field]
    return f"swap {field} between rows"


def break_header(document: Document, data: st.DataObject) -> str:
    key = data.draw(st.sampled_from(["format", "plan_format", *TABLE_ORDER]))
    if data.draw(st.booleans()):
        document.pop(key, None)
        return f"drop {key}"
    if key == "format" and data.draw(st.booleans()):
        document["format"] = {"name": "okrdesk-plan", "version": data.draw(values)}
    else:
        document[key] = data.draw(values)
    return f"set {key}"


MUTATIONS: list[Mutation] = [set_value, set_value, set_value, set_many, point_elsewhere,
                             point_elsewhere, drop_field, add_field, duplicate_row, drop_row,
                             drop_row, swap_values, swap_values, break_header]


# -- what every outcome must be -------------------------------------------------------------


def json_text(document: Document) -> str:
    raws: dict[str, str] = {}

    def raw(value: Any) -> str:
        if not isinstance(value, Raw):
            raise TypeError(type(value).__name__)
        marker = f"@raw{len(raws)}@"
        raws[marker] = value.text
        return marker

    text = json.dumps(document, default=raw)  # ASCII with \u escapes: lone surrogates too
    for marker, replacement in raws.items():
        text = text.replace(json.dumps(marker), replacement)
    return text


def assert_plan_works(path: Path, folder: Path) -> None:
    """The imported plan opens; check, progress, the map and an export all work."""
    with Plan.open(path) as plan, plan.read() as connection:
        snapshot = Snapshot.load(connection)
    progress = ProgressCalculator(snapshot)
    for objective_id in snapshot.objectives:
        assert 0.0 <= progress.objective(objective_id) <= 1.0
    for cycle in snapshot.cycles.values():
        health(snapshot, cycle.id).to_dict()
        quality_findings(snapshot, cycle.id)
        for output in ([], ["--json"]):  # the command itself: 0, or 1 with a message
            assert cli.main(["check", str(path), f"--cycle={cycle.name}", *output]) == 0
    export = folder / "again.json"
    export.write_text(canonical_json(export_plan(path)), encoding="utf-8")
    import_plan(export, folder / "again.okr")  # what imported once imports again
    busiest = max(snapshot.cycles, default=None,
                  key=lambda c: sum(o.cycle_id == c for o in snapshot.objectives.values()))
    if busiest is None:
        return
    try:
        render_map(path, MapRequest(cycle=busiest), folder / "map.pdf", timeout_s=20)
    except MapRenderError as error:
        assert str(error).startswith("There is nothing to draw"), str(error)


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(source=st.sampled_from(["demo", "synthetic"]), data=st.data())
def test_a_mutated_export_imports_as_a_working_plan_or_is_refused_cleanly(
    source: str, data: st.DataObject, exports: Exports, workspace: Path
) -> None:
    document = copy.deepcopy(exports[source])
    steps = []
    for mutate in data.draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=3)):
        try:
            steps.append(mutate(document, data))
        except _Skip:
            continue
    note(f"mutations: {steps}")
    with tempfile.TemporaryDirectory(dir=workspace) as name:
        folder = Path(name)
        source_path = folder / "mutated.json"
        source_path.write_text(json_text(document), encoding="utf-8")
        try:
            plan_path = import_plan(source_path, folder / "mutated.okr")
        except OkrDeskError as error:
            message = str(error)
            assert message.startswith("mutated.json: ") and message.isprintable(), message
            event("refused")
            return
        assert_plan_works(plan_path, folder)
        event("imported")


def test_the_unmutated_exports_import_as_working_plans(exports: Exports,
                                                      workspace: Path) -> None:
    for name, document in exports.items():
        folder = workspace / f"unmutated-{name}"
        folder.mkdir()
        source_path = folder / "plan.json"
        source_path.write_text(json_text(document), encoding="utf-8")
        plan_path = import_plan(source_path, folder / "plan.okr")
        assert export_plan(plan_path) == document
        assert_plan_works(plan_path, folder)
