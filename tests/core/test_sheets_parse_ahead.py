"""A big workbook's sheets parsed on two threads read exactly as when parsed one by one, and
a sheet that cannot be read is named as it would be then."""

from __future__ import annotations

import threading
import zipfile
from collections.abc import Iterable
from pathlib import Path

import pytest

from okrdesk.sheets import parse_ahead
from okrdesk.sheets.read import read_workbook
from okrdesk.sheets.read_errors import NotASpreadsheetError
from tests.core.sheet_fixtures import Row, write_sheets


def _workbook(path: Path) -> Path:
    sheets: dict[str, Iterable[Row]] = {
        f"Team {team}": [["Title", "Target", "Owner"],
                         *([f"Goal {team}.{row}", row * 1.5, f"Person {row}"]
                           for row in range(400))]
        for team in range(6)}
    return write_sheets(path, sheets)


def _parsed_on(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """Parse every workbook on threads from now on; the names of the threads that parse."""
    monkeypatch.setattr(parse_ahead, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.setattr(parse_ahead, "_cores", lambda: 2)
    parsers: set[str] = set()
    parse = parse_ahead._parse

    def noted(book: object, title: str) -> object:
        parsers.add(threading.current_thread().name)
        return parse(book, title)  # type: ignore[arg-type]

    monkeypatch.setattr(parse_ahead, "_parse", noted)
    return parsers


def test_sheets_parsed_side_by_side_read_as_one_by_one(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = _workbook(tmp_path / "teams.xlsx")
    one_by_one = read_workbook(path)
    parsers = _parsed_on(monkeypatch)
    side_by_side = read_workbook(path)
    assert parsers and all(name.startswith("sheet-parser") for name in parsers)
    assert side_by_side.sheets == one_by_one.sheets
    assert [sheet.name for sheet in side_by_side.sheets] == [f"Team {t}" for t in range(6)]


def test_the_first_sheet_that_cannot_be_read_is_named(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = _workbook(tmp_path / "teams.xlsx")
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(damaged, "w") as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename in ("xl/worksheets/sheet3.xml", "xl/worksheets/sheet5.xml"):
                data = data[:len(data) // 2]  # cut in the middle of its XML
            target.writestr(member, data)
    with pytest.raises(NotASpreadsheetError) as one_by_one:
        read_workbook(damaged)
    assert "sheet 'Team 2' cannot be read" in str(one_by_one.value)
    _parsed_on(monkeypatch)
    for _ in range(3):  # whichever thread fails first, the same sheet is named
        with pytest.raises(NotASpreadsheetError) as side_by_side:
            read_workbook(damaged)
        assert str(side_by_side.value) == str(one_by_one.value)
