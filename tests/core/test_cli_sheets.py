"""`okrdesk import FILE.csv|FILE.xlsx` and `okrdesk export PLAN -o FILE.csv|FILE.xlsx`, run as
the real command: new plans from sheets, the dry run, saved mappings, errors, round trips."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from okrdesk.interchange import canonical_json, export_plan
from tests.core.sheet_fixtures import (
    ORG_ROWS,
    broken_sheet,
    flat_okr_and_org_sheets,
    flat_okr_sheet,
    other_tool_export,
)


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "okrdesk", *map(str, args)],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def succeeded(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    return result.stdout


def failed(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.startswith("okrdesk: error: ")
    return result.stderr


def titles(document: dict[str, Any], table: str) -> set[str]:
    return {row["title"] for row in document[table]}


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.startswith("."))


def test_a_flat_sheet_with_its_org_chart_becomes_a_new_plan(tmp_path: Path) -> None:
    sheet = flat_okr_and_org_sheets(tmp_path / "okrs.xlsx")
    plan = tmp_path / "company.okr"
    out = succeeded(run("import", sheet, "-o", plan))
    assert f"into the new plan {plan}" in out
    document = export_plan(plan)
    assert titles(document, "objectives") == {
        "Grow recurring revenue", "Win mid-market accounts", "Ship a product customers trust"}
    measured = [kr for kr in document["key_results"] if kr["kind"] != "objective"]
    assert len(measured) == 5
    revenue = next(kr for kr in document["key_results"] if kr["title"] == "Reach 12 M€ ARR")
    assert (revenue["start_value"], revenue["target_value"], revenue["current_value"]) == (
        8, 12, 9.5)
    emails = {unit["email"] for unit in document["units"] if unit["email"]}
    assert {"maya@example.com", "chidi@example.com"} <= emails
    # The hierarchy is kept: an objective under an objective is aligned up through a key
    # result that stands for it.
    objectives = {o["title"]: o for o in document["objectives"]}
    stand_in = next(kr for kr in document["key_results"]
                    if kr["id"] == objectives["Win mid-market accounts"]["parent_kr_id"])
    assert stand_in["kind"] == "objective"
    assert stand_in["objective_id"] == objectives["Grow recurring revenue"]["id"]
    assert objectives["Ship a product customers trust"]["parent_kr_id"] is None
    assert_clean_refusal = failed(run("import", sheet, "-o", plan))
    assert "already exists" in assert_clean_refusal


def test_dry_run_prints_what_would_happen_and_writes_nothing(tmp_path: Path) -> None:
    sheet = flat_okr_sheet(tmp_path / "okrs.xlsx")
    plan = tmp_path / "company.okr"
    out = succeeded(run("import", sheet, "-o", plan, "--dry-run"))
    assert "nothing was written" in out
    assert "Would create:" in out and "3 objectives" in out
    assert "6 key results" in out  # five measured, one standing for the child objective
    assert "No problems" in out
    assert not plan.exists()
    assert leftovers(tmp_path) == []


def test_a_broken_sheet_lists_every_problem_and_writes_nothing(tmp_path: Path) -> None:
    sheet = broken_sheet(tmp_path / "broken.xlsx")
    plan = tmp_path / "company.okr"
    error = failed(run("import", sheet, "-o", plan))
    assert "nothing was written" in error
    lines = error.splitlines()
    assert lines[0].endswith("(6 problems); nothing was written:")
    assert "  sheet 'OKRs', row 3, column Target: 'ten' is not a number" in lines
    assert len(lines) == 7  # each problem on a line of its own
    assert "O-99" in error and "K-1" in error
    assert "loop" in error.casefold()
    assert not plan.exists()
    assert leftovers(tmp_path) == []

    dry = run("import", sheet, "-o", plan, "--dry-run")
    assert dry.returncode == 1 and "Traceback" not in dry.stderr
    assert "Refused (" in dry.stdout and "row 3, column Target" in dry.stdout
    assert not plan.exists()


def goals_with_org_chart(path: Path) -> Path:
    """Another tool's export of goals, with the org chart of their owners beside it."""
    other_tool_export(path)
    book = load_workbook(path)
    people = book.create_sheet("Org chart")
    for row in ORG_ROWS:
        people.append(list(row))
    book.save(path)
    return path


def test_a_saved_mapping_is_reused_for_a_sheet_with_other_headers(tmp_path: Path) -> None:
    export = goals_with_org_chart(tmp_path / "goals.xlsx")
    mapping = tmp_path / "mapping.json"
    succeeded(run("import", export, "-o", tmp_path / "first.okr", "--save-map", mapping))
    saved = json.loads(mapping.read_text(encoding="utf-8"))
    assert saved["title"] == "Goal Name" and saved["target"] == "Target Value"
    assert saved["parent"] == "Parent Goal" and saved["cycle"] == "Time Period"

    # The same export with a header no guess knows: the edited mapping says what it is.
    renamed = tmp_path / "renamed.xlsx"
    book = load_workbook(export)
    book["Goals"]["F2"] = "Stretch"
    book.save(renamed)
    saved["target"] = "Stretch"
    mapping.write_text(json.dumps(saved), encoding="utf-8")
    plan = tmp_path / "second.okr"
    succeeded(run("import", renamed, "-o", plan, "--map", mapping))
    targets = {kr["title"]: kr["target_value"] for kr in export_plan(plan)["key_results"]}
    assert targets["Reach 12 M€ ARR"] == 12

    saved["owner"] = "Accountable person"
    mapping.write_text(json.dumps(saved), encoding="utf-8")
    error = failed(run("import", renamed, "-o", tmp_path / "third.okr", "--map", mapping))
    assert "column Accountable person" in error
    assert not (tmp_path / "third.okr").exists()


def test_unknown_sheets_and_json_only_imports_are_refused_clearly(tmp_path: Path) -> None:
    sheet = flat_okr_sheet(tmp_path / "okrs.xlsx")
    error = failed(run("import", sheet, "-o", tmp_path / "x.okr", "--sheet", "Budget"))
    assert "Budget" in error and "OKRs" in error
    export = tmp_path / "plan.json"
    export.write_text("{}", encoding="utf-8")
    error = failed(run("import", export, "-o", tmp_path / "y.okr", "--dry-run"))
    assert "--dry-run only apply to a spreadsheet" in error
    renamed_zip = tmp_path / "fake.xlsx"
    renamed_zip.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    failed(run("import", renamed_zip, "-o", tmp_path / "z.okr"))
    assert not (tmp_path / "z.okr").exists()


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_gives_the_same_plan(tmp_path: Path, suffix: str) -> None:
    sheet = flat_okr_and_org_sheets(tmp_path / "okrs.xlsx")
    plan = tmp_path / "company.okr"
    succeeded(run("import", sheet, "-o", plan))
    exported = tmp_path / f"export{suffix}"
    out = succeeded(run("export", plan, "-o", exported))
    assert f"to {exported}" in out
    assert exported.stat().st_size > 0
    again = tmp_path / "again.okr"
    read_back = succeeded(run("import", exported, "-o", again))
    assert ("Reading the sheets beside it too: export-org-chart.csv, export-levels.csv"
            in read_back) == (suffix == ".csv")
    # The workbook, or the CSV files together, hold everything: the same plan, ids kept.
    assert canonical_json(export_plan(plan)) == canonical_json(export_plan(again))

