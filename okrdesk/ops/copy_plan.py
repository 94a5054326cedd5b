"""What copying objectives into a cycle would do, worked out without changing anything.

`plan_copy(snapshot, ids, target_cycle_id)` answers for a preview; the copy operations ask
the same function inside their transaction, so the preview and the result agree. Within the
copied set, alignments and contributes-to links are kept (copies align to copies); every link
to an objective outside the set is dropped, and listed in `CopyPlan.dropped_links`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from okrdesk.errors import NotFoundError, OperationRefused
from okrdesk.limits import TITLE_LENGTH
from okrdesk.model import KrKind
from okrdesk.ops.checks import quoted
from okrdesk.ops.copy_sources import SnapshotSource
from okrdesk.snapshot import ContributionRow, CycleRow, KeyResultRow, ObjectiveRow, Snapshot

COPY_SUFFIX = " (copy)"


class CopySource(Protocol):
    """What planning a copy reads: from a snapshot, or inside an operation's transaction."""

    def objective(self, objective_id: str) -> ObjectiveRow | None: ...

    def cycle(self, cycle_id: str) -> CycleRow | None: ...

    def key_result(self, kr_id: str) -> KeyResultRow | None: ...

    def key_results_of(self, objective_id: str) -> Sequence[KeyResultRow]: ...

    def objectives_under(self, kr_id: str) -> Sequence[ObjectiveRow]: ...

    def objectives_in(self, cycle_id: str) -> Sequence[ObjectiveRow]: ...

    def contributions_touching(self, objective_id: str) -> Sequence[ContributionRow]: ...


class LinkKind(StrEnum):
    ALIGNED_TO = "aligned_to"  # the copied objective is aligned to one outside the set
    ALIGNED_FROM = "aligned_from"  # one outside the set is aligned to the copied objective
    CONTRIBUTES_TO = "contributes_to"
    CONTRIBUTED_TO_BY = "contributed_to_by"


@dataclass(frozen=True)
class DroppedLink:
    """A link of a copied objective to one outside the set, which its copy will not have."""

    kind: LinkKind
    copied_id: str  # the objective being copied
    other_id: str  # the objective outside the set
    text: str  # for a planner


@dataclass(frozen=True)
class CopyPlan:
    target_cycle_id: str
    objective_ids: tuple[str, ...]  # the originals, in the order their copies are placed
    key_result_ids: dict[str, tuple[str, ...]]  # per original, the key results copied
    kept_alignments: tuple[tuple[str, str], ...]  # (child, parent) among the originals
    kept_contributions: tuple[str, ...]  # ids of contributes-to links inside the set
    dropped_links: tuple[DroppedLink, ...]
    titles: dict[str, str]  # per original, its copy's title ("… (copy)" in its own cycle)


def plan_copy(source: Snapshot | CopySource, objective_ids: Iterable[str],
              target_cycle_id: str) -> CopyPlan:
    """The copies of `objective_ids` in `target_cycle_id`, and the links they keep or drop."""
    source = SnapshotSource(source) if isinstance(source, Snapshot) else source
    if source.cycle(target_cycle_id) is None:
        raise NotFoundError(f"There is no cycle with id {target_cycle_id}.")
    originals: dict[str, ObjectiveRow] = {}
    for objective_id in objective_ids:
        row = source.objective(objective_id)
        if row is None:
            raise NotFoundError(f"There is no objective with id {objective_id}.")
        originals[objective_id] = row
    if not originals:
        raise OperationRefused("There is nothing to copy: choose one or more objectives.")
    ordered = sorted(originals.values(),
                     key=lambda o: (o.cycle_id, o.owner_id, o.position, o.created_at, o.id))
    titles = {o.id: copy_title(o.title) if o.cycle_id == target_cycle_id else o.title
              for o in ordered}
    key_results: dict[str, tuple[str, ...]] = {}
    kept: list[tuple[str, str]] = []
    dropped: list[DroppedLink] = []
    for objective in ordered:
        copied_krs = []
        for kr in source.key_results_of(objective.id):
            children = source.objectives_under(kr.id)
            inside = [child for child in children if child.id in originals]
            kept.extend((child.id, objective.id) for child in inside)
            dropped.extend(_aligned_from(objective, child)
                           for child in children if child.id not in originals)
            if kr.kind != KrKind.OBJECTIVE or inside:
                copied_krs.append(kr.id)
        key_results[objective.id] = tuple(copied_krs)
        dropped.extend(_aligned_to(source, objective, originals))
    contributions, outside = _contributions(source, ordered, originals)
    return CopyPlan(target_cycle_id, tuple(o.id for o in ordered), key_results, tuple(kept),
                    contributions, (*dropped, *outside), titles)


def copy_title(title: str) -> str:
    """"… (copy)", the title shortened if need be to stay within the longest title."""
    return title[:TITLE_LENGTH - len(COPY_SUFFIX)].rstrip() + COPY_SUFFIX


def _aligned_from(objective: ObjectiveRow, child: ObjectiveRow) -> DroppedLink:
    return DroppedLink(LinkKind.ALIGNED_FROM, objective.id, child.id,
                       f"{quoted(child.title)} stays aligned to {quoted(objective.title)}, "
                       "not to its copy.")


def _aligned_to(source: CopySource, objective: ObjectiveRow,
                originals: dict[str, ObjectiveRow]) -> list[DroppedLink]:
    if objective.parent_kr_id is None:
        return []
    parent_id = _parent_id(source, objective)
    if parent_id is None or parent_id in originals:
        return []
    parent = source.objective(parent_id)
    title = quoted(parent.title) if parent is not None else "an objective"
    return [DroppedLink(LinkKind.ALIGNED_TO, objective.id, parent_id,
                        f"The copy of {quoted(objective.title)} will not be aligned to {title}, "
                        "which is not copied.")]


def _parent_id(source: CopySource, objective: ObjectiveRow) -> str | None:
    kr = source.key_result(objective.parent_kr_id) if objective.parent_kr_id else None
    return kr.objective_id if kr is not None else None


def _contributions(source: CopySource, ordered: Sequence[ObjectiveRow],
                   originals: dict[str, ObjectiveRow]
                   ) -> tuple[tuple[str, ...], tuple[DroppedLink, ...]]:
    kept: dict[str, None] = {}
    dropped: list[DroppedLink] = []
    for objective in ordered:
        for link in source.contributions_touching(objective.id):
            if link.source_id in originals and link.target_id in originals:
                kept[link.id] = None
                continue
            outgoing = link.source_id == objective.id
            other_id = link.target_id if outgoing else link.source_id
            other = source.objective(other_id)
            other_title = quoted(other.title) if other is not None else "an objective"
            if outgoing:
                text = (f"The copy of {quoted(objective.title)} will not contribute to "
                        f"{other_title}, which is not copied.")
            else:
                text = (f"{other_title} will contribute to {quoted(objective.title)}, "
                        "not to its copy.")
            kind = LinkKind.CONTRIBUTES_TO if outgoing else LinkKind.CONTRIBUTED_TO_BY
            dropped.append(DroppedLink(kind, objective.id, other_id, text))
    return tuple(kept), tuple(dropped)


# -- choosing what to copy -----------------------------------------------------------------


def subtree_ids(source: Snapshot | CopySource, objective_id: str) -> list[str]:
    """The objective and everything aligned under its key results, however deep."""
    source = SnapshotSource(source) if isinstance(source, Snapshot) else source
    if source.objective(objective_id) is None:
        raise NotFoundError(f"There is no objective with id {objective_id}.")
    found, stack = [objective_id], [objective_id]
    seen = {objective_id}
    while stack:
        for kr in source.key_results_of(stack.pop()):
            for child in source.objectives_under(kr.id):
                if child.id not in seen:
                    seen.add(child.id)
                    found.append(child.id)
                    stack.append(child.id)
    return found


def cycle_ids(source: Snapshot | CopySource, cycle_id: str) -> list[str]:
    """The objectives of one cycle (not those of its quarters)."""
    source = SnapshotSource(source) if isinstance(source, Snapshot) else source
    if source.cycle(cycle_id) is None:
        raise NotFoundError(f"There is no cycle with id {cycle_id}.")
    return [row.id for row in source.objectives_in(cycle_id)]
