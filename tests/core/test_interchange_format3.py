"""Plan format 3 in the JSON format: e-mail addresses, copied-from ids, and older exports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from okrdesk import ops
from okrdesk.formats import SCHEMA_VERSION
from okrdesk.interchange import (
    InterchangeError,
    export_plan,
    import_plan,
    load_schema,
    write_export,
)
from okrdesk.interchange.fields import ADDED_FIELDS, ADDED_TABLES
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from tests.core.builders import small_org

ADDRESS = "sam.lee@voltline.example"
RTL_ADDRESS = "נועה@voltline.example"


@pytest.fixture(scope="module")
def copied_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two people with addresses; an objective carried over from Q1 to Q2 whose original is
    then deleted, and a subtree carried over whose original stays."""
    path = tmp_path_factory.mktemp("format3") / "copied.okr"
    with small_org(path) as org:
        ops.set_unit_email(org.plan, org.people["Sam Lee"], ADDRESS)
        ops.set_unit_email(org.plan, org.people["Kim Park"], RTL_ADDRESS)
        win = org.objective("Sam Lee", "Win Europe", cycle="2027-Q1")
        grow = org.objective("Kim Park", "Grow EU sales", cycle="2027-Q1")
        org.align_up(grow, win)
        gone = org.objective("Sam Lee", "Close the Oslo office", cycle="2027-Q1")
        ops.copy_subtree(org.plan, win, org.cycles["2027-Q2"])
        ops.copy_objectives(org.plan, [gone], org.cycles["2027-Q2"])
        ops.delete_objective(org.plan, gone)
    return path


def _snapshot(path: Path) -> Snapshot:
    with Plan.open(path, read_only=True) as plan, plan.read() as connection:
        return Snapshot.load(connection)


def _older(document: dict[str, Any], plan_format: int = 2) -> dict[str, Any]:
    """The document as an OKR Desk of that plan format wrote it: without the newer fields."""
    older = json.loads(json.dumps(document))
    older["plan_format"] = plan_format
    for (table, field), (added, _default) in ADDED_FIELDS.items():
        if plan_format < added:
            for row in older[table]:
                del row[field]
    for table, added in ADDED_TABLES.items():
        if plan_format < added:
            del older[table]
    return older


def _write(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_addresses_and_copied_from_survive_a_round_trip(copied_plan: Path,
                                                        tmp_path: Path) -> None:
    first = write_export(copied_plan, tmp_path / "first.json")
    document = json.loads(first.read_text("utf-8"))
    assert document["plan_format"] == SCHEMA_VERSION
    emails = {row["name"]: row["email"] for row in document["units"]}
    assert emails["Sam Lee"] == ADDRESS and emails["Kim Park"] == RTL_ADDRESS
    assert emails["Alex Chen"] == ""
    objectives = {row["id"]: row for row in document["objectives"]}
    copies = {row["title"]: row["copied_from_id"] for row in objectives.values()
              if row["copied_from_id"] is not None}
    assert set(copies) == {"Win Europe", "Grow EU sales", "Close the Oslo office"}
    assert copies["Win Europe"] in objectives  # the original is still in the plan
    assert copies["Close the Oslo office"] not in objectives  # since deleted
    imported = import_plan(first, tmp_path / "copy.okr")
    second = write_export(imported, tmp_path / "second.json")
    assert first.read_bytes() == second.read_bytes()
    snapshot = _snapshot(imported)
    assert {u.name: u.email for u in snapshot.units.values()} == emails
    assert {o.id: o.copied_from_id for o in snapshot.objectives.values()} == {
        row["id"]: row["copied_from_id"] for row in objectives.values()}


def test_the_export_satisfies_the_schema(copied_plan: Path) -> None:
    validator = jsonschema.Draft202012Validator(load_schema())
    validator.validate(export_plan(copied_plan))


def test_an_export_of_plan_format_2_imports_with_no_address_and_no_origin(
        copied_plan: Path, tmp_path: Path) -> None:
    older = _older(export_plan(copied_plan))
    assert "email" not in older["units"][0] and "copied_from_id" not in older["objectives"][0]
    imported = import_plan(_write(tmp_path / "old.json", older), tmp_path / "old.okr")
    again = export_plan(imported)
    assert again["plan_format"] == SCHEMA_VERSION
    assert {row["email"] for row in again["units"]} == {""}
    assert {row["copied_from_id"] for row in again["objectives"]} == {None}
    assert _older(again) == older  # nothing else changed on the way


def test_a_format_3_row_without_the_new_fields_is_refused(copied_plan: Path,
                                                         tmp_path: Path) -> None:
    document = export_plan(copied_plan)
    del document["units"][2]["email"]
    with pytest.raises(InterchangeError, match=r"bad\.json: units\[2\]\.email: is missing"):
        import_plan(_write(tmp_path / "bad.json", document), tmp_path / "bad.okr")
    assert not (tmp_path / "bad.okr").exists()


@pytest.mark.parametrize(("address", "problem"), [
    ("sam lee@voltline.example", "it contains a space"),
    ("sam.voltline.example", "it needs exactly one @"),
    ("sam@lee@voltline.example", "it needs exactly one @"),
    ("@voltline.example", "it needs text before and after the @"),
    ("sam@voltline", "the part after the @ needs a dot"),
    ("sam@voltline..example", "the part after the @ needs a dot"),
    (" sam@voltline.example", "has spaces around it"),
    ("sam@voltline.example\n", "holds a control character"),
    ("s" * 250 + "@v.example", "must be at most 254 characters long, not 260"),
    (None, "must be text, not null"),
])
def test_bad_addresses_are_refused_by_the_import_and_the_schema(
        copied_plan: Path, tmp_path: Path, address: Any, problem: str) -> None:
    document = export_plan(copied_plan)
    index = next(i for i, row in enumerate(document["units"]) if row["name"] == "Sam Lee")
    document["units"][index]["email"] = address
    with pytest.raises(InterchangeError) as refused:
        import_plan(_write(tmp_path / "bad.json", document), tmp_path / "bad.okr")
    assert f"units[{index}].email: " in str(refused.value)
    assert problem in str(refused.value)
    if not address or not address.endswith("\n"):  # Python's `$` matches before a final
        # line break, unlike the ECMA-262 patterns JSON Schema means
        assert not jsonschema.Draft202012Validator(load_schema()).is_valid(document)


def test_an_address_belongs_to_one_person_letter_case_aside(copied_plan: Path,
                                                            tmp_path: Path) -> None:
    document = export_plan(copied_plan)
    first = next(i for i, row in enumerate(document["units"]) if row["email"] == ADDRESS)
    other = next(i for i, row in enumerate(document["units"]) if row["email"] == "")
    document["units"][other]["email"] = ADDRESS.upper()
    with pytest.raises(InterchangeError, match=(
            rf"units\[{max(first, other)}\]\.email: '.*' appears twice "
            rf"\(also in units\[{min(first, other)}\]\)")):
        import_plan(_write(tmp_path / "twice.json", document), tmp_path / "twice.okr")


def test_many_people_without_an_address_are_fine(copied_plan: Path) -> None:
    document = export_plan(copied_plan)
    assert sum(1 for row in document["units"] if row["email"] == "") >= 2


def test_a_copy_cannot_be_copied_from_itself(copied_plan: Path, tmp_path: Path) -> None:
    document = export_plan(copied_plan)
    row = document["objectives"][0]
    row["copied_from_id"] = row["id"]
    with pytest.raises(InterchangeError,
                       match=r"objectives\[0\]\.copied_from_id: names the objective itself"):
        import_plan(_write(tmp_path / "self.json", document), tmp_path / "self.okr")


def test_a_copied_from_id_must_look_like_an_id(copied_plan: Path, tmp_path: Path) -> None:
    document = export_plan(copied_plan)
    document["objectives"][1]["copied_from_id"] = "x" * 65
    with pytest.raises(InterchangeError, match=r"objectives\[1\]\.copied_from_id: must be an "
                                               r"id of 1 to 64 characters|at most 64"):
        import_plan(_write(tmp_path / "long.json", document), tmp_path / "long.okr")
