"""Where planning a copy reads from: a snapshot (for a preview), or the rows of the copied set
read in bulk inside an operation's transaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from okrdesk.snapshot import ContributionRow, CycleRow, KeyResultRow, ObjectiveRow, Snapshot

if TYPE_CHECKING:
    from okrdesk.storage.transaction import Transaction

CHUNK = 500  # ids per IN (...), well below SQLite's limit on bound values


class SnapshotSource:
    """Reads a snapshot; the contributions index is built on first use (make one per preview)."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self._links: dict[str, list[ContributionRow]] | None = None

    def objective(self, objective_id: str) -> ObjectiveRow | None:
        return self.snapshot.objectives.get(objective_id)

    def cycle(self, cycle_id: str) -> CycleRow | None:
        return self.snapshot.cycles.get(cycle_id)

    def key_result(self, kr_id: str) -> KeyResultRow | None:
        return self.snapshot.key_results.get(kr_id)

    def key_results_of(self, objective_id: str) -> Sequence[KeyResultRow]:
        return self.snapshot.key_results_of(objective_id)

    def objectives_under(self, kr_id: str) -> Sequence[ObjectiveRow]:
        return self.snapshot.objectives_under(kr_id)

    def objectives_in(self, cycle_id: str) -> Sequence[ObjectiveRow]:
        return [row for row in self.snapshot.objectives.values() if row.cycle_id == cycle_id]

    def contributions_touching(self, objective_id: str) -> Sequence[ContributionRow]:
        if self._links is None:
            links: dict[str, list[ContributionRow]] = defaultdict(list)
            for link in self.snapshot.contributions.values():
                links[link.source_id].append(link)
                links[link.target_id].append(link)
            self._links = links
        return self._links.get(objective_id, ())


class TransactionSource:
    """Reads inside an operation's transaction and remembers what it read.

    `load(ids)` reads a whole set of objectives with their key results, the objectives under
    those, their contributes-to links and the objectives at the other end, in a few queries;
    anything not loaded is read on demand, one indexed query each.
    """

    def __init__(self, tx: Transaction) -> None:
        self.tx = tx
        self._objectives: dict[str, ObjectiveRow | None] = {}
        self._key_results: dict[str, KeyResultRow | None] = {}
        self._krs_of: dict[str, list[KeyResultRow]] = {}
        self._under: dict[str, list[ObjectiveRow]] = {}
        self._links: dict[str, list[ContributionRow]] = {}

    def load(self, objective_ids: Iterable[str]) -> None:
        ids = [i for i in dict.fromkeys(objective_ids) if i not in self._krs_of]
        self._remember_objectives(self.tx.rows_with_ids("objectives", ids), ids)
        krs_of: dict[str, list[KeyResultRow]] = {i: [] for i in ids}
        for row in self._where_in("key_results", "objective_id", ids):
            kr = self._key_results[row["id"]] = KeyResultRow(**row)
            krs_of[kr.objective_id].append(kr)
        self._krs_of.update(krs_of)
        kr_ids = [kr.id for krs in krs_of.values() for kr in krs]
        under: dict[str, list[ObjectiveRow]] = {i: [] for i in kr_ids}
        for row in self._where_in("objectives", "parent_kr_id", kr_ids):
            child = self._objectives[row["id"]] = ObjectiveRow(**row)
            under[row["parent_kr_id"]].append(child)
        self._under.update(under)
        links: dict[str, list[ContributionRow]] = {i: [] for i in ids}
        for row in self._where_in("contributions", ("source_id", "target_id"), ids):
            link = ContributionRow(**row)
            for end in {link.source_id, link.target_id} & links.keys():
                links[end].append(link)
        self._links.update(links)
        # What the set points at: the key results its objectives align to, those key results'
        # objectives, and the other ends of the links (their titles appear in the report).
        self._remember_key_results([o.parent_kr_id for i in ids if (o := self._objectives[i])
                                    and o.parent_kr_id])
        others = [kr.objective_id for kr in self._key_results.values() if kr is not None]
        others += [end for group in links.values() for link in group
                   for end in (link.source_id, link.target_id)]
        self._remember_objectives(self.tx.rows_with_ids(
            "objectives", [i for i in dict.fromkeys(others) if i not in self._objectives]), ())

    def objective(self, objective_id: str) -> ObjectiveRow | None:
        if objective_id not in self._objectives:
            row = self.tx.get("objectives", objective_id)
            self._objectives[objective_id] = ObjectiveRow(**row) if row else None
        return self._objectives[objective_id]

    def cycle(self, cycle_id: str) -> CycleRow | None:
        row = self.tx.get("cycles", cycle_id)
        return CycleRow(**row) if row else None

    def key_result(self, kr_id: str) -> KeyResultRow | None:
        if kr_id not in self._key_results:
            self._remember_key_results([kr_id])
        return self._key_results.get(kr_id)

    def key_results_of(self, objective_id: str) -> Sequence[KeyResultRow]:
        if objective_id not in self._krs_of:
            self._krs_of[objective_id] = [
                KeyResultRow(**row)
                for row in self.tx.rows("key_results", objective_id=objective_id)]
        return self._krs_of[objective_id]

    def objectives_under(self, kr_id: str) -> Sequence[ObjectiveRow]:
        if kr_id not in self._under:
            self._under[kr_id] = [ObjectiveRow(**row)
                                  for row in self.tx.rows("objectives", parent_kr_id=kr_id)]
        return self._under[kr_id]

    def objectives_in(self, cycle_id: str) -> Sequence[ObjectiveRow]:
        return [ObjectiveRow(**row) for row in self.tx.rows("objectives", cycle_id=cycle_id)]

    def contributions_touching(self, objective_id: str) -> Sequence[ContributionRow]:
        if objective_id not in self._links:
            self._links[objective_id] = [
                ContributionRow(**row) for column in ("source_id", "target_id")
                for row in self.tx.rows("contributions", **{column: objective_id})]
        return self._links[objective_id]

    # -- reading in bulk --------------------------------------------------------------------

    def _remember_objectives(self, rows: dict[str, dict[str, Any]], ids: Iterable[str]) -> None:
        for objective_id in ids:
            self._objectives[objective_id] = None
        for objective_id, row in rows.items():
            self._objectives[objective_id] = ObjectiveRow(**row)

    def _remember_key_results(self, kr_ids: list[str]) -> None:
        wanted = [i for i in dict.fromkeys(kr_ids) if i not in self._key_results]
        rows = self.tx.rows_with_ids("key_results", wanted)
        for kr_id in wanted:
            row = rows.get(kr_id)
            self._key_results[kr_id] = KeyResultRow(**row) if row else None

    def _where_in(self, table: str, columns: str | tuple[str, ...],
                  values: list[str]) -> list[dict[str, Any]]:
        """Rows whose column (any of `columns`) is among `values`, in the order `tx.rows`
        gives, read in chunks."""
        from sqlalchemy import or_, select  # the write path's modules load with the first change

        from okrdesk.storage.transaction import table_of

        t = table_of(table)
        names = (columns,) if isinstance(columns, str) else columns
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(values), CHUNK):
            chunk = values[start:start + CHUNK]
            query = select(t).where(or_(*(t.c[name].in_(chunk) for name in names)))
            found.update((row["id"], dict(row)) for row in self.tx.connection.execute(query)
                         .mappings())
        order = ("position", "created_at", "id") if "position" in t.c else ("created_at", "id")
        return sorted(found.values(), key=lambda row: tuple(row[key] for key in order))
