"""A scorecard page (landscape A4 or Letter): the objective's title, owner, cycle, commitment,
status and progress; a table of its key results with their figures, a progress bar,
confidence, status and the newest check-in note; final scores and reflections once the cycle
is closed; and the objectives aligned under it. A card by owner holds each of the owner's
objectives with its key results. A card longer than a page goes on, under a running head."""

from __future__ import annotations

from collections.abc import Callable

from okrdesk.scorecards.content import (
    Deck,
    KeyResultLine,
    ObjectiveCard,
    OwnerCard,
    status_words,
)
from okrdesk.scorecards.flow import Cell, Flow, Style, cell
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
from okrdesk.scorecards.text import shortened

MARGIN = 36.0
GAP = 6.0
KICKER = Style(REGULAR, 9, MUTED)
TITLE = Style(BOLD, 18, INK, 1.2)
SUBTITLE = Style(BOLD, 13, INK)
FACTS = Style(REGULAR, 10.5, INK)
HEADING = Style(BOLD, 11, INK)
HEAD = Style(BOLD, 8.5, MUTED)
CELL = Style(REGULAR, 9, INK)
NOTE = Style(ITALIC, 8.5, MUTED)
FOOTER = Style(REGULAR, 7.5, MUTED)
RUNNING = Style(BOLD, 10, MUTED)
BIG_BAR = 260.0
# Key result table: (heading, width in points); the key result's title takes what is left.
COLUMNS = (("Owner", 90.0), ("Start", 52.0), ("Target", 52.0), ("Current", 52.0),
           ("Unit", 44.0), ("Progress", 92.0), ("Confidence", 70.0), ("Status", 58.0))
SCORE_COLUMN = ("Score", 38.0)
ALIGNED_COLUMNS = (("Owner", 150.0), ("Progress", 120.0), ("Status", 70.0))
NUMERIC = {"Start", "Target", "Current", "Confidence", "Score"}


def footer(deck: Deck) -> Callable[[Flow], None]:
    def draw(flow: Flow) -> None:
        canvas = flow.canvas
        flow.set_font(FOOTER.font, FOOTER.size)
        flow.ink(FOOTER.color)
        y = flow.bottom - FOOTER.size - 6
        left = f"{deck.plan_name} · Scorecards · {deck.cycle} · {deck.made_on.isoformat()}"
        canvas.drawString(flow.left, y, shortened(left, FOOTER.font, FOOTER.size,
                                                  flow.text_width - 80))
        canvas.drawRightString(flow.right, y, f"Page {flow.pages}")
    return draw


def draw_card(flow: Flow, deck: Deck, card: ObjectiveCard | OwnerCard) -> None:
    """The card from a fresh page on."""
    title = card.title if isinstance(card, ObjectiveCard) else card.owner
    flow.continued = _running_head(title)
    if isinstance(card, OwnerCard):
        _owner_card(flow, deck, card)
    else:
        _objective_card(flow, deck, card)


def _objective_card(flow: Flow, deck: Deck, card: ObjectiveCard) -> None:
    flow.paragraph(f"SCORECARD · {card.cycle or deck.cycle} · {card.level}", KICKER)
    flow.skip(2)
    flow.paragraph(card.title, TITLE)
    flow.skip(4)
    flow.paragraph(_facts(card), FACTS)
    _progress(flow, card.progress, card.score, card.score_note)
    _key_results(flow, card)
    _reflections(flow, card)
    _aligned(flow, card)


def _owner_card(flow: Flow, deck: Deck, card: OwnerCard) -> None:
    flow.paragraph(f"SCORECARD BY OWNER · {deck.cycle}", KICKER)
    flow.skip(2)
    flow.paragraph(card.owner, TITLE)
    count = len(card.objectives)
    facts = [card.role, card.level, f"{count} objective{'' if count == 1 else 's'}"]
    flow.paragraph(" · ".join(part for part in facts if part), FACTS)
    for objective in card.objectives:
        flow.skip(10)
        flow.need(SUBTITLE.leading * 2 + FACTS.leading * 2)
        flow.paragraph(objective.title, SUBTITLE)
        flow.paragraph(_facts(objective, with_owner=False), FACTS)
        _progress(flow, objective.progress, objective.score, objective.score_note)
        _key_results(flow, objective)


def _facts(card: ObjectiveCard, *, with_owner: bool = True) -> str:
    parts = [f"Owner {card.owner}" + (f" ({card.level})" if card.level else "")] if with_owner \
        else []
    parts += [f"Cycle {card.cycle}", card.commitment, status_line(card)]
    return " · ".join(part for part in parts if part)


def _progress(flow: Flow, progress: float, score: float | None, note: str) -> None:
    flow.need(FACTS.leading + 8)
    flow.skip(6)
    size = 12.0
    flow.bar(flow.left, flow.y - size, BIG_BAR, size * 0.8, progress, band_color(progress))
    canvas = flow.canvas
    flow.set_font(BOLD, size)
    flow.ink(INK)
    text = f"{percent(progress)} progress"
    if score is not None:
        text += f" · final score {score_text(score)}"
    canvas.drawString(flow.left + BIG_BAR + 8, flow.y - size + 1, text)
    flow.skip(size + 4)
    if score is not None and note:
        flow.paragraph(f"Score note: {note}", NOTE)


def _key_results(flow: Flow, card: ObjectiveCard) -> None:
    flow.skip(10)
    flow.need(HEADING.leading + HEAD.leading + CELL.leading * 2 + 8)
    count = len(card.key_results)
    flow.lines([f"Key results ({count})"], HEADING)
    if not card.key_results:
        flow.paragraph("No key results yet.", NOTE)
        return
    columns = list(COLUMNS)
    if any(kr.score is not None for kr in card.key_results):
        columns.append(SCORE_COLUMN)
    places = _places(flow, "Key result", columns)
    heads = _heads(places)
    heads(flow)
    for kr in card.key_results:
        flow.row(_kr_cells(kr, places), before=heads, rule=not kr.note)
        if kr.note:
            note = f"Last check-in {kr.noted_on}: {kr.note}" if kr.noted_on else kr.note
            x = places["Key result"][0]
            flow.row([cell(note, NOTE, x + 10, flow.right - x - 10)], pad=1.5, before=heads)


def _places(flow: Flow, first: str,
            columns: list[tuple[str, float]]) -> dict[str, tuple[float, float]]:
    """Each column's left edge and width; the first column (the titles) takes the rest."""
    fixed = sum(width for _, width in columns)
    places = {first: (flow.left, flow.text_width - fixed - GAP)}
    x = flow.right - fixed
    for name, width in columns:
        places[name] = (x, width - GAP)
        x += width
    return places


def _heads(places: dict[str, tuple[float, float]]) -> Callable[[Flow], None]:
    def draw(flow: Flow) -> None:
        cells = [cell(name, HEAD, x, width, align="right" if name in NUMERIC else "left")
                 for name, (x, width) in places.items()]
        flow.row(cells, pad=2.0)
    return draw


def _kr_cells(kr: KeyResultLine, places: dict[str, tuple[float, float]]) -> list[Cell]:
    values = {"Key result": kr.title, "Owner": kr.owner, "Start": kr.start,
              "Target": kr.target, "Current": kr.current, "Unit": kr.unit,
              "Progress": percent(kr.progress), "Confidence": kr.confidence,
              "Status": status_words(kr.status), "Score": score_text(kr.score)}
    cells = []
    for name, (x, width) in places.items():
        style = CELL
        if name == "Status":
            style = Style(BOLD, CELL.size, status_color(kr.status))
        options: dict[str, object] = {"align": "right" if name in NUMERIC else "left"}
        if name == "Progress":
            options = {"align": "right", "bar": kr.progress, "bar_color": band_color(kr.progress)}
        cells.append(cell(values[name], style, x, width, **options))
    return cells


def _reflections(flow: Flow, card: ObjectiveCard) -> None:
    if not card.reflections:
        return
    flow.skip(10)
    flow.need(HEADING.leading + FACTS.leading * 2)
    flow.lines(["Looking back"], HEADING)
    for label, text in card.reflections:
        flow.paragraph(f"{label}: {text}", FACTS)


def _aligned(flow: Flow, card: ObjectiveCard) -> None:
    if not card.aligned:
        return
    flow.skip(10)
    flow.need(HEADING.leading + HEAD.leading + CELL.leading * 2 + 8)
    flow.lines([f"Aligned under this objective ({len(card.aligned)})"], HEADING)
    places = _places(flow, "Objective", list(ALIGNED_COLUMNS))
    heads = _heads(places)
    heads(flow)
    for line in card.aligned:
        x, width = places["Objective"]
        flow.row([
            cell(line.title, CELL, x, width),
            cell(line.owner, CELL, *places["Owner"]),
            cell(percent(line.progress), CELL, *places["Progress"], align="right",
                 bar=line.progress, bar_color=band_color(line.progress)),
            cell(status_words(line.status), Style(BOLD, CELL.size, status_color(line.status)),
                 *places["Status"]),
        ], before=heads)


def _running_head(title: str) -> Callable[[Flow], None]:
    def draw(flow: Flow) -> None:
        text = shortened(title, RUNNING.font, RUNNING.size, flow.text_width - 90)
        flow.lines([f"{text} (continued)"], RUNNING)
        flow.skip(4)
        flow.rule()
        flow.skip(4)
    return draw
