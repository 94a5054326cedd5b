"""Output for a person at a terminal: what a plan holds is shown, never obeyed.

A title or a JSON key may hold control characters (an ANSI escape that clears the screen or
recolours it, a carriage return that overwrites a line, a bell) or a broken character (a lone
surrogate that cannot be encoded). `say` writes each of them as an escape such as `\\u001b`,
which reads the same in plain text and is valid inside JSON strings, so a JSON document
printed through it stays the same document. A reader that goes away (`okrdesk check | head`)
raises `OutputClosed`.
"""

from __future__ import annotations

import contextlib
import re
import sys
from typing import TextIO

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


class OutputClosed(Exception):
    """The reader of standard output went away (a closed pipe)."""


def printable(text: str) -> str:
    """`text` with every control character (C0, DEL, C1) and lone surrogate escaped."""
    return _UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def say(*lines: str, stream: TextIO | None = None) -> None:
    """Print `lines`, one per line, each made printable, and flush them.

    Line breaks inside a line are escaped too: every line on the terminal is one the program
    meant to write. Standard output is the default stream.
    """
    target = sys.stdout if stream is None else stream
    try:
        for line in lines:  # line by line: a reader that leaves midway is noticed at once
            target.write(printable(line) + "\n")
        target.flush()
    except BrokenPipeError:
        raise OutputClosed from None


def complain(*lines: str) -> None:
    """`say` on standard error; a closed standard error is ignored (nobody reads it)."""
    with contextlib.suppress(OutputClosed):
        say(*lines, stream=sys.stderr)
