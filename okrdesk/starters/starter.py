"""A starter: the levels, functions and (optionally) example people a new plan begins with,
read from a small JSON file and checked with messages that name the problem.

```json
{"title": "Three-level start-up", "description": "...",
 "levels": ["Founders", "Leads", "Team"], "functions": ["Product", "Engineering"],
 "people": [{"key": "ceo", "name": "Sam Rivera", "level": "Founders", "role": "CEO",
             "function": null, "manager": null, "kind": "person", "email": ""}]}
```
A person's `level` and `function` name one of the starter's; `manager` is another person's
`key`. Only `title`, `levels` and each person's `key`, `name` and `level` are required.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from okrdesk import limits
from okrdesk.errors import OkrDeskError, OperationRefused
from okrdesk.model import UnitKind
from okrdesk.ops.emails import email_address

MAX_STARTER_BYTES = 1_000_000
STARTER_KEYS = {"title", "description", "levels", "functions", "people"}
PERSON_KEYS = {"key", "name", "level", "kind", "role", "function", "manager", "email"}


class StarterError(OkrDeskError):
    """A starter file cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class StarterPerson:
    key: str  # names the person within the starter (a unit's id when taken from a plan)
    name: str
    level: str
    kind: str = "person"
    role: str = ""
    function: str | None = None
    manager: str | None = None  # another person's key
    email: str = ""


@dataclass(frozen=True)
class Starter:
    title: str
    levels: tuple[str, ...]
    functions: tuple[str, ...] = ()
    people: tuple[StarterPerson, ...] = ()
    description: str = ""

    def people_at(self, level: str) -> list[StarterPerson]:
        return [person for person in self.people if person.level == level]


def parse_starter(text: str | bytes, source: str) -> Starter:
    """The starter written in `text`; `source` (a file name) starts every error message."""
    if len(text) > MAX_STARTER_BYTES:
        raise StarterError(f"{source}: the starter is larger than 1 MB; it cannot be one.")
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError) as error:
        raise StarterError(f"{source}: not a JSON file ({error}).") from None
    return starter_from_data(data, source)


def starter_from_data(data: object, source: str) -> Starter:
    checker = _Checker(source)
    if not isinstance(data, dict):
        checker.fail("", f"a starter is a JSON object, not {limits.shown(data)}")
    assert isinstance(data, dict)
    checker.unknown_keys("", data, STARTER_KEYS)
    title = checker.text("title", data.get("title"), limits.PLAN_NAME)
    description = checker.text("description", data.get("description", ""), limits.LONG_TEXT)
    levels = checker.names("levels", data.get("levels"), "levels", required=True)
    functions = checker.names("functions", data.get("functions", []), "functions")
    people_data = data.get("people", [])
    if not isinstance(people_data, list):
        checker.fail("people", f"must be a list, not {limits.shown(people_data)}")
    people = tuple(checker.person(f"people[{index}]", item, levels, functions)
                   for index, item in enumerate(people_data))
    checker.reporting_lines(people)
    return Starter(title, levels, functions, people, description)


class _Checker:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, problem: str) -> None:
        place = f"{where}: " if where else ""
        raise StarterError(f"{self.source}: {place}{problem}.")

    def unknown_keys(self, where: str, data: dict[str, Any], known: set[str]) -> None:
        unknown = sorted(set(data) - known)
        if unknown:
            self.fail(where, f"unknown field {unknown[0]!r}; the fields are "
                             f"{', '.join(sorted(known))}")

    def text(self, where: str, value: object, rule: limits.Limit) -> str:
        if value is None and getattr(rule, "required", False):
            self.fail(where, "is missing")
        self.check(where, rule.problem(value))
        assert isinstance(value, str)
        return value.strip()

    def check(self, where: str, problem: str) -> None:
        if problem:
            self.fail(where, problem)

    def names(self, where: str, value: object, table: str, *,
              required: bool = False) -> tuple[str, ...]:
        if not isinstance(value, list):
            self.fail(where, "is missing" if value is None else
                      f"must be a list of names, not {limits.shown(value)}")
        assert isinstance(value, list)
        if required and not value:
            self.fail(where, "a plan needs at least one level")
        names: list[str] = []
        for index, item in enumerate(value):
            name = self.text(f"{where}[{index}]", item, limits.limit_of(table, "name"))
            if name in names:
                self.fail(f"{where}[{index}]", f"{name!r} appears twice")
            names.append(name)
        return tuple(names)

    def person(self, where: str, data: object, levels: Sequence[str],
               functions: Sequence[str]) -> StarterPerson:
        if not isinstance(data, dict):
            self.fail(where, f"a person is a JSON object, not {limits.shown(data)}")
        assert isinstance(data, dict)
        self.unknown_keys(where, data, PERSON_KEYS)
        key = self.text(f"{where}.key", data.get("key"), limits.Text(64, required=True))
        name = self.text(f"{where}.name", data.get("name"), limits.limit_of("units", "name"))
        level = data.get("level")
        if level not in levels:
            self.fail(f"{where}.level", f"{limits.shown(level)} is not one of the levels "
                                        f"({', '.join(levels)})")
        function = data.get("function")
        if function is not None and function not in functions:
            shown = ", ".join(functions) or "there are none"
            self.fail(f"{where}.function", f"{limits.shown(function)} is not one of the "
                                           f"functions ({shown})")
        kind = data.get("kind", UnitKind.PERSON.value)
        if kind not in [member.value for member in UnitKind]:
            self.fail(f"{where}.kind", f"must be \"person\" or \"team\", not "
                                       f"{limits.shown(kind)}")
        role = self.text(f"{where}.role", data.get("role", ""), limits.limit_of("units", "role"))
        manager = data.get("manager")
        if manager is not None and not isinstance(manager, str):
            self.fail(f"{where}.manager", f"must be another person's key, not "
                                          f"{limits.shown(manager)}")
        try:
            email = email_address(data.get("email", ""))
        except OperationRefused as error:
            self.fail(f"{where}.email", str(error).rstrip("."))
        return StarterPerson(key, name, str(level), str(kind), role, function, manager, email)

    def reporting_lines(self, people: Sequence[StarterPerson]) -> None:
        by_key: dict[str, StarterPerson] = {}
        for index, person in enumerate(people):
            if person.key in by_key:
                self.fail(f"people[{index}].key", f"{person.key!r} is the key of two people")
            by_key[person.key] = person
        emails = [person.email.lower() for person in people if person.email]
        if len(set(emails)) != len(emails):
            self.fail("people", "two people have the same e-mail address")
        for index, person in enumerate(people):
            if person.manager is not None and person.manager not in by_key:
                self.fail(f"people[{index}].manager", f"no person has the key {person.manager!r}")
            seen = {person.key}
            manager = person.manager
            while manager is not None:
                if manager in seen:
                    self.fail(f"people[{index}].manager", f"{person.name} would report to "
                                                          "themselves through others")
                seen.add(manager)
                manager = by_key[manager].manager
