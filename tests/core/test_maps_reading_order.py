"""A map's PDF text reads as a viewer shows it: line by line, each title and key result whole,
its score or progress after its last line, on the demo and on a wide plan."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pytest
from pypdf import PdfReader

from okrdesk.demo import build_demo
from okrdesk.maps.cards import KR_CHARS, TITLE_CHARS, WIDE_KR_CHARS
from okrdesk.maps.request import MapRequest
from okrdesk.maps.text import wrap
from okrdesk.maps.view import select_view
from okrdesk.maps.worker import render_here
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from tests.core.wide_plans import wide_plan

SCORE, PROGRESS = re.compile(r"\d\.\d"), re.compile(r"\d+%")
SAME_LINE_PT = 0.5


@dataclass(frozen=True)
class Line:
    """One line of a label as the PDF draws it: where it starts, its baseline, its text."""

    x: float
    y: float
    text: str


@dataclass
class DrawnMap:
    pdf: Path
    titles: list[str]
    kr_titles: list[str]


def normal(text: str) -> str:
    """Text to compare: ligatures spelt out, and no spaces, as pypdf adds one wherever cairo
    kerns a pair of letters ("T echnician")."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def pdf_lines(path: Path) -> list[list[Line]]:
    """Every page's text lines, read with pypdf: each text run starts where its text matrix
    puts it, so lines are found by position as a viewer finds them. (pypdf's own layout mode
    misplaces ligatures such as "fi", which cairo draws as one glyph.)"""
    pages = []
    for page in PdfReader(path).pages:
        runs: dict[tuple[float, float], str] = {}
        page.extract_text(visitor_text=partial(_collect, runs))
        pages.append([Line(x, y, normal(text)) for (x, y), text in runs.items()
                      if normal(text)])
    return pages


def _collect(runs: dict[tuple[float, float], str], text: str, cm: list[float],
             tm: list[float], *_: object) -> None:
    """Text runs by where they start on the page (pypdf's visitor: matrices cm and tm)."""
    x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
    y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
    key = (round(x, 1), round(y, 1))
    runs[key] = runs.get(key, "") + text


def reads_whole(lines: list[Line], text: str, width: int, badge: re.Pattern[str]) -> bool:
    """Whether `text`, wrapped as a card wraps it, is drawn line under line at one left edge
    with nothing of that column between its lines, and its badge is the next thing on the
    baseline of its last line."""
    fragments = [normal(fragment) for fragment in wrap(text, width)]
    for start in (line for line in lines if line.text == fragments[0]):
        column = sorted((line for line in lines if abs(line.x - start.x) < SAME_LINE_PT),
                        key=lambda line: -line.y)  # top to bottom: PDF y grows upwards
        at = column.index(start)
        if [line.text for line in column[at:at + len(fragments)]] != fragments:
            continue
        last = column[at + len(fragments) - 1]
        after = sorted((line for line in lines
                        if abs(line.y - last.y) < SAME_LINE_PT and line.x > last.x),
                       key=lambda line: line.x)
        if after and badge.fullmatch(after[0].text):
            return True
    return False


def not_reading_whole(drawn: DrawnMap) -> list[str]:
    pages = pdf_lines(drawn.pdf)
    wrong = [title for title in drawn.titles
             if not any(reads_whole(lines, title, TITLE_CHARS, SCORE) for lines in pages)]
    wrong += [title for title in drawn.kr_titles  # a card of many lines sets them wider
              if not any(reads_whole(lines, title, width, PROGRESS) for lines in pages
                         for width in (KR_CHARS, WIDE_KR_CHARS))]
    return wrong


def titles_of(path: Path, request: MapRequest) -> tuple[list[str], list[str]]:
    """The titles of the objectives a map shows, and of their key results."""
    with Plan.open(path, read_only=True) as plan, plan.read() as connection:
        snapshot = Snapshot.load(connection)
    shown = select_view(snapshot, request).objective_ids
    return ([snapshot.objectives[oid].title for oid in shown],
            [kr.title for oid in shown for kr in snapshot.key_results_of(oid)])


@pytest.fixture(scope="module")
def demo_map(tmp_path_factory: pytest.TempPathFactory) -> DrawnMap:
    folder = tmp_path_factory.mktemp("demo")
    plan = build_demo(folder / "demo.okr")
    request = MapRequest(cycle="2027", page="A3")
    render_here(plan, request, folder / "demo.pdf")
    return DrawnMap(folder / "demo.pdf", *titles_of(plan, request))


@pytest.fixture(scope="module")
def wide_map(tmp_path_factory: pytest.TempPathFactory) -> DrawnMap:
    folder = tmp_path_factory.mktemp("wide")
    plan, titles, kr_titles = wide_plan(folder / "wide.okr", (12,))
    render_here(plan, MapRequest(cycle="2027", page="A4"), folder / "wide.pdf")
    return DrawnMap(folder / "wide.pdf", titles, kr_titles)


@pytest.mark.parametrize("name", ["demo_map", "wide_map"])
def test_every_title_and_key_result_reads_whole_before_its_badge(
        name: str, request: pytest.FixtureRequest) -> None:
    drawn: DrawnMap = request.getfixturevalue(name)
    assert len(drawn.titles) > 10 and len(drawn.kr_titles) > 20
    assert not_reading_whole(drawn) == []


def test_a_badge_beside_a_first_line_is_caught() -> None:
    """The check itself: a score drawn on a wrapped title's first line (as maps once were)
    does not pass, the same score on its last line does."""
    title = "Source 210 candidates and hire a senior engineer"
    first, second, third = (normal(f) for f in wrap(title, TITLE_CHARS))
    lines = [Line(10, 100, first), Line(10, 88, second), Line(10, 76, third)]
    assert not reads_whole([*lines, Line(200, 100, "0.4")], title, TITLE_CHARS, SCORE)
    assert reads_whole([*lines, Line(200, 76, "0.4")], title, TITLE_CHARS, SCORE)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext is missing")
def test_pdftotext_layout_reads_wrapped_titles_whole(wide_map: DrawnMap) -> None:
    """What a poppler-based viewer copies: in `pdftotext -layout`, each wrapped title is a
    stack of lines at one column with its score after its last line."""
    text = subprocess.run(["pdftotext", "-layout", str(wide_map.pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    rows = unicodedata.normalize("NFKC", text).splitlines()
    wrong = []
    for title in wide_map.titles:
        fragments = wrap(title, TITLE_CHARS)
        found = False
        for i, row in enumerate(rows):
            column = row.find(fragments[0])
            if column < 0 or i + len(fragments) > len(rows):
                continue
            stack = [rows[i + k][column:column + len(f)] for k, f in enumerate(fragments)]
            rest = rows[i + len(fragments) - 1][column + len(fragments[-1]):].split()
            if stack == fragments and rest and SCORE.fullmatch(rest[0]):
                found = True
                break
        if not found:
            wrong.append(title)
    assert wrong == []
