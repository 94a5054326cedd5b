"""Spreadsheets in and out: CSV and XLSX OKR sheets and org charts (docs/SPREADSHEETS.md)."""

from okrdesk.sheets.model import (
    OKR_HEADERS,
    OKR_SHEET,
    ORG_HEADERS,
    ORG_SHEET,
    Cell,
    Field,
    ImportPreview,
    Mapping,
    OrgField,
    Sheet,
    SheetImportError,
    SheetProblem,
    SheetRow,
    Workbook,
)

__all__ = [
    "OKR_HEADERS", "OKR_SHEET", "ORG_HEADERS", "ORG_SHEET", "Cell", "Field", "ImportPreview",
    "Mapping", "OrgField", "Sheet", "SheetImportError", "SheetProblem", "SheetRow", "Workbook",
]
