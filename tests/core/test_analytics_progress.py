"""Roll-up arithmetic, worked out by hand for each kind of key result."""

from __future__ import annotations

import pytest

from okrdesk.analytics import explain_progress, kr_progress, objective_progress, score_band
from okrdesk.errors import NotFoundError
from tests.core.test_analytics_plans import HandPlan, hand  # noqa: F401


@pytest.fixture
def people(hand: HandPlan) -> tuple[str, str, str]:  # noqa: F811
    boss = hand.person("Ceo", 0)
    vp = hand.person("Vp", 1, "Sales", boss)
    director = hand.person("Director", 2, "Sales", vp)
    return boss, vp, director


METRIC_CASES = [  # kind, start, target, current, progress
    ("increase", 10.0, 60.0, 35.0, 0.5),        # (35 - 10) / (60 - 10)
    ("increase", 10.0, 60.0, 70.0, 1.0),        # past the target: clamped
    ("increase", 10.0, 60.0, 0.0, 0.0),         # below the start: clamped
    ("increase", None, 40.0, 10.0, 0.25),       # no start counts from 0
    ("increase", 10.0, 60.0, None, 0.0),        # no value yet
    ("increase", 5.0, 5.0, 5.0, 1.0),           # start equals target: reached
    ("decrease", 200.0, 100.0, 175.0, 0.25),    # (200 - 175) / (200 - 100)
    ("decrease", 200.0, 100.0, 90.0, 1.0),
    ("stay_above", None, 95.0, 96.0, 1.0),
    ("stay_above", None, 95.0, 94.9, 0.0),
    ("stay_below", None, 5.0, 5.0, 1.0),
    ("stay_below", None, 5.0, 6.0, 0.0),
    ("milestone", 0.0, 1.0, 1.0, 1.0),
    ("milestone", 0.0, 1.0, 0.0, 0.0),
    ("milestone", None, None, None, 0.0),
    ("increase", 0.0, None, 50.0, 0.0),         # no target: nothing to measure
]


def test_metric_kinds(hand: HandPlan, people: tuple[str, str, str]) -> None:  # noqa: F811
    objective = hand.objective(people[0], "Measure")
    krs = [hand.kr(objective, kind=kind, start_value=start, target_value=target,
                   current_value=current) for kind, start, target, current, _ in METRIC_CASES]
    snapshot = hand.snapshot()
    assert [kr_progress(snapshot, kr) for kr in krs] == pytest.approx(
        [case[-1] for case in METRIC_CASES])


def test_weights_make_the_objective_a_weighted_mean(hand: HandPlan,  # noqa: F811
                                                    people: tuple[str, str, str]) -> None:
    objective = hand.objective(people[0], "Weighted")
    hand.kr(objective, "Done", current_value=100.0, weight=3.0)        # 1.0, weight 3
    hand.kr(objective, "Half", current_value=50.0, weight=1.0)         # 0.5, weight 1
    hand.kr(objective, "Not started", current_value=0.0, weight=0.0)   # 0.0, weight 0
    snapshot = hand.snapshot()
    assert objective_progress(snapshot, objective) == pytest.approx((3 * 1.0 + 1 * 0.5) / 4)
    parts = explain_progress(snapshot, objective)
    assert [(p.title, p.progress, p.weight, p.share) for p in parts] == [
        ("Done", 1.0, 3.0, 0.75), ("Half", 0.5, 1.0, 0.25), ("Not started", 0.0, 0.0, 0.0)]


def test_no_key_results_or_no_weight_is_zero(hand: HandPlan,  # noqa: F811
                                            people: tuple[str, str, str]) -> None:
    empty = hand.objective(people[0], "Empty")
    weightless = hand.objective(people[0], "Weightless")
    hand.kr(weightless, current_value=100.0, weight=0.0)
    snapshot = hand.snapshot()
    assert objective_progress(snapshot, empty) == 0.0
    assert objective_progress(snapshot, weightless) == 0.0
    assert explain_progress(snapshot, empty) == []


def test_an_aligned_objective_rolls_into_the_key_result_it_stands_for(
        hand: HandPlan, people: tuple[str, str, str]) -> None:  # noqa: F811
    boss, vp, director = people
    top = hand.objective(boss, "Top")
    hand.kr(top, "Own", current_value=100.0)                     # 1.0
    middle = hand.objective(vp, "Middle")
    stand_in = hand.align_up(middle, top)
    hand.kr(middle, "Middle own", current_value=20.0)            # 0.2
    low = hand.objective(director, "Low")
    hand.align_up(low, middle)
    hand.kr(low, "Low own", current_value=60.0)                  # 0.6
    snapshot = hand.snapshot()
    # middle = mean(0.2, low 0.6) = 0.4; top = mean(1.0, middle 0.4) = 0.7
    assert objective_progress(snapshot, middle) == pytest.approx(0.4)
    assert kr_progress(snapshot, stand_in) == pytest.approx(0.4)
    assert objective_progress(snapshot, top) == pytest.approx(0.7)


def test_no_metric_takes_the_mean_of_the_objectives_under_it(
        hand: HandPlan, people: tuple[str, str, str]) -> None:  # noqa: F811
    boss, vp, _ = people
    top = hand.objective(boss, "Top")
    umbrella = hand.kr(top, "Umbrella", kind="no_metric", start_value=None, target_value=None,
                       current_value=None)
    lonely = hand.kr(top, "Lonely", kind="no_metric", start_value=None, target_value=None,
                     current_value=None)
    for title, value in (("Half way", 50.0), ("Done", 100.0)):
        under = hand.objective(vp, title, origin="delegated", parent_kr=umbrella)
        hand.kr(under, current_value=value)
    snapshot = hand.snapshot()
    assert kr_progress(snapshot, umbrella) == pytest.approx(0.75)  # mean(0.5, 1.0)
    assert kr_progress(snapshot, lonely) == 0.0
    assert objective_progress(snapshot, top) == pytest.approx(0.375)


def test_a_metric_key_result_keeps_its_own_value_with_objectives_under_it(
        hand: HandPlan, people: tuple[str, str, str]) -> None:  # noqa: F811
    boss, vp, _ = people
    top = hand.objective(boss, "Top")
    metric = hand.kr(top, current_value=30.0)
    under = hand.objective(vp, "Under", origin="delegated", parent_kr=metric)
    hand.kr(under, current_value=100.0)
    assert kr_progress(hand.snapshot(), metric) == pytest.approx(0.3)


def test_contributes_to_is_never_counted(hand: HandPlan,  # noqa: F811
                                         people: tuple[str, str, str]) -> None:
    boss, vp, _ = people
    top = hand.objective(boss, "Top")
    hand.kr(top, current_value=10.0)
    helper = hand.objective(vp, "Helper")
    hand.kr(helper, current_value=100.0)
    aligned = hand.objective(vp, "Aligned")
    hand.align_up(aligned, top)
    hand.kr(aligned, current_value=50.0)
    before = objective_progress(hand.snapshot(), top)
    assert before == pytest.approx((0.1 + 0.5) / 2)
    hand.link(helper, top)
    hand.link(aligned, top)  # aligned and contributing: still counted once
    assert objective_progress(hand.snapshot(), top) == pytest.approx(before)


def test_an_objective_key_result_without_its_objective_is_zero(
        hand: HandPlan, people: tuple[str, str, str]) -> None:  # noqa: F811
    top = hand.objective(people[0], "Top")
    kr = hand.kr(top, kind="objective", start_value=None, target_value=None,
                 current_value=None)
    assert kr_progress(hand.snapshot(), kr) == 0.0


def test_unknown_ids_are_clear_errors(hand: HandPlan) -> None:  # noqa: F811
    snapshot = hand.snapshot()
    with pytest.raises(NotFoundError, match="no key result"):
        kr_progress(snapshot, "missing")
    with pytest.raises(NotFoundError, match="no objective"):
        objective_progress(snapshot, "missing")
    with pytest.raises(NotFoundError, match="no objective"):
        explain_progress(snapshot, "missing")


@pytest.mark.parametrize(("score", "band"), [
    (1.0, "green"), (0.7, "green"), (0.69, "yellow"), (0.4, "yellow"), (0.39, "red"),
    (0.0, "red")])
def test_score_bands(score: float, band: str) -> None:
    assert score_band(score) == band
