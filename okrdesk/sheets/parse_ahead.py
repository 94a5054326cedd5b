"""A workbook's sheets parsed side by side: calamine parses a sheet's XML in Rust without
holding Python's lock, so on a machine with two cores a big workbook's sheets are parsed on
two threads while the reading thread turns those already parsed into rows."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from python_calamine import CalamineSheet, CalamineWorkbook

if TYPE_CHECKING:
    from concurrent.futures import Future

# Below this size a workbook is parsed in the reading thread: a second thread, which opens
# the workbook again, would cost more than it saves.
PARALLEL_FROM_BYTES = 2 * 1024 * 1024
PARSING_THREADS = 2


def parsed_sheets(path: Path, book: CalamineWorkbook,
                  titles: list[str]) -> Iterator[tuple[str, CalamineSheet | Exception]]:
    """Each of `titles` parsed (or what parsing it raised), as soon as it is ready: in the
    order of `titles` when parsed here, else in the order the threads finish them."""
    if len(titles) < 2 or _cores() < 2 or path.stat().st_size < PARALLEL_FROM_BYTES:
        for title in titles:
            yield title, _parse(book, title)
        return
    # Here, not at the top: a program that reads no big workbook (a command) never starts
    # the thread pool's machinery, nor its clean-up at exit.
    from concurrent.futures import ThreadPoolExecutor, as_completed

    local = threading.local()
    opened: list[CalamineWorkbook] = []

    def parse(title: str) -> CalamineSheet | Exception:
        own: CalamineWorkbook | None = getattr(local, "book", None)
        if own is None:  # a workbook per thread: one is never used by two threads at once
            try:
                own = local.book = CalamineWorkbook.from_path(str(path))
            except Exception as error:  # changed since it was first opened
                return error
            opened.append(own)
        return _parse(own, title)

    pool = ThreadPoolExecutor(PARSING_THREADS, thread_name_prefix="sheet-parser")
    try:
        futures: dict[Future[CalamineSheet | Exception], str] = {
            pool.submit(parse, title): title for title in titles}
        for future in as_completed(futures):
            yield futures[future], future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        for each in opened:
            each.close()


def _parse(book: CalamineWorkbook, title: str) -> CalamineSheet | Exception:
    try:
        return book.get_sheet_by_name(title)
    except Exception as error:  # calamine raises several kinds on a damaged sheet
        return error


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every system
        return os.cpu_count() or 1
