"""Reference boxes at a page's cut edges: each names the objective it leads to and its page.

A box has a fixed size, worked out from its text with the widest page number, so pages are
packed before they are numbered and "Page 5 of 9" never moves anything.
"""

from __future__ import annotations

from okrdesk.maps.blocks import Item
from okrdesk.maps.chunks import REF_UP_PORT
from okrdesk.maps.style import INK, NOT_UPWARD_COLOR, TEXT_PT, not_upward_words
from okrdesk.maps.text import escape, wrap
from okrdesk.maps.view import TOP_DOWN, MapView

BOX_WIDTH = 150.0
BOX_CHARS = 24
TITLE_LINES = 2
LINE_PT = TEXT_PT * 1.2
PAD = 10.0
COLOUR = {"bottom-up": "#1565c0", "top-down": "#8e24aa"}


class References:
    """The reference boxes of one view: made while pages are planned, labelled once numbered."""

    def __init__(self, view: MapView) -> None:
        self.view = view
        self.names = view.node_names()
        # box -> (kind, objective it names, objective whose page it gives, link kind, count)
        self.meaning: dict[str, tuple[str, str, str, str, int]] = {}
        self._child: dict[str, str] = {}  # down and up boxes: the aligned objective
        self._rest: dict[str, list[str]] = {}  # more and rest boxes: the objectives they pool
        self._line_counts: dict[tuple[object, ...], int] = {}

    def down(self, child: str) -> Item:
        """On the parent's page: the child continues elsewhere."""
        self._child[f"cut_{self.names[child]}"] = child
        return self._box(f"cut_{self.names[child]}",
                         ("down", child, child, self.view.links[child].kind, 1))

    def up(self, child: str, parent: str) -> Item:
        """Above a piece whose top objective is aligned to one on another page."""
        self._child[f"up_{self.names[child]}"] = child
        return self._box(f"up_{self.names[child]}",
                         ("up", parent, parent, self.view.links[child].kind, 1), out=True)

    def more(self, parent: str, rest: list[str]) -> Item:
        """On the parent's page: more of its children than the page holds continue elsewhere."""
        self._rest[f"more_{self.names[rest[0]]}"] = rest
        return self._box(f"more_{self.names[rest[0]]}",
                         ("more", parent, rest[0], self.view.links[rest[0]].kind, len(rest)))

    def rest(self, parent: str, rest: list[str]) -> Item:
        """Above the children of `parent` that continue on a page of their own."""
        self._rest[f"rest_{self.names[rest[0]]}"] = rest
        return self._box(f"rest_{self.names[rest[0]]}",
                         ("rest", parent, parent, self.view.links[rest[0]].kind, len(rest)),
                         out=True)

    def contribution(self, source: str, target: str) -> Item:
        return self._box(f"contributes_{self.names[source]}_{self.names[target]}",
                         ("contributes", target, target, "contributes", 1))

    def continued(self, name: str) -> str | None:
        """The objective a box on its parent's page stands for (None for other boxes)."""
        meaning = self.meaning.get(name)
        return meaning[1] if meaning is not None and meaning[0] == "down" else None

    def label(self, name: str, page_of: dict[str, int]) -> str:
        """The box's HTML-like label, with the page number of the objective it names."""
        return _label(self._lines(name, page_of[self.meaning[name][2]]))

    def colour(self, name: str) -> str:
        if self._not_upward(name):
            return NOT_UPWARD_COLOR
        return COLOUR.get(self.meaning[name][3], "#757575")

    def _not_upward(self, name: str) -> list[int]:
        """Levels down of each not-upward alignment the box stands for (a hand-edited file's
        alignment to the same or a lower level), so both ends of a cut say so."""
        kind = self.meaning[name][0]
        if kind in ("down", "up"):
            children = [self._child[name]]
        elif kind in ("more", "rest"):
            children = self._rest[name]
        else:
            return []
        return [down for child in children
                if (down := self.view.links[child].down) is not None]

    def _box(self, name: str, meaning: tuple[str, str, str, str, int], *,
             out: bool = False) -> Item:
        self.meaning[name] = meaning
        # Planning asks for the same box many times while it tries what fits a page.
        key = (meaning, self._child.get(name), tuple(self._rest.get(name, ())))
        count = self._line_counts.get(key)
        if count is None:
            count = self._line_counts[key] = len(self._lines(name, 888))  # the widest number
        item = Item(name, (BOX_WIDTH, count * LINE_PT + PAD))
        if out:
            item.ports[REF_UP_PORT] = (item.size[0], item.size[1] / 2)
        return item

    def _lines(self, name: str, page: int) -> list[str]:
        kind, objective, _, link_kind, count = self.meaning[name]
        title = wrap(f"“{self.view.snapshot.objectives[objective].title}”", BOX_CHARS)
        if len(title) > TITLE_LINES:
            title = [*title[:TITLE_LINES - 1], title[TITLE_LINES - 1][:BOX_CHARS - 2] + "…”"]
        verb = "delegated from" if link_kind == TOP_DOWN else "aligned up to"
        odd = self._not_upward(name)
        warning = []
        if len(odd) == 1 and count == 1:
            warning = [f"⚠ {not_upward_words(odd[0])}"]
        elif odd:
            warning = [f"⚠ {len(odd)} of them not upward"]
        if kind == "down":
            return [*title, *warning, f"continues on page {page}"]
        if kind == "up":
            return [verb, *title, *warning, f"on page {page}"]
        if kind == "more":
            return [f"{count} more aligned to", *title, *warning, f"continue on page {page}"]
        if kind == "rest":
            return [f"{count} more {verb}", *title, *warning, f"on page {page}"]
        return ["contributes to", *title, f"on page {page}"]


def _label(lines: list[str]) -> str:
    body = '<BR ALIGN="CENTER"/>'.join(escape(line) for line in lines)
    return f'<FONT POINT-SIZE="{TEXT_PT}" COLOR="{INK}">{body}</FONT>'
