"""E-mail addresses of people and teams: checked loosely, and unique within a plan.

Loosely, because a plan is not a mail client: one `@` with text on both sides and a dot in the
part after it, no spaces. Unique, because an address names one person or team when plans are
merged or people are matched from a list; letter case (of ASCII letters, as SQLite compares
them) does not make two addresses differ.
Empty means "not known" and may repeat.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from okrdesk.errors import OperationRefused

if TYPE_CHECKING:
    from okrdesk.storage.transaction import Transaction

MAX_EMAIL_LENGTH = 254


def email_address(value: object) -> str:
    """The address trimmed, or "" for none; refused if it cannot be an address."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise OperationRefused(f"The e-mail address must be text, not {value!r}.")
    address = value.strip()
    if not address:
        return ""
    local, at, domain = address.partition("@")
    problem = ""
    if any(character.isspace() for character in address):
        problem = "it contains a space"
    elif not at or "@" in domain:
        problem = "it needs exactly one @"
    elif not local or not domain:
        problem = "it needs text before and after the @"
    elif "." not in domain.strip(".") or ".." in domain:
        problem = "the part after the @ needs a dot, as in example.com"
    elif len(address) > MAX_EMAIL_LENGTH:
        problem = f"it is longer than {MAX_EMAIL_LENGTH} characters"
    if problem:
        raise OperationRefused(f"{address[:80]!r} is not an e-mail address: {problem}.")
    return address


def refuse_taken_email(tx: Transaction, unit_id: str | None, address: str) -> None:
    """Refuse an address that another person or team of the plan already has."""
    if not address:
        return
    from sqlalchemy import func, select  # the write path's modules load with the first change

    from okrdesk.storage.transaction import table_of

    units = table_of("units")
    query = (select(units.c.name, units.c.email)
             .where(func.lower(units.c.email) == func.lower(address), units.c.id != (unit_id or ""))
             .limit(1))
    taken = tx.connection.execute(query).first()
    if taken is not None:
        raise OperationRefused(f"{taken.name} already has the e-mail address {taken.email}.")
