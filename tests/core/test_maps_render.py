"""Maps drawn for real: every title as text in the SVG and PDF, one edge per alignment into
the exact key result row, paper sizes, detail levels, DOT output."""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pygraphviz as pgv
import pytest
from pypdf import PdfReader

from okrdesk.maps import MapRequest, build_dot, render_map
from okrdesk.maps.cards import KR_CHARS
from okrdesk.maps.request import PAGE_SIZES
from okrdesk.maps.text import wrap
from okrdesk.maps.worker import render_here
from tests.core.test_maps_plans import AlignedPlan, aligned_plan

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def aligned(tmp_path_factory: pytest.TempPathFactory) -> AlignedPlan:
    return aligned_plan(tmp_path_factory.mktemp("maps") / "aligned.okr")


def svg_groups(path: Path) -> tuple[dict[str, ET.Element], list[ET.Element]]:
    """Objective nodes by objective id, and every edge group, of an SVG map."""
    root = ET.parse(path).getroot()
    nodes, edges = {}, []
    for group in root.iter(f"{SVG}g"):
        classes = group.get("class", "").split()
        if "node" in classes and group.get("id", "").startswith("obj-"):
            nodes[group.get("id", "")[4:]] = group
        elif "edge" in classes:
            edges.append(group)
    return nodes, edges


def text_of(element: ET.Element) -> str:
    return " ".join(t.text or "" for t in element.iter(f"{SVG}text"))


def squeezed(text: str) -> str:
    """Text without whitespace, ligatures undone (PDF text has "ﬃ" where pango joined
    letters), so wrapped and extracted titles compare with what was typed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def path_start(edge: ET.Element) -> tuple[float, float]:
    path = next(edge.iter(f"{SVG}path")).get("d", "")
    x, y = re.match(r"M\s*(-?[\d.]+),(-?[\d.]+)", path).groups()  # type: ignore[union-attr]
    return float(x), float(y)


def row_y(card: ET.Element, title: str) -> float:
    """The baseline of the card's text line that starts a key result's title."""
    first_line = wrap(title, KR_CHARS)[0]
    for text in card.iter(f"{SVG}text"):
        if unicodedata.normalize("NFKC", text.text or "").strip() == first_line:
            return float(text.get("y", "nan"))
    raise AssertionError(f"no line {first_line!r} in the card")


def test_the_svg_shows_every_title_in_its_card_and_every_link_into_its_key_result(
        aligned: AlignedPlan, tmp_path: Path) -> None:
    assert aligned.snapshot is not None
    out = tmp_path / "map.svg"
    result = render_here(aligned.path, MapRequest(cycle="2027", page="A3", landscape=True), out)
    assert result.files == (out,) and result.page_count == 1
    assert result.warnings == ()
    nodes, edges = svg_groups(out)
    snapshot = aligned.snapshot
    assert set(nodes) == set(aligned.titles)
    for oid, title in aligned.titles.items():
        card = squeezed(text_of(nodes[oid]))
        assert squeezed(title) in card
        for kr in snapshot.key_results_of(oid):
            assert squeezed(kr.title) in card
    names = {oid: node.findtext(f"{SVG}title") for oid, node in nodes.items()}
    by_id = {edge.get("id"): edge for edge in edges}
    expected = {"grow": "bottom-up", "brand": "bottom-up", "deals": "top-down",
                "service": "bottom-up"}
    for key, kind in expected.items():
        child = aligned.ids[key]
        edge = by_id[f"link-{child}"]
        parent_kr = snapshot.objectives[child].parent_kr_id
        parent = snapshot.key_results[parent_kr].objective_id
        assert edge.findtext(f"{SVG}title") == f"{names[parent]}:e->{names[child]}"
        assert kind in edge.get("class", "").split()
        # the line leaves the parent card at the right end of the key result's own row
        x, y = path_start(edge)
        kr_title = snapshot.key_results[parent_kr].title
        row = row_y(nodes[parent], kr_title)
        assert row - 14 <= y <= row + 8 + 13 * (len(wrap(kr_title, KR_CHARS)) - 1), (key, y, row)
        card_right = max(float(t.get("x", "0")) for t in nodes[parent].iter(f"{SVG}text"))
        assert x >= card_right
    skips = {e.get("id") for e in edges if "skip-level" in e.get("class", "").split()}
    assert skips == {f"link-{aligned.ids['deals']}", f"link-{aligned.ids['service']}"}
    alignments = [e for e in edges if "alignment" in e.get("class", "").split()]
    assert len(alignments) == len(expected)
    colours = {kind: {p.get("stroke") for e in alignments if kind in e.get("class", "")
                      for p in e.iter(f"{SVG}path")} for kind in ("bottom-up", "top-down")}
    assert (colours["bottom-up"] - {"#ffffff"}).isdisjoint(colours["top-down"] - {"#ffffff"})
    for edge in alignments:  # a skip-level link is drawn as a double line
        lines = len([p for p in edge.iter(f"{SVG}path") if p.get("fill") == "none"])
        assert lines == (3 if edge.get("id") in skips else 1)
    [contribution] = [e for e in edges if "contributes" in e.get("class", "").split()]
    assert all(p.get("stroke-dasharray") for p in contribution.iter(f"{SVG}path"))
    assert not any(p.get("stroke-dasharray") for e in alignments for p in e.iter(f"{SVG}path"))
    orphan = nodes[aligned.ids["orphan"]]
    assert "Aligned to nothing" in text_of(orphan)
    border = [p for p in orphan.iter(f"{SVG}polygon") if p.get("fill") == "none"]
    assert [(p.get("stroke"), p.get("stroke-dasharray")) for p in border] == [("#c62828", "5,2")]
    ordinary = [p for p in nodes[aligned.ids["grow"]].iter(f"{SVG}polygon")
                if p.get("fill") == "none" or p.get("stroke-dasharray")]
    assert all(p.get("stroke") != "#c62828" for p in ordinary)
    whole = text_of(ET.parse(out).getroot())
    assert "Map test plan" in whole and "Cycle 2027" in whole
    assert "Bottom-up" in whole and "1 orphan" in whole
    assert "aligned up (bottom-up)" in whole and "contributes to" in whole


def test_the_pdf_has_vector_text_with_every_title_on_an_a3_page(
        aligned: AlignedPlan, tmp_path: Path) -> None:
    out = tmp_path / "map.pdf"
    result = render_map(aligned.path, MapRequest(cycle="2027", page="A3"), out)
    reader = PdfReader(out)
    assert len(reader.pages) == result.page_count == 1
    page = reader.pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
        PAGE_SIZES["A3"], abs=1.5)
    text = squeezed(page.extract_text())
    for title in [*aligned.titles.values(), *aligned.kr_titles.values()]:
        assert squeezed(title) in text
    fonts = page["/Resources"]["/Font"]
    assert len(fonts) >= 2  # text is set in embedded fonts, not drawn as pictures


@pytest.mark.parametrize(("page", "landscape"), [("A4", True), ("Letter", False),
                                                 ("poster", False)])
def test_every_page_has_the_papers_exact_size(aligned: AlignedPlan, tmp_path: Path,
                                              page: str, landscape: bool) -> None:
    out = tmp_path / "map.pdf"
    render_here(aligned.path, MapRequest(cycle="2027", page=page, landscape=landscape), out)
    width, height = PAGE_SIZES[page]
    if landscape:
        width, height = height, width
    for sheet in PdfReader(out).pages:
        assert float(sheet.mediabox.width) == pytest.approx(width, abs=1.5)
        assert float(sheet.mediabox.height) == pytest.approx(height, abs=1.5)


def test_titles_detail_leaves_out_figures_and_png_is_written(aligned: AlignedPlan,
                                                           tmp_path: Path) -> None:
    full, titles = tmp_path / "full.svg", tmp_path / "titles.svg"
    render_here(aligned.path, MapRequest(cycle="2027", page="poster"), full)
    render_here(aligned.path, MapRequest(cycle="2027", page="poster", detail="titles"), titles)
    assert "80%" in text_of(ET.parse(full).getroot())
    plain = text_of(ET.parse(titles).getroot())
    assert "80%" not in plain and "Sign 10 partners" in plain
    png = tmp_path / "map.png"
    render_here(aligned.path, MapRequest(cycle="2027", page="A3", landscape=True), png)
    assert png.read_bytes().startswith(b"\x89PNG")


def test_the_dot_output_is_the_whole_view_and_parses(aligned: AlignedPlan,
                                                     tmp_path: Path) -> None:
    assert aligned.snapshot is not None
    out = tmp_path / "map.dot"
    render_here(aligned.path, MapRequest(cycle="2027", page="A4"), out)
    source = out.read_text(encoding="utf-8")
    assert source == build_dot(aligned.snapshot, MapRequest(cycle="2027"))
    graph = pgv.AGraph(string=source)
    objectives = [n for n in graph.nodes() if n.attr.get("id", "").startswith("obj-")]
    assert len(objectives) == len(aligned.titles)
    assert "rank=same" in source


def test_clusters_group_cards_by_function(aligned: AlignedPlan, tmp_path: Path) -> None:
    out = tmp_path / "clusters.svg"
    render_here(aligned.path, MapRequest(cycle="2027", page="A3", clusters=True), out)
    root = ET.parse(out).getroot()
    clusters = [g for g in root.iter(f"{SVG}g") if g.get("class") == "cluster"]
    assert {text_of(c).strip() for c in clusters} == {"Sales", "Marketing"}
