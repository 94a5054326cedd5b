"""A not-upward alignment (written into a real plan file with sqlite3) that falls on a page cut
is marked on both pages: the line into the box on the parent's page and the line out of the box
on the child's page are red, dashed and labelled, and both boxes say so. The legend explains
the mark only on maps that hold one."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from okrdesk.demo import build_demo
from okrdesk.maps import MapRequest
from okrdesk.maps.book import Book, draw_book
from okrdesk.maps.view import MapView, select_view
from okrdesk.maps.worker import render_here
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from tests.core.test_not_upward import CEO_TITLE, align_not_upward

SVG = "{http://www.w3.org/2000/svg}"
LEGEND = "not upward: aligned to the same or a lower level"


def texts(element: ET.Element) -> str:
    return " ".join(" ".join(t.text or "" for t in element.iter(f"{SVG}text")).split())


def drawn(path: Path, folder: Path) -> tuple[MapView, Book, list[ET.Element]]:
    with Plan.open(path, read_only=True) as plan, plan.read() as connection:
        snapshot = Snapshot.load(connection)
    request = MapRequest(cycle="2027", page="A4", pages=True)
    view = select_view(snapshot, request.checked(folder / "map.svg"))
    book = draw_book(view, "svg")
    result = render_here(path, request, folder / "map.svg")
    return view, book, [ET.parse(f).getroot() for f in result.files]


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> tuple[MapView, Book, list[ET.Element]]:
    folder = tmp_path_factory.mktemp("cut")
    return drawn(align_not_upward(build_demo(folder / "edited.okr")), folder)


def test_a_not_upward_link_across_a_page_cut_is_marked_on_both_pages(
        edited: tuple[MapView, Book, list[ET.Element]]) -> None:
    view, book, pages = edited
    snapshot = view.snapshot
    child = next(o for o in view.objective_ids if snapshot.objectives[o].title == CEO_TITLE)
    link = view.links[child]
    assert link.down == 1
    parent_page, child_page = book.page_of[link.parent], book.page_of[child]
    assert parent_page != child_page  # the cut this test is about
    for number in (parent_page, child_page):
        root = pages[number - 1]
        edge = next(g for g in root.iter(f"{SVG}g") if g.get("id") == f"link-{child}")
        assert "not-upward" in (edge.get("class") or "")
        assert "not upward: 1 level down" in texts(edge)
        assert any(p.get("stroke") == "#c62828" and p.get("stroke-dasharray")
                   for p in edge.iter(f"{SVG}path"))
        boxes = [texts(g) for g in root.iter(f"{SVG}g")
                 if "page-reference" in (g.get("class") or "") and "not upward" in texts(g)]
        assert len(boxes) == 1, boxes
        # the box names the other end and its page
        other = (CEO_TITLE if number == parent_page
                 else snapshot.objectives[link.parent].title)
        assert other.split()[0] in boxes[0]
        assert f"page {child_page if number == parent_page else parent_page}" in boxes[0]


def test_the_legend_explains_the_mark_on_every_page_of_a_map_that_has_one(
        edited: tuple[MapView, Book, list[ET.Element]], tmp_path: Path) -> None:
    _, _, pages = edited
    assert all(LEGEND in texts(root) for root in pages)
    _, _, plain = drawn(build_demo(tmp_path / "demo.okr"), tmp_path)
    assert not any(LEGEND in texts(root) for root in plain)
    assert not any("not upward" in texts(root) for root in plain)
