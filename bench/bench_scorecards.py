"""Scorecard benchmark: the scorecards of a synthetic plan of about 3,000 objectives.

    .venv/bin/python bench/bench_scorecards.py [--people 1000] [--repeat 3]

"tops" is `okrdesk scorecard` as it is run most: one card per top objective of the year.
"every objective" gives every objective of the year a card (`--level 1..5`), a page or more
each. Both time okrdesk.scorecards.write_scorecards end to end: the plan opened and read, the
newest check-ins read, the cards made, laid out and written. "floor" is reportlab alone
writing the same number of pages with the same embedded font and the same text, line by line,
with no measuring, wrapping, tables or bars. Medians in seconds, wall and processor time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from okrdesk.scorecards import ScorecardRequest, write_scorecards
from okrdesk.scorecards.document import read_deck
from okrdesk.scorecards.fonts import BOLD, REGULAR, registered


def timed(work: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def floor(plan: Path, request: ScorecardRequest, pages: int, out: Path) -> None:
    """The same text in the same font on as many pages, one drawString a line."""
    from reportlab.pdfgen.canvas import Canvas

    registered()
    deck = read_deck(plan, request)
    texts: list[list[str]] = []
    for card in deck.cards:
        lines = [card.title] if hasattr(card, "title") else []
        for kr in getattr(card, "key_results", ()):
            lines += [kr.title, kr.owner, kr.start, kr.target, kr.current, kr.note]
        lines += [line.title for line in getattr(card, "aligned", ())]
        texts.append(lines)
    size = request.page_points()
    canvas = Canvas(str(out), pagesize=size, pageCompression=1)
    for n in range(pages):
        lines = texts[n % len(texts)]
        canvas.setFont(BOLD, 18)
        y = size[1] - 40
        for line in lines:
            canvas.drawString(36, y, line[:120])
            canvas.setFont(REGULAR, 9)
            y = max(40.0, y - 12)
        canvas.showPage()
    canvas.save()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from okrdesk.synthetic import generate_plan  # loads SQLAlchemy

    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        plan = generate_plan(folder / "plan.okr", args.people)
        print(f"load average {os.getloadavg()[0]:.2f}; {args.people} people")
        for name, request in (("tops", ScorecardRequest(cycle="2027")),
                              ("every objective", ScorecardRequest(cycle="2027",
                                                                    levels="1..5")),
                              ("every objective, slides",
                               ScorecardRequest(cycle="2027", levels="1..5", slides=True))):
            out = folder / "cards.pdf"
            wall, cpu, result = timed(lambda r=request, o=out: write_scorecards(plan, r, o),
                                      args.repeat)
            cards, pages = result.cards, result.pages  # type: ignore[attr-defined]
            size = out.stat().st_size / 1e6
            floor_wall, floor_cpu, _ = timed(
                lambda r=request, p=pages: floor(plan, r, p, folder / "floor.pdf"),
                args.repeat)
            print(f"{name:26} {cards:5} cards {pages:5} pages {size:5.1f} MB  "
                  f"scorecards {wall:5.2f} s (cpu {cpu:5.2f})  floor {floor_wall:5.2f} s "
                  f"(cpu {floor_cpu:5.2f})  ratio {wall / floor_wall:4.2f}")
        print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
