"""Arrange's layout in the core: Graphviz `dot` places each card, here or in a worker process."""

from __future__ import annotations

import itertools
import random
import threading

import pytest

from okrdesk.arrange import ArrangeCancelled, ArrangeFailed, LayoutInput, lay_out, lay_out_in_worker

WIDTH, HEIGHT = 220.0, 120.0


def tree_input(cards_per_lane: tuple[int, ...], seed: int = 1) -> LayoutInput:
    """Lanes of cards, each card aligned to a random card of the lane above."""
    rng = random.Random(seed)
    lanes: list[tuple[str, ...]] = []
    aligned: list[tuple[str, str]] = []
    for depth, count in enumerate(cards_per_lane):
        lane = tuple(f"o{depth}-{n}" for n in range(count))
        if lanes:
            aligned += [(rng.choice(lanes[-1]), card) for card in lane]
        lanes.append(lane)
    cards = tuple((card, WIDTH, HEIGHT) for lane in lanes for card in lane)
    contributes = ((lanes[1][0], lanes[1][-1]),) if len(lanes) > 1 else ()
    return LayoutInput(cards, tuple(lanes), tuple(aligned), contributes, gap=34.0)


def test_cards_of_a_lane_sit_side_by_side_without_overlapping() -> None:
    data = tree_input((1, 4, 9))
    centres = lay_out(data)
    assert set(centres) == {card for card, _, _ in data.cards}
    for lane in data.lanes:
        xs = sorted(centres[card] for card in lane)
        assert all(b - a >= WIDTH + 34.0 - 1 for a, b in itertools.pairwise(xs))


def test_a_parent_sits_between_its_children() -> None:
    data = LayoutInput((("p", WIDTH, HEIGHT), ("a", WIDTH, HEIGHT), ("b", WIDTH, HEIGHT)),
                       (("p",), ("a", "b")), (("p", "a"), ("p", "b")), ())
    centres = lay_out(data)
    assert min(centres["a"], centres["b"]) < centres["p"] < max(centres["a"], centres["b"])


def test_the_worker_gives_the_same_layout_as_here() -> None:
    data = tree_input((2, 5, 12))
    assert lay_out_in_worker(data, threading.Event()) == lay_out(data)


def test_a_bad_layout_input_is_a_clear_error_from_the_worker() -> None:
    data = LayoutInput((("a", "wide", HEIGHT),), (("a",),), (), ())  # type: ignore[arg-type]
    with pytest.raises(ArrangeFailed, match="Graphviz could not arrange the canvas"):
        lay_out_in_worker(data, threading.Event())


def test_a_cancelled_layout_stops_at_once() -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(ArrangeCancelled, match="nothing was moved"):
        lay_out_in_worker(tree_input((3, 30, 300)), cancel)
