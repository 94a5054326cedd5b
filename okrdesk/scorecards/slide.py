"""A scorecard as 16:9 slides (13.33 by 7.5 in) for a review in a room: no text under 18 pt,
so a slide holds the objective and at most three key results; more go on continued slides,
and the objectives aligned under it on slides of their own."""

from __future__ import annotations

from collections.abc import Callable

from okrdesk.scorecards.content import (
    Deck,
    KeyResultLine,
    ObjectiveCard,
    OwnerCard,
    status_words,
)
from okrdesk.scorecards.flow import Flow, Style, cell
from okrdesk.scorecards.fonts import BOLD, ITALIC, REGULAR
from okrdesk.scorecards.look import (
    INK,
    MUTED,
    band_color,
    percent,
    score_text,
    status_color,
    status_line,
)
from okrdesk.scorecards.text import shortened, wrap

SMALLEST_PT = 18.0
MARGIN = 40.0
KICKER = Style(REGULAR, 18, MUTED)
TITLE = Style(BOLD, 30, INK, 1.15)
FACTS = Style(REGULAR, 18, INK)
KR_TITLE = Style(BOLD, 20, INK, 1.2)
DETAIL = Style(REGULAR, 18, MUTED)
NOTE = Style(ITALIC, 18, MUTED)
ROW = Style(REGULAR, 18, INK)
FOOTER = Style(REGULAR, 18, MUTED)
RUNNING = Style(BOLD, 20, MUTED)
KRS_PER_SLIDE = 3
BAR = 220.0
ALIGNED_COLUMNS = (("Owner", 190.0), ("Progress", 170.0), ("Status", 120.0))
assert min(s.size for s in (KICKER, TITLE, FACTS, KR_TITLE, DETAIL, NOTE, ROW, FOOTER,
                            RUNNING)) >= SMALLEST_PT


def footer(deck: Deck) -> Callable[[Flow], None]:
    def draw(flow: Flow) -> None:
        canvas = flow.canvas
        flow.set_font(FOOTER.font, FOOTER.size)
        flow.ink(FOOTER.color)
        y = flow.bottom - FOOTER.size + 4
        canvas.drawString(flow.left, y, shortened(f"{deck.plan_name} · {deck.cycle}",
                                                  FOOTER.font, FOOTER.size,
                                                  flow.text_width - 80))
        canvas.drawRightString(flow.right, y, str(flow.pages))
    return draw


def draw_card(flow: Flow, deck: Deck, card: ObjectiveCard | OwnerCard) -> None:
    """The card from a fresh slide on."""
    title = card.title if isinstance(card, ObjectiveCard) else card.owner
    flow.continued = _running_head(title)
    if isinstance(card, OwnerCard):
        flow.paragraph(f"By owner · {deck.cycle}", KICKER)
        flow.paragraph(card.owner, TITLE)
        flow.paragraph(" · ".join(p for p in (card.role, card.level) if p), FACTS)
        for number, objective in enumerate(card.objectives):
            if number:
                flow.new_page()
            flow.skip(8)
            flow.paragraph(objective.title, KR_TITLE)
            _key_results(flow, objective, header=_header_facts(objective))
        return
    flow.paragraph(f"{card.cycle or deck.cycle} · {card.level}", KICKER)
    flow.paragraph(card.title, TITLE)
    flow.skip(6)
    _key_results(flow, card, header=_header_facts(card))
    _aligned(flow, card)


def _header_facts(card: ObjectiveCard) -> Callable[[Flow], None]:
    def draw(flow: Flow) -> None:
        flow.paragraph(f"{card.owner} · {card.commitment} · {status_line(card)}", FACTS)
        score = f" · final score {score_text(card.score)}" if card.score is not None else ""
        _bar_line(flow, card.progress, f"{percent(card.progress)} progress{score}", FACTS)
    return draw


def _key_results(flow: Flow, card: ObjectiveCard,
                 header: Callable[[Flow], None]) -> None:
    header(flow)
    if not card.key_results:
        flow.skip(12)
        flow.paragraph("No key results yet.", NOTE)
        return
    page, on_page = flow.pages, 0
    for kr in card.key_results:
        if flow.pages != page:
            page, on_page = flow.pages, 0
        height = _kr_height(flow, kr)
        if on_page == KRS_PER_SLIDE or height > flow.room():
            flow.new_page()
            page, on_page = flow.pages, 0
        _key_result(flow, kr)
        on_page += 1


def _kr_height(flow: Flow, kr: KeyResultLine) -> float:
    lines = len(wrap(kr.title, KR_TITLE.font, KR_TITLE.size, flow.text_width))
    notes = len(_note_lines(flow, kr))
    return 14 + lines * KR_TITLE.leading + 2 * DETAIL.leading + notes * NOTE.leading


def _key_result(flow: Flow, kr: KeyResultLine) -> None:
    flow.skip(14)
    flow.paragraph(kr.title, KR_TITLE)
    facts = [percent(kr.progress)]
    if kr.confidence:
        facts.append(f"confidence {kr.confidence}")
    if kr.status:
        facts.append(status_words(kr.status))
    if kr.score is not None:
        facts.append(f"score {score_text(kr.score)}")
    _bar_line(flow, kr.progress, " · ".join(facts), Style(BOLD, DETAIL.size,
                                                           status_color(kr.status)))
    figures = " → ".join(v for v in (kr.start, kr.target) if v)
    now = f"now {kr.current}" if kr.current else ""
    unit = f" {kr.unit}" if kr.unit and figures else ""
    flow.paragraph(" · ".join(p for p in (kr.owner, figures + unit, now) if p), DETAIL)
    flow.lines(_note_lines(flow, kr), NOTE)


def _note_lines(flow: Flow, kr: KeyResultLine) -> list[str]:
    if not kr.note:
        return []
    when = f" ({kr.noted_on})" if kr.noted_on else ""
    return wrap(f"“{kr.note}”{when}", NOTE.font, NOTE.size, flow.text_width)


def _bar_line(flow: Flow, progress: float, text: str, style: Style) -> None:
    flow.need(style.leading + 4)
    flow.skip(4)
    flow.bar(flow.left, flow.y - style.leading + 6, BAR, style.size * 0.7, progress,
             band_color(progress))
    lines = wrap(text, style.font, style.size, flow.text_width - BAR - 12)
    flow.lines(lines, style, flow.left + BAR + 12)


def _aligned(flow: Flow, card: ObjectiveCard) -> None:
    if not card.aligned:
        return
    flow.skip(14)
    flow.need(KR_TITLE.leading + 2 * ROW.leading + 20)
    flow.lines([f"Aligned under it ({len(card.aligned)})"], KR_TITLE)
    flow.skip(6)
    fixed = sum(width for _, width in ALIGNED_COLUMNS)
    x = flow.right - fixed
    places = {}
    for name, width in ALIGNED_COLUMNS:
        places[name] = (x, width - 10)
        x += width
    for line in card.aligned:
        flow.row([
            cell(line.title, ROW, flow.left, flow.text_width - fixed - 10),
            cell(line.owner, DETAIL, *places["Owner"]),
            cell(percent(line.progress), ROW, *places["Progress"], align="right",
                 bar=line.progress, bar_color=band_color(line.progress)),
            cell(status_words(line.status), Style(BOLD, ROW.size, status_color(line.status)),
                 *places["Status"]),
        ], pad=4)


def _running_head(title: str) -> Callable[[Flow], None]:
    def draw(flow: Flow) -> None:
        text = shortened(title, RUNNING.font, RUNNING.size, flow.text_width - 140)
        flow.lines([f"{text} (continued)"], RUNNING)
        flow.skip(4)
        flow.rule()
    return draw
