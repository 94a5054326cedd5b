"""What a spreadsheet holds once read, and what an import makes of it: plain data, no I/O.

A workbook is read into `Sheet`s of `SheetRow`s (cells as read: text, numbers, dates, booleans or
None; formulas as their cached values). A `Mapping` says which column holds which field. Every
problem names its sheet, row and column (`SheetProblem`); an import collects all of them before
anything is written, and raises `SheetImportError` with the list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from okrdesk.errors import OkrDeskError

Cell = str | int | float | bool | None  # dates are read as ISO text "2027-03-31"


class Field(StrEnum):
    """The fields of an OKR sheet: one row per objective or key result."""

    ID = "id"
    TYPE = "type"  # objective / key result
    TITLE = "title"
    PARENT = "parent"  # a row number, an id, or a parent's title
    OWNER = "owner"  # a name or an e-mail
    OWNER_EMAIL = "owner_email"
    OWNER_ID = "owner_id"  # the owner's id, where names repeat; not among OKR_HEADERS
    LEVEL = "level"
    FUNCTION = "function"
    TEAM = "team"
    CYCLE = "cycle"
    STARTS_ON = "starts_on"
    ENDS_ON = "ends_on"
    MEASURE = "measure"  # increase, decrease, stay above, stay below, milestone, no metric
    START = "start"
    TARGET = "target"
    CURRENT = "current"
    UNIT = "unit"
    WEIGHT = "weight"
    CONFIDENCE = "confidence"
    STATUS = "status"
    COMMITMENT = "commitment"
    ORIGIN = "origin"
    DESCRIPTION = "description"


class OrgField(StrEnum):
    """The fields of an org chart sheet: one row per person or team."""

    ID = "id"
    NAME = "name"
    EMAIL = "email"
    ROLE = "role"  # the job title
    KIND = "kind"  # person / team
    MANAGER = "manager"  # a name, an e-mail or an id
    LEVEL = "level"
    FUNCTION = "function"


# The headers OKR Desk writes, in this order; reading guesses other headers (okrdesk.sheets.guess).
OKR_HEADERS: dict[Field, str] = {
    Field.ID: "Id", Field.TYPE: "Type", Field.TITLE: "Title", Field.PARENT: "Parent id",
    Field.OWNER: "Owner", Field.OWNER_EMAIL: "Owner e-mail", Field.LEVEL: "Level",
    Field.FUNCTION: "Function", Field.TEAM: "Team", Field.CYCLE: "Cycle",
    Field.STARTS_ON: "Start date", Field.ENDS_ON: "End date", Field.MEASURE: "Measure",
    Field.START: "Start", Field.TARGET: "Target", Field.CURRENT: "Current", Field.UNIT: "Unit",
    Field.WEIGHT: "Weight", Field.CONFIDENCE: "Confidence", Field.STATUS: "Status",
    Field.COMMITMENT: "Commitment", Field.ORIGIN: "Origin", Field.DESCRIPTION: "Description",
}
ORG_HEADERS: dict[OrgField, str] = {
    OrgField.ID: "Id", OrgField.NAME: "Name", OrgField.EMAIL: "E-mail", OrgField.ROLE: "Title",
    OrgField.KIND: "Kind", OrgField.MANAGER: "Manager", OrgField.LEVEL: "Level",
    OrgField.FUNCTION: "Function",
}
OKR_SHEET = "OKRs"
ORG_SHEET = "Org chart"


@dataclass(frozen=True, slots=True)
class SheetRow:
    number: int  # the row number a spreadsheet program shows (the header is usually row 1)
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class Sheet:
    name: str
    headers: tuple[str, ...]
    rows: tuple[SheetRow, ...]
    header_row: int = 1


@dataclass(frozen=True, slots=True)
class Workbook:
    path: Path
    sheets: tuple[Sheet, ...]

    def sheet(self, name: str) -> Sheet | None:
        return next((s for s in self.sheets if s.name.casefold() == name.casefold()), None)


@dataclass(frozen=True, slots=True)
class SheetProblem:
    sheet: str
    row: int | None
    column: str | None  # the header as written in the sheet
    message: str

    def __str__(self) -> str:
        where = [f"sheet {self.sheet!r}"]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}"


class SheetImportError(OkrDeskError):
    """A sheet cannot be imported; every problem found is listed, and nothing was written."""

    def __init__(self, problems: list[SheetProblem]) -> None:
        self.problems = problems
        shown = "\n".join(f"  {problem}" for problem in problems[:50])
        more = f"\n  … and {len(problems) - 50} more" if len(problems) > 50 else ""
        count = len(problems)
        super().__init__(f"The spreadsheet cannot be imported ({count} problem"
                         f"{'s' if count != 1 else ''}); nothing was written:\n{shown}{more}")


# Which column (0-based index in the sheet) holds which field; fields not in the sheet are absent.
Mapping = dict[str, int]


@dataclass
class ImportPreview:
    """What an import would do, before it does it (the app's preview, `--dry-run`)."""

    created: dict[str, int] = field(default_factory=dict)  # table -> rows to create
    updated: dict[str, int] = field(default_factory=dict)  # table -> rows to update
    problems: list[SheetProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. "owner 'Sam' created at level Teams"
