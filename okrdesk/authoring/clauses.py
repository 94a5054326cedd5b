"""The parts of a key result phrase around its numbers: "from 30 to 45", "above 99.9%", "by 20%".

A phrase is read through its frame: the phrase with each amount replaced by a marker
(\\x00 index \\x01), so that the patterns here see words and numbered slots only. Control
characters never reach this point, so the markers cannot clash with the text. The patterns
match the lower-case frame (same length, same places); units are taken from the frame as
written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from okrdesk.authoring.bounds import UNIT_MAX_CHARS
from okrdesk.authoring.numbers import Amount


def _slot(name: str) -> str:
    return rf"\x00(?P<{name}>[0-9]+)\x01"


_ABOUT = r"(?:(?:about|around|approximately|approx\.?|roughly|nearly|almost|~)\s*)?"
_ABOVE = (r"at\s+or\s+above|at\s+least|no\s+less\s+than|not\s+less\s+than|no\s+fewer\s+than|"
          r"more\s+than|greater\s+than|higher\s+than|above|over|beyond|minimum(?:\s+of)?|min\.?|"
          r"not\s+below|not\s+under|>=|≥|>")
_BELOW = (r"at\s+or\s+below|at\s+most|no\s+more\s+than|not\s+more\s+than|less\s+than|"
          r"fewer\s+than|lower\s+than|below|under|beneath|maximum(?:\s+of)?|max\.?|not\s+above|"
          r"not\s+over|not\s+(?:to\s+)?exceed(?:ing)?|within|up\s+to|<=|≤|<")
_ARROW = r"(?:\bto\b|→|->|=>|⇒)"

FROM_TO = re.compile(
    rf"(?:\bfrom\s+{_ABOUT}{_slot('a')}(?P<mid>[^\x00]{{0,40}}?)\s*{_ARROW}"
    rf"|{_slot('a2')}\s*(?:→|->|=>|⇒))"
    rf"\s*(?:(?P<q>{_ABOVE}|{_BELOW})\s*)?{_ABOUT}{_slot('b')}")
FROM = re.compile(rf"\bfrom\s+{_ABOUT}{_slot('a')}")
TARGET = re.compile(
    rf"(?:(?P<kw>\bto|(?<!\x01 )\bof|\bat|\breach(?:es|ing)?|\bhit(?:s|ting)?|=|:)\s*"
    rf"(?:(?P<q>{_ABOVE}|{_BELOW})\s*)?|(?P<q2>{_ABOVE}|{_BELOW})\s*){_ABOUT}{_slot('b')}"
    rf"|{_slot('p')}\s*(?P<post>\+|or\s+(?:more|higher|above|better|less|fewer|lower|below)\b"
    rf"|and\s+(?:above|below)\b)")
BY = re.compile(
    rf"\bby\s+(?:(?:at\s+least|over|more\s+than|about|around)\s+)?{_slot('b')}"
    rf"|{_slot('r')}\s+(?P<rel>more|less|fewer|growth|increase|decrease|reduction|"
    rf"improvement|uplift|higher|lower|up|down|rise|drop|gain|cut)\b")
_BELOW_ONLY = re.compile(rf"^(?:{_BELOW})$")
_DOWNWARD = frozenset({"less", "fewer", "decrease", "reduction", "lower", "down", "drop", "cut"})

_STOP = frozenset({
    "by", "in", "from", "to", "before", "within", "per", "for", "at", "across", "through",
    "with", "on", "during", "until", "and", "or", "while", "so", "that", "which", "who", "via",
    "using", "into", "than", "each", "every", "as", "among", "of", "a", "an", "the", "over",
    "under", "above", "below", "up", "down", "more", "less", "fewer", "is", "are", "be",
})
_LEADING = re.compile(r"^(?:(?:the|our|a|an|your|their|its|my|total|overall)\s+|"
                      r"(?:number|amount|count|level|rate|share)\s+of\s+)+", re.IGNORECASE)
_TOKEN = re.compile(r"[^\s\x00\x01]+")


@dataclass(frozen=True, slots=True)
class Clause:
    """Where a target is said, and how."""

    target: int
    """Index of the target amount."""
    start: int | None
    """Index of the starting amount, when the clause names one."""
    side: str
    """"above", "below" or "" (a plain "to", "of", "at")."""
    word: str
    """The keyword before the target ("to", "at", ...) or the relative word ("more")."""
    begin: int
    """Where the clause starts in the frame."""
    end: int
    """Where it ends: the unit's words follow ("30+ customers")."""
    mid: str = ""


def frame_of(body: str, amounts: Sequence[Amount]) -> str:
    parts: list[str] = []
    last = 0
    for index, amount in enumerate(amounts):
        parts += [body[last:amount.start], f"\x00{index}\x01"]
        last = amount.end
    parts.append(body[last:])
    return "".join(parts)


def _side(words: str | None) -> str:
    if not words:
        return ""
    return "below" if _BELOW_ONLY.match(" ".join(words.split())) else "above"


def from_to(frame: str, low: str) -> Clause | None:
    match = FROM_TO.search(low)
    if match is None:
        return None
    start = match["a"] if match["a"] is not None else match["a2"]
    mid = frame[match.start("mid"):match.end("mid")] if match["mid"] else ""
    return Clause(int(match["b"]), int(start), _side(match["q"]), "to", match.start(),
                  match.end(), mid.strip())


def starting_amount(low: str, not_index: int | None = None) -> int | None:
    for match in FROM.finditer(low):
        if int(match["a"]) != not_index:
            return int(match["a"])
    return None


def target(low: str) -> Clause | None:
    match = TARGET.search(low)
    if match is None:
        return None
    if match["p"] is not None:
        post = match["post"]
        side = "below" if any(w in post for w in ("less", "fewer", "lower", "below")) else \
            "above"
        return Clause(int(match["p"]), None, side, "", match.start(), match.end())
    side = _side(match["q"] or match["q2"])
    return Clause(int(match["b"]), None, side, match["kw"] or "", match.start(), match.end())


def relative(low: str) -> tuple[int, bool] | None:
    """The amount of a change ("by 20%", "20% more") and whether the words say it goes down."""
    match = BY.search(low)
    if match is None:
        return None
    if match["b"] is not None:
        return int(match["b"]), False
    return int(match["r"]), match["rel"] in _DOWNWARD


def words_after(frame: str, position: int) -> str:
    """The unit written after a number: "Fortune 500 companies", "new customers"."""
    taken: list[str] = []
    for match in _TOKEN.finditer(frame, position):
        if match.start() > position and frame[position:match.start()].strip(" "):
            break  # a marker or a gap of other characters comes first
        word = match.group(0)
        bare = word.rstrip(",;:.!?)]}\"'”’")
        if not bare or not any(c.isalnum() for c in bare) or bare.lower() in _STOP:
            break
        taken.append(bare)
        position = match.end()
        if bare != word or len(taken) == 4:
            break
    return fit_unit(" ".join(taken))


def metric_name(frame: str, begin: int, end: int) -> str:
    """The words naming what is measured, between the verb and the clause: "NPS"."""
    span = frame[begin:end]
    if "\x00" in span:
        return ""
    words = _LEADING.sub("", " ".join(span.strip(" ,:;-–—").split()))
    if not words or len(words.split()) > 4:
        return ""
    return fit_unit(words)


def fit_unit(words: str) -> str:
    """Whole words fitting the unit column; a single longer word is cut."""
    while len(words) > UNIT_MAX_CHARS and " " in words:
        words = words.rsplit(" ", 1)[0]
    return words[:UNIT_MAX_CHARS]
