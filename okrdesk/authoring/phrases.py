"""A key result read from plain English words: "Raise NPS from 30 to 45" is an increase from 30
to 45 in NPS. Deterministic, never raises; docs/AUTHORING.md lists what is understood."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from okrdesk.authoring import clauses
from okrdesk.authoring.bounds import TITLE_MAX_CHARS, VALUE_LIMIT
from okrdesk.authoring.clauses import Clause
from okrdesk.authoring.numbers import Amount, amount_text, number_text, scan_amounts, unit_after
from okrdesk.authoring.text import safe_text
from okrdesk.authoring.words import (
    DEADLINE,
    DONE,
    GRAMMAR,
    LOWER_IS_BETTER,
    MILESTONE,
    NAME_WORDS,
    PLACEHOLDER,
    Verb,
    class_of,
    verb_of,
)
from okrdesk.model import KrKind

_QUOTES = {'"': '"', "“": "”", "'": "'", "‘": "’", "«": "»", "„": "“"}
# These three are matched on lower-case text.
_COUNT_LEAD = re.compile(r"\s*(?:(?:at\s+least|another|an?\s+additional|an?\s+extra|over|"
                         r"more\s+than|up\s+to|about|around|some|the\s+first)\s+)?\x00")
_DOWN = re.compile(r"\bdown\b")
_SIDES = re.compile(r"\b(?:at least|at most|no more|above|below|under|over)\b")
_BELOW = re.compile(r"\b(?:at most|no more|below|under)\b")


@dataclass(frozen=True, slots=True)
class KeyResultReading:
    """What a phrase was understood to say, ready to become a key result."""

    title: str
    kind: KrKind
    start: float | None
    target: float | None
    unit: str
    explanation: str
    placeholder: bool = False
    deadline: str = ""

    def key_result_fields(self) -> dict[str, Any]:
        """Keyword arguments for okrdesk.ops.add_key_result."""
        return {"title": self.title, "kind": self.kind.value, "unit": self.unit,
                "start_value": self.start, "target_value": self.target}


def read_key_result(text: str) -> KeyResultReading:
    """The kind, numbers and unit a phrase says, with a short explanation of the reading."""
    if not isinstance(text, str):
        return _no_metric("", "the phrase is not text")
    title = _tidy(text)
    if not title:
        return _no_metric("", "the phrase is empty")
    if len(title) > TITLE_MAX_CHARS:
        return _no_metric(title[:TITLE_MAX_CHARS], f"the phrase is longer than "
                          f"{TITLE_MAX_CHARS} characters; it was cut and not read for numbers")
    lowered = _lower(title)
    spans = [match.span() for match in DEADLINE.finditer(lowered)]
    deadline = title[spans[0][0]:spans[0][1]] if spans else ""
    return _Reader(title, _without(title, spans), _without(lowered, spans), deadline).read()


def _lower(text: str) -> str:
    """Lower case, character for character, so that places in it are places in the text."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    parts, last = [], 0
    for begin, end in spans:
        parts.append(text[last:begin])
        last = end
    parts.append(text[last:])
    return " ".join(" ".join(parts).split())


def _tidy(text: str) -> str:
    title = safe_text(text[:TITLE_MAX_CHARS * 4])
    while len(title) >= 2 and _QUOTES.get(title[0]) == title[-1] \
            and title[0] not in title[1:-1] and title[-1] not in title[1:-1]:
        title = title[1:-1].strip()
    if title.endswith(".") and not title.endswith(".."):
        title = title[:-1].rstrip()
    return title


def _no_metric(title: str, why: str, deadline: str = "") -> KeyResultReading:
    return KeyResultReading(title, KrKind.NO_METRIC, None, None, "", f"no metric: {why}",
                            deadline=deadline)


class _Reader:
    """One phrase being read; each step returns a reading or None to let the next one try."""

    def __init__(self, title: str, body: str, low: str, deadline: str) -> None:
        self.title = title
        self.body = body
        self.low = low
        self.deadline = deadline
        self.verb = verb_of(body, low)
        self.lower_better = LOWER_IS_BETTER.search(low) is not None \
            or _DOWN.search(low) is not None
        self.amounts: list[Amount] = []
        self.frame = body
        self.frame_low = low

    def read(self) -> KeyResultReading:
        placeholder = PLACEHOLDER.search(self.title)
        if placeholder is not None:
            return self.placeholder(placeholder)
        self.amounts = [a for a in scan_amounts(self.body) if not self.in_a_name(a)]
        for amount in self.amounts:
            if not math.isfinite(amount.value) or abs(amount.value) > VALUE_LIMIT:
                return _no_metric(self.title, f"the number “{amount.written}” is beyond "
                                  f"±{number_text(VALUE_LIMIT)}", self.deadline)
        self.frame = clauses.frame_of(self.body, self.amounts)
        self.frame_low = clauses.frame_of(self.low, self.amounts)
        steps = (self.from_to, self.to_target, self.by_change, self.multiplied, self.milestone,
                 self.count, self.direction_only) if self.amounts else \
            (self.multiplied, self.milestone, self.direction_only)
        for step in steps:
            reading = step()
            if reading is not None:
                return reading
        return _no_metric(self.title, "no number, direction or milestone found",
                          self.deadline)

    # -- the steps, in order ------------------------------------------------------------------

    def from_to(self) -> KeyResultReading | None:
        clause = clauses.from_to(self.frame, self.frame_low)
        if clause is None or clause.start is None:
            return None
        start, target = self.amounts[clause.start], self.amounts[clause.target]
        unit = target.unit or start.unit or self.after(clause.target) or \
            clauses.fit_unit(clause.mid) or self.name_before(clause)
        if start.value == target.value:
            below = clause.side == "below" or self.verb.kind is Verb.DECREASE or \
                self.lower_better
            kind = KrKind.STAY_BELOW if below else KrKind.STAY_ABOVE
            return self.reading(kind, None, target.value, unit)
        return self.measured(start.value, target.value, unit)

    def to_target(self) -> KeyResultReading | None:
        clause = clauses.target(self.frame_low)
        if clause is None:
            return None
        target = self.amounts[clause.target]
        if target.times:
            return None
        unit = target.unit or clauses.words_after(self.frame, clause.end) or \
            self.name_before(clause)
        kind = self.target_kind(clause)
        start_index = clauses.starting_amount(self.frame_low, clause.target)
        start: float | None = None
        if start_index is not None:
            start = self.amounts[start_index].value
        elif self.verb.factor and kind in (KrKind.INCREASE, KrKind.DECREASE):
            start = target.value / self.verb.factor
        elif self.counts_from_none(kind, unit, target.value):
            start = 0.0
        if start is not None and kind in (KrKind.INCREASE, KrKind.DECREASE) \
                and start != target.value:
            return self.measured(start, target.value, unit)
        return self.reading(kind, None, target.value, unit)

    def by_change(self) -> KeyResultReading | None:
        found = clauses.relative(self.frame_low)
        if found is None:
            return None
        index, downward = found
        change = self.amounts[index]
        down = downward or self.verb.kind is Verb.DECREASE or \
            (self.verb.kind in (Verb.NEUTRAL, None) and self.lower_better)
        return self.changed_by(change, down, clauses.starting_amount(self.frame_low, index))

    def multiplied(self) -> KeyResultReading | None:
        times = next((a for a in self.amounts if a.times), None)
        factor = times.value if times is not None else self.verb.factor
        if not factor:
            return None
        start_index = clauses.starting_amount(self.frame_low)
        kind = KrKind.DECREASE if factor < 1 else KrKind.INCREASE
        shown = "by half" if factor == 0.5 else f"{number_text(factor)}×"
        if start_index is None:
            return self.reading(kind, None, None, "", f"{kind.value} {shown}: no starting "
                                "value, so no target; write “from X”")
        start = self.amounts[start_index]
        return self.measured(start.value, start.value * factor, start.unit
                             or self.after(start_index))

    def milestone(self) -> KeyResultReading | None:
        word = self.verb.word
        counted = self.verb.leading and word in MILESTONE and \
            _COUNT_LEAD.match(self.frame_low, self.verb.end) is not None
        done = (DONE.search(self.low[-48:]) is not None and not self.amounts) or (
            self.verb.leading and word in MILESTONE and not counted) or (
            self.verb.kind is Verb.REACH and not self.amounts) or (
            bool(self.deadline) and not self.amounts
            and self.verb.kind not in (Verb.INCREASE, Verb.DECREASE, Verb.KEEP)
            and self.verb.factor is None)
        if not done:
            return None
        return self.reading(KrKind.MILESTONE, None, None, "", "milestone: done or not")

    def count(self) -> KeyResultReading | None:
        after_verb = [i for i, a in enumerate(self.amounts)
                      if not a.times and a.start >= self.verb.end]
        others = [i for i, a in enumerate(self.amounts) if not a.times]
        if not others:
            return None
        index = (after_verb or others)[0]
        amount = self.amounts[index]
        verb = self.verb.kind
        if verb is Verb.DECREASE or (verb is Verb.INCREASE and amount.unit == "%"):
            return self.changed_by(amount, verb is Verb.DECREASE, None)
        unit = amount.unit or self.after(index) or clauses.metric_name(
            self.frame, self.verb.end if self.verb.leading else 0,
            self.frame.find(f"\x00{index}\x01"))
        if verb is Verb.KEEP:
            kind = KrKind.STAY_BELOW if self.lower_better else KrKind.STAY_ABOVE
        elif self.lower_better and verb not in (Verb.WIN, Verb.REACH, Verb.INCREASE):
            kind = KrKind.DECREASE
        else:
            kind = KrKind.INCREASE
        start = 0.0 if self.counts_from_none(kind, unit, amount.value) else None
        return self.reading(kind, start, amount.value, unit)

    def direction_only(self) -> KeyResultReading | None:
        verb = self.verb.kind
        if verb is Verb.INCREASE or verb is Verb.DECREASE:
            kind = KrKind.INCREASE if verb is Verb.INCREASE else KrKind.DECREASE
            return self.reading(kind, None, None, "", f"{kind.value}, but no number: write "
                                "the target (“from 30 to 45”)")
        return None

    # -- shared by the steps ------------------------------------------------------------------

    def target_kind(self, clause: Clause) -> KrKind:
        verb, side = self.verb.kind, clause.side
        if self.verb.factor:
            return KrKind.INCREASE if self.verb.factor > 1 else KrKind.DECREASE
        if verb in (Verb.INCREASE, Verb.WIN, Verb.REACH):
            return KrKind.INCREASE
        if verb is Verb.DECREASE:
            return KrKind.DECREASE
        if verb is Verb.NEUTRAL and side:
            return KrKind.INCREASE if side == "above" else KrKind.DECREASE
        if verb is Verb.KEEP or side or clause.word == "at":
            if side:
                return KrKind.STAY_ABOVE if side == "above" else KrKind.STAY_BELOW
            return KrKind.STAY_BELOW if self.lower_better else KrKind.STAY_ABOVE
        return KrKind.DECREASE if self.lower_better else KrKind.INCREASE

    def counts_from_none(self, kind: KrKind, unit: str, target: float) -> bool:
        """Things won, hired or launched, and "new" things, are counted from none."""
        if kind is not KrKind.INCREASE or unit == "%" or target <= 0:
            return False
        return self.verb.kind is Verb.WIN or unit.lower().startswith("new ")

    def changed_by(self, change: Amount, down: bool, start_index: int | None
                   ) -> KeyResultReading:
        kind = KrKind.DECREASE if down else KrKind.INCREASE
        sign = -1.0 if down else 1.0
        if start_index is None:
            shown = amount_text(change.value, change.unit) + unit_after(change.unit)
            unit = "" if change.unit == "%" else change.unit
            return self.reading(kind, None, None, unit, f"{kind.value} by {shown}: no "
                                "starting value, so no target; write “from X to Y”")
        start = self.amounts[start_index]
        if change.unit == "%" and start.unit != "%":
            target = start.value * (1 + sign * change.value / 100)
        else:
            target = start.value + sign * change.value
        return self.measured(start.value, target, start.unit or change.unit
                             or self.after(start_index))

    def measured(self, start: float, target: float, unit: str) -> KeyResultReading:
        """An increase or decrease between two numbers: the numbers say which."""
        kind = KrKind.INCREASE if target > start else KrKind.DECREASE
        said = {Verb.INCREASE: KrKind.INCREASE, Verb.DECREASE: KrKind.DECREASE}.get(
            self.verb.kind) if self.verb.leading and self.verb.kind else None
        note = ""
        if said is not None and said is not kind:
            note = f"; the words say {said.value} but the numbers go " + \
                ("up" if kind is KrKind.INCREASE else "down")
        if not math.isfinite(target) or abs(target) > VALUE_LIMIT:
            return _no_metric(self.title, f"the target works out beyond "
                              f"±{number_text(VALUE_LIMIT)}", self.deadline)
        return self.reading(kind, start, target, unit, note=note)

    def reading(self, kind: KrKind, start: float | None, target: float | None, unit: str,
                explanation: str = "", note: str = "") -> KeyResultReading:
        text = explanation or _explain(kind, start, target, unit)
        if self.deadline:
            text += f", {self.deadline}"
        return KeyResultReading(self.title, kind, start, target, unit, text + note,
                                deadline=self.deadline)

    def placeholder(self, found: re.Match[str]) -> KeyResultReading:
        token = found.group(0)
        verb = self.verb.kind
        if verb is Verb.KEEP or (verb is None and _SIDES.search(self.low)):
            below = _BELOW.search(self.low) or self.lower_better
            kind = KrKind.STAY_BELOW if below else KrKind.STAY_ABOVE
        elif verb is Verb.DECREASE or (self.verb.factor or 2) < 1 or \
                (verb in (Verb.NEUTRAL, None) and self.lower_better):
            kind = KrKind.DECREASE
        else:
            kind = KrKind.INCREASE
        sign = next((c for c in token if c in "$€£"), "%" if token.endswith("%") else "")
        unit = sign or clauses.words_after(self.body, found.end())
        return KeyResultReading(
            self.title, kind, None, None, unit, f"placeholder: “{token}” stands where a number "
            "belongs; write the number (none was read)", placeholder=True,
            deadline=self.deadline)

    def after(self, index: int) -> str:
        marker = f"\x00{index}\x01"
        return clauses.words_after(self.frame, self.frame.find(marker) + len(marker))

    def name_before(self, clause: Clause) -> str:
        begin = self.verb.end if self.verb.leading else 0
        end = clause.begin if self.verb.leading or self.verb.kind is None else self.verb.begin
        return clauses.metric_name(self.frame, begin, end)

    def in_a_name(self, amount: Amount) -> bool:
        """A number right after a name ("Fortune 500", "ISO 27001") is part of that name."""
        if not amount.plain or not amount.written.isdigit():
            return False
        before = self.body[:amount.start]
        if not before.endswith(" "):
            return False
        words = before.split()
        if not words or len(before) - len(before.rstrip()) != 1:
            return False
        word = words[-1]
        lower = word.lower()
        if lower in NAME_WORDS:
            return True
        if len(words) == 1 or amount.start <= self.verb.end or lower in GRAMMAR:
            return False
        return word[:1].isupper() and any(c.islower() for c in word[1:]) and \
            class_of(lower)[0] is None


def _explain(kind: KrKind, start: float | None, target: float | None, unit: str) -> str:
    if kind is KrKind.MILESTONE:
        return "milestone: done or not"
    if target is None:
        return f"{kind.value}, no target"
    end = amount_text(target, unit) + unit_after(unit)
    if kind is KrKind.STAY_ABOVE:
        return f"stay above {end}"
    if kind is KrKind.STAY_BELOW:
        return f"stay below {end}"
    if start is None:
        return f"{kind.value} to {end}; no starting value"
    return f"{kind.value} from {amount_text(start, unit)} to {end}"
