"""Wide, shallow plans shaped like companies' published OKRs, for the map tests."""

from __future__ import annotations

from pathlib import Path

from tests.core.builders import empty_org

TEAMS = ("platform", "payments", "mobile", "search", "data", "security", "growth", "support",
         "billing", "identity", "partner", "checkout", "logistics", "pricing", "design")


def wide_plan(path: Path, fan_out: tuple[int, ...] = (9, 7)) -> tuple[Path, list[str], list[str]]:
    """One company objective and `fan_out[k]` objectives aligned up under each objective of
    the level above, every objective with two key results; long titles that wrap over two or
    three lines. Returns the path, the objective titles and the key result titles."""
    titles: list[str] = []
    kr_titles: list[str] = []
    levels = ("C-suite", "Vice Presidents", "Directors", "Managers")
    with empty_org(path, name="Wide plan") as org:
        def objective(rank: int, number: int, manager: str | None) -> tuple[str, str]:
            person = f"Person {rank}-{number}"
            org.person(person, levels[rank], manager=manager)
            team = TEAMS[number % len(TEAMS)]
            title = (f"Source {210 + 7 * number + rank} candidates and hire a senior "
                     f"engineer for the {team} team, level {rank + 1} number {number}")
            oid = org.objective(person, title)
            titles.append(title)
            for k, kind in enumerate(("offers", "interviews")):
                kr = f"{kind.capitalize()} made for the {team} team, objective {rank}-{number}"
                org.key_result(oid, kr, kind="increase", start_value=0, target_value=10,
                               current_value=(number * 3 + k) % 11)
                kr_titles.append(kr)
            return oid, person

        top, boss = objective(0, 0, None)
        parents = [(top, boss)]
        count = 1
        for rank, width in enumerate(fan_out, start=1):
            children = []
            for parent, manager in parents:
                for _ in range(width):
                    child, person = objective(rank, count, manager)
                    count += 1
                    org.align_up(child, parent)
                    kr_titles.append(titles[-1])  # aligning up adds a key result named so
                    children.append((child, person))
            parents = children
    return path, titles, kr_titles
