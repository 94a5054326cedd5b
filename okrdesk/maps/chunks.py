"""Cutting a view into page-sized pieces of its tree and packing the pieces onto pages.

A subtree that fits a page stays whole. One that does not keeps its top card and as many of
its children's whole subtrees as fit; every other child gets a reference box naming it and its
page, and starts a piece of its own under a box naming the parent it is aligned to. Pieces are
packed onto pages in rows of blocks, a piece never on a page before its parent's, so pages read
from the top of the tree down and small subtrees share a page.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from okrdesk.maps.blocks import GAP_X, Block, Child, Item, beside, leaf, tree
from okrdesk.maps.view import MapView

SHELF_GAP = 16.0  # between rows of blocks on a page
REF_UP_PORT = "out"  # a reference box above a piece has one line, from its right side
CONTRIBUTES_PORT = "contributes"  # contributes-to lines leave a card's right side at its title


class Boxes(Protocol):
    """Makes the reference boxes (their text and size belong to the drawing)."""

    def down(self, child: str) -> Item: ...

    def up(self, child: str, parent: str) -> Item: ...

    def contribution(self, source: str, target: str) -> Item: ...

    def more(self, parent: str, rest: list[str]) -> Item: ...

    def rest(self, parent: str, rest: list[str]) -> Item: ...


@dataclass
class Piece:
    """A part of the tree drawn on one page: `root`, maybe under a box naming its parent."""

    root: str
    members: list[str]
    block: Block
    parent_piece: int | None


@dataclass
class Sheet:
    """A page: pieces placed at their top-left corners."""

    placed: list[tuple[int, float, float]] = field(default_factory=list)  # piece, x, y
    shelves: list[list[float]] = field(default_factory=list)  # [top, height, used width]


class Planner:
    """Pieces and pages of one view, from the measured sizes of its cards and boxes."""

    def __init__(self, view: MapView, items: dict[str, Item], boxes: Boxes,
                 port_of_kr: Callable[[str], str], area: tuple[float, float]) -> None:
        self.view = view
        self.items = items  # objective id -> its card's item
        self.refs = boxes
        self.port_of_kr = port_of_kr
        self.width, self.height = area
        self.children = _forest(view)
        self._full: dict[str, Block] = {}
        self.pieces: list[Piece] = []

    def plan(self) -> list[Sheet]:
        queue: deque[tuple[str, list[str] | None, int | None]] = deque(
            (root, None, None) for root in self.children[""])
        while queue:
            root, group, parent_piece = queue.popleft()
            later = self._piece(root, parent_piece, group)
            # breadth first: depth first keeps a subtree's pages together but packs worse
            # (33 A4 pages instead of 29 for 128 objectives on four levels)
            queue.extend((kid, rest, len(self.pieces) - 1) for kid, rest in later)
        return self._pack()

    def piece_of(self) -> dict[str, int]:
        return {oid: n for n, piece in enumerate(self.pieces) for oid in piece.members}

    def subtree(self, oid: str) -> list[str]:
        members, stack = [], [oid]
        while stack:
            current = stack.pop()
            members.append(current)
            stack.extend(reversed(self.children[current]))
        return members

    def full(self, oid: str) -> Block:
        """The whole subtree of `oid` as one block (the contributions it holds added)."""
        if oid not in self._full:
            kids = [self._child(kid, self.full(kid)) for kid in self.children[oid]]
            self._full[oid] = tree(self.items[oid], kids + self._contributions(oid),
                                   self.width)
        return self._full[oid]

    def fits(self, block: Block) -> bool:
        return block.width <= self.width and block.height <= self.height

    def fits_whole(self, oid: str) -> bool:
        """Whether the subtree of `oid` fits a page, with the box naming its parent if any."""
        return self.fits(self._build(oid, self.children[oid], self.children[oid], False, []))

    def _child(self, kid: str, block: Block) -> Child:
        link = self.view.links[kid]
        return Child(block, self.port_of_kr(link.kr_id), link.kind, link.skipped)

    def _contributions(self, oid: str) -> list[Child]:
        """A box for each contributes-to link from `oid`, naming the objective and its page
        (a dashed line across the page would cross the tree's own lines)."""
        boxes = []
        for source, target in self.view.contributions:
            if source == oid:
                boxes.append(Child(leaf(self.refs.contribution(oid, target)),
                                   CONTRIBUTES_PORT, "contributes"))
        return boxes

    def _piece(self, root: str, parent_piece: int | None,
               group: list[str] | None) -> list[tuple[str, list[str] | None]]:
        """Make the piece that starts at `root` (or, for a `group`, continues the list of
        `root`'s children under a box naming `root`); return the pieces still to make."""
        kids = self.children[root] if group is None else group
        kept = list(kids)
        block = self._build(root, kids, kept, group is not None, [])
        later: list[tuple[str, list[str] | None]] = []
        if not self.fits(block):
            kept = []
            for kid in kids:
                if not self.fits_whole(kid):
                    continue  # split anyway: better started on a page of its own
                if self.fits(self._build(root, kids, [*kept, kid], group is not None, [])):
                    kept.append(kid)
            block = self._build(root, kids, kept, group is not None, [])
            shown, rest = kids, list[str]()
            while not self.fits(block) and shown:  # too many for one page
                shown, rest = shown[:-1], [shown[-1], *rest]
                block = self._build(root, shown, kept, group is not None, rest)
            if not self.fits(block) and not shown:  # the card alone, boxes above and under
                side = self._build(root, shown, kept, group is not None, rest, side=True)
                block = side if self.fits(side) else block
            kept = [kid for kid in kept if kid in shown]
            later = [(kid, None) for kid in shown if kid not in kept]
            if rest:
                later.append((root, rest))
        members = [] if group is not None else [root]
        members += [o for kid in kept for o in self.subtree(kid)]
        self.pieces.append(Piece(root, members, block, parent_piece))
        return later

    def _build(self, root: str, kids: list[str], kept: list[str], group: bool,
               rest: list[str], *, side: bool = False) -> Block:
        """The piece's block; `side`: its boxes beside the card, not above and under it."""
        def hang(top: Item, below: list[Child]) -> Block:
            return beside(top, below) if side else tree(top, below, self.width)

        children = [self._child(kid, self.full(kid) if kid in kept
                                else leaf(self.refs.down(kid))) for kid in kids]
        if rest:  # the parent's other children continue on another page
            children.append(self._child(rest[0], leaf(self.refs.more(root, rest))))
        if group:  # one line from the box's side to each child
            children = [Child(c.block, REF_UP_PORT, c.style, c.skipped) for c in children]
            return hang(self.refs.rest(root, kids), children)
        block = hang(self.items[root], children + self._contributions(root))
        link = self.view.links.get(root)
        if link is None:
            return block
        # A piece whose root is aligned to an objective on another page hangs under a box
        # naming that objective (or beside it).
        box = self.refs.up(root, link.parent)
        return hang(box, [Child(block, REF_UP_PORT, link.kind, link.skipped)])

    def _pack(self) -> list[Sheet]:
        sheets: list[Sheet] = []
        sheet_of: list[int] = []
        for index, piece in enumerate(self.pieces):
            # never on its parent's page (a box saying "continues on this page" helps nobody)
            first = sheet_of[piece.parent_piece] + 1 if piece.parent_piece is not None else 0
            for number in range(first, len(sheets)):
                if self._place(sheets[number], index, piece.block):
                    sheet_of.append(number)
                    break
            else:
                sheets.append(Sheet())
                self._place(sheets[-1], index, piece.block, force=True)
                sheet_of.append(len(sheets) - 1)
        return sheets

    def _place(self, sheet: Sheet, index: int, block: Block, *, force: bool = False) -> bool:
        w, h = block.width, block.height
        for n, (top, height, used) in enumerate(sheet.shelves):
            last = n == len(sheet.shelves) - 1
            if used + GAP_X + w <= self.width and (h <= height or (last and top + h
                                                                    <= self.height)):
                sheet.placed.append((index, used + GAP_X, top))
                sheet.shelves[n] = [top, max(height, h), used + GAP_X + w]
                return True
        top = sum(s[1] + SHELF_GAP for s in sheet.shelves)
        if force or top + h <= self.height:
            sheet.placed.append((index, 0.0, top))
            sheet.shelves.append([top, h, w])
            return True
        return False


def _forest(view: MapView) -> dict[str, list[str]]:
    """Children of each objective as a forest; "" holds the roots. An alignment loop (only a
    hand-edited file can hold one) is entered at one objective, drawn under a box naming its
    parent, so every objective is drawn once and the walk ends."""
    below = view.children()
    result: dict[str, list[str]] = {"": []}
    seen: set[str] = set()
    starts = [o for o in view.objective_ids if o not in view.links] + list(view.objective_ids)
    for start in starts:
        if start in seen:
            continue
        result[""].append(start)
        seen.add(start)
        queue = deque([start])
        while queue:
            oid = queue.popleft()
            result[oid] = [kid for kid in below[oid] if kid not in seen]
            seen.update(result[oid])
            queue.extend(result[oid])
    return result
