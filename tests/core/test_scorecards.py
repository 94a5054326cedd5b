"""Scorecards and slides as PDF: every title and figure in the text layer, slides never under
18 pt, the focus and level choices, hostile text, and the command line's errors."""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from okrdesk import cli, ops
from okrdesk.limits import number_text
from okrdesk.rulebook import children_of, parent_of, view_objectives
from okrdesk.scorecards import (
    ScorecardError,
    ScorecardRequest,
    ScorecardsCancelled,
    write_scorecards,
)
from okrdesk.scorecards.fonts import font_files
from okrdesk.scorecards.slide import SMALLEST_PT
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from tests.core.builders import small_org

LEADING = "Become the leading electric car dealership in the region"
DAY = date(2027, 8, 16)  # inside the demo's year, so statuses are computed from its dates


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("scorecards") / "demo.okr"
    assert cli.main(["demo", str(path)]) == 0
    return path


def load(path: Path) -> Snapshot:
    with Plan.open(path, read_only=True) as plan, plan.read() as connection:
        return Snapshot.load(connection)


def flat(text: str) -> str:
    """Text without whitespace: a title wrapped over lines still reads as one run."""
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def font_sizes(path: Path) -> Iterator[float]:
    """The size of every piece of text drawn, as the reader sets it."""
    for page in PdfReader(path).pages:
        sizes: list[float] = []

        def visit(text: str, cm: Any, tm: Any, _font: Any, size: float,
                  found: list[float] = sizes) -> None:
            if text.strip():
                found.append(size * abs(tm[3]) * abs(cm[3]))
        page.extract_text(visitor_text=visit)
        yield from sizes


def test_demo_scorecards_hold_every_top_title_key_result_and_figure(demo: Path,
                                                                      tmp_path: Path) -> None:
    out = tmp_path / "cards.pdf"
    result = write_scorecards(demo, ScorecardRequest(cycle="2027", today=DAY), out)
    snapshot = load(demo)
    tops = [o for o in snapshot.objectives.values()
            if o.cycle_id == snapshot.cycle_named("2027").id and parent_of(snapshot, o.id) is None]
    assert result.cards == len(tops) and result.pages >= len(tops)
    reader = PdfReader(out)
    assert len(reader.pages) == result.pages
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape
    text = flat(pdf_text(out))
    layout = flat("\n".join(p.extract_text(extraction_mode="layout") for p in reader.pages))
    for top in tops:
        assert flat(top.title) in layout, top.title  # titles read whole in layout order too
        for kr in snapshot.key_results_of(top.id):
            assert flat(kr.title) in text, kr.title
            for value in (kr.start_value, kr.target_value, kr.current_value):
                if value is not None:
                    assert flat(number_text(value)) in text
            if kr.confidence is not None:
                assert f"{round(kr.confidence * 10)}/10" in text
        for child in children_of(snapshot, top.id):
            assert flat(snapshot.objectives[child].title) in text
    assert "Lastcheck-in" in text and "Ontrack" in text and "Committed" in text


def test_each_title_line_is_one_run_of_the_text_layer(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "cards.pdf"
    write_scorecards(demo, ScorecardRequest(focus=LEADING, today=DAY), out)
    runs: list[str] = []
    PdfReader(out).pages[0].extract_text(
        visitor_text=lambda text, *_args: runs.append(text))
    assert LEADING in [run.strip() for run in runs]  # one string, not glyph by glyph


def test_slides_are_16_9_and_never_under_18_pt(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "slides.pdf"
    result = write_scorecards(demo, ScorecardRequest(slides=True, today=DAY), out)
    reader = PdfReader(out)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (960, 540)
    sizes = list(font_sizes(out))
    assert sizes and min(sizes) >= SMALLEST_PT
    assert result.pages > result.cards  # five key results do not fit one slide: continued
    assert "(continued)" in pdf_text(out)
    text = flat(pdf_text(out))
    for kr in load(demo).key_results.values():
        if parent_of(load(demo), kr.objective_id) is None and load(demo).objectives[
                kr.objective_id].cycle_id == load(demo).cycle_named("2027").id:
            assert flat(kr.title) in text


def test_focus_gives_one_card_and_levels_give_the_tree_below(demo: Path,
                                                               tmp_path: Path) -> None:
    snapshot = load(demo)
    out = tmp_path / "focus.pdf"
    result = write_scorecards(demo, ScorecardRequest(focus=LEADING, today=DAY), out)
    assert result.cards == 1
    text = flat(pdf_text(out))
    assert flat(LEADING) in text
    assert flat("Fund our growth without new debt") not in text
    leading = next(o.id for o in snapshot.objectives.values() if o.title == LEADING)
    result = write_scorecards(demo, ScorecardRequest(focus=LEADING, levels="2", today=DAY),
                              out)
    below = [c for c in children_of(snapshot, leading)
             if snapshot.level_of(c).rank == snapshot.ordered_levels()[1].rank]
    assert result.cards == len(set(below)) > 0
    text = flat(pdf_text(out))
    assert all(flat(snapshot.objectives[c].title) in text for c in below)
    result = write_scorecards(demo, ScorecardRequest(levels="1..2", by_owner=True, today=DAY),
                              out)
    top_two = {level.rank for level in snapshot.ordered_levels()[:2]}
    owners = {snapshot.objectives[o].owner_id
              for o in view_objectives(snapshot, snapshot.cycle_named("2027").id)
              if snapshot.level_of(o).rank in top_two}
    assert result.cards == len(owners)
    assert "SCORECARDBYOWNER" in flat(pdf_text(out))


HOSTILE = [
    "<b>bold</b> &amp; <i>x</i> <para> <font name='nope'>",
    "مرحبا بالعالم — زيادة المبيعات",
    "שלום עולם והגדלת המכירות",
    "Emoji 🚀🎉 👩🏽‍💻 family 👨‍👩‍👧‍👦 flag 🇩🇪",
    "tab\tand\nnewline\r\nbell\x07 escape\x1b",
    "x" * 5000,
    " ".join(["word"] * 1200),
]


def covered(text: str) -> str:
    """What the text layer can hold: the characters the embedded font draws."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    cmap = TTFontFile(str(font_files().regular)).charToGlyph
    kept = "".join(ch for ch in text
                   if unicodedata.category(ch) != "Cc" and ord(ch) in cmap)
    return flat(kept)


def test_hostile_text_is_printed_verbatim_and_long_text_wraps(tmp_path: Path) -> None:
    path = tmp_path / "hostile.okr"  # written straight into the tables, as a hand edit can
    with small_org(path) as org, org.plan.change("hostile") as tx:
        top = tx.insert("objectives", title=HOSTILE[-2], description="",
                        owner_id=org.people["Alex Chen"], cycle_id=org.cycles["2027"],
                        origin="own", commitment="committed", visibility="published",
                        status=None, parent_kr_id=None, position=0)["id"]
        for n, title in enumerate(HOSTILE):
            kr = tx.insert("key_results", objective_id=top, title=title, kind="increase",
                           origin="own", unit=title[:30], weight=1.0, position=n,
                           start_value=0.0, target_value=1e15, current_value=1.5,
                           confidence=0.2)["id"]
            tx.insert("check_ins", key_result_id=kr, value=1.5, confidence=0.2, note=title,
                      at="2027-08-01T10:00:00+00:00")
    for slides in (False, True):
        out = tmp_path / f"hostile-{slides}.pdf"
        result = write_scorecards(path, ScorecardRequest(slides=slides, today=DAY), out)
        assert result.pages > 5  # a 5,000-character title takes pages, it is never cut
        text = flat(pdf_text(out)).replace("\x00", "")  # glyphs the font lacks
        for title in HOSTILE[:5]:  # pypdf gives a right-to-left run in visual order
            assert covered(title) in text or covered(title)[::-1] in text, title
        reader = PdfReader(out)
        width = float(reader.pages[0].mediabox.width)
        for page in reader.pages:
            page.extract_text(visitor_text=lambda t, cm, tm, *_a, w=width: _inside(t, tm, w))


def _inside(text: str, tm: Any, width: float) -> None:
    if text.strip():
        assert 0 <= tm[4] < width, text[:40]


def test_a_closed_cycle_shows_final_scores(tmp_path: Path) -> None:
    path = tmp_path / "closed.okr"
    with small_org(path) as org:
        top = org.objective("Alex Chen", "Win Europe")
        kr = org.key_result(top, "Open five offices", start_value=0, target_value=5,
                            current_value=4)
        ops.close_cycle(org.plan, org.cycles["2027"],
                        {top: ops.FinalScore(0.8), kr: ops.FinalScore(0.8)},
                        {top: ops.Reflection(achieved="Four offices opened")})
    out = tmp_path / "closed.pdf"
    write_scorecards(path, ScorecardRequest(today=DAY), out)
    text = flat(pdf_text(out))
    assert "finalscore0.8" in text and "Fourofficesopened" in text and "Score" in text


def test_an_empty_plan_and_an_unknown_cycle_are_explained(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str],
                                                          demo: Path) -> None:
    empty = tmp_path / "empty.okr"
    ops.new_plan(empty, name="Empty", year=2027).close()
    with pytest.raises(ScorecardError, match="no objectives yet"):
        write_scorecards(empty, ScorecardRequest(), tmp_path / "none.pdf")
    assert not (tmp_path / "none.pdf").exists()
    assert cli.main(["scorecard", str(empty), "-o", str(tmp_path / "none.pdf")]) == 1
    assert "no objectives yet" in capsys.readouterr().err
    for arguments, expected in (
            (["--cycle", "2031-Q9"], "There is no cycle “2031-Q9”; the plan has: 2027"),
            (["--level", "9"], "Level 9 does not exist"),
            (["--focus", "No such objective"], "No objective is called"),
    ):
        status = cli.main(["scorecard", str(demo), "-o", str(tmp_path / "x.pdf"), *arguments])
        error = capsys.readouterr().err
        assert status == 1 and error.startswith("okrdesk: error: ") and expected in error
        assert "Traceback" not in error
    assert cli.main(["scorecard", str(demo), "-o", str(tmp_path / "x.txt")]) == 1
    assert "end the file name" in capsys.readouterr().err
    assert cli.main(["scorecard", str(demo)]) == 2  # no -o: a wrong command line
    assert cli.main(["scorecard", str(demo), "-o", str(demo)]) == 1  # never over the plan
    assert cli.main(["scorecard", str(demo), "-o", str(tmp_path / "ok.pdf"),
                     "--slides"]) == 0
    assert "Wrote" in capsys.readouterr().out


@pytest.mark.parametrize("stop_after", ["first", "last"])
def test_a_cancel_leaves_no_file_even_after_the_last_card(demo: Path, tmp_path: Path,
                                                          stop_after: str) -> None:
    out = tmp_path / "cards.pdf"
    cancel = threading.Event()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if stop_after == "first" or done == total:
            cancel.set()

    with pytest.raises(ScorecardsCancelled, match="no file was written"):
        write_scorecards(demo, ScorecardRequest(cycle="2027", today=DAY), out,
                         progress=progress, cancel=cancel)
    total = seen[0][1]
    assert total > 1 and seen[-1] == ((1, total) if stop_after == "first" else (total, total))
    assert list(tmp_path.iterdir()) == []  # neither the PDF nor a temporary beside it
