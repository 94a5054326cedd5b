"""Realistic spreadsheets for the import tests, written with openpyxl; each returns its path.

The people of `org_chart_sheet` own the OKRs of `flat_okr_sheet` and `outline_okr_sheet`, so the
sheets can be imported together or alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook

Row = Sequence[object]


def write_sheets(path: Path, sheets: dict[str, Iterable[Row]]) -> Path:
    """An XLSX with one sheet per entry (name -> rows, the first row being the headers)."""
    book = Workbook()
    first = True
    for name, rows in sheets.items():
        sheet = book.active if first else book.create_sheet()
        assert sheet is not None
        sheet.title = name
        first = False
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


ORG_ROWS: list[Row] = [
    ["Name", "E-mail", "Title", "Manager", "Level", "Function"],
    ["Maya Lindqvist", "maya@example.com", "Chief Executive Officer", None, "Company",
     "Leadership"],
    ["Omar Haddad", "omar@example.com", "VP Sales", "maya@example.com", "Departments", "Sales"],
    ["Lena Park", "lena@example.com", "VP Engineering", "Maya Lindqvist", "Departments",
     "Engineering"],
    ["Tomás Ruiz", "tomas@example.com", "Account Executive", "omar@example.com", "Teams", "Sales"],
    ["Aiko Tanaka", "aiko@example.com", "Engineering Manager", "lena@example.com", "Teams",
     "Engineering"],
    ["Chidi Okafor", "chidi@example.com", "Software Engineer", "Aiko Tanaka", "Individuals",
     "Engineering"],
]


def org_chart_sheet(path: Path) -> Path:
    """Sheet "Org chart": six people; managers named by e-mail or by name."""
    return write_sheets(path, {"Org chart": ORG_ROWS})


FLAT_HEADERS: Row = ["Type", "Title", "Parent row", "Owner", "Owner e-mail", "Level", "Cycle",
                     "Start date", "End date", "Start", "Target", "Current", "Unit", "Confidence"]
Q1_START, Q1_END = dt.date(2027, 1, 1), dt.date(2027, 3, 31)


def _flat_rows() -> list[Row]:
    def row(kind: str, title: str, parent: int | None, owner: str, email: str, level: str,
            start: float | None = None, target: float | None = None,
            current: float | None = None, unit: str | None = None,
            confidence: float | None = None) -> Row:
        return [kind, title, parent, owner, email, level, "Q1 2027", Q1_START, Q1_END,
                start, target, current, unit, confidence]

    return [
        FLAT_HEADERS,
        # row 2
        row("Objective", "Grow recurring revenue", None, "Maya Lindqvist", "maya@example.com",
            "Company"),
        row("Key result", "Reach 12 M€ ARR", 2, "Maya Lindqvist", "maya@example.com", "Company",
            8, 12, 9.5, "M€", 0.7),
        row("Objective", "Win mid-market accounts", 2, "Omar Haddad", "omar@example.com",
            "Departments"),
        row("Key result", "Sign 40 new mid-market customers", 4, "Tomás Ruiz",
            "tomas@example.com", "Teams", 0, 40, 12, "customers", 0.5),
        row("Key result", "Cut the sales cycle to 30 days", 4, "Omar Haddad", "omar@example.com",
            "Departments", 55, 30, 48, "days", 0.6),
        # row 7
        row("Objective", "Ship a product customers trust", None, "Lena Park", "lena@example.com",
            "Departments"),
        row("Key result", "Keep uptime above 99.9 %", 7, "Aiko Tanaka", "aiko@example.com",
            "Teams", 99.5, 99.9, 99.95, "%", 0.9),
        row("Key result", "Halve the open P1 bugs", 7, "Chidi Okafor", "chidi@example.com",
            "Individuals", 24, 12, 20, "bugs", 0.4),
    ]


def flat_okr_sheet(path: Path) -> Path:
    """Sheet "OKRs": one row per objective or key result, the parent given by its row number
    (rows 2-9, two top objectives, one child objective); dates are real date cells."""
    return write_sheets(path, {"OKRs": _flat_rows()})


def flat_okr_and_org_sheets(path: Path) -> Path:
    """Both sheets in one workbook: "OKRs" (as `flat_okr_sheet`) and "Org chart"."""
    return write_sheets(path, {"OKRs": _flat_rows(), "Org chart": ORG_ROWS})


def outline_okr_sheet(path: Path) -> Path:
    """Sheet "OKRs": the hierarchy only in the outline numbering of the titles (1, 1.1, 1.1.1);
    no type column: a numbered line with a target is a key result."""
    rows: list[Row] = [
        ["Title", "Owner", "Start", "Target", "Current", "Unit"],
        ["1 Grow recurring revenue", "maya@example.com", None, None, None, None],
        ["1.1 Reach 12 M€ ARR", "maya@example.com", 8, 12, 9.5, "M€"],
        ["1.2 Win mid-market accounts", "omar@example.com", None, None, None, None],
        ["1.2.1 Sign 40 new mid-market customers", "tomas@example.com", 0, 40, 12, "customers"],
        ["1.2.2 Cut the sales cycle to 30 days", "omar@example.com", 55, 30, 48, "days"],
        ["2 Ship a product customers trust", "lena@example.com", None, None, None, None],
        ["2.1 Keep uptime above 99.9 %", "aiko@example.com", 99.5, 99.9, 99.95, "%"],
        ["2.2 Halve the open P1 bugs", "chidi@example.com", 24, 12, 20, "bugs"],
    ]
    return write_sheets(path, {"OKRs": rows})


def other_tool_export(path: Path) -> Path:
    """Sheet "Goals" in another OKR tool's export shape: headers to be mapped, parents named by
    title, owners by e-mail, the cycle as a time period; the headers in row 2, below a blank row."""
    headers = ["Goal Name", "Goal Type", "Parent Goal", "Owner Email", "Start Value",
               "Target Value", "Current Value", "Unit", "Time Period"]
    goals: list[Row] = [
        ["Grow recurring revenue", "Objective", None, "maya@example.com", None, None, None, None,
         "Q1 2027"],
        ["Reach 12 M€ ARR", "Key Result", "Grow recurring revenue", "maya@example.com", 8, 12,
         9.5, "M€", "Q1 2027"],
        ["Win mid-market accounts", "Objective", "Grow recurring revenue", "omar@example.com",
         None, None, None, None, "Q1 2027"],
        ["Sign 40 new mid-market customers", "Key Result", "Win mid-market accounts",
         "tomas@example.com", 0, 40, 12, "customers", "Q1 2027"],
        ["Ship a product customers trust", "Objective", None, "lena@example.com", None, None,
         None, None, "Q1 2027"],
        ["Keep uptime above 99.9 %", "Key Result", "Ship a product customers trust",
         "aiko@example.com", 99.5, 99.9, 99.95, "%", "Q1 2027"],
    ]
    # Exports often start below a title line; here: one empty row, then the headers in row 2.
    rows: list[Row] = [[], headers, *goals]
    return write_sheets(path, {"Goals": rows})


def broken_sheet(path: Path) -> Path:
    """Sheet "OKRs" with one of each problem: a non-numeric target ("ten", row 3), an unknown
    parent ("O-99", row 4), a parent loop (O-3 -> O-4 -> O-3, rows 5-6) and a duplicate id
    ("K-1", rows 3 and 7)."""
    rows: list[Row] = [
        ["Id", "Type", "Title", "Parent id", "Owner", "Target", "Current"],
        ["O-1", "Objective", "Grow recurring revenue", None, "maya@example.com", None, None],
        ["K-1", "Key result", "Sign new customers", "O-1", "omar@example.com", "ten", 3],
        ["O-2", "Objective", "Open a new market", "O-99", "omar@example.com", None, None],
        ["O-3", "Objective", "Improve onboarding", "O-4", "lena@example.com", None, None],
        ["O-4", "Objective", "Shorten time to value", "O-3", "aiko@example.com", None, None],
        ["K-1", "Key result", "Cut churn to 2 %", "O-1", "maya@example.com", 2, 3],
    ]
    return write_sheets(path, {"OKRs": rows})
