"""Objectives and key results from a plain-text outline pasted from an e-mail or a document,
and the same shape written back. docs/AUTHORING.md describes the format."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from okrdesk.authoring.bounds import LINE_MAX_CHARS, OUTLINE_MAX_CHARS, TITLE_MAX_CHARS
from okrdesk.authoring.outline_lines import (
    Line,
    clean_title,
    indent_of,
    is_separator,
    rank,
    split_marker,
    unsafe,
)

_LINE_END = re.compile(r"\r\n|\r|\n")
_HEADING_WORDS = re.compile(r"\b(?:okrs?|objectives|key\s+results)\b", re.IGNORECASE)


@dataclass(frozen=True)
class OutlineObjective:
    title: str
    key_results: list[str] = field(default_factory=list)
    line: int = 0
    """The line of the outline it was read from (1 is the first; 0 when not read)."""


@dataclass(frozen=True)
class OutlineWarning:
    line: int
    """The line concerned (1 is the first); 0 for the outline as a whole."""
    message: str

    def __str__(self) -> str:
        return f"Line {self.line}: {self.message}" if self.line else self.message


@dataclass(frozen=True)
class OutlineResult:
    objectives: list[OutlineObjective]
    warnings: list[OutlineWarning]


def parse_outline(text: str) -> OutlineResult:
    """Objectives with their key results, and a warning for each line skipped or odd."""
    if not isinstance(text, str):
        return OutlineResult([], [OutlineWarning(0, "The outline is not text.")])
    if len(text) > OUTLINE_MAX_CHARS:
        return OutlineResult([], [OutlineWarning(
            0, f"The outline is longer than {OUTLINE_MAX_CHARS:,} characters "
               f"({len(text):,}): not read.")])
    warnings: list[OutlineWarning] = []
    lines = _read_lines(text, warnings)
    if not lines:
        return OutlineResult([], warnings)
    objectives = _arrange(lines, warnings)
    objectives = _drop_heading(objectives, lines, warnings)
    if any(o.key_results for o in objectives):
        warnings += [OutlineWarning(o.line, f"“{_short(o.title)}” has no key results under it.")
                     for o in objectives if not o.key_results]
    warnings.sort(key=lambda w: w.line)
    return OutlineResult(objectives, warnings)


def format_outline(objectives: Iterable[OutlineObjective]) -> str:
    """The outline in the shape parse_outline reads back: objectives at the margin, key results
    indented with "-", a blank line between objectives; "Objective:" and "Key result:" only
    where a title would otherwise read as something else."""
    items = list(objectives)
    labelled = any(not _reads_back(o.title, "") for o in items) or (
        len(items) > 1 and not items[0].key_results and _heading_like(items[0].title))
    lines: list[str] = []
    for objective in items:
        if lines:
            lines.append("")
        lines.append(f"Objective: {objective.title}" if labelled else objective.title)
        for title in objective.key_results:
            plain = _reads_back(f"- {title}", "-") and split_marker(f"- {title}")[2] == title
            lines.append(f"  - {title}" if plain else f"  - Key result: {title}")
    return "\n".join(lines) + "\n" if lines else ""


def _reads_back(content: str, style: str) -> bool:
    if is_separator(content):
        return False
    found_style, label, title = split_marker(content)
    return found_style == style and not label and bool(title) and (
        bool(style) or title == content)


def _read_lines(text: str, warnings: list[OutlineWarning]) -> list[Line]:
    lines: list[Line] = []
    paragraph = 0
    for number, raw in enumerate(_LINE_END.split(text), start=1):
        if len(raw) > LINE_MAX_CHARS:
            warnings.append(OutlineWarning(number, f"longer than {LINE_MAX_CHARS:,} characters "
                                           f"({len(raw):,}): skipped."))
            continue
        indent, rest = indent_of(raw)
        if unsafe(rest):
            warnings.append(OutlineWarning(number, "control or hidden characters removed."))
        content = clean_title(rest)
        if not content:
            paragraph += 1 if lines and lines[-1].paragraph == paragraph else 0
            continue
        if is_separator(content):
            continue
        style, label, title = split_marker(content)
        if not title:
            warnings.append(OutlineWarning(number, "an item with no text: skipped."))
            continue
        if len(title) > TITLE_MAX_CHARS:
            warnings.append(OutlineWarning(number, f"a title longer than {TITLE_MAX_CHARS:,} "
                                           f"characters ({len(title):,}): skipped."))
            continue
        lines.append(Line(number, indent, style, label, title, paragraph))
    return lines


def _arrange(lines: list[Line], warnings: list[OutlineWarning]) -> list[OutlineObjective]:
    labelled = any(line.label == "objective" for line in lines)
    margin = min((line.indent for line in lines if not line.label), default=0)
    outer = "" if labelled or all(line.label for line in lines) else _outer_style(lines, margin)
    if not labelled and _by_paragraphs(lines, margin):
        return _paragraphs(lines)
    objectives: list[OutlineObjective] = []
    kr_indent: int | None = None
    for line in lines:
        at_margin = line.indent == margin and not line.label
        if line.label == "objective" or (at_margin and line.style == outer and not labelled):
            objectives.append(OutlineObjective(line.title, [], line.number))
            kr_indent = None
        elif at_margin and _shallower_heading(line.style, outer):
            warnings.append(OutlineWarning(line.number, f"“{_short(line.title)}” read as a "
                                           "heading: skipped."))
        elif not objectives:
            warnings.append(OutlineWarning(line.number, f"“{_short(line.title)}” comes before "
                                           "the first objective: skipped."))
        elif line.label == "key_result" or kr_indent is None or line.indent <= kr_indent:
            if kr_indent is None and line.label != "key_result":
                kr_indent = line.indent
            objectives[-1].key_results.append(line.title)
        else:
            warnings.append(OutlineWarning(line.number, f"“{_short(line.title)}” is nested "
                                           "under a key result: skipped (a key result has no "
                                           "parts)."))
    return objectives


def _outer_style(lines: list[Line], margin: int) -> str:
    """The marker style of objectives: of the styles at the margin, the one with the most
    lines that have something under them (deeper, or of another style); then the one with
    more deeper items, then the outer kind of marker, then the one starting earlier."""
    bullets: list[str] = []
    for line in lines:
        if line.style and line.style[0] not in "#1Aa" and line.style not in bullets:
            bullets.append(line.style)
    score: dict[str, list[int]] = {}
    for position, line in enumerate(lines):
        if line.indent != margin or line.label:
            continue
        entry = score.setdefault(line.style, [0, 0, position])
        following = lines[position + 1] if position + 1 < len(lines) else None
        if following is not None and following.indent > margin:
            entry[0] += 1
            entry[1] += 1
        elif following is not None and following.style != line.style:
            entry[0] += 1
    return min(score, key=lambda style: (-score[style][0], -score[style][1],
                                         rank(style, bullets), score[style][2]))


def _shallower_heading(style: str, outer: str) -> bool:
    return style.startswith("#") and outer.startswith("#") and style < outer


def _by_paragraphs(lines: list[Line], margin: int) -> bool:
    """Plain lines only, in blocks separated by blank lines: each block's first line is the
    objective and the others its key results."""
    if any(line.style or line.label or line.indent != margin for line in lines):
        return False
    sizes: dict[int, int] = {}
    for line in lines:
        sizes[line.paragraph] = sizes.get(line.paragraph, 0) + 1
    return len(sizes) > 1 and max(sizes.values()) > 1


def _paragraphs(lines: list[Line]) -> list[OutlineObjective]:
    objectives: list[OutlineObjective] = []
    paragraph = -1
    for line in lines:
        if line.paragraph != paragraph:
            paragraph = line.paragraph
            objectives.append(OutlineObjective(line.title, [], line.number))
        else:
            objectives[-1].key_results.append(line.title)
    return objectives


def _drop_heading(objectives: list[OutlineObjective], lines: list[Line],
                  warnings: list[OutlineWarning]) -> list[OutlineObjective]:
    """A first line like "Q3 OKRs:" with nothing under it is a heading, not an objective."""
    if len(objectives) < 2 or objectives[0].key_results:
        return objectives
    first = objectives[0]
    line = next(line for line in lines if line.number == first.line)
    if line.label or not _heading_like(first.title):
        return objectives
    warnings.append(OutlineWarning(first.line, f"“{_short(first.title)}” read as a heading: "
                                   "skipped."))
    return objectives[1:]


def _heading_like(title: str) -> bool:
    return title.endswith(":") or _HEADING_WORDS.search(title) is not None


def _short(title: str) -> str:
    return title if len(title) <= 60 else title[:57] + "…"
