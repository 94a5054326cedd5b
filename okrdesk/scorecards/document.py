"""Writing the scorecards of a plan to one PDF: the plan read once, a card drawn after the
other onto pages or slides, the file written whole or not at all.

Progress is reported after each card (`progress(done, total)`); a set `cancel` event stops
the writing between two cards, or once the last card is drawn before the file is put in
place, and nothing is left behind.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from okrdesk import clock
from okrdesk.atomic import atomic_write, refuse_unsafe_output
from okrdesk.scorecards import page, slide
from okrdesk.scorecards.content import Deck, make_deck
from okrdesk.scorecards.request import ScorecardError, ScorecardRequest, ScorecardsCancelled
from okrdesk.scorecards.selection import select

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ScorecardResult:
    path: Path
    cards: int
    pages: int


def read_deck(plan_path: Path, request: ScorecardRequest) -> Deck:
    """The cards `request` asks for, from the plan file (opened read-only)."""
    from okrdesk.check_ins import last_check_ins
    from okrdesk.snapshot import Snapshot
    from okrdesk.storage import Plan

    with Plan.open(plan_path, read_only=True) as plan:
        with plan.read() as connection:
            snapshot = Snapshot.load(connection)
        selection = select(snapshot, request)
        newest = last_check_ins(plan)
    name = snapshot.setting("plan_name", "") or plan_path.stem
    return make_deck(selection, newest, request.today or clock.today(), plan_name=name,
                     by_owner=request.by_owner)


def write_scorecards(plan_path: Path, request: ScorecardRequest, out_path: Path, *,
                     progress: Progress | None = None,
                     cancel: threading.Event | None = None) -> ScorecardResult:
    """Write the scorecards `request` asks for to `out_path` (a .pdf file)."""
    plan_path, out_path = Path(plan_path), Path(out_path)
    if out_path.suffix.lower() != ".pdf":
        raise ScorecardError(f"Scorecards are written as PDF: end the file name "
                             f"'{out_path.name}' with .pdf.")
    refuse_unsafe_output(out_path, sources=[plan_path])
    size = request.page_points()  # an unknown paper fails before the plan is read
    deck = read_deck(plan_path, request)
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(out_path) as stream:
            pages = draw_deck(stream, deck, size, slides=request.slides, progress=progress,
                              cancel=cancel)
    except OSError as error:
        raise ScorecardError(f"Cannot write the scorecards to {out_path}: "
                             f"{error.strerror or error}.") from None
    return ScorecardResult(out_path, len(deck.cards), pages)


def draw_deck(stream: object, deck: Deck, size: tuple[float, float], *, slides: bool,
              progress: Progress | None = None,
              cancel: threading.Event | None = None) -> int:
    """Draw every card into a PDF written to `stream`; the number of pages."""
    from reportlab import rl_config
    from reportlab.pdfgen.canvas import Canvas

    from okrdesk.scorecards.flow import Flow
    from okrdesk.scorecards.fonts import registered

    registered()
    rl_config.useA85 = 0  # streams compressed only: ASCII85 on top costs time and 25 % size
    layout = slide if slides else page
    canvas = Canvas(stream, pagesize=size, pageCompression=1)
    canvas.setTitle(f"{deck.plan_name}: {'slides' if slides else 'scorecards'}, {deck.cycle}")
    canvas.setAuthor("OKR Desk")
    canvas.setSubject(deck.scope)
    flow = Flow(canvas, size, layout.MARGIN, layout.footer(deck))
    total = len(deck.cards)
    for done, card in enumerate(deck.cards, start=1):
        _stop_if_cancelled(cancel)
        flow.continued = None
        flow.new_page(card_start=True)
        layout.draw_card(flow, deck, card)
        if progress is not None:
            progress(done, total)
    canvas.showPage()
    canvas.save()
    _stop_if_cancelled(cancel)  # a cancel while the file was written out: not put in place
    return flow.pages


def _stop_if_cancelled(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise ScorecardsCancelled("The scorecards were cancelled; no file was written.")
