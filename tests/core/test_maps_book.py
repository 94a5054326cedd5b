"""Paged maps of wide, shallow plans: full pages, an overview first, an index last, "Page N of M",
and cut edges that name where they go. Checked on the pages Graphviz really draws (SVG pages
parsed, PDF text read) and on the packing the pages were drawn from."""

from __future__ import annotations

import html
import re
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from okrdesk.maps import MapRequest
from okrdesk.maps.book import Book, draw_book
from okrdesk.maps.cards import KR_CHARS, MANY_KR_LINES, TITLE_CHARS, WIDE_KR_CHARS, card_cells
from okrdesk.maps.request import MIN_SCALE
from okrdesk.maps.text import wrap
from okrdesk.maps.view import MapView, select_view
from okrdesk.maps.worker import render_here
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from okrdesk.synthetic_wide import wide_plan

SVG = "{http://www.w3.org/2000/svg}"
# A4 pages the map took before pages were packed (bench/bench_maps.py --wide, same plans).
PAGES_BEFORE = {(3, 110): 56, (4, 128): 59}


@dataclass
class Drawn:
    shape: tuple[int, int]
    view: MapView
    book: Book
    svgs: list[ET.Element]
    pdf_pages: list[str]


def words(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def page_text(root: ET.Element) -> str:
    return words(" ".join(t.text or "" for t in root.iter(f"{SVG}text")))


@pytest.fixture(scope="module", params=[(3, 110), (4, 128)], ids=["3-levels", "4-levels"])
def drawn(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Drawn:
    levels, objectives = request.param
    folder = tmp_path_factory.mktemp("wide")
    path = wide_plan(folder / "wide.okr", levels=levels, objectives=objectives)
    with Plan.open(path, read_only=True) as plan, plan.read() as connection:
        snapshot = Snapshot.load(connection)
    asked = MapRequest(page="A4", pages=True)
    view = select_view(snapshot, asked.checked(folder / "map.svg"))
    book = draw_book(view, "svg")
    result = render_here(path, asked, folder / "map.svg")
    assert result.page_count == len(book.pages)
    render_here(path, asked, folder / "map.pdf")
    count = len(PdfReader(folder / "map.pdf").pages)
    return Drawn(request.param, view, book, [ET.parse(f).getroot() for f in result.files],
                 [pdf_text(folder / "map.pdf", n) for n in range(1, count + 1)])


def pdf_text(path: Path, page: int) -> str:
    """A page's text in the order a viewer reads it (poppler's pdftotext, columns found)."""
    done = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"],
                          check=True, capture_output=True, text=True)
    return words(done.stdout)


def detail_pages(drawn: Drawn) -> range:
    return range(drawn.book.overview + 1, len(drawn.book.pages) - drawn.book.index + 1)


INDEX_HEADING = "Index: objectives and owners, A to Z"


def overview_and_index(pdf_pages: list[str], book: Book) -> tuple[str, str]:
    """The overview's text and the index's, wherever the index was set (after the overview,
    on the last detail page, or on pages of its own)."""
    front = " ".join(pdf_pages[:book.overview])
    overview, _, index = front.partition(INDEX_HEADING)
    if book.index_on_last:  # beside cards, whose text a reader may take in any order
        source = book.sources[book.overview + len(book.sheets) - 1][0]
        table = next(line for line in source.splitlines() if line.startswith("index ["))
        index = words(html.unescape(re.sub(r"<[^>]*>", " ", table)))
    for text in pdf_pages[book.overview + len(book.sheets):]:
        index += text.partition(INDEX_HEADING)[2]
    return overview, index


def test_wide_plans_take_half_the_pages_and_fill_them(drawn: Drawn) -> None:
    book = drawn.book
    assert len(book.pages) <= PAGES_BEFORE[drawn.shape] / 2
    assert len(book.fill) == len(detail_pages(drawn))
    assert sum(book.fill) / len(book.fill) >= 0.6
    assert book.warnings == []


def printed_sizes(root: ET.Element) -> tuple[float, float, float]:
    """A page's scale on paper, and the smallest text printed in cards and anywhere."""
    graph = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "graph")
    scale = float(re.search(r"scale\(([\d.]+)", graph.get("transform", "")).group(1))
    smallest = min(float(t.get("font-size", "14")) for t in root.iter(f"{SVG}text"))
    in_cards = [float(t.get("font-size", "14")) for g in root.iter(f"{SVG}g")
                if g.get("id", "").startswith("obj-") for t in g.iter(f"{SVG}text")]
    return scale, min(in_cards, default=99.0) * scale, smallest * scale


def test_no_text_is_printed_under_8_pt_nor_the_overview_under_6(drawn: Drawn) -> None:
    for number, root in enumerate(drawn.svgs, start=1):
        scale, cards, smallest = printed_sizes(root)
        minimum = 8.0 if number in detail_pages(drawn) else 6.0
        assert scale >= (MIN_SCALE if minimum == 8.0 else 6 / 7) - 1e-3
        assert cards >= 8.0 - 0.05
        assert smallest >= (6.0 if INDEX_HEADING in page_text(root) else minimum) - 0.05


def test_every_page_says_page_n_of_m(drawn: Drawn) -> None:
    total = len(drawn.pdf_pages)
    for number, text in enumerate(drawn.pdf_pages, start=1):
        assert f"Page {number} of {total}" in text


def test_pages_read_from_the_top_of_the_tree_down(drawn: Drawn) -> None:
    page_of = drawn.book.page_of
    for link in drawn.view.links.values():
        assert page_of[link.parent] <= page_of[link.child]
    assert page_of[drawn.view.objective_ids[0]] == drawn.book.overview + 1  # the top first


def subtrees_that_fit_are_whole(book: Book, view: MapView) -> int:
    """Check every subtree that fits a page is on one page; return how many have children."""
    planner = book.planner
    assert planner is not None
    fitting = [oid for oid in view.objective_ids if planner.fits_whole(oid)]
    for oid in fitting:
        assert {book.page_of[o] for o in planner.subtree(oid)} == {book.page_of[oid]}
    return sum(1 for oid in fitting if planner.children[oid])


def test_a_subtree_that_fits_a_page_is_never_split(drawn: Drawn) -> None:
    subtrees_that_fit_are_whole(drawn.book, drawn.view)


def test_on_a3_landscape_whole_subtrees_share_pages(tmp_path: Path) -> None:
    path = wide_plan(tmp_path / "wide.okr", levels=4, objectives=128)
    with Plan.open(path, read_only=True) as plan, plan.read() as connection:
        snapshot = Snapshot.load(connection)
    request = MapRequest(page="A3", landscape=True).checked(tmp_path / "map.pdf")
    view = select_view(snapshot, request)
    book = draw_book(view, "pdf")
    assert subtrees_that_fit_are_whole(book, view) >= 3
    planner = book.planner
    assert planner is not None
    assert any(len(sheet.placed) > 1 for sheet in book.sheets)  # side by side on one page
    assert sum(book.fill) / len(book.fill) >= 0.6 and book.warnings == []


def test_every_card_is_on_one_detail_page_where_the_packing_put_it(drawn: Drawn) -> None:
    seen: Counter[str] = Counter()
    for number, root in enumerate(drawn.svgs, start=1):
        for group in root.iter(f"{SVG}g"):
            if group.get("id", "").startswith("obj-"):
                assert number in detail_pages(drawn)
                seen[group.get("id", "")[4:]] += 1
                oid = group.get("id", "")[4:]
                assert drawn.book.page_of[oid] == number
    assert set(seen) == set(drawn.view.objective_ids)
    assert set(seen.values()) == {1}


def take_titles(text: str, titles: list[str]) -> Counter[str]:
    """How often each title occurs, longest first, each occurrence counted once."""
    found: Counter[str] = Counter()
    squeezed = text.replace(" ", "")
    for title in sorted(set(titles), key=len, reverse=True):
        key = title.replace(" ", "")
        found[title] = squeezed.count(key)
        squeezed = squeezed.replace(key, "|")
    return found


def test_every_title_is_once_in_the_overview_and_once_in_the_detail_pages(
        drawn: Drawn) -> None:
    titles = [words(drawn.view.snapshot.objectives[o].title) for o in drawn.view.objective_ids]
    expected = Counter(titles)
    overview, index = overview_and_index(drawn.pdf_pages, drawn.book)
    assert take_titles(overview, titles) == expected
    assert take_titles(index, titles) == expected
    cards = []  # each card's title lines (its key results may repeat an aligned title)
    snapshot = drawn.view.snapshot
    for root in drawn.svgs:
        for group in root.iter(f"{SVG}g"):
            if group.get("id", "").startswith("obj-"):
                title = snapshot.objectives[group.get("id", "")[4:]].title
                lines = [t.text or "" for t in group.iter(f"{SVG}text")]
                cards.append(words(" ".join(lines[:len(wrap(title, TITLE_CHARS))])))
    assert take_titles(" ".join(cards), titles) == expected


def test_the_overview_and_the_index_give_each_objective_its_page(drawn: Drawn) -> None:
    snapshot = drawn.view.snapshot
    book = drawn.book
    overview, index = overview_and_index(drawn.pdf_pages, book)
    for oid in drawn.view.objective_ids:
        owner = words(snapshot.units[snapshot.objectives[oid].owner_id].name)
        assert owner in index
    assert "Overview" in drawn.pdf_pages[0]
    numbers = {int(n) for n in re.findall(r"\b(\d{1,3})\b", overview)}
    assert set(book.page_of.values()) <= numbers


def test_every_continuation_box_names_an_objective_and_the_page_that_has_it(
        drawn: Drawn) -> None:
    boxes = 0
    texts = [page_text(root) for root in drawn.svgs]
    for root in drawn.svgs:
        for group in root.iter(f"{SVG}g"):
            if "page-reference" not in (group.get("class") or ""):
                continue
            boxes += 1
            text = words(" ".join(t.text or "" for t in group.iter(f"{SVG}text")))
            named = re.search(r"“(.+?)(?:\.\.\.)?”", text)  # NFKC made … into ...
            page = re.search(r"on page (\d+)$", text)
            assert named and page, text
            target = int(page.group(1))
            assert target in detail_pages(drawn)
            assert named.group(1) in texts[target - 1]
    assert boxes > 0


def test_no_box_pools_the_children_of_two_parents(drawn: Drawn) -> None:
    for root in drawn.svgs:
        for group in root.iter(f"{SVG}g"):
            if "page-reference" in (group.get("class") or ""):
                text = words(" ".join(t.text or "" for t in group.iter(f"{SVG}text")))
                assert text.count("“") == 1


def test_a_skip_level_link_across_pages_is_still_marked(drawn: Drawn) -> None:
    page_of = drawn.book.page_of
    crossing = [link for link in drawn.view.links.values()
                if link.skipped and page_of[link.parent] != page_of[link.child]]
    same_page = [link for link in drawn.view.links.values()
                 if link.skipped and page_of[link.parent] == page_of[link.child]]
    assert crossing or same_page
    for link in crossing + same_page:
        root = drawn.svgs[page_of[link.child] - 1]
        edge = next(g for g in root.iter(f"{SVG}g") if g.get("id") == f"link-{link.child}")
        assert "skip-level" in (edge.get("class") or "")
        assert "skips" in " ".join(t.text or "" for t in edge.iter(f"{SVG}text"))


def small_book(path: Path, **asked: object) -> tuple[MapView, Book, list[str], Path]:
    with Plan.open(path, read_only=True) as plan, plan.read() as connection:
        snapshot = Snapshot.load(connection)
    request = MapRequest(**asked)  # type: ignore[arg-type]
    view = select_view(snapshot, request.checked(path.with_suffix(".pdf")))
    book = draw_book(view, "pdf")
    render_here(path, request, path.with_suffix(".pdf"))
    count = len(PdfReader(path.with_suffix(".pdf")).pages)
    assert count == len(book.pages)
    return view, book, [pdf_text(path.with_suffix(".pdf"), n) for n in range(1, count + 1)], path


def assert_index_complete(view: MapView, book: Book, texts: list[str]) -> None:
    snapshot = view.snapshot
    _, index = overview_and_index(texts, book)
    titles = [words(snapshot.objectives[o].title) for o in view.objective_ids]
    assert take_titles(index, titles) == Counter(titles)
    for oid in view.objective_ids:
        assert words(snapshot.units[snapshot.objectives[oid].owner_id].name) in index


def test_a_small_wide_plan_sets_its_index_on_the_last_detail_page(tmp_path: Path) -> None:
    path = wide_plan(tmp_path / "wide.okr", levels=3, objectives=29)
    view, book, texts, _ = small_book(path, page="A4")
    assert len(book.pages) <= 14 / 2  # the earlier paginator's 14 pages, halved
    assert book.overview == 1 and book.index == 0 and book.index_on_last
    assert INDEX_HEADING in texts[-1] and "Page 7 of 7" in texts[-1]
    assert_index_complete(view, book, texts)
    assert book.warnings == []
    result = render_here(path, MapRequest(page="A4", pages=True), tmp_path / "map.svg")
    scale, cards, smallest = printed_sizes(ET.parse(result.files[-1]).getroot())
    assert scale >= MIN_SCALE - 1e-3 and cards >= 8.0 - 0.05 and smallest >= 6.0 - 0.05


def test_two_detail_pages_need_no_overview(tmp_path: Path) -> None:
    path = wide_plan(tmp_path / "wide.okr", levels=3, objectives=29)
    view, book, texts, _ = small_book(path, page="A4", levels="1..2")
    assert len(book.sheets) == 2 and len(book.pages) == 2
    assert book.overview == 0 and "Overview" not in " ".join(texts)
    assert min(book.page_of.values()) == 1
    assert_index_complete(view, book, texts)


def test_the_index_follows_the_overview_when_that_saves_a_page(drawn: Drawn) -> None:
    book = drawn.book
    if not book.index_on_last and book.index == 0:  # set after the overview
        assert INDEX_HEADING in " ".join(drawn.pdf_pages[:book.overview])
    assert book.overview + book.index <= 3  # 4 when the two were apart


def test_the_demo_on_a3_landscape_is_no_longer_than_before(tmp_path: Path) -> None:
    from okrdesk.demo import build_demo

    path = build_demo(tmp_path / "demo.okr")
    view, book, texts, _ = small_book(path, page="A3", landscape=True)
    assert len(book.pages) <= 6  # the earlier paginator's pages
    assert_index_complete(view, book, texts)
    assert book.warnings == []


def test_a_card_of_many_key_result_lines_is_set_wide_and_fits_a_letter_page(
        tmp_path: Path) -> None:
    path = wide_plan(tmp_path / "wide.okr", levels=4, objectives=128)
    with Plan.open(path, read_only=True) as plan, plan.read() as connection:
        snapshot = Snapshot.load(connection)
    view = select_view(snapshot, MapRequest(page="Letter").checked(tmp_path / "map.pdf"))
    crowded = max(view.objective_ids, key=lambda oid: len(snapshot.key_results_of(oid)))
    cells = card_cells(view, crowded)
    key_result_lines = [row[0].lines for row in cells.rows[cells.first_kr:]]
    assert len(key_result_lines) >= 15  # fifteen objectives align into it
    narrow = sum(len(wrap(kr.title, KR_CHARS)) for kr in snapshot.key_results_of(crowded))
    assert narrow > MANY_KR_LINES and sum(map(len, key_result_lines)) < narrow
    assert all(len(line) <= WIDE_KR_CHARS for lines in key_result_lines for line in lines)
    book = draw_book(view, "pdf")
    assert book.warnings == []  # wrapped narrow, that card made a page print under 8 pt


def test_a_card_too_tall_with_boxes_above_and_under_has_them_beside_it(tmp_path: Path) -> None:
    path = wide_plan(tmp_path / "wide.okr", levels=4, objectives=128)
    with Plan.open(path, read_only=True) as plan, plan.read() as connection:
        snapshot = Snapshot.load(connection)
    request = MapRequest(page="A4", landscape=True).checked(tmp_path / "map.pdf")
    book = draw_book(select_view(snapshot, request), "pdf")
    assert book.warnings == []  # cards of 13 and 16 key results, one line each, fit
    planner = book.planner
    assert planner is not None
    beside = []
    for piece in planner.pieces:
        if piece.root not in piece.members:  # a list continued under a box naming its parent
            continue
        card = planner.items[piece.root]
        x, y = piece.block.boxes[card.name]
        to_the_right = [name for name, (bx, by) in piece.block.boxes.items()
                        if bx >= x + card.size[0] and by <= y]
        if to_the_right:
            beside.append(piece.root)
    assert len(beside) >= 2
