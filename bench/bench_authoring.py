"""Reading key results from plain words and parsing a pasted outline.

    .venv/bin/python bench/bench_authoring.py [--phrases 10000] [--lines 200] [--runs 7]

Prints the median over the runs, in milliseconds, of reading the phrases one by one and of
parsing (and writing back) an outline of about that many lines.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import time
from collections.abc import Callable

from okrdesk.authoring import format_outline, parse_outline, read_key_result

PHRASES = (
    "Raise NPS from 30 to 45", "Cut churn from 4% to 2%", "Keep uptime above 99.9%",
    "Launch the app by June", "Grow ARR to $5M", "Win 30 Fortune 500 companies",
    "GDPR policy fully implemented", "x new followers", "Grow followers from Xr to Yr",
    "Increase weekly active users from 1,000 to 5,000 by the end of Q3 2027",
    "No more than 5 P1 incidents per quarter", "Double revenue from $2M",
    "Increase revenue by 20%", "Improve onboarding for enterprise customers in EMEA",
    "Hire 5 engineers", "Reduce p95 latency to 200ms",
)


def outline_text(lines: int) -> str:
    rows: list[str] = ["Q3 OKRs:", ""]
    phrases = itertools.cycle(PHRASES)
    number = 1
    while len(rows) < lines:
        rows.append(f"{number}. Objective number {number} for the team")
        rows += [f"   - {next(phrases)}" for _ in range(4)]
        rows.append("")
        number += 1
    return "\n".join(rows[:lines]) + "\n"


def median_ms(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phrases", type=int, default=10_000)
    parser.add_argument("--lines", type=int, default=200)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    phrases = list(itertools.islice(itertools.cycle(PHRASES), args.phrases))
    # distinct texts, so that nothing can be served from a cache
    phrases = [f"{phrase} ({n})" if n % 2 else phrase for n, phrase in enumerate(phrases)]
    text = outline_text(args.lines)
    objectives = parse_outline(text).objectives
    read = median_ms(lambda: [read_key_result(p) for p in phrases], args.runs)
    parse = median_ms(lambda: parse_outline(text), args.runs)
    write = median_ms(lambda: format_outline(objectives), args.runs)
    print(f"{args.phrases:,} phrases read: {read:.1f} ms ({read * 1000 / args.phrases:.1f} µs "
          f"each) | outline of {args.lines} lines ({len(objectives)} objectives) parsed: "
          f"{parse:.2f} ms, written back: {write:.2f} ms")


if __name__ == "__main__":
    main()
