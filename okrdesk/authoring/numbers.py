"""Amounts written in a phrase ("$5M", "1,000", "99.9%", "200ms", "3x") and how to show them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

CURRENCY_SIGNS = "$€£¥"

_MULTIPLIERS = {"k": 1_000, "thousand": 1_000, "m": 1_000_000, "mm": 1_000_000,
                "mn": 1_000_000, "million": 1_000_000, "b": 1_000_000_000, "bn": 1_000_000_000,
                "billion": 1_000_000_000, "trillion": 1_000_000_000_000}

# Not inside a word or another number: Q3, v2.0, G2, FY27 and the tail of 1,000 are no amounts.
# A lower-case "m" is a million with a currency or before a noun ("1m users"); else it is a
# unit of its own ("5m" of load time).
_AFTER_M = r"(?:per|each|a|an|on|in|at|for|to|of|or|and|by|with)\b"
AMOUNT = re.compile(r"""
    (?<![\w.,/:^])
    (?:(?P<code>USD|EUR|GBP|CHF|JPY|CAD|AUD)\s?)?
    (?P<sign>[-−])?
    (?P<cur>[$€£¥])?
    (?P<digits>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)
    (?:[eE](?P<exp>[+-]?[0-9]{1,4})|\^(?P<power>[0-9]{1,4}))?
    (?![0-9]|[.,/:^][0-9]|(?i:st|nd|rd|th)\b)
    (?:(?P<mult>[kKMbB]|bn|BN|Bn|mn|MM|(?(cur)m|(?(code)m|m(?=\s+(?!{_AFTER_M})[^\W\d_]))))
       (?!\w)
       |\s?(?P<multword>(?i:thousand|million|billion|trillion))\b)?
    (?P<times>×|[xX](?!\w)|\s(?i:times|fold)\b)?
    (?:\s?(?P<pct>%|(?i:percent|per\s?cent|pct|percentage\s+points?|pp|bps|basis\s+points)\b))?
    (?P<attached>(?<=[0-9])[^\W\d_]{1,6}(?!\w))?
    (?![\w^])
""".replace("{_AFTER_M}", _AFTER_M), re.VERBOSE)


@dataclass(frozen=True, slots=True)
class Amount:
    """One number as written: its value, its own unit, where it sits."""

    value: float
    unit: str
    written: str
    start: int
    end: int
    times: bool = False
    plain: bool = True
    """Only digits: such a number may be part of a name ("Fortune 500")."""


def scan_amounts(text: str) -> list[Amount]:
    return [_amount(match) for match in AMOUNT.finditer(text)]


def _amount(match: re.Match[str]) -> Amount:
    digits = match["digits"].replace(",", "")
    scale = (match["mult"] or match["multword"] or "").lower()
    try:
        number = Decimal(digits) * _MULTIPLIERS.get(scale, 1)
        if match["exp"]:
            number = number.scaleb(int(match["exp"]))
        elif match["power"]:
            number = number ** int(match["power"])
    except ArithmeticError:  # beyond what a Decimal holds: refused as too big by the reader
        number = Decimal("Infinity")
    value = float(-number if match["sign"] else number)
    unit = _unit(match)
    times = bool(match["times"])
    plain = not (match["cur"] or match["code"] or scale or times or match["pct"]
                 or match["attached"] or match["exp"] or match["power"])
    return Amount(value, unit, match.group(0).strip(), match.start(), match.end(), times, plain)


def _unit(match: re.Match[str]) -> str:
    if match["cur"]:
        return match["cur"]
    if match["code"]:
        return match["code"]
    if match["times"]:
        return "×"
    pct = (match["pct"] or "").lower()
    if pct in ("pp",) or pct.startswith("percentage"):
        return "pp"
    if pct in ("bps",) or pct.startswith("basis"):
        return "bps"
    if pct:
        return "%"
    return match["attached"] or ""


def number_text(value: float) -> str:
    """1,000 / 99.9 / -2.5: thousands separated, no needless decimals."""
    if value.is_integer() and abs(value) <= 1e15:
        return f"{int(value):,}"
    return f"{value:,.12g}"


def amount_text(value: float, unit: str) -> str:
    """A number with the signs that sit next to it: $5,000,000, 99.9%. Word units go after."""
    number = number_text(value)
    if unit and unit in CURRENCY_SIGNS:
        return f"-{unit}{number[1:]}" if number.startswith("-") else f"{unit}{number}"
    if unit == "%":
        return f"{number}%"
    return number


def unit_after(unit: str) -> str:
    """The unit written once after the last number (" NPS", " ms"), empty for signs."""
    return "" if not unit or unit in CURRENCY_SIGNS or unit == "%" else f" {unit}"
