"""Splitting a map into readable pages by subtree.

Pages are planned from estimated card sizes: each subtree takes as much of its tree, level by
level from the top, as fits a page (allowing for the way dot lets deep subtrees drift to the
right); what does not fit continues on later pages, and small subtrees share a page. Every page
is then laid out for real; a page that is still too large is planned again with the estimate
corrected by what the layout measured.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from okrdesk.maps.cards import card_size
from okrdesk.maps.dot import REF_HEIGHT_IN, REF_WIDTH_IN
from okrdesk.maps.pages import Page, with_references
from okrdesk.maps.view import MapView

Measure = Callable[[Page, int | None], tuple[float, float]]
NODESEP, RANKSEP, LANE_W, TITLE_H = 22.0, 36.0, 10.0, 130.0
# dot hangs aligned objectives off the right side of their key results, so a level's row of
# cards takes more room than the cards alone.
SPREAD = 1.1
REF_W, REF_H = REF_WIDTH_IN * 72 + NODESEP, REF_HEIGHT_IN * 72
MAX_ROUNDS = 6
PACK_WINDOW = 8  # a subtree may join any of the last few pages: fuller pages, kept nearby


@dataclass
class _Box:
    """Estimated extent of a page: width used and tallest card per level rank."""

    widths: dict[int, float] = field(default_factory=dict)
    heights: dict[int, float] = field(default_factory=dict)
    up_ranks: frozenset[int] = frozenset()  # subtrees continued from other pages share a box
    drift: float = 0.0  # how much wider than its rows dot draws it (see Paginator._span)

    def add(self, rank: int, size: tuple[float, float]) -> None:
        self.widths[rank] = self.widths.get(rank, 0.0) + size[0] + NODESEP
        self.heights[rank] = max(self.heights.get(rank, 0.0), size[1])

    def merged(self, other: _Box) -> _Box:
        box = _Box(dict(self.widths), dict(self.heights), self.up_ranks | other.up_ranks,
                   self.drift + other.drift)
        for rank, width in other.widths.items():
            box.widths[rank] = box.widths.get(rank, 0.0) + width
            box.heights[rank] = max(box.heights.get(rank, 0.0), other.heights[rank])
        return box

    def extent(self) -> tuple[float, float]:
        if not self.widths:
            return LANE_W, TITLE_H
        ranks = set(self.widths) | self.up_ranks
        low, high = min(ranks), max(ranks)
        rows = sum(self.heights.get(r, REF_H) for r in range(low, high + 1))
        widest = max(self.widths.get(r, 0.0) + REF_W * (r in self.up_ranks) for r in ranks)
        return (LANE_W + SPREAD * widest + self.drift,
                TITLE_H + rows + RANKSEP * (high - low))

    def fits(self, budget: tuple[float, float], rank: int | None = None,
             size: tuple[float, float] = (0.0, 0.0)) -> bool:
        trial = self
        if rank is not None:
            trial = _Box(dict(self.widths), dict(self.heights), self.up_ranks, self.drift)
            trial.add(rank, size)
            trial.widths[rank] += REF_W  # room for a reference to what does not fit
        width, height = trial.extent()
        return width <= budget[0] and height <= budget[1]


class Paginator:
    def __init__(self, view: MapView) -> None:
        self.view = view
        self.children = view.children()
        self.rank = {oid: view.rank(oid) for oid in view.objective_ids}
        self.sizes = {oid: card_size(view, oid) for oid in view.objective_ids}
        self.order = {oid: n for n, oid in enumerate(view.objective_ids)}

    def paginate(self, budget: tuple[float, float], measure: Measure) -> tuple[list[Page],
                                                                                list[str]]:
        """Pages that each fit `budget` (points, before printing scale) as `measure` lays them
        out, and warnings about any that cannot be made to fit.

        A page that turns out too large keeps its number and its first part; the rest goes to
        new pages at the end, so the numbers of other pages never change."""
        whole = self._whole(budget, measure)
        if whole is not None:
            return [whole], []
        roots = [o for o in self.view.objective_ids if o not in self.view.links]
        plan = self.plan(roots, None, budget)
        for _ in range(MAX_ROUNDS):
            pages = self._pages(plan)
            added: list[list[list[str]]] = []
            for index, (chunks, page) in enumerate(zip(plan, pages, strict=True)):
                width, height = measure(page, self._number(index, plan))
                if width <= budget[0] and height <= budget[1]:
                    continue
                if len(chunks) > 1:  # move the subtrees packed in last to a page of their own
                    half = (len(chunks) + 1) // 2
                    plan[index], rest = chunks[:half], [chunks[half:]]
                elif len(chunks[0]) > 1:  # one subtree too large: cut it smaller
                    est_w, est_h = self.estimate(chunks[0]).extent()
                    tighter = (budget[0] * min(1.0, est_w / width) * 0.97,
                               budget[1] * min(1.0, est_h / height) * 0.97)
                    inside = set(chunks[0])
                    first, *rest = self.plan(
                        [o for o in chunks[0] if self._root_in(o, inside)], inside, tighter)
                    plan[index] = first
                else:
                    continue
                added.extend(rest)
            if not added:
                return pages, self._warnings(pages, plan, budget, measure)
            plan.extend(added)
        pages = self._pages(plan)
        return pages, self._warnings(pages, plan, budget, measure)

    def _whole(self, budget: tuple[float, float], measure: Measure) -> Page | None:
        """The whole map as one page, if it fits. The plan's estimate errs on the large side, so
        a map the rows alone would let fit is laid out to see: one page beats two."""
        members = list(self.view.objective_ids)
        if not self.estimate(members).fits(budget):
            return None
        page = self._pages([[members]])[0]
        width, height = measure(page, None)
        return page if width <= budget[0] and height <= budget[1] else None

    def plan(self, roots: list[str], allowed: set[str] | None,
             budget: tuple[float, float]) -> list[list[list[str]]]:
        """Pages, each a list of subtrees (lists of objective ids)."""
        chunks: list[tuple[list[str], _Box]] = []
        queue = deque(roots)
        while queue:
            members, box, cut = self._chunk(queue.popleft(), allowed, budget)
            chunks.append((members, box))
            queue.extend(cut)
        return self._pack(chunks, budget)

    def _pages(self, plan: list[list[list[str]]]) -> list[Page]:
        return with_references(self.view, [self._members(chunks) for chunks in plan])

    @staticmethod
    def _number(index: int, plan: list[list[list[str]]]) -> int | None:
        return index + 1 if len(plan) > 1 else None

    def _members(self, chunks: list[list[str]]) -> list[str]:
        return sorted((o for chunk in chunks for o in chunk), key=self.order.__getitem__)

    def _warnings(self, pages: list[Page], plan: list[list[list[str]]],
                  budget: tuple[float, float], measure: Measure) -> list[str]:
        too_large = [n for n, page in enumerate(pages, start=1) if any(
            a > b for a, b in zip(measure(page, self._number(n - 1, plan)), budget, strict=True))]
        if not too_large:
            return []
        listed = ", ".join(map(str, too_large[:10])) + (" ..." if len(too_large) > 10 else "")
        return [f"Page {listed} {'is' if len(too_large) == 1 else 'are'} printed with text "
                "smaller than 8 pt: a single card or subtree is larger than the paper; "
                "choose a larger page size."]

    def estimate(self, members: list[str]) -> _Box:
        box = _Box()
        for oid in members:
            box.add(self.rank[oid], self.sizes[oid])
        return box

    def _root_in(self, oid: str, inside: set[str]) -> bool:
        link = self.view.links.get(oid)
        return link is None or link.parent not in inside

    def _chunk(self, root: str, allowed: set[str] | None,
               budget: tuple[float, float]) -> tuple[list[str], _Box, list[str]]:
        box = _Box()
        link = self.view.links.get(root)
        if link is not None:
            box.up_ranks = frozenset({self.rank[link.parent]})
        box.add(self.rank[root], self.sizes[root])
        members, cut = [root], []
        inside: set[str] = {root}
        cut_parents: set[str] = set()  # parents with a reference box to later pages
        frontier = deque([root])
        while frontier:
            parent = frontier.popleft()
            for kid in self.children[parent]:
                if allowed is not None and kid not in allowed:
                    continue
                inside.add(kid)
                if (box.fits(budget, self.rank[kid], self.sizes[kid])
                        and LANE_W + self._span(root, inside, cut_parents | {parent})
                        <= budget[0]):
                    box.add(self.rank[kid], self.sizes[kid])
                    members.append(kid)
                    frontier.append(kid)
                else:
                    inside.discard(kid)
                    cut.append(kid)
                    if parent not in cut_parents:  # one reference box per parent and page
                        box.add(self.rank[kid], (REF_W - NODESEP, REF_H))
                        cut_parents.add(parent)
        box.drift = max(0.0, self._span(root, inside, cut_parents) - (box.extent()[0] - LANE_W))
        return members, box, cut

    def _span(self, root: str, inside: set[str], cut_parents: set[str]) -> float:
        """Width of a subtree as dot draws it. Children hang centred under the right end of
        their parent's card (where the key results' lines leave it), so a deep subtree drifts
        to the right and can be much wider than its widest row of cards."""
        def extent(oid: str) -> tuple[float, float]:
            spans = [extent(kid) for kid in self.children[oid] if kid in inside]
            if oid in cut_parents:
                spans.append((0.0, REF_W - NODESEP))
            return _hang(self.sizes[oid][0], spans)

        left, right = extent(root)
        if self.view.links.get(root) is not None:  # hangs under an "aligned up to" box
            left, right = _hang(REF_W - NODESEP, [(left, right)])
        return right - left

    def _pack(self, chunks: list[tuple[list[str], _Box]],
              budget: tuple[float, float]) -> list[list[list[str]]]:
        pages: list[tuple[list[list[str]], _Box]] = []
        for members, box in chunks:
            for index in range(max(0, len(pages) - PACK_WINDOW), len(pages)):
                merged = pages[index][1].merged(box)
                if merged.fits(budget):
                    pages[index] = (pages[index][0] + [members], merged)
                    break
            else:
                pages.append(([members], box))
        return [chunks for chunks, _ in pages]


def _hang(width: float, spans: list[tuple[float, float]]) -> tuple[float, float]:
    """Extent (left, right) of a card `width` wide with subtrees of the given extents side by
    side, centred under its right end; measured from the card's left edge."""
    if not spans:
        return 0.0, width
    block = sum(right - left for left, right in spans) + NODESEP * (len(spans) - 1)
    return min(0.0, width - block / 2), max(width, width + block / 2)
