"""A map's files: pages joined into one PDF with pypdf, every file whole, never over a plan."""

from __future__ import annotations

import io
from pathlib import Path

import pygraphviz as pgv
import pytest
from pypdf import PdfReader, PdfWriter

from okrdesk.atomic import UnsafeOutputError
from okrdesk.maps.errors import MapRenderError
from okrdesk.maps.output import join_pdfs, write_map
from okrdesk.maps.pdfjoin import join_plain_pdfs
from okrdesk.storage import Plan


def page(title: str) -> bytes:
    graph = pgv.AGraph()
    graph.add_node("n", label=title, shape="box")
    data: bytes = graph.draw(format="pdf", prog="dot")
    return data


def test_pages_are_joined_in_order_with_their_text(tmp_path: Path) -> None:
    pages = [page(f"Grow revenue {n}") for n in range(1, 4)]
    out = tmp_path / "map.pdf"
    assert write_map(out, "pdf", pages, plan_path=tmp_path / "plan.okr") == [out]
    reader = PdfReader(out)
    assert [p.extract_text().strip() for p in reader.pages] == [
        f"Grow revenue {n}" for n in range(1, 4)]
    assert join_pdfs(pages[:1]) == pages[0]  # one page is kept exactly as drawn


def test_a_damaged_page_is_a_clear_error_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(MapRenderError, match="could not be joined"):
        write_map(tmp_path / "map.pdf", "pdf", [page("A"), b"%PDF-1.5 not really"],
                  plan_path=tmp_path / "plan.okr")
    assert list(tmp_path.iterdir()) == []


def test_no_page_file_lands_on_a_plan(tmp_path: Path) -> None:
    plan = tmp_path / "map-2.svg"
    Plan.create(plan).close()
    before = plan.read_bytes()
    with pytest.raises(UnsafeOutputError, match=r"map-2\.svg: is an OKR Desk plan"):
        write_map(tmp_path / "map.svg", "svg", [b"<svg/>"] * 3, plan_path=tmp_path / "p.okr")
    assert plan.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map-2.svg"]


def test_cairo_pages_join_without_pypdf_and_others_through_it(tmp_path: Path) -> None:
    pages = [page(f"Grow revenue {n}") for n in range(1, 4)]
    joined = join_plain_pdfs(pages)
    assert joined is not None
    reader = PdfReader(io.BytesIO(joined), strict=True)
    assert [p.extract_text().strip() for p in reader.pages] == [
        f"Grow revenue {n}" for n in range(1, 4)]
    assert join_pdfs(pages) == joined
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pages[0])))
    writer.add_outline_item("Start", 0)  # a catalog with more than its pages: not plain
    with_outline = io.BytesIO()
    writer.write(with_outline)
    mixed = [with_outline.getvalue(), pages[1]]
    assert join_plain_pdfs(mixed) is None
    assert [p.extract_text().strip() for p in PdfReader(io.BytesIO(join_pdfs(mixed))).pages] \
        == ["Grow revenue 1", "Grow revenue 2"]
