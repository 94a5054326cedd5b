"""One line of a pasted outline: its indentation, its marker ("-", "1.", "KR1:") and its text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from okrdesk.authoring.text import has_unsafe, safe_text

TAB_COLUMNS = 4

# One list marker: a markdown heading, a bullet (Word's private-use bullets too), a numbering.
_MARKER = re.compile(r"""
    (?:(?P<hash>\#{1,6})
     | (?P<bullet>[-*•–—◦▪‣·+o\uf0b7\uf0a7\uf076\uf0d8■□►▶➢→✓✔❖])
     | (?P<multi>[0-9]{1,3}(?:\.[0-9]{1,3})+)\.?
       (?!\s*(?i:million|billion|thousand|percent|[km]\b|%|bn\b))  # 3.5 million is a number
     | \(?(?P<number>[0-9]{1,3})(?P<close>[.)])
     | \(?(?P<upper>[IVX]{2,5}|[A-Z])[.)]
     | \(?(?P<lower>[ivx]{2,5}|[a-z])[.)]
    )(?:\s+|$)
""", re.VERBOSE)
# "Objective 2:", "O1 -", "Goal:", "KR1.2:", "Key result:" (one label, after any marker).
_LABEL = re.compile(
    r"(?:(?P<objective>objective|obj|goal|o)|(?P<key_result>key\s*results?|kr))"
    r"(?:\s*[0-9]{1,3}(?:\.[0-9]{1,3})*)?(?:\s*[:.)]|\s*[-–—](?=\s|$)|(?<=[0-9])\s|$)\s*",
    re.IGNORECASE)
_SEPARATOR = re.compile(r"[-=_*~#.•·]{3,}")


@dataclass(frozen=True, slots=True)
class Line:
    """A line that holds an item; `style` is its marker kind ("", "-", "1.", "a.", "#2")."""

    number: int
    indent: int
    style: str
    label: str
    """"objective", "key_result" or "" when the line says neither."""
    title: str
    paragraph: int = 0


def indent_of(raw: str) -> tuple[int, str]:
    """The columns of leading white space (tabs to the next multiple of 4), and the rest."""
    rest = raw.lstrip()
    columns = 0
    for char in raw[:len(raw) - len(rest)]:
        columns = (columns // TAB_COLUMNS + 1) * TAB_COLUMNS if char == "\t" else columns + 1
    return columns, rest


def clean_title(text: str) -> str:
    """A title as kept: safe characters, single spaces, no markdown bold marks."""
    return safe_text(safe_text(text).replace("**", ""))


def unsafe(text: str) -> bool:
    return has_unsafe(text)


def is_separator(content: str) -> bool:
    return _SEPARATOR.fullmatch(content) is not None


def split_marker(content: str) -> tuple[str, str, str]:
    """The marker style, the label and the title of a line's content (already cleaned)."""
    style = ""
    match = _MARKER.match(content)
    if match is not None:
        style = _style(match)
        content = content[match.end():]
    label = ""
    found = _LABEL.match(content)
    if found is not None:
        label = "objective" if found["objective"] else "key_result"
        content = content[found.end():]
    return style, label, content.strip()


def _style(match: re.Match[str]) -> str:
    if match["hash"]:
        return f"#{len(match['hash'])}"
    if match["bullet"]:
        return match["bullet"]
    if match["multi"]:
        return "1.1"
    if match["number"]:
        return f"1{match['close']}"
    return "A." if match["upper"] else "a."


def rank(style: str, bullets: list[str]) -> tuple[int, int]:
    """Which marker styles are outer: deeper headings, numbers, capitals, plain, bullets ..."""
    if style.startswith("#"):
        return (0, -int(style[1:]))
    order = {"1.": 1, "1)": 1, "A.": 2, "": 3}
    if style in order:
        return (order[style], 0)
    if style == "a.":
        return (5, 0)
    if style == "1.1":
        return (6, 0)
    return (4, bullets.index(style) if style in bullets else len(bullets))
