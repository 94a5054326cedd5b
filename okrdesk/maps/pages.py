"""Pages of a map: which objectives each holds, and the references at the cut edges."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from okrdesk.maps.view import MapView


@dataclass(frozen=True)
class DownRef:
    """On a parent's page: objectives aligned under its key results continue on other pages.
    One reference box per parent, with a line from each key result concerned."""

    parent: str
    targets: tuple[int, ...]  # page indexes
    edges: tuple[tuple[str, str], ...]  # (key result id, link kind), one per line
    count: int
    rank: int  # level rank of the first objective that continues


@dataclass(frozen=True)
class UpRef:
    """On a continuation page: its top objectives are aligned to objectives on another page."""

    source: int
    edges: tuple[tuple[str, str], ...]  # (child id, link kind)
    rank: int  # level rank of the highest parent


@dataclass(frozen=True)
class ContributionRef:
    source: str
    target: int
    count: int


@dataclass
class Page:
    members: list[str]
    down: list[DownRef] = field(default_factory=list)
    up: list[UpRef] = field(default_factory=list)
    contributions: list[ContributionRef] = field(default_factory=list)

    def signature(self) -> tuple[object, ...]:
        """What decides the page's layout: page numbers in references do not (their boxes have a
        fixed size), so a page whose signature is unchanged keeps its layout."""
        return (tuple(self.members),
                tuple((d.parent, len(d.targets), d.edges, d.rank) for d in self.down),
                tuple((u.edges, u.rank) for u in self.up),
                tuple(c.source for c in self.contributions))


def with_references(view: MapView, groups: list[list[str]]) -> list[Page]:
    """Pages for groups of objectives, with references wherever a link crosses pages."""
    where = {oid: index for index, group in enumerate(groups) for oid in group}
    pages = [Page(list(group)) for group in groups]
    down: dict[str, list[str]] = {}
    up: dict[tuple[int, int], list[str]] = {}
    for oid in view.objective_ids:
        link = view.links.get(oid)
        if link is None or where[link.parent] == where[oid]:
            continue
        down.setdefault(link.parent, []).append(oid)
        up.setdefault((where[oid], where[link.parent]), []).append(oid)
    for parent, children in down.items():
        edges = tuple(dict.fromkeys((view.links[c].kr_id, view.links[c].kind) for c in children))
        targets = tuple(sorted({where[c] for c in children}))
        pages[where[parent]].down.append(
            DownRef(parent, targets, edges, len(children), view.rank(children[0])))
    for (index, source_page), children in up.items():
        pages[index].up.append(UpRef(
            source_page, tuple((c, view.links[c].kind) for c in children),
            min(view.rank(view.links[c].parent) for c in children)))
    crossing: Counter[tuple[str, int]] = Counter(
        (source, where[target]) for source, target in view.contributions
        if where[source] != where[target])
    for (source, target_page), count in crossing.items():
        pages[where[source]].contributions.append(ContributionRef(source, target_page, count))
    return pages
