"""Writing a drawn map to disk: pages joined into one PDF, each file whole or not at all."""

from __future__ import annotations

import io
from pathlib import Path

from okrdesk.atomic import atomic_write, refuse_unsafe_output
from okrdesk.maps.errors import MapRenderError
from okrdesk.maps.request import page_files


def write_map(out_path: Path, fmt: str, pages: list[bytes], *, plan_path: Path) -> list[Path]:
    """Write the drawn `pages`: one PDF holding them all, else one file per page (or one DOT).

    No file is written over the plan, another database or a folder; each file appears whole.
    """
    if fmt == "pdf":
        files, data = [out_path], [join_pdfs(pages)]
    else:
        files, data = page_files(out_path, fmt, len(pages)), pages
    for path in files:
        refuse_unsafe_output(path, sources=(plan_path,))
    for path, content in zip(files, data, strict=True):
        write_file(path, content)
    return files


def write_file(path: Path, data: bytes) -> None:
    """Write whole or not at all: a failed or stopped render never leaves half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(path) as stream:
            stream.write(data)
    except OSError as error:
        raise MapRenderError(
            f"Cannot write the map to {path}: {error.strerror or error}.") from None


def join_pdfs(documents: list[bytes]) -> bytes:
    """One PDF with the pages of `documents` in order; a single page is kept as drawn.

    pypdf reads classic cross-reference tables and cross-reference streams alike, so any
    cairo's output joins.
    """
    if len(documents) == 1:
        return documents[0]
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PyPdfError

    writer = PdfWriter()
    try:
        for data in documents:  # add_page: twice as fast as append, which also merges outlines
            for page in PdfReader(io.BytesIO(data), strict=False).pages:
                writer.add_page(page)
        joined = io.BytesIO()
        writer.write(joined)
    except (PyPdfError, ValueError, KeyError) as error:
        raise MapRenderError(f"A page of the map came out damaged and the pages could not "
                             f"be joined ({error}). Write SVG or PNG pages instead.") from None
    return joined.getvalue()
