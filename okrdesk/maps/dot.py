"""DOT source of a whole view as one graph (DOT output, and the single-picture SVG or PNG), and
the alignment line statement that detail pages share. User text enters only through the card
and text modules' escaping; node names and attribute values written here are the map's own."""

from __future__ import annotations

import re

from okrdesk.maps.cards import card, kr_port, title_block
from okrdesk.maps.highlight import node_class
from okrdesk.maps.style import (
    BORDER,
    EDGE,
    FONT,
    MUTED,
    NOT_UPWARD,
    NOT_UPWARD_COLOR,
    SKIP_COLOR,
    TEXT_PT,
    TITLE_PT,
    not_upward_words,
)
from okrdesk.maps.text import escape
from okrdesk.maps.view import MapView, function_of

_SAFE = re.compile(r"[^A-Za-z0-9-]")


def build_dot(view: MapView, graph_attributes: str = "") -> str:
    """The whole view as one graph, laid out by `dot`: cards in one row per level."""
    names = view.node_names()
    title = view.labels.get(("title", ""))
    if title is None:
        title = view.labels[("title", "")] = title_block(view, "")
    out = [
        "digraph map {",
        f'graph [charset="UTF-8", rankdir=TB, newrank=true, nodesep=0.3, ranksep=0.5, '
        f'fontname="{FONT}", labelloc=t, labeljust=l, margin=0, label=<{title}>'
        f"{graph_attributes}];",
        f'node [shape=plain, fontname="{FONT}", fontsize={TEXT_PT}];',
        f'edge [fontname="{FONT}", fontsize={TEXT_PT}, fontcolor="{MUTED}", arrowsize=0.8];',
    ]
    ranks: dict[int, list[str]] = {}
    clusters: dict[str | None, list[str]] = {}
    for oid in view.objective_ids:
        name = names[oid]
        group = function_of(view.snapshot, oid) if view.request.clusters else None
        clusters.setdefault(group, []).append(
            f'{name} [id="obj-{safe_id(oid)}", {node_class(view.highlight, oid)}'
            f"label=<{_card(view, oid)}>];")
        ranks.setdefault(view.rank(oid), []).append(name)
    for n, (function_id, nodes) in enumerate(clusters.items()):
        if function_id is None:
            out.extend(nodes)
            continue
        heading = escape(view.snapshot.functions[function_id].name)
        out.append(f'subgraph cluster_function{n} {{ label=<<FONT POINT-SIZE="{TITLE_PT}" '
                   f'COLOR="{MUTED}"><B>{heading}</B></FONT>>; style="rounded,dashed"; '
                   f'color="{BORDER}"; labeljust=l;')
        out.extend(nodes)
        out.append("}")
    ports = {kr: kr_port(i) for oid in view.objective_ids
             for i, kr in enumerate(view.snapshot.krs_of.get(oid, ()))}
    shown = set(view.objective_ids)
    for oid in view.objective_ids:
        link = view.links.get(oid)
        if link is not None and link.parent in shown:
            out.append(edge(f"{names[link.parent]}:{ports[link.kr_id]}:e", names[oid],
                            link.kind, f"link-{safe_id(oid)}", link.skipped, link.down))
    for source, target in view.contributions:
        if source in shown and target in shown:
            out.append(f'{names[source]} -> {names[target]} [id="contributes-{safe_id(source)}-'
                       f'{safe_id(target)}", class="contributes", {EDGE["contributes"]}];')
    out[4:4] = _lanes(view, ranks)
    out.append("}")
    return "\n".join(out)


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


def edge(tail: str, head: str, kind: str, edge_id: str, skipped: int,
         down: int | None = None) -> str:
    """DOT statement of an alignment line of `kind`, marked if it skips levels or, from a
    hand-edited file, does not run upwards (`down`: levels down, 0 for the same level)."""
    classes = f"alignment {kind}" + (" skip-level" if skipped else "")
    extra = ""
    if skipped:
        levels = "level" if skipped == 1 else "levels"
        extra = (f', color="{SKIP_COLOR[kind]}", '
                 f'label=<<FONT POINT-SIZE="{TEXT_PT}">skips {skipped} {levels}</FONT>>')
    if down is not None:
        classes += " not-upward"
        extra = (f", {NOT_UPWARD}, constraint=false, "
                 f'label=<<FONT POINT-SIZE="{TEXT_PT}" COLOR="{NOT_UPWARD_COLOR}">'
                 f"{not_upward_words(down)}</FONT>>")
    return f'{tail} -> {head} [id="{edge_id}", class="{classes}", {EDGE[kind]}{extra}];'


def safe_id(identifier: str) -> str:
    return _SAFE.sub("_", identifier)

