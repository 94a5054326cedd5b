"""DOT source of a map page. User text enters only through the card and text modules' escaping;
node names and attribute values written here are the map's own."""

from __future__ import annotations

import re

from okrdesk.maps.cards import card, kr_port, page_reference, title_block
from okrdesk.maps.pages import ContributionRef, DownRef, Page, UpRef
from okrdesk.maps.style import BORDER, EDGE, FONT, MUTED, SKIP_COLOR, TEXT_PT, TITLE_PT
from okrdesk.maps.text import escape, wrap
from okrdesk.maps.view import TOP_DOWN, MapView, function_of

WIDEST_PAGE_NUMBER = 888  # reference boxes are sized for page numbers up to three digits
REF_WIDTH_IN, REF_HEIGHT_IN, REF_LINE_IN = 1.75, 0.36, 0.18
REF_CHARS = 22
_SAFE = re.compile(r"[^A-Za-z0-9-]")


def build_dot(view: MapView) -> str:
    """The whole view as one graph: the DOT output, and what a single page is made from."""
    return page_dot(view, Page(list(view.objective_ids)), None)


def page_dot(view: MapView, page: Page, number: int | None,
             graph_attributes: str = "") -> str:
    """DOT of one page; `number` is its page number (None: a map of one page)."""
    names = view.node_names()
    labels = page_labels(view, page, number)
    out = [
        "digraph map {",
        f'graph [charset="UTF-8", rankdir=TB, newrank=true, nodesep=0.3, ranksep=0.5, '
        f'fontname="{FONT}", labelloc=t, labeljust=l, margin=0, label=<{labels[""]}>'
        f"{graph_attributes}];",
        f'node [shape=plain, fontname="{FONT}", fontsize={TEXT_PT}];',
        f'edge [fontname="{FONT}", fontsize={TEXT_PT}, fontcolor="{MUTED}", arrowsize=0.8];',
    ]
    ranks: dict[int, list[str]] = {}
    clusters: dict[str | None, list[str]] = {}
    for oid in page.members:
        name = names[oid]
        group = function_of(view.snapshot, oid) if view.request.clusters else None
        clusters.setdefault(group, []).append(
            f'{name} [id="obj-{_safe(oid)}", label=<{_card(view, oid)}>];')
        ranks.setdefault(view.rank(oid), []).append(name)
    for n, (function_id, nodes) in enumerate(clusters.items()):
        if function_id is None:
            out.extend(nodes)
            continue
        title = escape(view.snapshot.functions[function_id].name)
        out.append(f'subgraph cluster_function{n} {{ label=<<FONT POINT-SIZE="{TITLE_PT}" '
                   f'COLOR="{MUTED}"><B>{title}</B></FONT>>; style="rounded,dashed"; '
                   f'color="{BORDER}"; labeljust=l;')
        out.extend(nodes)
        out.append("}")
    ports = {kr: kr_port(i) for oid in page.members
             for i, kr in enumerate(view.snapshot.krs_of.get(oid, ()))}
    on_page = set(page.members)
    for oid in page.members:
        link = view.links.get(oid)
        if link is not None and link.parent in on_page:
            out.append(_edge(f"{names[link.parent]}:{ports[link.kr_id]}:e", names[oid],
                             link.kind, f"link-{_safe(oid)}", link.skipped))
    for source, target in view.contributions:
        if source in on_page and target in on_page:
            out.append(f'{names[source]} -> {names[target]} [id="contributes-{_safe(source)}-'
                       f'{_safe(target)}", class="contributes", {EDGE["contributes"]}];')
    for n, ref in enumerate(page.down):
        node = f"down{n}"
        out.append(_ref_node(node, labels[node], ref.edges[0][1], _ref_lines(ref)))
        ranks.setdefault(ref.rank, []).append(node)
        for m, (kr_id, kind) in enumerate(ref.edges):
            out.append(_edge(f"{names[ref.parent]}:{ports[kr_id]}:e", node, kind,
                             f"cut-{n}-{m}", 0))
    for n, up in enumerate(page.up):
        node = f"up{n}"
        out.append(_ref_node(node, labels[node], up.edges[0][1], 1))
        ranks.setdefault(up.rank, []).append(node)
        for m, (child, kind) in enumerate(up.edges):
            out.append(_edge(node, names[child], kind, f"from-{n}-{m}", 0))
    for n, contribution in enumerate(page.contributions):
        node = f"contributes{n}"
        out.append(_ref_node(node, labels[node], "contributes", 1))
        ranks.setdefault(view.rank(contribution.source), []).append(node)
        out.append(f'{names[contribution.source]} -> {node} [class="contributes", '
                   f'{EDGE["contributes"]}];')
    out[4:4] = _lanes(view, ranks)
    out.append("}")
    return "\n".join(out)


def page_labels(view: MapView, page: Page, page_number: int | None) -> dict[str, str]:
    """The labels that carry page numbers: node name (or "" for the title block) -> label.

    Pages keep their numbers once given (a page split later adds pages at the end), so a page
    is laid out once with its final labels; that is also why the title says "Page 5" and not
    "Page 5 of 9"."""
    def number(index: int) -> str:
        return str(index + 1)

    page_text = f"Page {page_number}" if page_number else ""
    title = view.labels.get(("title", page_text))
    if title is None:
        title = view.labels[("title", page_text)] = title_block(view, page_text)
    labels = {"": title}
    for n, ref in enumerate(page.down):
        labels[f"down{n}"] = _ref_label(_down_text(ref, [number(t) for t in ref.targets]))
    for n, up in enumerate(page.up):
        labels[f"up{n}"] = _ref_label(_up_text(up, number(up.source)))
    for n, contribution in enumerate(page.contributions):
        labels[f"contributes{n}"] = _ref_label(
            _contribution_text(contribution, number(contribution.target)))
    return labels


def _card(view: MapView, objective_id: str) -> str:
    label = view.labels.get(("card", objective_id))
    if label is None:
        label = view.labels[("card", objective_id)] = card(view, objective_id)
    return label


def _lanes(view: MapView, ranks: dict[int, list[str]]) -> list[str]:
    """An invisible anchor per level, chained, so that levels keep their order and every card
    sits in its level's row (cards name their level, so the rows need no titles)."""
    if not ranks:
        return []
    names = {level.rank: level.name for level in view.snapshot.levels.values()}
    present = sorted(r for r in names if min(ranks) <= r <= max(ranks))
    out = [f"lane{r} [shape=point, style=invis, width=0, height=0];" for r in present]
    if len(present) > 1:
        out.append(" -> ".join(f"lane{r}" for r in present) + " [style=invis];")
    for r in present:
        members = "; ".join([f"lane{r}", *ranks.get(r, [])])
        out.append(f"{{rank=same; {members};}}")
    return out


def _edge(tail: str, head: str, kind: str, edge_id: str, skipped: int) -> str:
    classes = f"alignment {kind}" + (" skip-level" if skipped else "")
    extra = ""
    if skipped:
        levels = "level" if skipped == 1 else "levels"
        extra = (f', color="{SKIP_COLOR[kind]}", '
                 f'label=<<FONT POINT-SIZE="{TEXT_PT}">skips {skipped} {levels}</FONT>>')
    return f'{tail} -> {head} [id="{edge_id}", class="{classes}", {EDGE[kind]}{extra}];'


def _ref_node(name: str, label: str, kind: str, text_lines: int) -> str:
    colour = {"bottom-up": "#1565c0", "top-down": "#8e24aa"}.get(kind, "#757575")
    height = REF_HEIGHT_IN + (text_lines - 1) * REF_LINE_IN
    return (f'{name} [shape=box, style="rounded,dashed", color="{colour}", fixedsize=true, '
            f'width={REF_WIDTH_IN}, height={height:.2f}, class="page-reference", '
            f"label=<{label}>];")


def ref_lines(targets: int) -> int:
    """Lines of a reference box listing `targets` pages (numbers of up to three digits)."""
    return len(wrap(_down_words(targets, [str(WIDEST_PAGE_NUMBER)] * targets), REF_CHARS))


def _ref_lines(ref: DownRef) -> int:
    return ref_lines(len(ref.targets))


def _ref_label(text: str) -> str:
    return page_reference(text, REF_CHARS)


def _down_text(ref: DownRef, pages: list[str]) -> str:
    return _down_words(ref.count, pages)


def _down_words(count: int, pages: list[str]) -> str:
    if len(pages) == 1:
        return f"{count} more on page {pages[0]}"
    return f"{count} more on pages {', '.join(pages)}"


def _up_text(ref: UpRef, page: str) -> str:
    kinds = {kind for _, kind in ref.edges}
    verb = "delegated from" if kinds == {TOP_DOWN} else "aligned up to"
    return f"{verb} page {page}"


def _contribution_text(ref: ContributionRef, page: str) -> str:
    return f"contributes to page {page}"


def _safe(identifier: str) -> str:
    return _SAFE.sub("_", identifier)
