"""Key results read from plain words: a table of phrasings, hostile text, and agreement with the
quality checks on a real plan file."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okrdesk.analytics import quality_findings
from okrdesk.analytics.quality import PLACEHOLDER
from okrdesk.authoring import KeyResultReading, read_key_result
from okrdesk.authoring.bounds import TITLE_MAX_CHARS, UNIT_MAX_CHARS, VALUE_LIMIT
from okrdesk.model import KrKind
from tests.core.builders import small_org

UP, DOWN = KrKind.INCREASE, KrKind.DECREASE
ABOVE, BELOW = KrKind.STAY_ABOVE, KrKind.STAY_BELOW
DONE, NONE = KrKind.MILESTONE, KrKind.NO_METRIC

# phrase -> kind, start, target, unit
PHRASES: list[tuple[str, KrKind, float | None, float | None, str]] = [
    # from ... to ...: the numbers give the direction when the verb does not
    ("Raise NPS from 30 to 45", UP, 30, 45, "NPS"),
    ("Cut churn from 4% to 2%", DOWN, 4, 2, "%"),
    ("Move NPS from 30 to 45", UP, 30, 45, "NPS"),
    ("Improve latency from 300ms to 200ms", DOWN, 300, 200, "ms"),
    ("Increase weekly active users from 1,000 to 5,000", UP, 1000, 5000,
     "weekly active users"),
    ("Grow followers from 1k to 10k", UP, 1000, 10000, "followers"),
    ("NPS raised from 30 to 45", UP, 30, 45, "NPS"),
    ("Grow NPS 30 → 45", UP, 30, 45, "NPS"),
    ("Raise NPS from -5 to 20", UP, -5, 20, "NPS"),
    ("Grow share from 10 % to 20 %", UP, 10, 20, "%"),
    # to ...: no start
    ("Grow ARR to $5M", UP, None, 5_000_000, "$"),
    ("Grow MRR to €1.5m", UP, None, 1_500_000, "€"),
    ("Reach £2.5bn in bookings", UP, None, 2_500_000_000, "£"),
    ("Keep debt under USD 2bn", BELOW, None, 2_000_000_000, "USD"),
    ("Get churn to 2%", DOWN, None, 2, "%"),
    ("Reduce p95 latency to 200ms", DOWN, None, 200, "ms"),
    ("Lower average response time to under 2 hours", DOWN, None, 2, "hours"),
    ("Reach 10,000 weekly active users", UP, None, 10000, "weekly active users"),
    ("Reach 1m users", UP, None, 1_000_000, "users"),
    ("Cut load time to 5m", DOWN, None, 5, "m"),
    # thresholds: kept above or below unless a verb of change says otherwise
    ("Keep uptime above 99.9%", ABOVE, None, 99.9, "%"),
    ("Keep CAC under $200", BELOW, None, 200, "$"),
    ("No more than 5 P1 incidents per quarter", BELOW, None, 5, "P1 incidents"),
    ("Less than 2% churn", BELOW, None, 2, "%"),
    ("Keep NPS at or above 45", ABOVE, None, 45, "NPS"),
    ("Hold churn at 2%", BELOW, None, 2, "%"),
    ("Maintain 99.9% uptime", ABOVE, None, 99.9, "%"),
    ("Reduce churn below 2%", DOWN, None, 2, "%"),
    ("Win at least 30 new customers in EMEA by Q3", UP, 0, 30, "new customers"),
    ("Win 30+ customers", UP, 0, 30, "customers"),
    ("Keep 5 or fewer P1 incidents", BELOW, None, 5, "P1 incidents"),
    # counts: the first number after the verb; a number inside a name is no target
    ("Win 30 Fortune 500 companies", UP, 0, 30, "Fortune 500 companies"),
    ("Hire 5 engineers", UP, 0, 5, "engineers"),
    ("Launch 3 new products", UP, 0, 3, "new products"),
    ("Publish 12 blog posts", UP, 0, 12, "blog posts"),
    ("30 new customers", UP, 0, 30, "new customers"),
    ("Win 1e6 customers", UP, 0, 1_000_000, "customers"),
    # multiplied, or changed by an amount: a start is needed for a target
    ("Double revenue from $2M", UP, 2_000_000, 4_000_000, "$"),
    ("Halve churn from 4%", DOWN, 4, 2, "%"),
    ("Grow revenue 3x from $1M", UP, 1_000_000, 3_000_000, "$"),
    ("Grow revenue 3 times from ¥1M", UP, 1_000_000, 3_000_000, "¥"),
    ("Double ARR to $10M", UP, 5_000_000, 10_000_000, "$"),
    ("Grow revenue from $1M by 20%", UP, 1_000_000, 1_200_000, "$"),
    ("Double the number of paying customers", UP, None, None, ""),
    ("Increase revenue by 20%", UP, None, None, ""),
    ("Reduce costs by $200k", DOWN, None, None, "$"),
    ("Generate 20% more leads", UP, None, None, ""),
    ("Grow revenue", UP, None, None, ""),
    # milestones: done or not
    ("Launch the app by June", DONE, None, None, ""),
    ("GDPR policy fully implemented", DONE, None, None, ""),
    ("Hire a CFO", DONE, None, None, ""),
    ("Ship v2.0 by 2027-03-31", DONE, None, None, ""),
    ("Get ISO 27001 certified by Q3", DONE, None, None, ""),
    ("Achieve SOC 2 compliance", DONE, None, None, ""),
    ("Reach break-even by Q4", DONE, None, None, ""),
    ("Customer portal by Q3", DONE, None, None, ""),
    # nothing measurable
    ("Improve onboarding", NONE, None, None, ""),
    ("Keep the team happy", NONE, None, None, ""),
    ("Become the market leader", NONE, None, None, ""),
]


@pytest.mark.parametrize(("phrase", "kind", "start", "target", "unit"), PHRASES,
                         ids=[row[0] for row in PHRASES])
def test_phrasings(phrase: str, kind: KrKind, start: float | None, target: float | None,
                   unit: str) -> None:
    reading = read_key_result(phrase)
    assert (reading.kind, reading.start, reading.target, reading.unit) == \
        (kind, start, target, unit), reading.explanation
    assert reading.title == phrase
    assert not reading.placeholder


@pytest.mark.parametrize(("phrase", "explanation"), [
    ("Raise NPS from 30 to 45", "increase from 30 to 45 NPS"),
    ("Cut churn from 4% to 2%", "decrease from 4% to 2%"),
    ("Keep uptime above 99.9%", "stay above 99.9%"),
    ("Grow ARR to $5M", "increase to $5,000,000; no starting value"),
    ("Win 30 Fortune 500 companies", "increase from 0 to 30 Fortune 500 companies"),
    ("Launch the app by June", "milestone: done or not, by June"),
    ("Increase revenue by 20%", "increase by 20%: no starting value, so no target; write "
                                "“from X to Y”"),
    ("Raise NPS from 45 to 30", "decrease from 45 to 30 NPS; the words say increase but the "
                                "numbers go down"),
    ("Improve onboarding", "no metric: no number, direction or milestone found"),
])
def test_explanations(phrase: str, explanation: str) -> None:
    assert read_key_result(phrase).explanation == explanation


@pytest.mark.parametrize(("phrase", "deadline"), [
    ("Launch the app by June", "by June"),
    ("Sign 12 partners in Q3 2027", "in Q3 2027"),
    ("Ship it before the end of Q3 2027", "before the end of Q3 2027"),
    ("GDPR policy fully implemented by 2027-03-31", "by 2027-03-31"),
    ("Hit 30 in 90 days", "in 90 days"),
])
def test_deadlines_are_not_numbers(phrase: str, deadline: str) -> None:
    reading = read_key_result(phrase)
    assert reading.deadline == deadline
    assert reading.target in (None, 12, 30)


@pytest.mark.parametrize(("phrase", "unit"), [
    ("x new followers", "new followers"),
    ("Grow followers from Xr to Yr", ""),
    ("N customers onboarded", "customers onboarded"),
    ("Revenue TBD", ""),
    ("Reach $X in ARR", "$"),
    ("Keep churn under X%", "%"),
    ("Sign ?? partners", "partners"),
])
def test_placeholders_invent_no_numbers(phrase: str, unit: str) -> None:
    reading = read_key_result(phrase)
    assert reading.placeholder
    assert (reading.start, reading.target, reading.unit) == (None, None, unit)
    assert reading.kind in (UP, DOWN, ABOVE, BELOW)  # a measurable kind still without a target
    assert reading.explanation.startswith("placeholder: ")


def test_the_kind_of_a_placeholder_follows_its_words() -> None:
    assert read_key_result("Keep churn under X%").kind is BELOW
    assert read_key_result("Reduce bugs to N").kind is DOWN
    assert read_key_result("x new followers").kind is UP


@pytest.mark.parametrize(("text", "title", "kind", "target"), [
    ("", "", NONE, None),
    ("   \n\t  ", "", NONE, None),
    ("Raise\x00 NPS from 30 to 45", "Raise NPS from 30 to 45", UP, 45),
    ("Raise NPS\u202e from 30 to 45", "Raise NPS from 30 to 45", UP, 45),
    ("“Raise NPS from 30 to 45.”", "Raise NPS from 30 to 45", UP, 45),
    ('"Sell" 30 "Pro" plans', '"Sell" 30 "Pro" plans', UP, 30),
    ("🚀 Raise NPS from 30 to 45 🎉", "🚀 Raise NPS from 30 to 45 🎉", UP, 45),
    ("زيادة المبيعات من 30 إلى 45", "زيادة المبيعات من 30 إلى 45", UP, 30),
    ("Win 99999999999999999999 customers", "Win 99999999999999999999 customers", NONE, None),
    ("Win 10^400 customers", "Win 10^400 customers", NONE, None),
    ("Grow revenue from $1bn to $9,000,000bn", "Grow revenue from $1bn to $9,000,000bn", NONE,
     None),
    ("Win \ud800 30 customers", "Win 30 customers", UP, 30),
])
def test_hostile_text(text: str, title: str, kind: KrKind, target: float | None) -> None:
    reading = read_key_result(text)
    assert (reading.title, reading.kind, reading.target) == (title, kind, target)


def test_numbers_beyond_the_limit_are_refused_with_the_limit() -> None:
    reading = read_key_result("Win 1e30 customers")
    assert reading.kind is NONE
    assert reading.explanation == ("no metric: the number “1e30” is beyond "
                                   "±1,000,000,000,000,000")


def test_a_long_phrase_is_cut_and_not_read() -> None:
    reading = read_key_result("Raise NPS from 30 to 45 " + "and more " * 100)
    assert reading.kind is NONE and reading.target is None
    assert len(reading.title) == TITLE_MAX_CHARS
    assert f"longer than {TITLE_MAX_CHARS} characters" in reading.explanation


def test_a_long_unit_is_cut_to_whole_words() -> None:
    reading = read_key_result("Win 30 extraordinarily enthusiastic enterprise customers")
    assert reading.unit == "extraordinarily enthusiastic enterprise"
    assert len(reading.unit) <= UNIT_MAX_CHARS


def test_not_text_gives_a_reading() -> None:
    reading = read_key_result(42)  # type: ignore[arg-type]
    assert reading.kind is NONE and reading.explanation == "no metric: the phrase is not text"


def _sound(reading: KeyResultReading) -> None:
    for value in (reading.start, reading.target):
        assert value is None or (math.isfinite(value) and abs(value) <= VALUE_LIMIT)
    assert len(reading.title) <= TITLE_MAX_CHARS and len(reading.unit) <= UNIT_MAX_CHARS
    assert reading.explanation
    if reading.placeholder or reading.kind in (DONE, NONE):
        assert reading.start is None and reading.target is None
    if reading.kind in (ABOVE, BELOW):
        assert reading.target is not None or reading.placeholder
    if reading.start is not None and reading.target is not None:
        assert (reading.target > reading.start) == (reading.kind is UP)
    if PLACEHOLDER.search(reading.title):
        assert reading.placeholder  # whatever the quality check calls a placeholder


_WORDS = st.sampled_from([
    "Raise", "NPS", "from", "to", "30", "45", "$5M", "x", "Xr", "N", "TBD", "keep", "above",
    "below", "by", "June", "Q3", "2027-03-31", "1,000", "99.9%", "1e30", "fully",
    "implemented", "Launch", "win", "Fortune", "500", "double", "halve", "-5", "→", "at",
    "least", "of", "20%", "more", "churn", "3x", "🚀", "\u202e", "\x00", '"', "k", "m", "bn",
    "€", "per", "new", "customers", "...", "??", ":", "=", "no", "than", "under",
])


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), st.lists(_WORDS, max_size=12).map(" ".join),
                 st.lists(st.one_of(_WORDS, st.text(max_size=3)), max_size=12).map("".join)))
def test_any_text_gives_a_sound_reading(text: str) -> None:
    _sound(read_key_result(text))


def test_readings_agree_with_the_quality_checks(tmp_path: Path) -> None:
    """Stored through the real operation, a reading with a target raises no finding about
    measurability, and every placeholder is flagged."""
    phrases = [row[0] for row in PHRASES] + ["x new followers", "Grow followers from Xr to Yr",
                                              "N customers onboarded", "Revenue TBD"]
    with small_org(tmp_path / "plan.okr") as org:
        krs: dict[str, KeyResultReading] = {}
        for n, phrase in enumerate(phrases):
            objective = org.objective("Alex Chen", f"Objective {n}")
            krs[org.key_result(objective, **read_key_result(phrase).key_result_fields())] = \
                read_key_result(phrase)
        flagged = {f.key_result_id for f in quality_findings(org.snapshot(), None)
                   if f.code in ("no_measurable_target", "placeholder_target")}
    for kr_id, reading in krs.items():
        expected = reading.placeholder or (reading.kind in (UP, DOWN, ABOVE, BELOW)
                                           and reading.target is None)
        assert (kr_id in flagged) == expected, reading
    assert sum(r.placeholder for r in krs.values()) == 4
