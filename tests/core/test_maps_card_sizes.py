"""Cards are sized from their measured lines of text exactly as Graphviz sizes them, and pages
drawn in two processes come out as drawn in one."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pygraphviz as pgv
import pytest
from pygraphviz import graphviz as gv

from okrdesk import ops
from okrdesk.demo import build_demo
from okrdesk.maps import MapRequest, twocores
from okrdesk.maps import book as book_module
from okrdesk.maps.book import draw_book
from okrdesk.maps.cards import CardCells, card_and_cells, kr_port
from okrdesk.maps.cardsize import card_sizes
from okrdesk.maps.measure import measure_nodes
from okrdesk.maps.twocores import MIN_WORK, cores, in_two
from okrdesk.maps.view import MapView, select_view
from okrdesk.ops import FinalScore
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from okrdesk.storage.reading import read_plan
from tests.core.builders import small_org
from tests.core.test_maps_hostile import HOSTILE

SCRIPTS = ["日本語のタイトルと中文标题", "ก้าวหน้า ภาษาไทย", "Ελληνικά Кириллица", "AV To Wa Ty",
           "e\u0301te\u0301 cafe\u0301", ""]
TOLERANCE = 0.05  # Graphviz writes sizes in inches to five significant digits


def near(size: tuple[float, float]) -> float:
    """How close a measured offset in a card of `size` can be: half its height is read from
    a figure in inches with five significant digits."""
    return TOLERANCE + max(size) * 5e-5


def graphviz_card(label: str, ports: list[str]) -> tuple[tuple[float, float],
                                                         dict[str, tuple[float, float]]]:
    """The card laid out alone by Graphviz, with a straight line from each key result's port:
    its size, and where each line leaves it (from its top-left corner, y down)."""
    out = ["digraph card {", "graph [splines=line];",
           'node [shape=plain, fontname="DejaVu Sans", fontsize=10];', "edge [arrowhead=none];",
           f'card [pos="0,0", label=<{label}>];']
    for n, port in enumerate(ports):
        out += [f'p{n} [shape=point, width=0.01, pos="2500,0"];', f"card:{port}:e -> p{n};"]
    graph = pgv.AGraph(string="\n".join([*out, "}"]))
    context = gv.gvContextWithBuiltins()
    gv.gvLayout(context, graph.handle, b"nop2")
    gv.gvRenderData(context, graph.handle, b"dot")
    node = graph.get_node("card")
    width, height = float(node.attr["width"]) * 72, float(node.attr["height"]) * 72
    x, y = (float(v) for v in node.attr["pos"].split(","))
    found = {}
    for n, port in enumerate(ports):
        points = graph.get_edge("card", f"p{n}").attr["pos"].split()
        px, py = (float(v) for v in next(p for p in points if p[1] != ",").split(","))
        found[port] = (px - x + width / 2, y + height / 2 - py)
    gv.gvFreeLayout(context, graph.handle)
    gv.gvFreeContext(context)
    return (width, height), found


def view_of(path: Path, **request: Any) -> MapView:
    with read_plan(path) as plan:
        snapshot = Snapshot.load(plan.connection)
    return select_view(snapshot, MapRequest(**request).checked(Path("map.pdf")))


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("card-sizes")
    hostile = folder / "hostile.okr"
    with small_org(hostile) as org:
        top = org.objective("Alex Chen", "Top")
        with org.plan.change("hostile") as tx:
            for n, title in enumerate(HOSTILE + SCRIPTS):
                kr = tx.insert("key_results", objective_id=top, title=f"KR {n}: {title}",
                               kind="objective", origin="own", unit="", weight=1.0,
                               position=n)["id"]
                tx.insert("objectives", title=title or "x", description="",
                          owner_id=org.people["Sam Lee"], cycle_id=org.cycles["2027"],
                          origin="own", commitment="committed", visibility="published",
                          status=None, parent_kr_id=kr, position=n)
    return {"demo": build_demo(folder / "demo.okr"), "hostile": hostile,
            "closed": _closed(folder / "closed.okr")}


def _closed(path: Path) -> Path:
    """2027-Q1 closed: final scores in tenths and one finer, a key result scored 1.0 with a
    long title, and one added while the cycle was reopened, then closed again by a hand edit
    (as an imported file may hold it): it has no final score, so its progress shows."""
    with small_org(path) as org:
        win = org.objective("Sam Lee", "Win Europe with partners in every country",
                            cycle="2027-Q1")
        revenue = org.key_result(win, "Revenue from the partners we sign this quarter",
                                 start_value=0, target_value=10, current_value=10)
        grow = org.objective("Kim Park", "Grow", cycle="2027-Q1", commitment="aspirational")
        org.align_up(grow, win)
        serve = org.objective("Dana Ross", "Serve", cycle="2027-Q1")
        org.key_result(serve, "NPS", start_value=0, target_value=4, current_value=1)
        q1 = org.cycles["2027-Q1"]
        ops.close_cycle(org.plan, q1, {win: FinalScore(0.7, "Late"), revenue: FinalScore(1.0),
                                       serve: FinalScore(0.25, "Half a tenth")}, {})
        ops.reopen_cycle(org.plan, q1)
        org.key_result(serve, "Vans fixed", start_value=0, target_value=8, current_value=4)
        with org.plan.change("Closed by hand") as tx:
            tx.update("cycles", q1, closed_at="2027-04-01T00:00:00+00:00")
    return path


def test_a_closed_cycle_shows_final_scores(plans: dict[str, Path], tmp_path: Path) -> None:
    def cards(path: Path) -> dict[str, CardCells]:
        view = view_of(path, cycle="2027-Q1")
        return {view.snapshot.objectives[oid].title: card_and_cells(view, oid)[1]
                for oid in view.objective_ids}

    def badges(cells: CardCells) -> list[tuple[str, str]]:
        return [(row[-1].lines[-1], row[-1].band)
                for row in [cells.rows[0], *cells.rows[cells.first_kr:]]]

    closed = cards(plans["closed"])
    assert badges(closed["Win Europe with partners in every country"]) == [
        ("Final 0.7", "green"), ("Final 1.0", "green"), ("Final 0.0", "red")]
    assert badges(closed["Serve"]) == [("Final 0.25", "red"), ("Final 0.3", "red"),
                                       ("50%", "yellow")]
    reopened = tmp_path / "reopened.okr"
    reopened.write_bytes(plans["closed"].read_bytes())
    with Plan.open(reopened) as plan, plan.reading() as connection:
        ops.reopen_cycle(plan, next(c.id for c in Snapshot.load(connection).cycles.values()
                                    if c.name == "2027-Q1"))
    assert badges(cards(reopened)["Serve"]) == [("0.4", "red"), ("25%", "red"),
                                                ("50%", "yellow")]


@pytest.mark.parametrize(("plan", "request_"), [
    ("demo", {"cycle": "2027"}), ("demo", {"cycle": "2027", "detail": "titles"}),
    ("demo", {"cycle": "2027", "levels": "2.."}), ("hostile", {}),
    ("hostile", {"detail": "titles"}), ("closed", {"cycle": "2027-Q1"})])
def test_cards_sized_from_their_lines_are_as_graphviz_sizes_them(
        plans: dict[str, Path], plan: str, request_: dict[str, str]) -> None:
    view = view_of(plans[plan], **request_)
    made = {oid: card_and_cells(view, oid) for oid in view.objective_ids}
    sizes, _ = card_sizes({oid: cells for oid, (_, cells) in made.items()}, {})
    kinds = {cells.border for _, cells in made.values()}
    for oid, (label, _) in made.items():
        ports = [kr_port(n) for n, _ in enumerate(view.snapshot.krs_of.get(oid, ()))]
        size, found = graphviz_card(label, ports)
        assert sizes[oid].size == pytest.approx(size, abs=near(size)), label
        assert set(sizes[oid].ports) == set(ports)
        for port in ports:
            assert sizes[oid].ports[port] == pytest.approx(found[port], abs=near(size)), label
    if plan == "demo" and "levels" not in request_:
        assert kinds == {1, 3}  # an orphan's card has a thicker border
    if "levels" in request_:
        assert view.aligned_outside


def test_each_line_of_a_label_has_its_width() -> None:
    lines = ['He said "ship it" &amp; left', "Ünïcödé ñ ß", "🚀 launch", "a", "To Wa AV"]
    alone = measure_nodes({f"n{n}": f'<FONT POINT-SIZE="10">{line}</FONT>'
                           for n, line in enumerate(lines)})
    together = measure_nodes({"all": '<FONT POINT-SIZE="10">' + '<BR ALIGN="LEFT"/>'.join(lines)
                              + "</FONT>"}, frozenset({"all"}))
    assert together["all"][1] == pytest.approx([alone[f"n{n}"][0][0]
                                                for n in range(len(lines))], abs=TOLERANCE)
    assert together["all"][1][4] < together["all"][1][0]


def pid_of(item: int) -> tuple[int, int]:
    return item, os.getpid()


def test_two_processes_keep_the_order() -> None:
    results = in_two(list(range(40)), pid_of, lambda _item: MIN_WORK)
    assert [item for item, _ in results] == list(range(40))
    helpers = {pid for _, pid in results} - {os.getpid()}
    assert len(helpers) == (1 if cores() > 1 else 0)
    assert all(pid == os.getpid() for _, pid in results[0::2])


def test_what_a_helper_fails_to_do_is_done_here() -> None:
    here = os.getpid()

    def crashes_elsewhere(item: int) -> tuple[int, int]:
        if os.getpid() != here:
            os._exit(3)
        return item, os.getpid()

    assert in_two(list(range(20)), crashes_elsewhere, lambda _item: MIN_WORK) == [
        (n, here) for n in range(20)]


def test_little_work_is_done_in_one_process() -> None:
    results = in_two(list(range(40)), pid_of, lambda _item: MIN_WORK // 41)
    assert {pid for _, pid in results} == {os.getpid()}


def test_pages_drawn_in_two_processes_are_the_pages_drawn_in_one(
        plans: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    request = {"cycle": "2027", "page": "A4"}
    monkeypatch.setattr(twocores, "MIN_WORK", 1)  # the demo's ten pages are drawn in two
    two = draw_book(view_of(plans["demo"], **request), "pdf")
    monkeypatch.setattr(book_module, "in_two",
                        lambda items, work, _size: [work(i) for i in items])
    one = draw_book(view_of(plans["demo"], **request), "pdf")
    assert len(two.pages) == len(one.pages) == 10
    assert two.sources == one.sources and two.fill == one.fill
    assert two.warnings == one.warnings

    def undated(page: bytes) -> bytes:
        return re.sub(rb"/CreationDate \([^)]*\)", b"", page)

    assert [undated(page) for page in two.pages] == [undated(page) for page in one.pages]
