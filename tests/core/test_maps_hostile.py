"""Whatever a planner types comes back verbatim on the map and never changes its structure."""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pygraphviz as pgv
import pytest

from okrdesk.maps import MapRequest, build_dot
from okrdesk.maps.text import clean, escape, wrap
from okrdesk.maps.worker import render_here
from tests.core.builders import small_org

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = [
    'He said "ship it" & it\'s done',
    r"C:\path\to\N and \G and \l and \n and \E \H \T \L",
    "\\",
    "ends with a backslash \\",
    "<b>bold</b> &amp; <i>not</i> <TABLE><TR><TD>cell</TD></TR></TABLE>",
    "]]> <!-- comment --> <![CDATA[ x ]]>",
    "{record|shape} <port> | {a|b}",
    'label="oops"]; evil [label="x"',
    "} digraph { a -> b",
    "Emoji 🚀🎉 👩🏽‍💻 family 👨‍👩‍👧‍👦 flag 🇩🇪",
    "مرحبا بالعالم — زيادة المبيعات",
    "שלום עולם והגדלת המכירות",
    "mixed עברית and English and العربية",
    "tab\tand\nnewline and\r\nwindows",
    "bell\x07 and null-ish \x1b escape",
    "x" * 500,
    " ".join(["word"] * 100),
    "Ünïcödé ñ ß ø ﬁ Ω ≤ ≥ ∞",
]


def visible(text: str) -> str:
    """What the map must show: the text without whitespace and control characters."""
    kept = "".join(ch for ch in text if unicodedata.category(ch) != "Cc")
    return re.sub(r"\s+", "", kept)


@pytest.fixture(scope="module")
def hostile_plan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """Objectives and key results with hostile titles, written straight into the tables."""
    path = tmp_path_factory.mktemp("hostile") / "hostile.okr"
    titles: dict[str, str] = {}
    with small_org(path, name='Plan "<&>" \\N') as org:
        top = org.objective("Alex Chen", "Top")
        titles[top] = "Top"
        with org.plan.change("hostile") as tx:
            for n, title in enumerate(HOSTILE):
                kr = tx.insert("key_results", objective_id=top, title=f"KR {n}: {title}",
                               kind="objective", origin="own", unit="", weight=1.0,
                               position=n)["id"]
                child = tx.insert("objectives", title=title, description="",
                                  owner_id=org.people["Sam Lee"], cycle_id=org.cycles["2027"],
                                  origin="own", commitment="committed", visibility="published",
                                  status=None, parent_kr_id=kr, position=n)["id"]
                titles[child] = title
                titles[kr] = f"KR {n}: {title}"
    return path, titles


def test_every_hostile_title_comes_back_verbatim_in_the_svg(
        hostile_plan: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    path, titles = hostile_plan
    out = tmp_path / "hostile.svg"
    result = render_here(path, MapRequest(cycle="2027", page="poster"), out)
    assert result.warnings == ()
    roots = [ET.parse(file).getroot() for file in result.files]
    cards = {g.get("id", "")[4:]: g for root in roots for g in root.iter(f"{SVG}g")
             if g.get("id", "").startswith("obj-")}
    assert len(cards) == len(HOSTILE) + 1
    top = next(oid for oid, title in titles.items() if title == "Top")
    top_text = visible("".join(t.text or "" for t in cards[top].iter(f"{SVG}text")))
    for item_id, title in titles.items():
        if item_id in cards:
            text = visible("".join(t.text or "" for t in cards[item_id].iter(f"{SVG}text")))
            assert visible(title) in text, title
        else:  # a key result: a row of the top card
            assert visible(title) in top_text, title
    heading = "".join(t.text or "" for t in roots[0].iter(f"{SVG}text"))
    assert visible('Plan "<&>" \\N') in visible(heading)


def test_hostile_text_cannot_change_the_graph(hostile_plan: tuple[Path, dict[str, str]]) -> None:
    path, _ = hostile_plan
    from okrdesk.snapshot import Snapshot
    from okrdesk.storage import Plan

    with Plan.open(path, read_only=True) as plan, plan.read() as connection:
        snapshot = Snapshot.load(connection)
    graph = pgv.AGraph(string=build_dot(snapshot, MapRequest(cycle="2027")))
    cards = [n for n in graph.nodes() if n.attr.get("id", "").startswith("obj-")]
    assert len(cards) == len(HOSTILE) + 1
    assert len([e for e in graph.edges() if "alignment" in e.attr.get("class", "")]) == len(
        HOSTILE)
    assert not any(n.startswith("evil") or n == "b" for n in graph.nodes())


@pytest.mark.parametrize("title", HOSTILE)
def test_escaping_leaves_only_entities_and_doubled_backslashes(title: str) -> None:
    escaped = escape(title)
    assert not set(escaped) & set("<>\"'")
    assert re.fullmatch(r"([^&]|&(amp|lt|gt|quot|#39);)*", escaped)
    assert "\\" not in escaped.replace("\\\\", "")
    assert not any(unicodedata.category(ch) == "Cc" for ch in escaped)


@pytest.mark.parametrize("title", HOSTILE)
def test_wrapping_never_cuts_anything_off(title: str) -> None:
    lines = wrap(title, 22)
    assert "".join(lines).replace(" ", "") == clean(title).replace(" ", "")
    for line in lines:
        assert len(line) <= 22
    joined = " ".join(lines)
    assert "\u200d " not in joined and " \u200d" not in joined  # emoji sequences stay whole
