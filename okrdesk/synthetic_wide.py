"""Wide, shallow synthetic plans shaped like companies' published OKRs, for maps' tests and bench.

Three or four levels; an objective that has objectives aligned under it has seven to fifteen of
them; most are aligned up as key results of their parent, the rest sit under (or are delegated
from) one of its measured key results; a few skip a level. Titles are as long as published ones.
Deterministic for a given seed.

    wide_plan(path, levels=4, objectives=128, seed=1)
"""

from __future__ import annotations

import random
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from okrdesk.storage.plan import Plan
from okrdesk.storage.transaction import table_of

LEVEL_NAMES = ("C-suite", "Vice Presidents", "Directors", "Managers")
FAN_OUT = (7, 15)
ALIGNED_UP_SHARE = 0.7  # the rest sit under a measured key result of the parent
SKIP_CHANCE = 0.25  # of the objectives that can skip: nothing under them, a level below
_VERBS = ("Grow", "Improve", "Launch", "Reduce", "Strengthen", "Simplify", "Expand", "Win",
          "Deliver", "Modernise", "Double", "Halve")
_THINGS = ("recurring revenue from mid-size customers", "the partner channel in Europe",
           "onboarding for new enterprise accounts", "release quality of the mobile app",
           "service response times in every region", "pipeline coverage for next quarter",
           "cost to serve small accounts", "engagement of our engineering teams",
           "adoption of the self-service portal", "data quality in the customer records",
           "hiring for the new Berlin office", "renewals of three-year contracts")
_FIRST = ("Ada", "Ben", "Chen", "Dana", "Eli", "Fatima", "Goran", "Hana", "Ines", "Jon",
          "Kemal", "Lena", "Mo", "Nadia", "Omar", "Pia", "Quinn", "Rosa", "Sami", "Tara")
_LAST = ("Adams", "Berg", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Horvat", "Ito",
         "Jansen", "Kowalski", "Larsen", "Moreau", "Novak", "Okafor", "Patel", "Rossi")
TABLE_ORDER = ("settings", "levels", "cycles", "units", "objectives", "key_results")


def level_counts(levels: int, objectives: int) -> list[int]:
    """Objectives per level: one at the top, then a geometric widening down to the last."""
    low, high = 1.0, float(objectives)
    for _ in range(60):
        ratio = (low + high) / 2
        low, high = ((ratio, high) if sum(ratio**k for k in range(levels)) < objectives
                     else (low, ratio))
    counts = [1] + [max(FAN_OUT[0], round(low**k)) for k in range(1, levels - 1)]
    counts.append(max(1, objectives - sum(counts)))
    return counts


class _Wide:
    def __init__(self, levels: int, objectives: int, seed: int) -> None:
        if not 2 <= levels <= len(LEVEL_NAMES):
            raise ValueError(f"levels must be 2 to {len(LEVEL_NAMES)}")
        self.levels, self.objectives, self.rng = levels, objectives, random.Random(seed)
        self.rows: dict[str, list[dict[str, Any]]] = {}
        self.stamp = "2026-12-01T09:00:00.000000+00:00"

    def add(self, table: str, **values: Any) -> dict[str, Any]:
        values.setdefault("id", str(uuid.UUID(int=self.rng.getrandbits(128), version=4)))
        row = {"created_at": self.stamp, "updated_at": self.stamp, **values}
        self.rows.setdefault(table, []).append(row)
        return row

    def build(self) -> dict[str, list[dict[str, Any]]]:
        name = f"Wide plan, {self.objectives} objectives on {self.levels} levels"
        for key, value in {"plan_name": name, "bottom_up_target": "0.5"}.items():
            self.add("settings", key=key, value=value)
        self.cycle = self.add("cycles", name="2027", kind="year", parent_id=None,
                              starts_on="2027-01-01", ends_on="2027-12-31")["id"]
        self.level_ids = [self.add("levels", rank=r, name=n)["id"]
                          for r, n in enumerate(LEVEL_NAMES[:self.levels])]
        tiers = self._tree()
        for tier in tiers:
            for objective, _ in tier:
                self._key_results(objective)
        return self.rows

    def _tree(self) -> list[list[tuple[dict[str, Any], dict[str, Any] | None]]]:
        """Objectives level by level, each with the objective it aligns to."""
        counts = level_counts(self.levels, self.objectives)
        tiers: list[list[tuple[dict[str, Any], dict[str, Any] | None]]] = [
            [(self._objective(0, None, n), None) for n in range(counts[0])]]
        for rank in range(1, self.levels):
            parents = [o for o, _ in tiers[-1]]
            self.rng.shuffle(parents)
            tier: list[tuple[dict[str, Any], dict[str, Any] | None]] = []
            for index, parent in enumerate(parents):
                left = counts[rank] - len(tier)
                if left <= 0:
                    break
                share = self.rng.randint(*FAN_OUT)
                if index == len(parents) - 1 or left - share < FAN_OUT[0]:
                    share = left if left <= FAN_OUT[1] else min(share, left - FAN_OUT[0])
                for _ in range(min(share, left)):
                    tier.append((self._objective(rank, parent, len(tier)), parent))
            tiers.append(tier)
        return tiers

    def _objective(self, rank: int, parent: dict[str, Any] | None, n: int) -> dict[str, Any]:
        rng = self.rng
        manager = parent["owner_id"] if parent else None
        owner = self.add("units", name=f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
                         kind="person", role=LEVEL_NAMES[rank], level_id=self.level_ids[rank],
                         function_id=None, manager_id=manager)["id"]
        title = f"{rng.choice(_VERBS)} {rng.choice(_THINGS)}"
        if rng.random() < 0.5:
            title += f" ({LEVEL_NAMES[rank].lower()} {n + 1})"
        row = self.add("objectives", title=title, description="", owner_id=owner,
                       cycle_id=self.cycle, origin="own", commitment="committed",
                       visibility="published", status=None, parent_kr_id=None, position=n)
        row["_children"] = []
        if parent is not None:
            parent["_children"].append(row)
        return row

    def _key_results(self, objective: dict[str, Any]) -> None:
        rng = self.rng
        metrics = [self.add("key_results", objective_id=objective["id"],
                            title=f"{rng.choice(_VERBS)} {rng.choice(_THINGS)[:30]} to "
                                  f"{rng.choice((20, 50, 80, 120))} %",
                            kind="increase", origin="own", unit="%", start_value=0.0,
                            target_value=100.0, current_value=round(rng.uniform(0, 100), 1),
                            weight=1.0, confidence=0.6, position=p)
                   for p in range(rng.choice((2, 2, 3)))]
        position = len(metrics)
        for child in objective.pop("_children"):
            if rng.random() < ALIGNED_UP_SHARE:
                child["parent_kr_id"] = self.add(
                    "key_results", objective_id=objective["id"], title=child["title"],
                    kind="objective", origin="own", unit="", start_value=None,
                    target_value=None, current_value=None, weight=1.0, confidence=None,
                    position=position)["id"]
                position += 1
            else:
                child["parent_kr_id"] = rng.choice(metrics)["id"]
                child["origin"] = "delegated" if rng.random() < 0.5 else "own"


def _skip_levels(rows: dict[str, list[dict[str, Any]]], rng: random.Random) -> None:
    """Move a few objectives with nothing under them one level down, so their link skips one."""
    level_rank = {row["id"]: row["rank"] for row in rows["levels"]}
    by_rank = {rank: lid for lid, rank in level_rank.items()}
    units = {row["id"]: row for row in rows["units"]}
    kr_owner = {row["id"]: row["objective_id"] for row in rows["key_results"]}
    parents = {kr_owner[o["parent_kr_id"]] for o in rows["objectives"] if o["parent_kr_id"]}
    objectives = {row["id"]: row for row in rows["objectives"]}
    metrics: dict[str, list[str]] = {}
    measured = {row["id"] for row in rows["key_results"] if row["kind"] != "objective"}
    for row in rows["key_results"]:
        if row["kind"] != "objective":
            metrics.setdefault(row["objective_id"], []).append(row["id"])
    for objective in rows["objectives"]:
        unit = units[objective["owner_id"]]
        rank = level_rank[unit["level_id"]]
        if (rank >= 1 and rank + 1 in by_rank and objective["parent_kr_id"]
                and objective["id"] not in parents and rng.random() < SKIP_CHANCE):
            unit["level_id"] = by_rank[rank + 1]
        elif (rank == len(by_rank) - 1 and objective["parent_kr_id"] in measured
              and rng.random() < SKIP_CHANCE / 3):
            # aligned straight to its parent's parent, under one of its measured results
            grandparent = objectives[kr_owner[objectives[kr_owner[objective["parent_kr_id"]]]
                                              ["parent_kr_id"]]]
            objective["parent_kr_id"] = metrics[grandparent["id"]][0]


def wide_plan(path: Path | str, *, levels: int = 4, objectives: int = 128, seed: int = 1,
              overwrite: bool = False) -> Path:
    """Write a wide, shallow plan of `objectives` objectives on `levels` levels to `path`."""
    builder = _Wide(levels, objectives, seed)
    rows = builder.build()
    _skip_levels(rows, builder.rng)
    path = Path(path)
    plan = Plan.create(path, overwrite=overwrite)
    try:
        with plan.engine.connect().execution_options(sqlite_begin="IMMEDIATE") as connection:
            connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
            for table in TABLE_ORDER:
                if rows.get(table):
                    connection.execute(insert(table_of(table)), rows[table])
            connection.commit()
    finally:
        plan.close()
    return path
