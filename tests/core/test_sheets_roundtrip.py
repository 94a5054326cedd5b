"""Plan → spreadsheet → plan: the JSON exports of both plans are identical, ids kept.

XLSX holds a whole plan, and so do the CSV files of an export together (FILE.csv with
FILE-org-chart.csv, FILE-levels.csv, ... beside it). FILE.csv and its org chart alone hold
the OKR rows and the people: what they hold is compared.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from okrdesk.demo import build_demo
from okrdesk.interchange import canonical_json
from okrdesk.interchange.export import export_plan
from okrdesk.sheets import OKR_SHEET, ORG_SHEET, Workbook
from okrdesk.sheets.companions import (
    COMPANION_SHEETS,
    companions_beside,
    org_chart_path,
    read_with_companions,
)
from okrdesk.sheets.importer import new_plan_from_workbook
from okrdesk.sheets.plan_rows import PLAN_SHEETS, RECORDS_SHEET
from okrdesk.sheets.read import read_workbook
from okrdesk.sheets.write import write_workbook
from okrdesk.synthetic import generate_plan


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo") / "demo.okr")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_plan(tmp_path_factory.mktemp("synthetic") / "company.okr", 100, seed=3)


def through_xlsx(plan_path: Path, folder: Path) -> Path:
    exported = write_workbook(plan_path, folder / "plan.xlsx")
    return new_plan_from_workbook(read_workbook(exported), folder / "again.okr")


def differences(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """What differs, table by table and row by row, readable in a failed assertion."""
    found = []
    for table in sorted(set(before) | set(after)):
        one, other = before.get(table), after.get(table)
        if not isinstance(one, list) or not isinstance(other, list):
            if one != other:
                found.append(f"{table}: {one!r} != {other!r}")
            continue
        rows, again = {r["id"]: r for r in one}, {r["id"]: r for r in other}
        if rows.keys() != again.keys():
            found.append(f"{table}: {len(rows.keys() - again.keys())} rows lost, "
                         f"{len(again.keys() - rows.keys())} rows new")
        for row_id in sorted(rows.keys() & again.keys()):
            changed = {c: (v, again[row_id].get(c)) for c, v in rows[row_id].items()
                       if again[row_id].get(c) != v}
            if changed:
                found.append(f"{table} {row_id}: {changed}")
        if not found and one != other:
            found.append(f"{table}: rows in another order")
    return found


@pytest.mark.parametrize("plan", ["demo", "synthetic"])
def test_xlsx_holds_every_row_of_the_plan(plan: str, request: pytest.FixtureRequest,
                                          tmp_path: Path) -> None:
    """Read back with openpyxl alone: every table's rows, every id, every value."""
    plan_path: Path = request.getfixturevalue(plan)
    document = export_plan(plan_path)
    book = openpyxl.load_workbook(write_workbook(plan_path, tmp_path / "plan.xlsx"),
                                  read_only=True)

    def rows(name: str) -> list[tuple[Any, ...]]:
        return list(book[name].iter_rows(min_row=2, values_only=True))

    okr_ids = [row[0] for row in rows(OKR_SHEET)]
    assert sorted(okr_ids) == sorted(r["id"] for t in ("objectives", "key_results")
                                     for r in document[t])
    assert sorted(row[0] for row in rows(ORG_SHEET)) == sorted(r["id"] for r in document["units"])
    for name, (table, _headers, columns) in PLAN_SHEETS.items():
        expected = sorted((_plain(tuple(r[c] for c in columns)) for r in document[table]),
                          key=repr)
        padded = (row + (None,) * (len(columns) - len(row)) for row in rows(name))
        assert sorted(map(_plain, padded), key=repr) == expected, name
    records = {(row[0], row[1]): row for row in rows(RECORDS_SHEET)}
    for table in document:
        if isinstance(document[table], list):
            for row in document[table]:
                record = records[(table, row["id"])]
                assert (record[2], record[3]) == (row["created_at"], row["updated_at"])


def _plain(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """Cells as the JSON export has them: dates as ISO days, numbers as floats, no ''."""
    plain = []
    for value in row:
        if hasattr(value, "date") and callable(value.date):
            value = value.date().isoformat()
        elif isinstance(value, int | float) and not isinstance(value, bool):
            value = float(value)
        plain.append(None if value == "" else value)
    return tuple(plain)


def test_demo_plan_round_trips_through_xlsx_exactly(demo: Path, tmp_path: Path) -> None:
    again = through_xlsx(demo, tmp_path)
    before, after = export_plan(demo), export_plan(again)
    assert differences(before, after) == []
    assert before == after


def test_synthetic_plan_round_trips_through_xlsx_exactly(synthetic: Path,
                                                         tmp_path: Path) -> None:
    names = [row["name"] for row in export_plan(synthetic)["units"]]
    assert len(names) == 100
    assert len(set(names)) < len(names)  # people who share a name: owners go by Owner id
    again = through_xlsx(synthetic, tmp_path)
    before, after = export_plan(synthetic), export_plan(again)
    assert differences(before, after) == []
    assert before == after


CSV_HOLDS = {
    "units": ("id", "name", "email", "role", "kind", "manager_id"),
    "objectives": ("id", "title", "description", "owner_id", "origin", "commitment", "status",
                   "parent_kr_id"),
    "key_results": ("id", "objective_id", "title", "kind", "origin", "unit", "start_value",
                    "target_value", "current_value", "weight", "confidence"),
}


def csv_view(plan_path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """What a CSV export holds of a plan: the columns above, levels, functions and cycles
    by name."""
    document = export_plan(plan_path)
    names = {t: {r["id"]: r["name"] for r in document[t]}
             for t in ("levels", "functions", "cycles")}
    view: dict[str, list[tuple[Any, ...]]] = {}
    for table, columns in CSV_HOLDS.items():
        view[table] = sorted(tuple(row[c] for c in columns) for row in document[table])
    view["unit places"] = sorted((r["id"], names["levels"][r["level_id"]],
                                  names["functions"].get(r["function_id"]))
                                 for r in document["units"])
    view["objective cycles"] = sorted((r["id"], names["cycles"][r["cycle_id"]])
                                      for r in document["objectives"])
    return view


@pytest.mark.parametrize("plan", ["demo", "synthetic"])
def test_plan_round_trips_through_csv_files_exactly(plan: str, request: pytest.FixtureRequest,
                                                    tmp_path: Path) -> None:
    plan_path: Path = request.getfixturevalue(plan)
    okrs_csv = write_workbook(plan_path, tmp_path / "plan.csv")
    assert len(companions_beside(okrs_csv)) == len(COMPANION_SHEETS)
    again = new_plan_from_workbook(read_with_companions(okrs_csv), tmp_path / "again.okr")
    assert canonical_json(export_plan(again)) == canonical_json(export_plan(plan_path))


@pytest.mark.parametrize("plan", ["demo", "synthetic"])
def test_plan_round_trips_through_the_okr_and_org_chart_csv_for_what_they_hold(plan: str,
                                                         request: pytest.FixtureRequest,
                                                         tmp_path: Path) -> None:
    plan_path: Path = request.getfixturevalue(plan)
    okrs_csv = write_workbook(plan_path, tmp_path / "plan.csv")
    okrs = read_workbook(okrs_csv).sheets[0]
    org = read_workbook(org_chart_path(okrs_csv)).sheets[0]
    both = Workbook(okrs_csv, (dataclasses.replace(okrs, name=OKR_SHEET),
                               dataclasses.replace(org, name=ORG_SHEET)))
    again = new_plan_from_workbook(both, tmp_path / "again.okr")
    assert csv_view(again) == csv_view(plan_path)


def test_an_okr_csv_without_its_org_chart_still_makes_a_plan(demo: Path, tmp_path: Path) -> None:
    okrs_csv = write_workbook(demo, tmp_path / "plan.csv")
    org_chart_path(okrs_csv).unlink()  # the OKR rows alone, as someone may send them
    again = new_plan_from_workbook(read_workbook(okrs_csv), tmp_path / "again.okr")
    before, after = export_plan(demo), export_plan(again)
    titles = sorted(o["title"] for o in before["objectives"])
    assert sorted(o["title"] for o in after["objectives"]) == titles
    owners = {u["name"] for u in before["units"]
              if any(o["owner_id"] == u["id"] for o in before["objectives"])}
    assert owners <= {u["name"] for u in after["units"]}
