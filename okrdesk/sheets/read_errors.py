"""Why a spreadsheet file cannot be read: each error names the file and the problem."""

from __future__ import annotations

from pathlib import Path

from okrdesk.errors import OkrDeskError


class SheetReadError(OkrDeskError):
    """A file cannot be read as a spreadsheet; nothing was imported."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path.name}: {problem}")


class NotASpreadsheetError(SheetReadError):
    """The file is not what its name says: not an XLSX workbook, not a text CSV."""


class UnsafeWorkbookError(SheetReadError):
    """The file would inflate far beyond its size when read (a zip bomb or a huge workbook)."""


class TooManyRowsError(SheetReadError):
    """A sheet has more rows than the limit asked for."""


class UnknownSheetError(SheetReadError):
    """The sheet asked for is not in the workbook; `available` lists the ones there."""

    def __init__(self, path: Path | str, name: str, available: list[str]) -> None:
        self.available = available
        listed = ", ".join(repr(sheet) for sheet in available) or "none"
        super().__init__(path, f"there is no sheet {name!r}; the sheets are: {listed}")


class EmptySheetError(SheetReadError):
    """The file, or the sheet asked for, holds no cells at all."""
