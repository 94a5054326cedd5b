"""Text as pasted, made safe to keep: no control characters, no hidden direction changes."""

from __future__ import annotations

import re

# C0 and C1 controls (tab and line ends included) stand between words.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
# Bidirectional embeddings, overrides and isolates (they can make a title display as something
# else), the zero-width space, the byte order mark and lone surrogates (which cannot be stored)
# are dropped.
_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200b\ufeff\ud800-\udfff]")


_UNSAFE = re.compile(f"(?!\t){_CONTROL.pattern}|{_INVISIBLE.pattern}")


def has_unsafe(text: str) -> bool:
    """Whether the text holds characters safe_text takes out (a tab is only white space)."""
    return _UNSAFE.search(text) is not None


def safe_text(text: str) -> str:
    """The text with unsafe characters taken out and white space collapsed to single spaces."""
    return " ".join(_INVISIBLE.sub("", _CONTROL.sub(" ", text)).split())
