"""Writing a drawn map to disk: pages joined into one PDF, each file whole or not at all."""

from __future__ import annotations

import io
import re
from pathlib import Path

from okrdesk.atomic import UnsafeOutputError, atomic_write, refuse_unsafe_output
from okrdesk.maps.errors import MapRenderError
from okrdesk.maps.pdfjoin import join_plain_pdfs
from okrdesk.maps.request import page_files


def write_map(out_path: Path, fmt: str, pages: list[bytes], *, plan_path: Path,
              single: bool = False) -> list[Path]:
    """Write the drawn `pages`: one PDF holding them all, one file a page for SVG and PNG
    pages, or one file when `single` (a picture of the whole view, or the DOT).

    No file is written over the plan, another database or a folder; each file appears whole.
    """
    if fmt == "pdf":
        files, data = [out_path], [join_pdfs(pages)]
    elif single or fmt == "dot":
        files, data = [out_path], pages[:1]
    else:
        files, data = page_files(out_path, fmt, len(pages)), pages
    for path in files:
        refuse_unsafe_output(path, sources=(plan_path,))
    for path, content in zip(files, data, strict=True):
        write_file(path, content)
    return files


def remove_old_pages(out_path: Path, page_count: int, *, plan_path: Path) -> list[str]:
    """Delete NAME-N pages that an earlier, longer map left beside this one's `page_count`
    pages, so no page of an old map passes for part of this one; say what was removed or
    could not be. Only names of exactly that pattern are touched, and only plain files that
    are neither the plan nor any other database."""
    pattern = re.compile(re.escape(out_path.stem) + r"-([1-9][0-9]*)"
                         + re.escape(out_path.suffix))
    try:
        found = [(int(match.group(1)), path) for path in out_path.parent.iterdir()
                 if (match := pattern.fullmatch(path.name))]
    except OSError:
        return []
    removed, kept = [], []
    for number, path in sorted(found):
        if number <= page_count:
            continue
        try:
            refuse_unsafe_output(path, sources=(plan_path,))
            if path.is_symlink() or not path.is_file():
                raise UnsafeOutputError(f"{path.name}: is not a plain file")
            path.unlink()
        except (UnsafeOutputError, OSError) as error:
            kept.append(f"{path.name} ({getattr(error, 'strerror', None) or error})")
            continue
        removed.append(path.name)
    notes = []
    if removed:
        notes.append(f"Removed {', '.join(removed)}: pages of an earlier map with more pages.")
    if kept:
        notes.append(f"Left from an earlier map with more pages and not removed: "
                     f"{'; '.join(kept)}.")
    return notes


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
    joined_fast = join_plain_pdfs(documents)
    if joined_fast is not None:
        return joined_fast
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
