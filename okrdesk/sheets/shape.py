"""Rows as read from a file -> a `Sheet`: the header row, the data rows, no empty edges."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from okrdesk.sheets.model import Cell, Sheet, SheetRow
from okrdesk.sheets.read_errors import TooManyRowsError


def is_blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def header_text(cell: Cell) -> str:
    return "" if is_blank(cell) else str(cell).strip()


def shape_sheet(path: Path, name: str, numbered_rows: Iterable[tuple[int, Sequence[Cell]]],
                max_rows: int, *, unblanked: bool = False) -> Sheet | None:
    """The first row with a cell in it is the header row; rows below it with no cell in them are
    dropped (the others keep their numbers), and so are the columns right of the last cell.
    Blank cells read None (`unblanked`: the rows are lists whose blank cells are None
    already). None if there is no cell at all. More than `max_rows` data rows are refused,
    with their count (the rest of the file is counted, not kept)."""
    header: tuple[int, list[Cell]] | None = None
    rows: list[tuple[int, list[Cell]]] = []
    extra = 0
    width = 0
    for number, raw in numbered_rows:
        if unblanked:
            cells = raw if isinstance(raw, list) else list(raw)
        else:
            cells = [None if is_blank(cell) else cell for cell in raw]
        while cells and cells[-1] is None:
            cells.pop()
        if not cells:
            continue
        if header is None:
            header = (number, cells)
        elif len(rows) < max_rows:
            rows.append((number, cells))
        else:
            extra += 1
            continue
        width = max(width, len(cells))
    if header is None:
        return None
    if extra:
        raise TooManyRowsError(path, f"sheet {name!r} has {len(rows) + extra:,} rows below its "
                                     f"headers; at most {max_rows:,} can be read")
    header_number, header_cells = header
    padding = [None] * width
    headers = tuple(header_text(cell) for cell in (header_cells + padding)[:width])
    return Sheet(
        name=name,
        headers=headers,
        rows=tuple(SheetRow(number, tuple((cells + padding)[:width])) for number, cells in rows),
        header_row=header_number,
    )
