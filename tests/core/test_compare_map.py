"""A map compared with another plan or cycle: the SVG's added, changed and re-aligned cards carry
their class and colour, the removed ones are listed in the title, and a highlighted card is
still sized exactly as Graphviz sizes it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from okrdesk import ops
from okrdesk.errors import NotFoundError, PlanFileError
from okrdesk.maps import MapRequest
from okrdesk.maps.cards import card_and_cells, kr_port
from okrdesk.maps.cardsize import card_sizes
from okrdesk.maps.highlight import MARK_COLOURS, highlight_for
from okrdesk.maps.style import ORPHAN
from okrdesk.maps.worker import render_here
from okrdesk.snapshot import Snapshot
from okrdesk.storage.reading import read_plan
from tests.core.builders import small_org
from tests.core.test_compare import _base, _copy
from tests.core.test_maps_card_sizes import graphviz_card, near, view_of

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("compare-map")
    org = small_org(folder / "plan.okr")
    ids = _base(org)
    copy, other = _copy(org, folder)
    with other:
        ids["new"] = other.objective("Ivy Tran", "Shadow the Nordic desk")
        other.align_up(ids["new"], ids["nordics"])
        ops.delete_objective(other.plan, ids["retire"])
        ops.edit_objective(other.plan, ids["brand"], title="Launch the new brand")
        ops.align_up(other.plan, ids["nordics"], ids["win"])
    return folder / "plan.okr", copy, ids


def cards(svg: Path) -> dict[str, ET.Element]:
    """Each card's group by objective id (Graphviz writes the node's id and class)."""
    root = ET.parse(svg).getroot()
    return {g.attrib["id"].removeprefix("obj-"): g for g in root.iter(f"{SVG}g")
            if g.attrib.get("id", "").startswith("obj-")}


def strokes(group: ET.Element) -> set[str]:
    return {e.attrib["stroke"] for e in group.iter() if "stroke" in e.attrib}


def fills(group: ET.Element) -> set[str]:
    return {e.attrib["fill"] for e in group.iter() if "fill" in e.attrib}


def text_of(svg: Path) -> str:
    root = ET.parse(svg).getroot()
    return " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))


@pytest.mark.parametrize("pages", [False, True], ids=["one-picture", "pages"])
def test_the_cards_that_differ_carry_their_class_and_colour(
        plans: tuple[Path, Path, dict[str, str]], tmp_path: Path, pages: bool) -> None:
    plan, copy, ids = plans
    request = MapRequest(cycle="2027", compare=str(plan), pages=pages, page="A3")
    result = render_here(copy, request, tmp_path / "map.svg")
    drawn: dict[str, ET.Element] = {}
    words = ""
    for page in result.files:
        drawn.update(cards(page))
        words += text_of(page)
    expected = {ids["new"]: "added", ids["brand"]: "changed", ids["nordics"]: "realigned"}
    assert set(expected) <= set(drawn)
    for objective_id, group in drawn.items():
        mark = expected.get(objective_id)
        classes = group.attrib["class"].split()
        if mark is None:
            assert classes == ["node"], objective_id
            assert not strokes(group) & {c for c, _ in MARK_COLOURS.values()}
        else:
            assert classes == ["node", f"compare-{mark}"]
            border, ground = MARK_COLOURS[mark]
            if objective_id == ids["brand"]:  # an orphan keeps its red border
                border = ORPHAN
            assert border in strokes(group) and ground in fills(group)
    assert "Compared with plan.okr" in words
    assert "1 added" in words and "1 changed" in words and "1 re-aligned" in words
    assert "Removed: “Retire the old site”" in words


def test_a_highlighted_card_is_sized_as_graphviz_sizes_it(
        plans: tuple[Path, Path, dict[str, str]]) -> None:
    plan, copy, ids = plans
    view = view_of(copy, cycle="2027")
    view.highlight = highlight_for(view.snapshot, view.cycle.id if view.cycle else None,
                                   str(plan), None)
    assert view.highlight is not None and view.highlight.marks[ids["new"]] == "added"
    for objective_id in (ids["new"], ids["brand"], ids["nordics"], ids["win"]):
        label, cells = card_and_cells(view, objective_id)
        assert (cells.border == 3) == (objective_id in view.highlight.marks)
        sizes, _ = card_sizes({objective_id: cells}, {})
        ports = [kr_port(n) for n in range(len(cells.rows) - cells.first_kr)]
        size, found = graphviz_card(label, ports)
        assert sizes[objective_id].size == pytest.approx(size, abs=near(size))
        for port, (x, y) in found.items():
            assert sizes[objective_id].ports[port] == pytest.approx((x, y), abs=near(size))


def test_a_map_of_a_cycle_compared_with_the_cycle_it_was_carried_from(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        grow = org.objective("Sam Lee", "Grow EU sales", cycle="2027-Q1")
        keep = org.objective("Kim Park", "Keep the Nordics", cycle="2027-Q1")
        ops.copy_cycle(org.plan, org.cycles["2027-Q1"], org.cycles["2027-Q2"])
        copies = {o.copied_from_id: o.id for o in org.snapshot().objectives.values()
                  if o.copied_from_id}
        ops.edit_objective(org.plan, copies[grow], title="Grow EU and UK sales")
        added = org.objective("Dana Ross", "Launch the brand", cycle="2027-Q2")
    request = MapRequest(cycle="2027-Q2", compare_cycle="2027-Q1")
    [svg] = render_here(tmp_path / "plan.okr", request, tmp_path / "q2.svg").files
    drawn = cards(svg)
    assert {oid: g.attrib["class"] for oid, g in drawn.items()} == {
        copies[grow]: "node compare-changed", copies[keep]: "node", added: "node compare-added"}
    assert "Compared with cycle 2027-Q1" in text_of(svg)


def test_what_to_compare_with_must_exist(plans: tuple[Path, Path, dict[str, str]],
                                         tmp_path: Path) -> None:
    _plan, copy, _ids = plans
    with read_plan(copy) as reading:
        snapshot = Snapshot.load(reading.connection)
    year = snapshot.cycle_named("2027")
    assert year is not None
    with pytest.raises(NotFoundError, match="no cycle “2031”"):
        highlight_for(snapshot, year.id, None, "2031")
    with pytest.raises(PlanFileError, match="no such file"):
        highlight_for(snapshot, year.id, str(tmp_path / "gone.okr"), None)
    assert highlight_for(snapshot, year.id, None, None) is None
