"""Importing spreadsheets into real plan files: hierarchy, owners, cycles, values, problems
named by sheet, row and column, updates instead of duplicates, one undo step."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest

from okrdesk.model import KrKind
from okrdesk.sheets import Sheet, SheetImportError, SheetRow, Workbook
from okrdesk.sheets.companions import org_chart_path
from okrdesk.sheets.importer import import_workbook, new_plan_from_workbook, preview_import
from okrdesk.sheets.model import OKR_HEADERS, Field
from okrdesk.sheets.read import read_workbook
from okrdesk.sheets.write import write_workbook
from okrdesk.storage import Plan
from tests.core import sheet_fixtures as fixtures
from tests.core.builders import small_org, table_dump


def sheet(name: str, headers: list[str], *rows: list[Any]) -> Sheet:
    return Sheet(name, tuple(headers), tuple(SheetRow(number, tuple(cells))
                                             for number, cells in enumerate(rows, start=2)))


def book(*sheets: Sheet) -> Workbook:
    return Workbook(Path("company.xlsx"), sheets)


def rows(plan: Plan, table: str, **where: Any) -> list[dict[str, Any]]:
    with plan.change("read") as tx:
        return tx.rows(table, **where)


def one(plan: Plan, table: str, **where: Any) -> dict[str, Any]:
    found = rows(plan, table, **where)
    assert len(found) == 1, found
    return found[0]


def problems_of(error: pytest.ExceptionInfo[SheetImportError]) -> list[str]:
    return [str(problem) for problem in error.value.problems]


# Files made with openpyxl, read by the reader


def test_flat_sheet_with_org_chart_gives_the_hierarchy(tmp_path: Path) -> None:
    workbook = read_workbook(fixtures.flat_okr_and_org_sheets(tmp_path / "okrs.xlsx"))
    made = new_plan_from_workbook(workbook, tmp_path / "plan.okr", name="Imported")
    with Plan.open(made) as plan:
        levels = [row["name"] for row in sorted(rows(plan, "levels"), key=lambda r: r["rank"])]
        assert levels == ["Company", "Departments", "Teams", "Individuals"]
        omar = one(plan, "units", name="Omar Haddad")
        maya = one(plan, "units", name="Maya Lindqvist")
        chidi = one(plan, "units", name="Chidi Okafor")
        assert omar["manager_id"] == maya["id"] and omar["role"] == "VP Sales"
        assert one(plan, "units", id=chidi["manager_id"])["name"] == "Aiko Tanaka"
        q1 = one(plan, "cycles", name="2027-Q1")
        grow = one(plan, "objectives", title="Grow recurring revenue")
        assert (grow["owner_id"], grow["cycle_id"]) == (maya["id"], q1["id"])
        arr = one(plan, "key_results", title="Reach 12 M€ ARR")
        assert arr["objective_id"] == grow["id"]
        assert (arr["start_value"], arr["target_value"], arr["current_value"]) == (8, 12, 9.5)
        assert (arr["unit"], arr["confidence"], arr["kind"]) == ("M€", 0.7, "increase")
        cycle_kr = one(plan, "key_results", title="Cut the sales cycle to 30 days")
        assert cycle_kr["kind"] == KrKind.DECREASE
        # An objective under an objective is aligned up through a key result standing for it.
        win = one(plan, "objectives", title="Win mid-market accounts")
        stand_in = one(plan, "key_results", id=win["parent_kr_id"])
        assert (stand_in["kind"], stand_in["objective_id"]) == (KrKind.OBJECTIVE, grow["id"])
        assert len(rows(plan, "key_results", objective_id=win["id"])) == 2


def test_flat_sheet_alone_adds_its_owners_at_the_levels_it_names(tmp_path: Path) -> None:
    workbook = read_workbook(fixtures.flat_okr_sheet(tmp_path / "okrs.xlsx"))
    preview = preview_import(None, workbook)
    assert preview.problems == []
    assert preview.created["objectives"] == 3 and preview.created["key_results"] == 6
    assert "owner Omar Haddad added at level Departments" in preview.notes
    made = new_plan_from_workbook(workbook, tmp_path / "plan.okr")
    with Plan.open(made) as plan:
        omar = one(plan, "units", name="Omar Haddad")
        assert omar["email"] == "omar@example.com"
        assert one(plan, "levels", id=omar["level_id"])["name"] == "Departments"


def test_outline_numbering_into_a_plan_with_the_org_chart(tmp_path: Path) -> None:
    made = new_plan_from_workbook(read_workbook(fixtures.org_chart_sheet(tmp_path / "org.xlsx")),
                                  tmp_path / "plan.okr")
    outline = read_workbook(fixtures.outline_okr_sheet(tmp_path / "outline.xlsx"))
    with Plan.open(made) as plan:
        import_workbook(plan, outline)
        grow = one(plan, "objectives", title="Grow recurring revenue")
        win = one(plan, "objectives", title="Win mid-market accounts")
        assert one(plan, "key_results", id=win["parent_kr_id"])["objective_id"] == grow["id"]
        sign = one(plan, "key_results", title="Sign 40 new mid-market customers")
        assert sign["objective_id"] == win["id"] and sign["target_value"] == 40
        assert [kr["title"] for kr in rows(plan, "key_results", objective_id=grow["id"])] == [
            "Reach 12 M€ ARR", "Win mid-market accounts"]
        assert len(rows(plan, "objectives")) == 3


def test_org_chart_alone(tmp_path: Path) -> None:
    workbook = read_workbook(fixtures.org_chart_sheet(tmp_path / "org.xlsx"))
    made = new_plan_from_workbook(workbook, tmp_path / "plan.okr")
    with Plan.open(made) as plan:
        assert len(rows(plan, "units")) == 6 and rows(plan, "objectives") == []
        lena = one(plan, "units", email="lena@example.com")
        assert one(plan, "units", id=lena["manager_id"])["name"] == "Maya Lindqvist"
        assert one(plan, "functions", id=lena["function_id"])["name"] == "Engineering"


def test_an_exported_org_chart_csv_alone_is_read_as_an_org_chart(tmp_path: Path) -> None:
    # Its "Kind" column (person or team) must not make it look like a sheet of OKRs.
    made = new_plan_from_workbook(read_workbook(fixtures.org_chart_sheet(tmp_path / "org.xlsx")),
                                  tmp_path / "plan.okr")
    exported = write_workbook(made, tmp_path / "out.csv")
    org_csv = org_chart_path(exported)
    again = new_plan_from_workbook(read_workbook(org_csv), tmp_path / "again.okr")
    with Plan.open(made) as before, Plan.open(again) as after:
        assert ({(u["name"], u["email"]) for u in rows(before, "units")}
                == {(u["name"], u["email"]) for u in rows(after, "units")})
        lena = one(after, "units", email="lena@example.com")
        assert one(after, "units", id=lena["manager_id"])["name"] == "Maya Lindqvist"
        assert rows(after, "objectives") == []


def test_another_tools_headers_are_mapped(tmp_path: Path) -> None:
    made = new_plan_from_workbook(read_workbook(fixtures.org_chart_sheet(tmp_path / "org.xlsx")),
                                  tmp_path / "plan.okr")
    goals = read_workbook(fixtures.other_tool_export(tmp_path / "goals.xlsx"))
    with Plan.open(made) as plan:
        import_workbook(plan, goals)
        uptime = one(plan, "key_results", title="Keep uptime above 99.9 %")
        trust = one(plan, "objectives", title="Ship a product customers trust")
        assert uptime["objective_id"] == trust["id"]
        assert (uptime["start_value"], uptime["target_value"]) == (99.5, 99.9)
        assert one(plan, "cycles", id=trust["cycle_id"])["name"] == "2027-Q1"
        assert one(plan, "units", id=trust["owner_id"])["name"] == "Lena Park"


def test_broken_sheet_lists_every_problem_and_writes_nothing(tmp_path: Path) -> None:
    made = new_plan_from_workbook(read_workbook(fixtures.org_chart_sheet(tmp_path / "org.xlsx")),
                                  tmp_path / "plan.okr")
    before = made.read_bytes()
    broken = read_workbook(fixtures.broken_sheet(tmp_path / "broken.xlsx"))
    with Plan.open(made) as plan, pytest.raises(SheetImportError) as error:
        import_workbook(plan, broken)
    found = problems_of(error)
    assert "sheet 'OKRs', row 3, column Target: 'ten' is not a number" in found
    assert any(p.startswith("sheet 'OKRs', row 4, column Parent id: the parent 'O-99'")
               for p in found)
    assert any(p.startswith("sheet 'OKRs', row 5, column Parent id: the parents go round")
               for p in found)
    assert any(p.startswith("sheet 'OKRs', row 6, column Parent id: the parents go round")
               for p in found)
    assert "sheet 'OKRs', row 7, column Id: the id 'K-1' is also on row 3" in found
    assert "nothing was written" in str(error.value)
    assert made.read_bytes() == before
    with pytest.raises(SheetImportError):
        new_plan_from_workbook(broken, tmp_path / "new.okr")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "broken.xlsx", "org.xlsx", "plan.okr"]


def test_reimport_updates_instead_of_duplicating(tmp_path: Path) -> None:
    workbook = read_workbook(fixtures.flat_okr_and_org_sheets(tmp_path / "okrs.xlsx"))
    made = new_plan_from_workbook(workbook, tmp_path / "plan.okr")
    with Plan.open(made) as plan:
        dump = table_dump(plan)
        assert preview_import(plan, workbook).created == {}
        assert not import_workbook(plan, workbook)  # nothing changed, nothing written
        assert table_dump(plan) == dump
    # The same rows with a new current value: the key result is updated in place.
    edited = [list(row) for row in fixtures._flat_rows()]
    edited[2][11] = 10.5
    fixtures.write_sheets(tmp_path / "edited.xlsx", {"OKRs": edited,
                                                     "Org chart": fixtures.ORG_ROWS})
    with Plan.open(made) as plan:
        preview = preview_import(plan, read_workbook(tmp_path / "edited.xlsx"))
        assert preview.created == {} and preview.updated == {"key_results": 1}
        import_workbook(plan, read_workbook(tmp_path / "edited.xlsx"))
        assert one(plan, "key_results", title="Reach 12 M€ ARR")["current_value"] == 10.5
        assert len(rows(plan, "objectives")) == 3 and len(rows(plan, "key_results")) == 6


def test_undo_of_an_import_restores_the_plan_exactly(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        org.objective("Alex Chen", "Win Europe", cycle="2027-Q1")
        before = table_dump(org.plan)
        workbook = book(sheet("OKRs", ["Type", "Title", "Parent", "Owner", "Cycle", "Target"],
                              ["Objective", "Win Europe", None, "Alex Chen", "2027-Q1", None],
                              ["Key result", "Open 3 offices", 2, None, None, 3],
                              ["Objective", "Grow EU sales", 2, "Sam Lee", "2028-Q1", None]))
        with pytest.raises(SheetImportError) as error:  # 2028 is after the parent's cycle
            import_workbook(org.plan, workbook)
        assert any("row 4, column Parent" in p for p in problems_of(error))
        assert table_dump(org.plan) == before
        fixed = book(sheet("OKRs", ["Type", "Title", "Parent", "Owner", "Cycle", "Target"],
                           ["Objective", "Win Europe", None, "Alex Chen", "2027-Q1", None],
                           ["Key result", "Open 3 offices", 2, None, None, 3],
                           ["Objective", "Grow EU sales", 3, "Sam Lee", "2027-Q1", None],
                           ["Objective", "Plan 2028", None, "Sam Lee", "2028", None]))
        changes = import_workbook(org.plan, fixed)
        assert len(rows(org.plan, "objectives")) == 3
        assert one(org.plan, "cycles", name="2028-Q1")  # the year was added with its quarters
        org.plan.apply(changes.inverse())
        assert table_dump(org.plan) == before


def test_alignment_rules_hold_for_imported_rows(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        before = table_dump(org.plan)
        upside_down = book(sheet("OKRs", ["Title", "Parent", "Owner", "Cycle"],
                                 ["Fix the vans", None, "Ivy Tran", "2027"],
                                 ["Win Europe", "Fix the vans", "Alex Chen", "2027"]))
        with pytest.raises(SheetImportError) as error:
            import_workbook(org.plan, upside_down)
        [problem] = problems_of(error)
        assert problem.startswith("sheet 'OKRs', row 3, column Parent: “Win Europe” cannot "
                                  "align to “Fix the vans”")
        assert table_dump(org.plan) == before


def test_ids_are_kept_and_parents_found_by_id(tmp_path: Path) -> None:
    ids = [str(uuid.uuid4()) for _ in range(4)]
    headers = list(OKR_HEADERS.values())

    def row(**cells: Any) -> list[Any]:
        return [cells.get(field.value) for field in OKR_HEADERS]

    workbook = book(sheet("OKRs", headers,
                          row(id=ids[0], type="Objective", title="Win", owner="Alex Chen",
                              level="C-suite", cycle="2027", commitment="aspirational",
                              status="at_risk", description="  Line one\nline two"),
                          row(id=ids[1], type="Key result", title="Stands for Grow",
                              parent=ids[0], measure="objective"),
                          row(id=ids[2], type="Objective", title="Grow", parent=ids[1],
                              owner="Sam Lee", owner_email="sam@example.com",
                              level="Vice Presidents", cycle="2027", origin="own"),
                          row(id=ids[3], type="Key result", title="Revenue", parent=ids[2],
                              measure="stay_above", start=1, target=2, current=1.5, unit="M",
                              weight=2, confidence=0.5)))
    made = new_plan_from_workbook(workbook, tmp_path / "plan.okr")
    with Plan.open(made) as plan:
        win, grow = one(plan, "objectives", id=ids[0]), one(plan, "objectives", id=ids[2])
        assert (win["commitment"], win["status"]) == ("aspirational", "at_risk")
        assert win["description"] == "  Line one\nline two"
        assert grow["parent_kr_id"] == ids[1]
        assert one(plan, "key_results", id=ids[1])["kind"] == KrKind.OBJECTIVE
        revenue = one(plan, "key_results", id=ids[3])
        assert (revenue["kind"], revenue["weight"], revenue["confidence"]) == (
            "stay_above", 2, 0.5)
        assert len(rows(plan, "key_results")) == 2  # no second stand-in was made


def test_numbers_in_text_and_values_that_are_refused(tmp_path: Path) -> None:
    workbook = book(sheet("OKRs", ["Title", "Parent", "Owner", "Level", "Cycle", "Start",
                                   "Target", "Current", "Confidence"],
                          ["Grow", None, "Alex", "C-suite", "2027-Q1", None, None, None, None],
                          ["Users", 2, None, None, None, "1,000", "2,500.5", "1 200", "80%"],
                          ["Share", 2, None, None, None, 0, "12%", "1.5", None],
                          ["Bad", 2, None, None, None, 0, "ten", 3, 2],
                          ["Huge", 2, None, None, None, 0, 1e300, None, None]))
    with pytest.raises(SheetImportError) as error:
        new_plan_from_workbook(workbook, tmp_path / "plan.okr")
    found = problems_of(error)
    assert "sheet 'OKRs', row 5, column Target: 'ten' is not a number" in found
    assert any(p.startswith("sheet 'OKRs', row 5, column Confidence: The confidence must be")
               for p in found)
    assert any(p.startswith("sheet 'OKRs', row 6, column Target: The target value must be")
               for p in found)
    assert len(found) == 3 and not (tmp_path / "plan.okr").exists()
    good = book(Sheet("OKRs", workbook.sheets[0].headers, workbook.sheets[0].rows[:3]))
    with Plan.open(new_plan_from_workbook(good, tmp_path / "plan.okr")) as plan:
        users = one(plan, "key_results", title="Users")
        assert (users["start_value"], users["target_value"], users["current_value"],
                users["confidence"]) == (1000, 2500.5, 1200, 0.8)
        share = one(plan, "key_results", title="Share")
        assert (share["target_value"], share["unit"], share["current_value"]) == (12, "%", 1.5)


def test_hostile_text_is_kept_as_text_or_refused(tmp_path: Path) -> None:
    formula = "=HYPERLINK(\"http://x\",\"click\")"
    workbook = book(sheet("OKRs", ["Title", "Owner", "Level", "Cycle", "Description"],
                          [formula, "<b>Alex</b>", "C-suite", "2027", "'; DROP TABLE units;--"],
                          ["שלום \u202e evil", "Alex2", "C-suite", "2027", None],
                          ["Bell\x07ringer", "Alex3", "C-suite", "2027", None],
                          ["x" * 600, "Alex4", "C-suite", "2027", None],
                          ["Fine", "Alex5", "Nowhere\nlevel", "2027", None]))
    with pytest.raises(SheetImportError) as error:
        new_plan_from_workbook(workbook, tmp_path / "plan.okr")
    found = problems_of(error)
    assert [p.split(":")[0] for p in found] == [
        "sheet 'OKRs', row 4, column Title", "sheet 'OKRs', row 5, column Title",
        "sheet 'OKRs', row 6, column Level"]
    kept = book(Sheet("OKRs", workbook.sheets[0].headers, workbook.sheets[0].rows[:2]))
    with Plan.open(new_plan_from_workbook(kept, tmp_path / "plan.okr")) as plan:
        first = one(plan, "objectives", title=formula)
        assert first["description"] == "'; DROP TABLE units;--"
        assert one(plan, "units", id=first["owner_id"])["name"] == "<b>Alex</b>"
        assert len(rows(plan, "objectives")) == 2


def test_org_chart_problems_are_named(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        before = table_dump(org.plan)
        loop = book(sheet("Org chart", ["Name", "E-mail", "Manager", "Level"],
                          ["Ann", "ann@example.com", "Bea", "Directors"],
                          ["Bea", "bea@example.com", "ann@example.com", "Directors"],
                          ["Cid", "not an address", "Nobody Known", "Directors"],
                          ["Dee", "ann@example.com", "Alex Chen", "Directors"]))
        with pytest.raises(SheetImportError) as error:
            import_workbook(org.plan, loop)
        found = problems_of(error)
        assert [p.split(":")[0] for p in found] == [
            "sheet 'Org chart', row 2, column Manager", "sheet 'Org chart', row 3, column Manager",
            "sheet 'Org chart', row 4, column E-mail", "sheet 'Org chart', row 5, column E-mail"]
        assert table_dump(org.plan) == before
        fine = book(sheet("Org chart", ["Name", "E-mail", "Manager", "Level", "Function"],
                          ["Ann", "ann@example.com", "Kim Park", "Managers", "Sales"],
                          ["Sam Lee", "sam@example.com", "Alex Chen", None, "Growth"]))
        import_workbook(org.plan, fine)
        ann, sam = one(org.plan, "units", name="Ann"), one(org.plan, "units", name="Sam Lee")
        assert one(org.plan, "units", id=ann["manager_id"])["name"] == "Kim Park"
        assert sam["email"] == "sam@example.com"  # matched by name and updated, not added
        assert one(org.plan, "functions", id=sam["function_id"])["name"] == "Growth"


def test_an_unknown_owner_without_a_level_and_a_missing_title_column(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        with pytest.raises(SheetImportError) as error:
            import_workbook(org.plan, book(sheet("OKRs", ["Title", "Owner", "Cycle"],
                                                 ["Win", "Zed Unknown", "2027"])))
        assert problems_of(error) == [
            "sheet 'OKRs', row 2, column Owner: the owner 'Zed Unknown' is not in the plan; "
            "add them to the org chart or give their level in a Level column"]
        with pytest.raises(SheetImportError) as error:
            import_workbook(org.plan, book(sheet("OKRs", ["Owner", "Cycle"], ["Sam", "2027"])))
        assert "no column holds the titles" in problems_of(error)[0]


def test_cycles_by_dates_and_a_mapping_by_header_names(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        workbook = book(sheet("Goals", ["What", "Who", "From", "Until"],
                              ["Win", "Alex Chen", "2027-04-01", "2027-06-30"]))
        mapping = {Field.TITLE.value: "what", Field.OWNER.value: "WHO",
                   Field.STARTS_ON.value: "From", Field.ENDS_ON.value: "Until"}
        import_workbook(org.plan, workbook, okr_mapping=mapping)
        win = one(org.plan, "objectives", title="Win")
        assert one(org.plan, "cycles", id=win["cycle_id"])["name"] == "2027-Q2"
        with pytest.raises(SheetImportError) as error:
            import_workbook(org.plan, workbook, okr_mapping={**mapping, "title": "Headline"})
        assert problems_of(error)[0] == ("sheet 'Goals', column Headline: the mapping names "
                                         "this column, but the sheet has no such header")


def test_an_export_rebuilds_the_plan_with_every_id_and_time(tmp_path: Path) -> None:
    from okrdesk.demo import build_demo
    from okrdesk.interchange.export import canonical_json, export_plan
    from okrdesk.sheets.write import write_workbook

    original = build_demo(tmp_path / "demo.okr")
    exported = read_workbook(write_workbook(original, tmp_path / "demo.xlsx"))
    rebuilt = new_plan_from_workbook(exported, tmp_path / "back.okr")
    assert canonical_json(export_plan(rebuilt)) == canonical_json(export_plan(original))
    # Importing the export into the plan it came from changes nothing.
    with Plan.open(original) as plan:
        assert preview_import(plan, exported).created == {}
        assert not import_workbook(plan, exported)


def test_a_dry_run_of_an_export_counts_the_plan_it_would_rebuild(tmp_path: Path) -> None:
    from okrdesk.demo import build_demo
    from okrdesk.sheets.write import write_workbook

    original = build_demo(tmp_path / "demo.okr")
    exported = read_workbook(write_workbook(original, tmp_path / "demo.xlsx"))
    preview = preview_import(None, exported)
    with Plan.open(original) as plan:
        assert preview.problems == []
        assert preview.created["objectives"] == len(rows(plan, "objectives"))
        assert preview.created["check_ins"] == len(rows(plan, "check_ins"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.okr", "demo.xlsx"]


def test_indented_titles_and_a_sheet_without_types_or_parents(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        indented = book(sheet("OKRs", ["Title", "Owner", "Cycle", "Target"],
                              ["Win Europe", "Alex Chen", "2027", None],
                              ["  Open 3 offices", None, None, 3],
                              ["  Grow EU sales", "Sam Lee", "2027", None],
                              ["    Sign 40 dealers", None, None, 40]))
        import_workbook(org.plan, indented)
        win = one(org.plan, "objectives", title="Win Europe")
        grow = one(org.plan, "objectives", title="Grow EU sales")
        assert one(org.plan, "key_results", id=grow["parent_kr_id"])["objective_id"] == win["id"]
        assert one(org.plan, "key_results", title="Sign 40 dealers")["objective_id"] == grow["id"]
        # No type, no parent, no outline: a row with values belongs to the objective above.
        flat = book(sheet("OKRs", ["Title", "Owner", "Cycle", "Target", "Unit"],
                          ["Delight drivers", "Dana Ross", "2027-Q2", None, None],
                          ["NPS above 60", None, None, 60, "points"],
                          ["Fewer complaints", "Kim Park", "2027-Q2", None, None],
                          ["Complaints", None, None, "1,200", None]))
        import_workbook(org.plan, flat)
        delight = one(org.plan, "objectives", title="Delight drivers")
        assert one(org.plan, "key_results", title="NPS above 60")["objective_id"] == delight["id"]
        fewer = one(org.plan, "objectives", title="Fewer complaints")
        assert fewer["parent_kr_id"] is None
        assert one(org.plan, "key_results", title="Complaints")["target_value"] == 1200


def test_a_manager_loop_through_the_plan_is_refused(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        before = table_dump(org.plan)
        # Alex Chen manages Sam Lee in the plan; the sheet puts Alex under Sam.
        loop = book(sheet("Org chart", ["Name", "Manager"], ["Alex Chen", "Sam Lee"]))
        with pytest.raises(SheetImportError) as error:
            import_workbook(org.plan, loop)
        assert problems_of(error) == [
            "sheet 'Org chart', row 2, column Manager: Alex Chen would report to themselves, "
            "directly or through the people they manage"]
        assert table_dump(org.plan) == before


def test_people_who_share_a_name_are_told_apart(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        kim = org.people["Kim Park"]  # a director in Sales
        twin = org.person("Kim Park", "Managers", function="Marketing")
        headers = ["Title", "Owner", "Level", "Function", "Owner id", "Cycle"]
        workbook = book(sheet("OKRs", headers,
                              ["By level", "Kim Park", "Directors", None, None, "2027"],
                              ["By id", "Kim Park", None, None, twin, "2027"],
                              ["Unclear", "Kim Park", None, None, None, "2027"],
                              ["Wrong id", "Kim Park", None, None, "nobody", "2027"]))
        with pytest.raises(SheetImportError) as error:
            import_workbook(org.plan, workbook)
        # An id the plan does not know falls back to the name (an OKR sheet without its org
        # chart), which two people share here.
        assert [p.split(":")[0] for p in problems_of(error)] == [
            "sheet 'OKRs', row 4, column Owner", "sheet 'OKRs', row 5, column Owner"]
        assert "2 people are named Kim Park" in problems_of(error)[1]
        import_workbook(org.plan, book(Sheet("OKRs", tuple(headers),
                                             workbook.sheets[0].rows[:2])))
        assert one(org.plan, "objectives", title="By level")["owner_id"] == kim
        assert one(org.plan, "objectives", title="By id")["owner_id"] == twin


def test_an_export_imported_into_a_plan_says_which_sheets_it_leaves_out(tmp_path: Path) -> None:
    made = new_plan_from_workbook(read_workbook(fixtures.org_chart_sheet(tmp_path / "org.xlsx")),
                                  tmp_path / "plan.okr")
    exported = read_workbook(write_workbook(made, tmp_path / "out.xlsx"))
    with Plan.open(made) as plan:
        preview = preview_import(plan, exported)
    left_out = [note for note in preview.notes if "only the OKRs and the org chart" in note]
    assert len(left_out) == 1 and "Levels" in left_out[0] and "Records" in left_out[0]
    assert preview.problems == []
