"""A map too large for one readable page is split by subtree, with page references at the cuts."""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from okrdesk.maps import MapRequest
from okrdesk.maps.book import draw_book
from okrdesk.maps.request import PAGE_SIZES
from okrdesk.maps.view import select_view
from okrdesk.maps.worker import render_here
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from okrdesk.synthetic import generate_plan

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Snapshot]:
    path = generate_plan(tmp_path_factory.mktemp("large") / "large.okr", 40, seed=3)
    with Plan.open(path, read_only=True) as plan, plan.read() as connection:
        return path, Snapshot.load(connection)


def busiest_cycle(snapshot: Snapshot) -> str:
    counts = Counter(o.cycle_id for o in snapshot.objectives.values())
    return snapshot.cycles[counts.most_common(1)[0][0]].name


def test_a_large_map_is_split_and_every_objective_is_on_exactly_one_page(
        large: tuple[Path, Snapshot], tmp_path: Path) -> None:
    path, snapshot = large
    request = MapRequest(cycle=busiest_cycle(snapshot), page="A4", landscape=True, pages=True)
    view = select_view(snapshot, request)
    assert len(view.objective_ids) > 60
    result = render_here(path, request, tmp_path / "large.svg")
    assert result.page_count > 1
    assert [f.name for f in result.files] == [f"large-{n}.svg"
                                              for n in range(1, result.page_count + 1)]
    seen: Counter[str] = Counter()
    references: list[tuple[int, int]] = []
    for number, file in enumerate(result.files, start=1):
        root = ET.parse(file).getroot()
        assert root.get("width") == "842pt" and root.get("height") == "595pt"
        text = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
        text = unicodedata.normalize("NFKC", text)
        assert f"Page {number}" in text
        for group in root.iter(f"{SVG}g"):
            if group.get("id", "").startswith("obj-"):
                seen[group.get("id", "")[4:]] += 1
        references += [(number, int(n)) for n in re.findall(r"on pages? (\d+)", text)]
        references += [(number, int(n)) for n in re.findall(r"(?:to|from) page (\d+)", text)]
    assert set(seen) == set(view.objective_ids)
    assert set(seen.values()) == {1}
    assert references, "cut edges carry page references"
    assert all(1 <= target <= result.page_count and target != page
               for page, target in references)


def test_every_page_prints_text_at_8_pt_or_more(large: tuple[Path, Snapshot]) -> None:
    _, snapshot = large
    request = MapRequest(cycle=busiest_cycle(snapshot), page="A3").checked(Path("m.pdf"))
    view = select_view(snapshot, request)
    book = draw_book(view, "pdf")
    assert book.warnings == []
    assert len(book.pages) > 1
    assert len(book.fill) == len(book.pages) - book.overview - book.index


def test_a_multi_page_pdf_is_one_document_with_every_title(large: tuple[Path, Snapshot],
                                                           tmp_path: Path) -> None:
    path, snapshot = large
    request = MapRequest(cycle=busiest_cycle(snapshot), page="A3", levels="..3")
    out = tmp_path / "large.pdf"
    result = render_here(path, request, out)
    assert result.files == (out,)
    reader = PdfReader(out)
    assert len(reader.pages) == result.page_count > 1
    text = "".join(page.extract_text() for page in reader.pages)
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    for oid in select_view(snapshot, request).objective_ids:
        assert re.sub(r"\s+", "", snapshot.objectives[oid].title) in text
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(PAGE_SIZES["A3"][0], abs=1)
        assert float(page.mediabox.height) == pytest.approx(PAGE_SIZES["A3"][1], abs=1)
